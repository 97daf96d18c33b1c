//! Writes the annotations an isolated-declarations emitter needs onto a module's unannotated
//! declarations (variables, functions and methods, class fields, parameters with defaults, the
//! default export), with the types `dts::infer` computes.

use swc_core::common::{SyntaxContext, DUMMY_SP};
use swc_core::ecma::ast::*;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use swc_core::atoms::Atom;

use crate::dts::dependencies::{local_functions_value, DependencyTypes, Value};
use crate::dts::infer::scope::{
    record_constant, record_declared_type, record_widened_literal, take_helper_values,
    DependencyContext, OwnSignature,
};
use crate::dts::infer::{
    infer_arrow_return, infer_expr, infer_function_return, unique_symbol, with_module_scope,
};
use crate::dts::type_nodes::{declared_const, type_ann};

/// Adds annotations to the module's unannotated declarations, in place. `top_level` and `unresolved`
/// are the syntax contexts of the module's own top-level bindings and of globals.
/// `dependencies`: the declaration files of the dependencies and the module's folder, for calls of
/// their generic functions. Returns the JSON modules read for types, with the hashes of their bytes.
pub fn annotate_module(
    module: &mut Module,
    top_level: SyntaxContext,
    unresolved: SyntaxContext,
    dependencies: Option<(Arc<DependencyTypes>, &Path)>,
) -> Vec<(PathBuf, u64)> {
    let context = dependencies.map(|(types, dir)| {
        let all_imports = module_imports(module);
        let imports = imported_names(&all_imports);
        let called = own_called_functions(module);
        DependencyContext {
            types,
            dir: dir.to_path_buf(),
            own_values: own_call_values(module, &imports),
            imports,
            own_functions: own_generic_functions(&called),
            own_returns: own_function_returns(&called),
            plain_classes: plain_classes(module),
            json_modules: Default::default(),
            sibling_enums: Default::default(),
            react_jsx: Default::default(),
            zod_major: Default::default(),
            own_shapes: crate::dts::infer::return_unions::own_shapes(module),
            react_types: react_type_imports(&all_imports),
        }
    });
    let (mut inputs, sources) = crate::dts::dependencies::sources_read(|| {
        annotate_in_scope(module, top_level, unresolved, context)
    });
    inputs.extend(sources);
    inputs.sort();
    inputs.dedup();
    inputs
}

/// `annotate_module` within the module's scope; returns the files read for types.
fn annotate_in_scope(
    module: &mut Module,
    top_level: SyntaxContext,
    unresolved: SyntaxContext,
    context: Option<DependencyContext>,
) -> Vec<(PathBuf, u64)> {
    with_module_scope(top_level, unresolved, context, || {
        annotate_items(module);
        crate::dts::emit::expandos::attach_expando_properties(module);
        declare_helper_values(module);
        drop_annotated_initialisers(module);
        crate::dts::emit::relative_imports::import_relative_module_types(module);
        crate::dts::infer::scope::dependency_context()
            .map(|context| {
                let read = context.json_modules.borrow();
                read.iter().map(|m| (m.path.clone(), m.hash)).collect()
            })
            .unwrap_or_default()
    })
}

/// The module's unannotated top-level `const`s initialised by a call whose callee a package gives
/// (`createPlugin(...)`, `z.object(...)`), with their initialisers.
fn own_call_values(
    module: &Module,
    imports: &HashMap<Id, (String, Atom)>,
) -> HashMap<Atom, Box<Expr>> {
    let mut values = HashMap::new();
    for declarator in crate::dts::emit::analysis::top_level_consts(module) {
        let (Pat::Ident(binding), Some(init)) = (&declarator.name, &declarator.init) else {
            continue;
        };
        let Expr::Call(call) = init.unwrap_parens() else {
            continue;
        };
        let Some(mut root) = call.callee.as_expr().map(|c| c.unwrap_parens()) else {
            continue;
        };
        // Through builder chains: `z.object({...}).passthrough()`.
        loop {
            root = match root {
                Expr::Member(member) => member.obj.unwrap_parens(),
                Expr::Call(CallExpr {
                    callee: Callee::Expr(callee),
                    ..
                }) => callee.unwrap_parens(),
                _ => break,
            };
        }
        let from_package = match root {
            Expr::Ident(ident) => imports
                .get(&ident.to_id())
                .is_some_and(|(specifier, _)| !specifier.starts_with('.')),
            _ => false,
        };
        if binding.type_ann.is_none() && from_package {
            values.insert(binding.id.sym.clone(), init.clone());
        }
    }
    values
}

