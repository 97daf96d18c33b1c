//! Decides whether a lowered module can be printed with its identifiers' names as they are, or needs
//! swc's hygiene pass to rename some of them first.
//!
//! The resolver gives each binding a syntax context, and the transforms that lower a module (the
//! TypeScript strip, enums, CommonJS) add bindings and references with contexts of their own: an
//! `_express` for an import, an enum's function parameter. Printing drops the contexts, so a name
//! prints correctly when, from where it is used, the nearest binding of that name is the binding it
//! means. hygiene establishes that by renaming, at the cost of a full scope analysis and a rewrite of
//! every identifier; most modules have nothing to rename.
//!
//! This check walks the module once, recording each function's bindings and every identifier. Block
//! scopes are merged into their function: that can only make more bindings visible at a use, so the
//! check may see a clash that is not there (hygiene then runs, and renames nothing), never miss one.
//! Binding identifiers count as uses too, so two bindings of one name with different contexts in
//! one function always count as a clash.

use rustc_hash::FxHashMap;
use swc_core::common::SyntaxContext;
use swc_core::ecma::ast::{
    ArrowExpr, BreakStmt, CatchClause, ClassDecl, ClassExpr, Constructor, ContinueStmt, FnDecl,
    FnExpr, Function, Ident, ImportDefaultSpecifier, ImportNamedSpecifier, ImportStarAsSpecifier,
    LabeledStmt, ObjectPatProp, ParamOrTsParamProp, Pat, Program, TsParamPropParam, VarDeclarator,
};
use swc_core::ecma::atoms::Atom;
use swc_core::ecma::visit::{Visit, VisitWith};

/// True when some identifier would print as a name whose nearest binding is not the one it means.
pub fn names_clash(program: &Program) -> bool {
    let mut walk = ScopeWalk::default();
    walk.scopes.push(NO_SCOPE);
    program.visit_with(&mut walk);
    walk.clashes()
}

const NO_SCOPE: u32 = u32::MAX;

/// What a scope binds under one name.
#[derive(Clone, Copy, PartialEq)]
enum Binding {
    One(SyntaxContext),
    /// Bindings with different contexts.
    Several,
}

#[derive(Default)]
struct ScopeWalk {
    /// Each scope's parent (`NO_SCOPE` for the module).
    scopes: Vec<u32>,
    current: u32,
    names: FxHashMap<Atom, u32>,
    /// Per name: the one context it is used with, or `None` once it has more than one.
    contexts: Vec<Option<SyntaxContext>>,
    bindings: FxHashMap<(u32, u32), Binding>,
    /// (scope, name, context) of every identifier.
    uses: Vec<(u32, u32, SyntaxContext)>,
}

impl ScopeWalk {
    fn name(&mut self, ident: &Ident) -> u32 {
        if let Some(&name) = self.names.get(&ident.sym) {
            let known = &mut self.contexts[name as usize];
            if *known != Some(ident.ctxt) {
                *known = None;
            }
            return name;
        }
        let name = self.contexts.len() as u32;
        self.names.insert(ident.sym.clone(), name);
        self.contexts.push(Some(ident.ctxt));
        name
    }

    fn bind(&mut self, ident: &Ident) {
        let name = self.name(ident);
        self.bindings
            .entry((self.current, name))
            .and_modify(|binding| {
                if *binding != Binding::One(ident.ctxt) {
                    *binding = Binding::Several;
                }
            })
            .or_insert(Binding::One(ident.ctxt));
    }

    fn bind_pattern(&mut self, pat: &Pat) {
        match pat {
            Pat::Ident(binding) => self.bind(&binding.id),
            Pat::Array(array) => array
                .elems
                .iter()
                .flatten()
                .for_each(|p| self.bind_pattern(p)),
            Pat::Rest(rest) => self.bind_pattern(&rest.arg),
            Pat::Object(object) => {
                for prop in &object.props {
                    match prop {
                        ObjectPatProp::KeyValue(pair) => self.bind_pattern(&pair.value),
                        ObjectPatProp::Assign(assign) => self.bind(&assign.key.id),
                        ObjectPatProp::Rest(rest) => self.bind_pattern(&rest.arg),
                    }
                }
            }
            Pat::Assign(assign) => self.bind_pattern(&assign.left),
            Pat::Expr(_) | Pat::Invalid(_) => {}
        }
    }

    /// Runs `visit` in a new scope, child of the current one.
    fn in_scope(&mut self, visit: impl FnOnce(&mut Self)) {
        let parent = self.current;
        self.current = self.scopes.len() as u32;
        self.scopes.push(parent);
        visit(self);
        self.current = parent;
    }

