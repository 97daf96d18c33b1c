//! The names an inferred type may mention, and what the inference knows of a function's
//! parameters and locals while it infers the function's return (a frame per function).

use std::cell::RefCell;
use std::collections::HashMap;

use swc_core::common::SyntaxContext;
use swc_core::ecma::ast::*;

use super::type_nodes::destructured_types;

/// What names an inferred type may mention: the module's top-level bindings and globals (by syntax
/// context), and, inside a function being inferred, its annotated parameters and local constants
/// (whose types are substituted, since a `.d.ts` cannot name them).
#[derive(Default)]
struct Scope {
    visible: Vec<SyntaxContext>,
    frames: Vec<HashMap<Id, Local>>,
}

#[derive(Clone)]
pub(super) enum Local {
    Typed(Box<TsType>),
    Initialised(Box<Expr>, bool),
}

thread_local! {
    // Set for the duration of one `annotate_module` call on this thread.
    static SCOPE: RefCell<Scope> = RefCell::new(Scope::default());
}

/// Runs `f` with the names of one module in scope: its top-level bindings and globals (by syntax
/// context).
pub(super) fn with_module_scope<T>(
    top_level: SyntaxContext,
    unresolved: SyntaxContext,
    f: impl FnOnce() -> T,
) -> T {
    SCOPE.with(|scope| {
        *scope.borrow_mut() = Scope {
            visible: vec![top_level, unresolved],
            frames: Vec::new(),
        }
    });
    let result = f();
    SCOPE.with(|scope| *scope.borrow_mut() = Scope::default());
    result
}

pub(super) fn is_visible(ident: &Ident) -> bool {
    SCOPE.with(|scope| scope.borrow().visible.contains(&ident.ctxt))
}

/// Whether `ident` names a global (a binding no scope of the module declares).
pub(super) fn is_global(ident: &Ident) -> bool {
    SCOPE.with(|scope| scope.borrow().visible.get(1) == Some(&ident.ctxt))
}

/// Whether `ident` is a parameter or local declared `string`, `number` or `bigint` (no literal type a
/// comparison could narrow to).
pub(super) fn declared_non_literal(ident: &Ident) -> bool {
    matches!(local(ident), Some(Local::Typed(ty)) if matches!(&*ty,
        TsType::TsKeywordType(k) if matches!(k.kind,
            TsKeywordTypeKind::TsStringKeyword
                | TsKeywordTypeKind::TsNumberKeyword
                | TsKeywordTypeKind::TsBigIntKeyword)))
}

pub(super) fn local(ident: &Ident) -> Option<Local> {
    SCOPE.with(|scope| {
        let scope = scope.borrow();
        scope
            .frames
            .iter()
            .rev()
            .find_map(|frame| frame.get(&ident.to_id()).cloned())
    })
}

/// Runs `f` with the parameters and top-level local declarations of a function body in scope.
pub(super) fn with_frame<T>(params: &[&Pat], body: &[Stmt], f: impl FnOnce() -> T) -> T {
    let mut frame = HashMap::new();
    for param in params {
        match param {
            Pat::Ident(binding) => {
                if let Some(ann) = &binding.type_ann {
                    frame.insert(binding.id.to_id(), Local::Typed(ann.type_ann.clone()));
                }
            }
            Pat::Object(object) => {
                for (id, ty) in destructured_types(object) {
                    frame.insert(id, Local::Typed(ty));
                }
            }
            _ => {}
        }
    }
    for stmt in body {
        let Stmt::Decl(Decl::Var(var)) = stmt else {
            continue;
        };
        for declarator in &var.decls {
            let Pat::Ident(binding) = &declarator.name else {
                continue;
            };
            let local = match (&binding.type_ann, &declarator.init) {
                (Some(ann), _) => Local::Typed(ann.type_ann.clone()),
                (None, Some(init)) => {
                    Local::Initialised(init.clone(), var.kind != VarDeclKind::Const)
                }
                _ => continue,
            };
            frame.insert(binding.id.to_id(), local);
        }
    }
    let depth = SCOPE.with(|scope| {
        let mut scope = scope.borrow_mut();
        scope.frames.push(frame);
        scope.frames.len()
    });
    // Guards against self-referencing locals (`const a = b; const b = a;`).
    let result = (depth < 16).then(f);
    SCOPE.with(|scope| scope.borrow_mut().frames.pop());
    result.expect("inference depth")
}