/// Each import binding of the module: (local, specifier, imported name or `*` for a namespace,
/// whether it imports a type only).
fn module_imports(module: &Module) -> Vec<(Id, String, Atom, bool)> {
    let mut names = Vec::new();
    for item in &module.body {
        let ModuleItem::ModuleDecl(ModuleDecl::Import(import)) = item else {
            continue;
        };
        let specifier = import.src.value.to_string_lossy().into_owned();
        for named in &import.specifiers {
            let (local, imported, type_only) = match named {
                ImportSpecifier::Named(n) => (
                    &n.local,
                    n.imported
                        .as_ref()
                        .map(crate::dts::emit::analysis::export_name)
                        .unwrap_or_else(|| n.local.sym.clone()),
                    n.is_type_only,
                ),
                ImportSpecifier::Default(d) => (&d.local, "default".into(), false),
                ImportSpecifier::Namespace(n) => (&n.local, "*".into(), false),
            };
            names.push((
                local.to_id(),
                specifier.clone(),
                imported,
                type_only || import.type_only,
            ));
        }
    }
    names
}

/// Local binding -> (specifier, imported name, `*` for a namespace), for the module's value imports.
fn imported_names(imports: &[(Id, String, Atom, bool)]) -> HashMap<Id, (String, Atom)> {
    imports
        .iter()
        .filter(|(_, _, _, type_only)| !type_only)
        .map(|(local, specifier, imported, _)| {
            (local.clone(), (specifier.clone(), imported.clone()))
        })
        .collect()
}

/// (local, imported) for each name imported from `react`, types included.
fn react_type_imports(imports: &[(Id, String, Atom, bool)]) -> Vec<(Atom, Atom)> {
    imports
        .iter()
        .filter(|(_, specifier, _, _)| specifier == "react")
        .map(|(local, _, imported, _)| (local.0.clone(), imported.clone()))
        .collect()
}

/// The module's top-level functions the module calls by name, by name: the overloads when there
/// are some, else the one declaration. (Their signatures are copied; bodies no declaration reads
/// have been emptied, so the calls looked at are the ones inference can meet.)
fn own_called_functions(module: &Module) -> HashMap<Atom, Vec<&Function>> {
    let mut by_name: HashMap<Atom, Vec<&Function>> = HashMap::new();
    let mut called: Option<HashSet<Atom>> = None;
    for item in &module.body {
        let decl = match item {
            ModuleItem::Stmt(Stmt::Decl(Decl::Fn(f))) => f,
            ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(ExportDecl {
                decl: Decl::Fn(f),
                ..
            })) => f,
            _ => continue,
        };
        let called = called.get_or_insert_with(|| names_called(module));
        if called.contains(&decl.ident.sym) {
            by_name
                .entry(decl.ident.sym.clone())
                .or_default()
                .push(&decl.function);
        }
    }
    for functions in by_name.values_mut() {
        if functions.iter().any(|f| f.body.is_none()) {
            functions.retain(|f| f.body.is_none());
        }
    }
    by_name
}

/// The module's top-level generic functions whose return types are written (an unwritten one
/// decides whether tsc keeps a literal argument's type, which only a checker knows), as values with
/// their call signatures.
fn own_generic_functions(called: &HashMap<Atom, Vec<&Function>>) -> HashMap<Atom, Value> {
    called
        .iter()
        .filter(|(_, signatures)| {
            signatures
                .iter()
                .all(|f| f.type_params.is_some() && f.return_type.is_some())
        })
        .map(|(name, signatures)| (name.clone(), local_functions_value(signatures)))
        .collect()
}

