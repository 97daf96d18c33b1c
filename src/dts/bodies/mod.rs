//! Function bodies a module's declarations cannot depend on. `plugbuild tsc` empties them before
//! the resolver runs, and a build copies the module for its declarations without them: the
//! resolver, the copy, the annotation pass and the declaration emitter then handle signatures
//! instead of whole programs.
//!
//! A body matters to a declaration only when a type is inferred from it: the return type of a
//! function or arrow without a written one. So a body is left out when its function has a written
//! return type, or its declaration prints no type at all (private members), or no return type
//! exists (constructors and setters of a TypeScript class, setters of an object literal; a
//! JavaScript constructor's `this.x =` assignments declare properties, so JavaScript is left
//! alone).

pub mod blanking;
pub mod jsx;
pub mod tokens;

use swc_core::common::{Span, Spanned};
use swc_core::ecma::ast::{
    Accessibility, ArrowExpr, ArrowFunctionBody, ClassMember, Constructor, Function, FunctionBody,
    MethodKind, Module, PrivateMethod, SetterProp, Stmt,
};
use swc_core::ecma::visit::{VisitMut, VisitMutWith};

/// Empties the bodies of a TypeScript module's functions whose declarations do not read them.
pub fn empty_unread_bodies(module: &mut Module) {
    drop(take_unread_bodies(module));
}

/// A copy of a TypeScript module without the bodies its declarations do not read; `module` itself
/// is left as it was (the bodies are taken out for the copy and put back).
pub fn copy_without_unread_bodies(module: &mut Module) -> Module {
    let taken = take_unread_bodies(module);
    let copy = module.clone();
    restore_unread_bodies(module, taken);
    copy
}

/// What `take_unread_bodies` took out of a module, in the order it met the bodies.
struct TakenBodies(Vec<Taken>);

enum Taken {
    Statements(Vec<Stmt>),
    /// An arrow's expression body (`=> value`), replaced by an empty block meanwhile.
    Arrow(Box<ArrowFunctionBody>),
}

/// Takes the unread bodies out of a TypeScript module (they are left empty), so that a copy of it
/// made meanwhile leaves them out; `restore_unread_bodies` puts them back.
fn take_unread_bodies(module: &mut Module) -> TakenBodies {
    let mut walker = BodyWalker {
        mode: Mode::Take(Vec::new()),
    };
    module.visit_mut_with(&mut walker);
    match walker.mode {
        Mode::Take(taken) => TakenBodies(taken),
        _ => TakenBodies(Vec::new()),
    }
}

/// The spans of the block bodies (braces included) that `empty_unread_bodies` would empty, and of
/// those nested in them: the bodies whose text a declaration-only run need not parse (see
/// `blanking`). The module is not changed.
pub fn unread_body_spans(module: &mut Module) -> Vec<Span> {
    let mut walker = BodyWalker {
        mode: Mode::Collect(Vec::new()),
    };
    module.visit_mut_with(&mut walker);
    match walker.mode {
        Mode::Collect(spans) => spans,
        _ => Vec::new(),
    }
}

/// Puts back what `take_unread_bodies` took from the same module.
fn restore_unread_bodies(module: &mut Module, taken: TakenBodies) {
    let mut walker = BodyWalker {
        mode: Mode::Restore(taken.0.into_iter()),
    };
    module.visit_mut_with(&mut walker);
}

enum Mode {
    Take(Vec<Taken>),
    Restore(std::vec::IntoIter<Taken>),
    /// Notes the bodies' spans and walks into them.
    Collect(Vec<Span>),
}

/// Walks the same bodies in the same order whether it takes or restores them: a body it takes is
/// not entered, and the conditions only look at signatures, which taking leaves alone.
struct BodyWalker {
    mode: Mode,
}

impl BodyWalker {
    fn swap(&mut self, body: &mut Option<FunctionBody>) {
        // An overload signature has no body; an implementation keeps an (empty) one.
        let Some(block) = body else {
            return;
        };
        match &mut self.mode {
            Mode::Take(taken) => taken.push(Taken::Statements(std::mem::take(&mut block.stmts))),
            Mode::Restore(taken) => {
                if let Some(Taken::Statements(stmts)) = taken.next() {
                    block.stmts = stmts;
                }
            }
            Mode::Collect(spans) => {
                spans.push(block.span);
                block.visit_mut_children_with(self);
            }
        }
    }

