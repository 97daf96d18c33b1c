//! The names an inferred type may mention, and what the inference knows of a function's
//! parameters and locals while it infers the function's return (a frame per function).

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::Arc;

use swc_core::atoms::Atom;
use swc_core::common::{EqIgnoreSpan, SyntaxContext};
use swc_core::ecma::ast::*;

use crate::dts::dependencies::{DependencyTypes, Value};
use crate::dts::type_nodes::destructured_types;

/// What the inference of one module knows of its dependencies: their declaration files, the folder
/// the module is in (bare specifiers resolve from there) and what each import names.
pub struct DependencyContext {
    pub types: Arc<DependencyTypes>,
    pub dir: PathBuf,
    /// Local binding -> (specifier, imported name; `*` for a namespace import).
    pub imports: HashMap<Id, (String, Atom)>,
    /// The module's own generic functions with written return types, by name: their calls are
    /// inferred like a dependency's.
    pub own_functions: HashMap<Atom, Value>,
    /// The module's own functions with one signature, no type parameters and a written return
    /// type, by name: what their calls return, and which parameter a type guard's predicate names.
    pub own_returns: HashMap<Atom, OwnSignature>,
    /// The module's own unannotated top-level `const`s initialised by a call of a package's
    /// function (`const plugin = createPlugin({...})`), by name: what they are in the dependency
    /// is what the call returns (`plugin.provide` is `BackstagePlugin`'s method).
    pub own_values: HashMap<Atom, Box<Expr>>,
    /// The module's own top-level classes that take no type parameters: `new C()` is a `C`.
    pub plain_classes: std::collections::HashSet<Atom>,
    /// The JSON modules the inference has read, by specifier.
    pub json_modules: RefCell<Vec<JsonModule>>,
    /// Whether a name imported from another module of the package is an enum, once asked.
    pub sibling_enums: RefCell<HashMap<Id, bool>>,
    /// Where the installed React types declare `JSX`, once asked.
    pub react_jsx: std::cell::OnceCell<crate::dts::infer::ReactJsx>,
    /// The major version of the installed `zod`, once asked.
    pub zod_major: std::cell::OnceCell<Option<u64>>,
    /// The properties of the module's own plain interfaces and type-literal aliases.
    pub own_shapes: crate::dts::infer::return_unions::OwnShapes,
    /// (local, imported) for each name the module imports from `react`, types included.
    pub react_types: Vec<(Atom, Atom)>,
}

/// One of the module's own functions with one signature, no type parameters and a written return
/// type.
pub struct OwnSignature {
    /// Each parameter's name, where the parameter is a plain binding.
    pub params: Vec<Option<Atom>>,
    /// The written return type.
    pub returns: Box<TsType>,
}

/// A JSON module a declaration's type was read from: the declaration is stale when it changes.
pub struct JsonModule {
    pub specifier: String,
    pub path: PathBuf,
    /// A hash of the file's bytes when it was read (see `input_hash`).
    pub hash: u64,
    pub value: Option<Rc<serde_json::Value>>,
}

/// The module's binding of React's default or namespace import (`import React from 'react'`,
/// `import * as React from 'react'`), through which tsc names React's types.
pub(crate) fn react_namespace() -> Option<Ident> {
    let context = dependency_context()?;
    context
        .imports
        .iter()
        .filter(|(_, (specifier, imported))| {
            specifier == "react" && matches!(imported.as_str(), "default" | "*")
        })
        .map(|((sym, ctxt), _)| Ident::new(sym.clone(), swc_core::common::DUMMY_SP, *ctxt))
        .min_by(|a, b| a.sym.cmp(&b.sym))
}

/// The JSON value `ident` is bound to when it is imported from a relative `.json` specifier: the
/// module's value for a default or namespace import (`true` for a namespace), else the property.
pub(crate) fn json_import(ident: &Ident) -> Option<(Rc<serde_json::Value>, Option<Atom>)> {
    let context = dependency_context()?;
    let (specifier, imported) = context.imports.get(&ident.to_id())?;
    if !specifier.starts_with('.') || !specifier.ends_with(".json") {
        return None;
    }
    let mut modules = context.json_modules.borrow_mut();
    let known = modules.iter().position(|m| &m.specifier == specifier);
    let index = known.unwrap_or_else(|| {
        let path = context.dir.join(specifier);
        let bytes = std::fs::read(&path).unwrap_or_default();
        let value = std::str::from_utf8(&bytes)
            .ok()
            .and_then(|text| serde_json::from_str(text.trim_start_matches('\u{feff}')).ok())
            .map(Rc::new);
        modules.push(JsonModule {
            specifier: specifier.clone(),
            path,
            hash: crate::dts::infer::json_types::input_hash(&bytes),
            value,
        });
        modules.len() - 1
    });
    let value = modules[index].value.clone()?;
    match imported.as_str() {
        "default" => Some((value, None)),
        "*" => Some((value, Some("*".into()))),
        _ => Some((value, Some(imported.clone()))),
    }
}