/// The module's top-level functions that have one signature, no type parameters and a written
/// return type: what a call of one returns, whatever its arguments.
fn own_function_returns(called: &HashMap<Atom, Vec<&Function>>) -> HashMap<Atom, OwnSignature> {
    called
        .iter()
        .filter_map(|(name, signatures)| match &signatures[..] {
            [Function {
                type_params: None,
                return_type: Some(written),
                params,
                ..
            }] => Some((
                name.clone(),
                OwnSignature {
                    params: params
                        .iter()
                        .map(|param| match &param.pat {
                            Pat::Ident(binding) => Some(binding.id.sym.clone()),
                            _ => None,
                        })
                        .collect(),
                    returns: written.type_ann.clone(),
                },
            )),
            _ => None,
        })
        .collect()
}

/// The module's top-level class declarations without type parameters.
fn plain_classes(module: &Module) -> HashSet<Atom> {
    module
        .body
        .iter()
        .filter_map(|item| match item {
            ModuleItem::Stmt(Stmt::Decl(Decl::Class(c))) => Some(c),
            ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(ExportDecl {
                decl: Decl::Class(c),
                ..
            })) => Some(c),
            _ => None,
        })
        .filter(|c| c.class.type_params.is_none())
        .map(|c| c.ident.sym.clone())
        .collect()
}

/// The names of the functions the module calls as `name(...)`.
fn names_called(module: &Module) -> HashSet<Atom> {
    struct Calls(HashSet<Atom>);
    impl swc_core::ecma::visit::Visit for Calls {
        fn visit_call_expr(&mut self, n: &CallExpr) {
            if let Callee::Expr(callee) = &n.callee {
                if let Expr::Ident(ident) = &**callee {
                    self.0.insert(ident.sym.clone());
                }
            }
            swc_core::ecma::visit::VisitWith::visit_children_with(n, self);
        }
    }
    let mut calls = Calls(HashSet::new());
    swc_core::ecma::visit::VisitWith::visit_with(module, &mut calls);
    calls.0
}

/// `declare const __plugbuild_context_0: T;` for each value the inferred types' instantiation
/// expressions go through (not exported: nothing outside the module can name them).
fn declare_helper_values(module: &mut Module) {
    for (ty, name) in take_helper_values() {
        module.body.push(declared_const(name, ty));
    }
}

fn annotate_items(module: &mut Module) {
    for item in module.body.iter_mut() {
        match item {
            ModuleItem::Stmt(Stmt::Decl(decl)) => annotate_decl(decl),
            ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(export)) => {
                annotate_decl(&mut export.decl)
            }
            ModuleItem::ModuleDecl(ModuleDecl::ExportDefaultDecl(export)) => match &mut export.decl
            {
                DefaultDecl::Fn(f) => annotate_function(&mut f.function),
                DefaultDecl::Class(c) => annotate_class(&mut c.class),
                _ => {}
            },
            _ => {}
        }
    }
    name_default_export_expression(module);
}

fn annotate_decl(decl: &mut Decl) {
    match decl {
        Decl::Var(var) => {
            let widen = var.kind != VarDeclKind::Const;
            if !widen {
                declare_destructured_names(var);
            }
            for declarator in var.decls.iter_mut() {
                let Pat::Ident(binding) = &mut declarator.name else {
                    continue;
                };
                if binding.type_ann.is_none() {
                    if let Some(init) = declarator.init.as_deref_mut() {
                        if !widen {
                            record_constant(binding.id.to_id(), Box::new(init.clone()));
                        }
                        annotate_nested_functions(init);
                        let unique = (!widen).then(|| unique_symbol(init)).flatten();
                        if let Some(ty) = unique.or_else(|| infer_expr(init, widen)) {
                            binding.type_ann = Some(type_ann(ty));
                        }
                        let widened = crate::dts::infer::functions::literal_type(init)
                            .and_then(|literal| crate::dts::type_nodes::widen_literal(&literal));
                        if let (false, Some(widened)) = (widen, widened) {
                            record_widened_literal(binding.id.to_id(), widened);
                        }
                    }
                }
                if let Some(ann) = &binding.type_ann {
                    record_declared_type(binding.id.to_id(), &ann.type_ann);
                }
            }
        }
        Decl::Fn(f) => annotate_function(&mut f.function),
        Decl::Class(c) => annotate_class(&mut c.class),
        Decl::TsModule(module) => {
            if let Some(TsNamespaceBody::TsModuleBlock(block)) = module.body.as_mut() {
                for item in block.body.iter_mut() {
                    match item {
                        ModuleItem::Stmt(Stmt::Decl(decl)) => annotate_decl(decl),
                        ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(export)) => {
                            annotate_decl(&mut export.decl)
                        }
                        _ => {}
                    }
                }
            }
        }
        _ => {}
    }
}