    fn swap_arrow(&mut self, arrow: &mut ArrowExpr) {
        match &mut self.mode {
            Mode::Take(taken) => {
                let empty = ArrowFunctionBody::FunctionBody(FunctionBody {
                    span: arrow.body.span(),
                    stmts: Vec::new(),
                });
                let body = std::mem::replace(&mut arrow.body, Box::new(empty));
                taken.push(Taken::Arrow(body));
            }
            Mode::Restore(taken) => {
                if let Some(Taken::Arrow(body)) = taken.next() {
                    arrow.body = body;
                }
            }
            Mode::Collect(spans) => {
                if let ArrowFunctionBody::FunctionBody(block) = &*arrow.body {
                    spans.push(block.span);
                }
                arrow.body.visit_mut_with(self);
            }
        }
    }
}

impl VisitMut for BodyWalker {
    fn visit_mut_function(&mut self, n: &mut Function) {
        if n.return_type.is_some() {
            n.params.visit_mut_with(self);
            self.swap(&mut n.body);
        } else {
            n.visit_mut_children_with(self);
        }
    }

    fn visit_mut_arrow_expr(&mut self, n: &mut ArrowExpr) {
        if n.return_type.is_some() {
            n.params.visit_mut_with(self);
            self.swap_arrow(n);
        } else {
            n.visit_mut_children_with(self);
        }
    }

    /// An object literal's setter: no type is inferred from its body either.
    fn visit_mut_setter_prop(&mut self, n: &mut SetterProp) {
        n.function.params.visit_mut_with(self);
        self.swap(&mut n.function.body);
    }

    fn visit_mut_class_member(&mut self, n: &mut ClassMember) {
        match n {
            ClassMember::Method(method)
                if method.accessibility == Some(Accessibility::Private)
                    || method.kind == MethodKind::Setter =>
            {
                self.swap(&mut method.function.body);
            }
            ClassMember::PrivateMethod(PrivateMethod { function, .. }) => {
                self.swap(&mut function.body);
            }
            ClassMember::Constructor(Constructor { body, params, .. }) => {
                params.visit_mut_with(self);
                self.swap(body);
            }
            _ => n.visit_mut_children_with(self),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use swc_core::common::{sync::Lrc, SourceMap};
    use swc_core::ecma::codegen::{text_writer::JsWriter, Emitter};

    const SOURCE: &str = "
        export function read(path: string): string { return path + load(); }
        export function infer(a: number) { const f = (x: number): number => x * 2; return f(a); }
        export const twice = (v: number): number => v * 7;
        export const untyped = (v: number) => v * 2;
        export function over(a: string): string;
        export function over(a: string): string { return a; }
        export class C {
            constructor(public a = (): number => 1) { this.b = 2; }
            private hidden() { return 1; }
            #secret() { return 2; }
            set value(v: number) { this.b = v; }
            get value(): number { return this.b; }
            shown() { return this.b; }
            b = 0;
        }
        export const o = { set x(v: number) { store(v); }, get x() { return 3; } };
    ";

    fn parse(cm: &Lrc<SourceMap>) -> Module {
        crate::test_parse::parse_typescript(cm, SOURCE).1
    }

    fn print(cm: &Lrc<SourceMap>, module: &Module) -> String {
        let mut buffer = Vec::new();
        let mut emitter = Emitter {
            cfg: Default::default(),
            cm: cm.clone(),
            comments: None,
            wr: JsWriter::new(cm.clone(), "\n", &mut buffer, None),
        };
        emitter.emit_module(module).unwrap();
        String::from_utf8(buffer).unwrap()
    }

    #[test]
    fn only_bodies_no_declaration_reads_are_taken() {
        let cm: Lrc<SourceMap> = Default::default();
        let mut module = parse(&cm);
        let _taken = take_unread_bodies(&mut module);
        let text = print(&cm, &module);
        // Written return types, constructors, setters and private members lose their bodies.
        for gone in [
            "path + load()",
            "v * 7",
            "return a;",
            "this.b = 2",
            "return 1",
            "return 2",
            "this.b = v",
            "store(v)",
        ] {
            assert!(!text.contains(gone), "{gone} kept in\n{text}");
        }
        // Bodies that return types are inferred from stay, without their own typed functions'.
        assert!(text.contains("return f(a)"), "{text}");
        assert!(!text.contains("x * 2"), "{text}");
        assert!(
            text.contains("(v)=>v * 2") || text.contains("(v: number)=>v * 2"),
            "{text}"
        );
        assert!(text.contains("return this.b;"), "{text}");
        assert!(text.contains("return 3;"), "{text}");
    }

    #[test]
    fn a_copy_leaves_the_bodies_out_and_the_module_as_it_was() {
        let cm: Lrc<SourceMap> = Default::default();
        let mut module = parse(&cm);
        let before = print(&cm, &module);
        let copy = copy_without_unread_bodies(&mut module);
        assert_eq!(print(&cm, &module), before);
        let mut emptied = parse(&cm);
        empty_unread_bodies(&mut emptied);
        assert_ne!(print(&cm, &emptied), before);
        assert_eq!(print(&cm, &copy), print(&cm, &emptied));
    }
}