/// What names an inferred type may mention: the module's top-level bindings and globals (by syntax
/// context), and, inside a function being inferred, its annotated parameters and local constants
/// (whose types are substituted, since a `.d.ts` cannot name them).
#[derive(Default)]
struct Scope {
    visible: Vec<SyntaxContext>,
    frames: Vec<HashMap<Id, Local>>,
    dependencies: Option<Rc<DependencyContext>>,
    /// Callback parameters typed by a dependency's signature: what they are there.
    contextual: HashMap<Id, Value>,
    /// Values declared for instantiation expressions (`typeof __plugbuild_context_0.literal<"x">`).
    helpers: Vec<(Box<TsType>, Atom)>,
    /// The written or inferred types of the module's top-level variables annotated so far.
    declared: HashMap<Id, Box<TsType>>,
    /// Top-level `const`s initialised by a literal, with the literal's widened type.
    widened: HashMap<Id, Box<TsType>>,
    /// The initialisers of the top-level `const`s without a written type annotated so far.
    constants: HashMap<Id, Box<Expr>>,
}

#[derive(Clone)]
pub(crate) enum Local {
    Typed(Box<TsType>),
    Initialised(Box<Expr>, bool),
    /// A name a destructuring `const` binds: the initialiser's type at the path of element
    /// indexes and property keys (`const [open, setOpen] = useState(false)` binds `open` at `[0]`).
    Destructured(Box<Expr>, Vec<PartKey>),
}

#[derive(Clone)]
pub(crate) enum PartKey {
    Index(usize),
    Key(Atom),
}

thread_local! {
    // Set for the duration of one `annotate_module` call on this thread.
    static SCOPE: RefCell<Scope> = RefCell::new(Scope::default());
}

/// Runs `f` with the names of one module in scope: its top-level bindings and globals (by syntax
/// context).
pub(crate) fn with_module_scope<T>(
    top_level: SyntaxContext,
    unresolved: SyntaxContext,
    dependencies: Option<DependencyContext>,
    f: impl FnOnce() -> T,
) -> T {
    SCOPE.with(|scope| {
        *scope.borrow_mut() = Scope {
            visible: vec![top_level, unresolved],
            dependencies: dependencies.map(Rc::new),
            ..Scope::default()
        }
    });
    let result = f();
    SCOPE.with(|scope| *scope.borrow_mut() = Scope::default());
    result
}

pub(crate) fn dependency_context() -> Option<Rc<DependencyContext>> {
    SCOPE.with(|scope| scope.borrow().dependencies.clone())
}

/// The dependency context, where `ident` names one of the module's own top-level declarations
/// (visible, and not an import): its entry in `own_returns` is the function
/// `ident` calls.
pub(crate) fn own_declaration_context(ident: &Ident) -> Option<Rc<DependencyContext>> {
    let context = dependency_context()?;
    (is_visible(ident) && !context.imports.contains_key(&ident.to_id())).then_some(context)
}

/// Whether `expr` (`name`, `ns.a.b`) reads a binding imported from a package whose declarations
/// do not resolve from the module's folder (not installed, or shipped without types). tsc types
/// such an import as `any`, so a call or construction of it is `any` too.
pub(crate) fn from_unresolved_package(expr: &Expr) -> bool {
    match expr.unwrap_parens() {
        Expr::Ident(root) => imported_from_unresolved_package(root),
        Expr::Member(member) => from_unresolved_package(&member.obj),
        _ => false,
    }
}

/// Whether the type `ty`, as the inference writes a receiver's type, names a type imported from a
/// package whose declarations do not resolve: directly (`SchedulerService`), or as a property of
/// one of the module's own interfaces (`(Exclude<RouterOptions, null | undefined>)["scheduler"]`).
/// tsc reads such a type as an error type, and any member of it as `any`.
pub(crate) fn names_unresolved_package_type(ty: &TsType) -> bool {
    let Some(context) = dependency_context() else {
        return false;
    };
    let mut current = ty;
    // Each step reads one property of an own interface; a bound keeps a cyclic shape finite.
    for _ in 0..8 {
        match strip_non_null(current) {
            TsType::TsIndexedAccessType(TsIndexedAccessType {
                obj_type,
                index_type,
                readonly: false,
                ..
            }) => {
                let (
                    TsType::TsTypeRef(TsTypeRef {
                        type_name: TsEntityName::Ident(owner),
                        type_params: None,
                        ..
                    }),
                    TsType::TsLitType(TsLitType {
                        lit: TsLit::Str(key),
                        ..
                    }),
                ) = (strip_non_null(obj_type), &**index_type)
                else {
                    return false;
                };
                let property = key
                    .value
                    .as_str()
                    .and_then(|key| context.own_shapes.get(&owner.sym)?.get(&Atom::from(key)));
                let Some(property) = property else {
                    return false;
                };
                current = property;
            }
            TsType::TsTypeRef(TsTypeRef { type_name, .. }) => {
                let mut root = type_name;
                while let TsEntityName::TsQualifiedName(qualified) = root {
                    root = &qualified.left;
                }
                return matches!(root, TsEntityName::Ident(root) if imported_from_unresolved_package(root));
            }
            _ => return false,
        }
    }
    false
}