/// `const { conditions, createConditionalDecision } = createConditionExports(...)`: each name the
/// pattern binds is declared with its own type (`declare const conditions: ...`), as tsc declares
/// them; a binding pattern itself cannot carry the types.
fn declare_destructured_names(var: &mut VarDecl) {
    let mut declarators = Vec::with_capacity(var.decls.len());
    for declarator in var.decls.drain(..) {
        let names = match (&declarator.name, declarator.init.as_deref()) {
            (Pat::Object(ObjectPat { type_ann: None, .. }), Some(init))
            | (Pat::Array(ArrayPat { type_ann: None, .. }), Some(init)) => {
                crate::dts::infer::destructuring::destructured_declarations(&declarator.name, init)
            }
            _ => None,
        };
        let Some(names) = names else {
            declarators.push(declarator);
            continue;
        };
        for ((sym, ctxt), ty) in names {
            declarators.push(VarDeclarator {
                span: DUMMY_SP,
                name: Pat::Ident(BindingIdent {
                    id: Ident::new(sym, DUMMY_SP, ctxt),
                    type_ann: Some(type_ann(ty)),
                }),
                init: None,
                definite: false,
            });
        }
    }
    var.decls = declarators;
}

/// Arrow functions and function expressions inside an initialiser get their return types, so that
/// the emitter can print them even where the whole initialiser is not inferred here.
fn annotate_nested_functions(expr: &mut Expr) {
    match expr {
        Expr::Arrow(arrow) if arrow.return_type.is_none() => {
            if let Some(ty) = infer_arrow_return(arrow) {
                arrow.return_type = Some(type_ann(ty));
            }
        }
        Expr::Fn(f) => annotate_function(&mut f.function),
        Expr::Object(object) => {
            for prop in object.props.iter_mut() {
                if let PropOrSpread::Prop(prop) = prop {
                    match &mut **prop {
                        Prop::KeyValue(kv) => annotate_nested_functions(&mut kv.value),
                        Prop::Method(method) => annotate_function(&mut method.function),
                        _ => {}
                    }
                }
            }
        }
        Expr::Paren(paren) => annotate_nested_functions(&mut paren.expr),
        Expr::TsSatisfies(satisfies) => annotate_nested_functions(&mut satisfies.expr),
        Expr::TsAs(as_expr) => annotate_nested_functions(&mut as_expr.expr),
        _ => {}
    }
}

fn annotate_function(function: &mut Function) {
    for param in function.params.iter_mut() {
        annotate_param(&mut param.pat);
    }
    if function.return_type.is_none() {
        if let Some(ty) = infer_function_return(function) {
            function.return_type = Some(type_ann(ty));
        }
    }
}

fn annotate_param(pat: &mut Pat) {
    if let Pat::Assign(assign) = pat {
        if let Pat::Ident(binding) = &mut *assign.left {
            if binding.type_ann.is_none() {
                if let Some(ty) = infer_expr(&assign.right, true) {
                    binding.type_ann = Some(type_ann(ty));
                }
            }
        }
    }
}