    fn clashes(&self) -> bool {
        self.uses.iter().any(|&(scope, name, context)| {
            // A name used with one context everywhere has one meaning, wherever it is printed.
            if self.contexts[name as usize].is_some() {
                return false;
            }
            let mut scope = scope;
            while scope != NO_SCOPE {
                match self.bindings.get(&(scope, name)) {
                    Some(Binding::One(bound)) => return *bound != context,
                    Some(Binding::Several) => return true,
                    None => scope = self.scopes[scope as usize],
                }
            }
            // Not bound in the module: a global (or the module wrapper's `require`, `exports`,
            // `module`), which is what a name no binding of the module catches means.
            false
        })
    }

    fn visit_function_inside(&mut self, function: &Function) {
        for param in &function.params {
            self.bind_pattern(&param.pat);
        }
        function.visit_children_with(self);
    }
}

impl Visit for ScopeWalk {
    fn visit_ident(&mut self, ident: &Ident) {
        let name = self.name(ident);
        self.uses.push((self.current, name, ident.ctxt));
    }

    // Labels are not bindings.
    fn visit_labeled_stmt(&mut self, stmt: &LabeledStmt) {
        stmt.body.visit_with(self);
    }

    fn visit_break_stmt(&mut self, _: &BreakStmt) {}

    fn visit_continue_stmt(&mut self, _: &ContinueStmt) {}

    fn visit_var_declarator(&mut self, declarator: &VarDeclarator) {
        self.bind_pattern(&declarator.name);
        declarator.visit_children_with(self);
    }

    fn visit_fn_decl(&mut self, declaration: &FnDecl) {
        self.bind(&declaration.ident);
        declaration.ident.visit_with(self);
        self.in_scope(|walk| walk.visit_function_inside(&declaration.function));
    }

    fn visit_fn_expr(&mut self, expression: &FnExpr) {
        self.in_scope(|walk| {
            if let Some(ident) = &expression.ident {
                walk.bind(ident);
                ident.visit_with(walk);
            }
            walk.visit_function_inside(&expression.function);
        });
    }

    /// Methods, getters and setters (function declarations and expressions come here through
    /// `visit_function_inside`, in the scope that also holds their name).
    fn visit_function(&mut self, function: &Function) {
        self.in_scope(|walk| walk.visit_function_inside(function));
    }

    fn visit_arrow_expr(&mut self, arrow: &ArrowExpr) {
        self.in_scope(|walk| {
            for param in &arrow.params {
                walk.bind_pattern(param);
            }
            arrow.visit_children_with(walk);
        });
    }

    fn visit_constructor(&mut self, constructor: &Constructor) {
        self.in_scope(|walk| {
            for param in &constructor.params {
                match param {
                    ParamOrTsParamProp::Param(param) => walk.bind_pattern(&param.pat),
                    ParamOrTsParamProp::TsParamProp(property) => match &property.param {
                        TsParamPropParam::Ident(binding) => walk.bind(&binding.id),
                        TsParamPropParam::Assign(assign) => walk.bind_pattern(&assign.left),
                    },
                }
            }
            constructor.visit_children_with(walk);
        });
    }

    fn visit_class_decl(&mut self, declaration: &ClassDecl) {
        self.bind(&declaration.ident);
        declaration.visit_children_with(self);
    }

    fn visit_class_expr(&mut self, expression: &ClassExpr) {
        self.in_scope(|walk| {
            if let Some(ident) = &expression.ident {
                walk.bind(ident);
            }
            expression.visit_children_with(walk);
        });
    }

    fn visit_catch_clause(&mut self, clause: &CatchClause) {
        if let Some(param) = &clause.param {
            self.bind_pattern(param);
        }
        clause.visit_children_with(self);
    }

    fn visit_import_default_specifier(&mut self, specifier: &ImportDefaultSpecifier) {
        self.bind(&specifier.local);
        specifier.visit_children_with(self);
    }

    fn visit_import_named_specifier(&mut self, specifier: &ImportNamedSpecifier) {
        self.bind(&specifier.local);
        specifier.local.visit_with(self);
    }