/// Whether `ident` is bound by an import from a package (not a relative module) whose declarations
/// do not resolve from the module's folder.
pub(crate) fn imported_from_unresolved_package(ident: &Ident) -> bool {
    let Some(context) = dependency_context() else {
        return false;
    };
    match context.imports.get(&ident.to_id()) {
        Some((specifier, _)) => {
            !specifier.starts_with('.') && !context.types.resolves(&context.dir, specifier)
        }
        None => false,
    }
}

/// `T` of `(Exclude<T, null | undefined>)` (how the inference writes a value that was checked for
/// `null`), or `ty` itself.
fn strip_non_null(ty: &TsType) -> &TsType {
    match ty {
        TsType::TsParenthesizedType(inner) => strip_non_null(&inner.type_ann),
        TsType::TsTypeRef(TsTypeRef {
            type_name: TsEntityName::Ident(name),
            type_params: Some(args),
            ..
        }) if &*name.sym == "Exclude" && args.params.len() == 2 => strip_non_null(&args.params[0]),
        other => other,
    }
}

/// What a callback parameter is in the dependency whose signature typed it.
pub(crate) fn contextual_value(ident: &Ident) -> Option<Value> {
    SCOPE.with(|scope| scope.borrow().contextual.get(&ident.to_id()).cloned())
}

/// Runs `f` with callback parameters bound to what they are in a dependency.
pub(crate) fn with_contextual<T>(bindings: Vec<(Id, Value)>, f: impl FnOnce() -> T) -> T {
    let ids: Vec<Id> = bindings.iter().map(|(id, _)| id.clone()).collect();
    SCOPE.with(|scope| scope.borrow_mut().contextual.extend(bindings));
    let result = f();
    SCOPE.with(|scope| {
        let mut scope = scope.borrow_mut();
        for id in &ids {
            scope.contextual.remove(id);
        }
    });
    result
}

/// The name of a value of type `ty` declared for the module's instantiation expressions (one per
/// distinct type).
pub(crate) fn helper_value(ty: &TsType) -> Atom {
    SCOPE.with(|scope| {
        let mut scope = scope.borrow_mut();
        if let Some((_, name)) = scope.helpers.iter().find(|(t, _)| (**t).eq_ignore_span(ty)) {
            return name.clone();
        }
        let name: Atom = format!("__plugbuild_context_{}", scope.helpers.len()).into();
        scope.helpers.push((Box::new(ty.clone()), name.clone()));
        name
    })
}

/// Notes the type a top-level variable was declared with (written, or inferred into its
/// annotation), for the uses that follow: tsc prints a use of `a` as `a`'s type.
pub(crate) fn record_declared_type(id: Id, ty: &TsType) {
    SCOPE.with(|scope| scope.borrow_mut().declared.insert(id, Box::new(ty.clone())));
}

/// Notes that the top-level `const` `id` holds a literal whose widened type is `ty`.
pub(crate) fn record_widened_literal(id: Id, ty: Box<TsType>) {
    SCOPE.with(|scope| scope.borrow_mut().widened.insert(id, ty));
}

/// Notes the initialiser of the top-level `const` `id`, declared without a type.
pub(crate) fn record_constant(id: Id, init: Box<Expr>) {
    SCOPE.with(|scope| scope.borrow_mut().constants.insert(id, init));
}

/// The initialiser of a `const` without a written type: a top-level one noted so far, or a local
/// of the function being inferred.
pub(crate) fn constant_initialiser(ident: &Ident) -> Option<Box<Expr>> {
    if let Some(Local::Initialised(init, false)) = local(ident) {
        return Some(init);
    }
    SCOPE.with(|scope| scope.borrow().constants.get(&ident.to_id()).cloned())
}

/// The widened type of a top-level `const` initialised by a literal (`number` for
/// `const LIMIT = 10`), where tsc widens it (a parameter's default, a `let`).
pub(crate) fn widened_literal(ident: &Ident) -> Option<Box<TsType>> {
    SCOPE.with(|scope| scope.borrow().widened.get(&ident.to_id()).cloned())
}

/// The type `ident`'s top-level declaration was annotated with (written or inferred), when it was
/// noted.
pub(crate) fn declared_type(ident: &Ident) -> Option<Box<TsType>> {
    SCOPE.with(|scope| scope.borrow().declared.get(&ident.to_id()).cloned())
}