fn annotate_class(class: &mut Class) {
    for member in class.body.iter_mut() {
        match member {
            ClassMember::Method(method) if method.accessibility != Some(Accessibility::Private) => {
                annotate_function(&mut method.function)
            }
            ClassMember::ClassProp(prop)
                if prop.type_ann.is_none()
                    && prop.accessibility != Some(Accessibility::Private) =>
            {
                if let Some(value) = prop.value.as_deref_mut() {
                    annotate_nested_functions(value);
                    let unique = (prop.is_static && prop.readonly)
                        .then(|| unique_symbol(value))
                        .flatten();
                    if let Some(ty) = unique.or_else(|| infer_expr(value, !prop.readonly)) {
                        prop.type_ann = Some(type_ann(ty));
                    }
                }
            }
            ClassMember::AutoAccessor(accessor) if accessor.type_ann.is_none() => {
                if let Some(value) = accessor.value.as_deref() {
                    accessor.type_ann = infer_expr(value, true).map(type_ann);
                }
            }
            ClassMember::Constructor(constructor) => {
                for param in constructor.params.iter_mut() {
                    match param {
                        ParamOrTsParamProp::Param(param) => annotate_param(&mut param.pat),
                        ParamOrTsParamProp::TsParamProp(prop) => {
                            if let TsParamPropParam::Assign(assign) = &mut prop.param {
                                if let Pat::Ident(binding) = &mut *assign.left {
                                    if binding.type_ann.is_none() {
                                        binding.type_ann =
                                            infer_expr(&assign.right, !prop.readonly).map(type_ann);
                                    }
                                }
                            }
                        }
                        #[allow(unreachable_patterns)]
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
}

/// `export default <expression>` becomes `const _default: T = <expression>; export default _default;`
/// when T can be written, as tsc's declaration emit does.
fn name_default_export_expression(module: &mut Module) {
    let Some(index) = module.body.iter().position(|item| {
        matches!(item, ModuleItem::ModuleDecl(ModuleDecl::ExportDefaultExpr(e)) if !matches!(&*e.expr, Expr::Ident(_)))
    }) else {
        return;
    };
    let ModuleItem::ModuleDecl(ModuleDecl::ExportDefaultExpr(export)) = &module.body[index] else {
        return;
    };
    let mut expr = export.expr.clone();
    annotate_nested_functions(&mut expr);
    // A literal keeps its literal type (`export default 'text'` is `"text"`), as for a `const`.
    let inferred =
        crate::dts::infer::literal_types::literal_type(&expr).or_else(|| infer_expr(&expr, false));
    let Some(ty) = inferred else {
        return;
    };
    let span = export.span;
    let name = Ident::new_no_ctxt("_default".into(), DUMMY_SP);
    let declaration = ModuleItem::Stmt(Stmt::Decl(Decl::Var(Box::new(VarDecl {
        span,
        kind: VarDeclKind::Const,
        decls: vec![VarDeclarator {
            span,
            name: Pat::Ident(BindingIdent {
                id: name.clone(),
                type_ann: Some(type_ann(ty)),
            }),
            init: Some(expr),
            definite: false,
        }],
        ..Default::default()
    }))));
    let export = ModuleItem::ModuleDecl(ModuleDecl::ExportDefaultExpr(ExportDefaultExpr {
        span: DUMMY_SP,
        expr: Box::new(Expr::Ident(name)),
    }));
    module.body.splice(index..=index, [declaration, export]);
}

/// A top-level `const` with a type annotation is declared by its type alone; its initialiser is
/// dropped, so that names only the initialiser used (`makeStyles((theme: Theme) => ...)`'s `Theme`)
/// are not imported by the declarations, as tsc does not import them.
fn drop_annotated_initialisers(module: &mut Module) {
    for declarator in crate::dts::emit::analysis::top_level_consts_mut(module) {
        let Pat::Ident(binding) = &declarator.name else {
            continue;
        };
        if binding.type_ann.is_some()
            && declarator
                .init
                .as_deref()
                .is_some_and(|init| matches!(init, Expr::Call(_) | Expr::New(_)))
        {
            declarator.init = None;
        }
    }
}