    fn visit_import_star_as_specifier(&mut self, specifier: &ImportStarAsSpecifier) {
        self.bind(&specifier.local);
        specifier.visit_children_with(self);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use swc_core::common::{Globals, Mark, SourceMap, GLOBALS};
    use swc_core::ecma::transforms::base::resolver;
    use swc_core::ecma::visit::{VisitMut, VisitMutWith};

    /// Parses and resolves `source`, applies the retargeting, and runs the check.
    fn clash(source: &str, retarget: Option<(&'static str, usize, usize)>) -> bool {
        GLOBALS.set(&Globals::new(), || {
            let cm = SourceMap::default();
            let (_, module) = crate::test_parse::parse_javascript(&cm, source);
            let mut program = Program::Module(module);
            program.mutate(resolver(Mark::new(), Mark::new(), false));
            if let Some((name, nth, from)) = retarget {
                let mut contexts = Contexts(name, Vec::new());
                program.visit_with(&mut contexts);
                program.visit_mut_with(&mut SetContext(name, nth, contexts.1[from], 0));
            }
            names_clash(&program)
        })
    }

    /// The contexts of the identifiers named `.0`, in order.
    struct Contexts(&'static str, Vec<SyntaxContext>);

    impl Visit for Contexts {
        fn visit_ident(&mut self, ident: &Ident) {
            if &*ident.sym == self.0 {
                self.1.push(ident.ctxt);
            }
        }
    }

    /// Gives the `.1`th identifier named `.0` the context `.2`, as a transform does when it points
    /// a use at a binding.
    struct SetContext(&'static str, usize, SyntaxContext, usize);

    impl VisitMut for SetContext {
        fn visit_mut_ident(&mut self, ident: &mut Ident) {
            if &*ident.sym == self.0 {
                if self.3 == self.1 {
                    ident.ctxt = self.2;
                }
                self.3 += 1;
            }
        }
    }

    #[test]
    fn source_as_resolved_never_clashes() {
        let source = "
            const x = 1, item = 2;
            function f(x, { item = x }) { const y = x; { let z = 3; return x + y + z + item; } }
            const g = function x() { return x; };
            const C = class x { m() { return x; } };
            const h = (x) => { try { f(x); } catch (e) { return e; } };
            label: for (const y of [x]) { continue label; }
            export default x;
        ";
        assert!(!clash(source, None));
    }

    #[test]
    fn a_use_pointed_at_a_shadowed_binding_clashes() {
        // The use of `_path` inside `f` means the module's binding, but `f` has its own `_path`.
        let source =
            "const _path = require('path'); function f() { const _path = 1; return _path; }";
        assert!(clash(source, Some(("_path", 2, 0))));
        // The same use pointed at `f`'s own binding (as resolved) prints correctly.
        assert!(!clash(source, Some(("_path", 2, 1))));
    }

    #[test]
    fn bindings_in_blocks_and_catch_clauses_count() {
        let source = "const e = 1; function f() { try {} catch (e) { return e; } }";
        assert!(clash(source, Some(("e", 2, 0))));
        let source = "const v = 1; function f() { for (const v of []) { return v; } }";
        assert!(clash(source, Some(("v", 2, 0))));
        let source = "const p = 1; const f = ({ p }) => p;";
        assert!(clash(source, Some(("p", 2, 0))));
        let source = "const n = 1; const f = function n() { return n; };";
        assert!(clash(source, Some(("n", 2, 0))));
    }

    #[test]
    fn a_global_use_under_a_binding_of_its_name_clashes() {
        // `require` added by the CommonJS transform, under a function's own `require`.
        let source = "function f() { const require = 1; return require; } require;";
        // Give the inner use the context of the global use (the last one).
        assert!(clash(source, Some(("require", 1, 2))));
    }

    #[test]
    fn a_block_binding_shadowing_its_function_counts_as_a_clash() {
        // Block scopes are merged into their function: hygiene runs (and renames nothing).
        let source = "function f(x) { { let x = 3; return x; } }";
        assert!(clash(source, None));
    }

    fn modules_under(dir: &std::path::Path, found: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                modules_under(&path, found);
            } else if path
                .extension()
                .is_some_and(|e| ["ts", "tsx", "js"].contains(&&*e.to_string_lossy()))
                && !path.to_string_lossy().ends_with(".d.ts")
            {
                found.push(path);
            }
        }
    }

    /// Every module of the repository's test packages and of the example prints the same whether
    /// hygiene runs on every module or only where `names_clash` says so.
    #[test]
    fn skipping_hygiene_never_changes_a_printed_module() {
        use crate::bundle::transform::{CompileOptions, Compiler, ImportTarget};
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut packages = vec![root.join("examples/hello-backend")];
        for group in ["tests/fixtures", "tests/declarations"] {
            for entry in std::fs::read_dir(root.join(group)).unwrap().flatten() {
                packages.push(entry.path());
            }
        }
        let mut compared = 0;
        for package in packages {
            let fs = crate::fs::FileSystem::new();
            let config = crate::config::tsconfig::load_tsconfig(&fs, &package).config;
            let mut options = CompileOptions::from_tsconfig(&config);
            options.declarations = false;
            let checked = Compiler::new(options.clone());
            options.rename_every_module = true;
            let renamed = Compiler::new(options);
            let mut modules = Vec::new();
            modules_under(&package.join("src"), &mut modules);
            for module in modules {
                let text = std::fs::read_to_string(&module).unwrap();
                let mut link = |_: &str, _: _, _: &dyn Fn() -> _| ImportTarget::External;
                let ours = checked.compile_module(&module, text.clone(), &mut link);
                let every = renamed.compile_module(&module, text, &mut link);
                assert_eq!(ours.code, every.code, "{}", module.display());
                compared += 1;
            }
        }
        assert!(compared > 40, "only {compared} modules compared");
    }

    #[test]
    fn labels_are_not_bindings() {
        let source = "const a = 1; function f() { a: for (;;) { break a; } return a; }";
        assert!(!clash(source, None));
    }
}