/// The helper values declared so far, to be written into the module's declarations.
pub(crate) fn take_helper_values() -> Vec<(Box<TsType>, Atom)> {
    SCOPE.with(|scope| std::mem::take(&mut scope.borrow_mut().helpers))
}

pub(crate) fn is_visible(ident: &Ident) -> bool {
    SCOPE.with(|scope| scope.borrow().visible.contains(&ident.ctxt))
}

/// Whether `ident` names a global (a binding no scope of the module declares).
pub(crate) fn is_global(ident: &Ident) -> bool {
    SCOPE.with(|scope| scope.borrow().visible.get(1) == Some(&ident.ctxt))
}

/// Whether `ident` is a parameter or local declared `string`, `number` or `bigint` (no literal type a
/// comparison could narrow to).
pub(crate) fn declared_non_literal(ident: &Ident) -> bool {
    matches!(local(ident), Some(Local::Typed(ty)) if matches!(&*ty,
        TsType::TsKeywordType(k) if matches!(k.kind,
            TsKeywordTypeKind::TsStringKeyword
                | TsKeywordTypeKind::TsNumberKeyword
                | TsKeywordTypeKind::TsBigIntKeyword)))
}

pub(crate) fn local(ident: &Ident) -> Option<Local> {
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
pub(crate) fn with_frame<T>(params: &[&Pat], body: &[Stmt], f: impl FnOnce() -> T) -> T {
    let mut frame = HashMap::new();
    for param in params {
        match param {
            Pat::Ident(binding) => {
                if let Some(ann) = &binding.type_ann {
                    // `fallback?: string` is a `string | undefined` in the body.
                    let ty = match binding.id.optional {
                        true => crate::dts::infer::functions::or_undefined(ann.type_ann.clone()),
                        false => ann.type_ann.clone(),
                    };
                    frame.insert(binding.id.to_id(), Local::Typed(ty));
                }
            }
            Pat::Object(object) => {
                for (id, ty) in destructured_types(object) {
                    frame.insert(id, Local::Typed(ty));
                }
            }
            // `limit = 10`: its type is written, or the default's, widened.
            Pat::Assign(AssignPat { left, right, .. }) => {
                if let Pat::Ident(binding) = &**left {
                    let local = match &binding.type_ann {
                        Some(ann) => Local::Typed(ann.type_ann.clone()),
                        None => Local::Initialised(right.clone(), true),
                    };
                    frame.insert(binding.id.to_id(), local);
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
                if let (Some(init), VarDeclKind::Const) = (&declarator.init, var.kind) {
                    // An array literal's elements are typed from the pattern (a tuple); not
                    // modelled.
                    if !matches!(init.unwrap_parens(), Expr::Array(_)) {
                        for (id, path) in destructured_paths(&declarator.name) {
                            frame.insert(id, Local::Destructured(init.clone(), path));
                        }
                    }
                }
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

/// The names a destructuring pattern binds, each with its path into the value. Names bound with a
/// default value or by a rest element are left out (their types are not the value's part).
pub(crate) fn destructured_paths(pattern: &Pat) -> Vec<(Id, Vec<PartKey>)> {
    fn walk(pattern: &Pat, path: &mut Vec<PartKey>, bound: &mut Vec<(Id, Vec<PartKey>)>) {
        match pattern {
            Pat::Ident(binding) if binding.type_ann.is_none() => {
                bound.push((binding.id.to_id(), path.clone()))
            }
            Pat::Array(array) if array.type_ann.is_none() => {
                for (index, element) in array.elems.iter().enumerate() {
                    let Some(element) = element else { continue };
                    path.push(PartKey::Index(index));
                    walk(element, path, bound);
                    path.pop();
                }
            }
            Pat::Object(object) if object.type_ann.is_none() => {
                for prop in &object.props {
                    let (key, value) = match prop {
                        ObjectPatProp::Assign(AssignPatProp {
                            key, value: None, ..
                        }) => {
                            path.push(PartKey::Key(key.id.sym.clone()));
                            bound.push((key.id.to_id(), path.clone()));
                            path.pop();
                            continue;
                        }
                        ObjectPatProp::KeyValue(KeyValuePatProp { key, value, .. }) => {
                            let key = match key {
                                PropName::Ident(ident) => ident.sym.clone(),
                                PropName::Str(text) => text.value.to_string_lossy().into(),
                                _ => continue,
                            };
                            (key, value)
                        }
                        _ => continue,
                    };
                    path.push(PartKey::Key(key));
                    walk(value, path, bound);
                    path.pop();
                }
            }
            _ => {}
        }
    }
    let mut bound = Vec::new();
    walk(pattern, &mut Vec::new(), &mut bound);
    bound
}
