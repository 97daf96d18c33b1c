//! What the dependencies' declaration files say about the values a call goes through: which
//! declaration a name imported from a package is (following re-exports, `export *`, namespace
//! imports, `typeof X.create`, class statics and instance members up the `extends` chain), and the
//! call signatures it has. Type-argument inference (`type_args`) reads the signatures; files are
//! parsed once per compiler and shared by the threads compiling modules.

pub mod declarations;
pub mod external;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use swc_core::atoms::Atom;
use swc_core::ecma::ast::*;

pub(crate) use crate::dts::dependencies::declarations::substitute_type_params;
use crate::dts::dependencies::declarations::{
    bind_type_params, binds_name, class_member, declares, find_class, members_value,
    parse_declaration_file, signature_of_fn_type, signature_of_function, top_level_decls,
};
pub use crate::dts::dependencies::declarations::{local_functions_value, UNBOUND_TYPE_PARAM};
use crate::dts::dependencies::external::{declaration_file, export_name, package_entry};

/// How deep re-export and member chains are followed.
const MAX_DEPTH: usize = 16;

/// Parsed declaration files of the dependencies, shared by the compiler's threads.
#[derive(Default)]
pub struct DependencyTypes {
    files: Mutex<HashMap<PathBuf, Option<Arc<Module>>>>,
    /// The package's own modules, with the hash of the bytes each was parsed from.
    sources: Mutex<HashMap<PathBuf, (u64, Option<Arc<Module>>)>>,
    entries: Mutex<HashMap<(PathBuf, String), Option<PathBuf>>>,
}

/// Where a name a declaration file uses comes from, for a module that imports from a package.
#[derive(Debug, PartialEq)]
pub enum NameOrigin {
    /// Nothing in the file declares or imports it: a global (`Promise`, `Record`).
    Global,
    /// The package's entry exports the same declaration under that name.
    Exported,
    /// The file imports it from another package that the consumer can resolve too: the import's
    /// specifier, and the imported name (None for a namespace import).
    Package(String, Option<Atom>),
    /// Anything else (a local the entry does not export, a namespace, an unresolved import).
    Other,
}

/// A value a dependency declares, as far as calls on it go.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A module's exports (`import * as z`, `export * as z`).
    Namespace(PathBuf),
    /// A value of this type, written in the scope of the file.
    Typed(PathBuf, Box<TsType>),
    /// The top-level function declarations of a name (its overloads).
    Functions(PathBuf, Atom),
    /// A class, for its static members.
    Class(PathBuf, Atom),
}

/// Where a name is declared: at the top level of a file, or as a module namespace.
#[derive(PartialEq)]
enum Binding {
    Local(PathBuf, Atom),
    Namespace(PathBuf),
}

/// One call signature of a dependency's function, in the scope of `file`.
pub struct Signature {
    pub file: PathBuf,
    pub type_params: Vec<TsTypeParam>,
    pub params: Vec<SignatureParam>,
    pub returns: Option<Box<TsType>>,
}

pub struct SignatureParam {
    pub ty: Option<Box<TsType>>,
    pub optional: bool,
    pub rest: bool,
}

impl Signature {
    /// Whether a call with `count` arguments (no spreads) can resolve to this signature.
    pub fn accepts(&self, count: usize) -> bool {
        let required = self
            .params
            .iter()
            .take_while(|p| !p.optional && !p.rest)
            .count();
        let rest = self.params.iter().any(|p| p.rest);
        count >= required && (rest || count <= self.params.len())
    }
}

impl DependencyTypes {
    /// What `name`, imported from `specifier` by a module in `dir`, is.
    pub fn import(&self, dir: &Path, specifier: &str, name: &str) -> Option<Value> {
        let file = self.resolve(dir, specifier)?;
        let binding = match name {
            "*" => Binding::Namespace(file),
            _ => match self.export(&file, name, 0) {
                Some(binding) => binding,
                // `import React from 'react'` of an `export =` module (esModuleInterop): the
                // default import is the whole module.
                None if name == "default" && self.assigns_exports(&file) => {
                    Binding::Namespace(file)
                }
                None => return None,
            },
        };
        self.value(binding)
    }

    /// Whether the module `specifier` leads to from `dir` exports `name` as an enum (declared there
    /// or re-exported).
    pub fn exports_enum(&self, dir: &Path, specifier: &str, name: &str) -> bool {
        let Some(Binding::Local(file, local)) = self
            .resolve(dir, specifier)
            .and_then(|entry| self.export(&entry, name, 0))
        else {
            return false;
        };
        self.load(&file).is_some_and(|module| {
            top_level_decls(&module)
                .find(|decl| declares(decl, &local))
                .is_some_and(|decl| matches!(decl, Decl::TsEnum(_)))
        })
    }

    /// Whether a declaration file assigns its exports (`export = React;`).
    fn assigns_exports(&self, file: &Path) -> bool {
        self.load(file).is_some_and(|module| {
            module.body.iter().any(|item| {
                matches!(
                    item,
                    ModuleItem::ModuleDecl(ModuleDecl::TsExportAssignment(_))
                )
            })
        })
    }

    /// Whether `package` leads to another copy of it from `file` than from `dir` (a dependency with
    /// its own nested `node_modules` copy of a package the consumer also uses). Types of two copies
    /// are not assignable to each other where the package brands its types.
    pub fn other_copy(&self, file: &Path, dir: &Path, package: &str) -> bool {
        let from_file = self.resolve_from_file(file, package);
        let from_dir = self.resolve(dir, package);
        matches!((from_file, from_dir), (Some(a), Some(b)) if a != b)
    }

    /// Whether `specifier` leads to a declaration file from `dir`.
    pub fn resolves(&self, dir: &Path, specifier: &str) -> bool {
        self.resolve(dir, specifier).is_some()
    }

    /// Whether the module `specifier` leads to from `dir` exports `name` (a value or a type).
    pub fn exports(&self, dir: &Path, specifier: &str, name: &str) -> bool {
        self.resolve(dir, specifier)
            .is_some_and(|file| self.export(&file, name, 0).is_some())
    }

    /// Where the name `name`, used in the declaration file `file`, comes from, for a module in `dir`
    /// that imports `specifier`.
    pub fn name_origin(&self, file: &Path, name: &str, dir: &Path, specifier: &str) -> NameOrigin {
        let Some(module) = self.load(file) else {
            return NameOrigin::Other;
        };
        if !binds_name(&module, name) {
            return NameOrigin::Global;
        }
        let used = self.binding(file, name, 0);
        let exported = self
            .resolve(dir, specifier)
            .and_then(|entry| self.export(&entry, name, 0));
        match used {
            Some(used) if Some(&used) == exported.as_ref() => NameOrigin::Exported,
            _ => self
                .package_import(&module, name, dir)
                .unwrap_or(NameOrigin::Other),
        }
    }

    /// The import of `name` into `module` from a package that also resolves from `dir`.
    fn package_import(&self, module: &Module, name: &str, dir: &Path) -> Option<NameOrigin> {
        module.body.iter().find_map(|item| {
            let ModuleItem::ModuleDecl(ModuleDecl::Import(import)) = item else {
                return None;
            };
            let source = import.src.value.to_string_lossy();
            if source.starts_with('.') || self.resolve(dir, &source).is_none() {
                return None;
            }
            import
                .specifiers
                .iter()
                .find_map(|specifier| match specifier {
                    ImportSpecifier::Named(named) if named.local.sym == name => {
                        let imported = named.imported.as_ref().map(export_name);
                        let imported = imported.unwrap_or(&named.local.sym);
                        Some(NameOrigin::Package(
                            source.to_string(),
                            Some(Atom::from(imported)),
                        ))
                    }
                    ImportSpecifier::Namespace(namespace) if namespace.local.sym == name => {
                        Some(NameOrigin::Package(source.to_string(), None))
                    }
                    _ => None,
                })
        })
    }

    /// Whether the type `name` that `specifier` exports (to a module in `dir`) is an interface,
    /// class or object type alias with a `then` member, own or inherited; None when it is
    /// something else or unknown.
    pub fn is_thenable_type(&self, dir: &Path, specifier: &str, name: &str) -> Option<bool> {
        let entry = self.resolve(dir, specifier)?;
        let Binding::Local(file, local) = self.export(&entry, name, 0)? else {
            return None;
        };
        let module = self.load(&file)?;
        let is_object_type = top_level_decls(&module).any(|decl| match decl {
            Decl::TsInterface(i) => i.id.sym == local && i.type_params.is_none(),
            Decl::Class(c) => c.ident.sym == local && c.class.type_params.is_none(),
            Decl::TsTypeAlias(a) => {
                a.id.sym == local
                    && a.type_params.is_none()
                    && matches!(&*a.type_ann, TsType::TsTypeLit(_))
            }
            _ => false,
        });
        is_object_type.then(|| {
            self.instance_member(&file, (&local, None), "then", 0)
                .is_some()
        })
    }

    /// The member `name` of a value: a namespace's export, a class's static, a property or method
    /// of the value's type.
    pub fn member(&self, value: &Value, name: &str) -> Option<Value> {
        self.member_at(value, name, 0)
    }

    fn member_at(&self, value: &Value, name: &str, depth: usize) -> Option<Value> {
        if depth > MAX_DEPTH {
            return None;
        }
        match value {
            Value::Namespace(file) => self.value(self.export(file, name, depth + 1)?),
            Value::Class(file, class) => {
                let module = self.load(file)?;
                let class = find_class(&module, class)?;
                class_member(file, class, name, true)
            }
            Value::Typed(file, ty) => self.type_member(file, ty, name, depth + 1),
            Value::Functions(..) => None,
        }
    }

    /// The call signatures of a value.
    pub fn signatures(&self, value: &Value) -> Vec<Signature> {
        self.signatures_at(value, 0)
    }

    fn signatures_at(&self, value: &Value, depth: usize) -> Vec<Signature> {
        if depth > MAX_DEPTH {
            return Vec::new();
        }
        match value {
            Value::Functions(file, name) => {
                let Some(module) = self.load(file) else {
                    return Vec::new();
                };
                top_level_decls(&module)
                    .filter_map(|decl| match decl {
                        Decl::Fn(f) if f.ident.sym == *name => Some(signature_of_function(
                            file,
                            &f.function.type_params,
                            f.function.params.iter().map(|p| &p.pat),
                            &f.function.return_type,
                        )),
                        _ => None,
                    })
                    .collect()
            }
            Value::Typed(file, ty) => match &**ty {
                TsType::TsFnOrConstructorType(TsFnOrConstructorType::TsFnType(f)) => {
                    vec![signature_of_fn_type(
                        file,
                        &f.type_params,
                        &f.params,
                        Some(&f.type_ann),
                    )]
                }
                TsType::TsTypeLit(lit) => lit
                    .members
                    .iter()
                    .filter_map(|member| match member {
                        TsTypeElement::TsCallSignatureDecl(call) => Some(signature_of_fn_type(
                            file,
                            &call.type_params,
                            &call.params,
                            call.type_ann.as_deref(),
                        )),
                        _ => None,
                    })
                    .collect(),
                TsType::TsParenthesizedType(inner) => self.signatures_at(
                    &Value::Typed(file.clone(), inner.type_ann.clone()),
                    depth + 1,
                ),
                TsType::TsIndexedAccessType(access) => {
                    match self.indexed_member(file, access, depth + 1) {
                        Some(value) => self.signatures_at(&value, depth + 1),
                        None => Vec::new(),
                    }
                }
                TsType::TsTypeQuery(TsTypeQuery {
                    expr_name: TsTypeQueryExpr::TsEntityName(entity),
                    type_args: None,
                    ..
                }) => match self.entity_value(file, entity, depth + 1) {
                    Some(value) => self.signatures_at(&value, depth + 1),
                    None => Vec::new(),
                },
                _ => Vec::new(),
            },
            Value::Namespace(_) | Value::Class(..) => Vec::new(),
        }
    }

    /// Whether a value is declared with type parameters: a generic class, or a function or const
    /// with a generic call or construct signature.
    pub fn is_generic(&self, value: &Value) -> bool {
        if let Value::Class(file, name) = value {
            return self.load(file).is_some_and(|module| {
                find_class(&module, name).is_some_and(|c| c.type_params.is_some())
            });
        }
        let constructs_generic = match value {
            Value::Typed(_, ty) => match &**ty {
                TsType::TsFnOrConstructorType(TsFnOrConstructorType::TsConstructorType(c)) => {
                    c.type_params.is_some()
                }
                TsType::TsTypeLit(lit) => lit.members.iter().any(|m| {
                    matches!(m, TsTypeElement::TsConstructSignatureDecl(c) if c.type_params.is_some())
                }),
                _ => false,
            },
            _ => false,
        };
        constructs_generic
            || self
                .signatures(value)
                .iter()
                .any(|signature| !signature.type_params.is_empty())
    }

    /// What a call resolving to `signature` returns (`this` is the receiver).
    /// `unbound`: the signature's type parameters are unknown (the call infers them) rather than
    /// written on the call.
    pub fn call_result(
        &self,
        signature: &Signature,
        receiver: Option<&Value>,
        unbound: bool,
    ) -> Option<Value> {
        match signature.returns.as_deref()? {
            TsType::TsThisType(_) => receiver.cloned(),
            returns if !unbound => Some(Value::Typed(
                signature.file.clone(),
                Box::new(returns.clone()),
            )),
            // What the call infers for the signature's type parameters is not known here.
            returns => {
                let value = Value::Typed(signature.file.clone(), Box::new(returns.clone()));
                let params = TsTypeParamDecl {
                    span: swc_core::common::DUMMY_SP,
                    params: signature.type_params.clone(),
                };
                Some(bind_type_params(value, Some(&params), None))
            }
        }
    }

    /// The declaration of the type alias `name` in the scope of `file`: its file, type parameters
    /// and body.
    pub fn type_alias(&self, file: &Path, name: &str) -> Option<(PathBuf, TsTypeAliasDecl)> {
        let Binding::Local(file, name) = self.binding(file, name, 0)? else {
            return None;
        };
        let module = self.load(&file)?;
        let alias = top_level_decls(&module).find_map(|decl| match decl {
            Decl::TsTypeAlias(alias) if alias.id.sym == name => Some((**alias).clone()),
            _ => None,
        })?;
        Some((file, alias))
    }

    /// An interface declared in a dependency, as a type alias of the type literal of its members,
    /// when what it extends does not use its type parameters (those members could give type
    /// parameters candidates that the members read here do not show).
    pub fn interface_alias(&self, file: &Path, name: &str) -> Option<(PathBuf, TsTypeAliasDecl)> {
        let Binding::Local(file, name) = self.binding(file, name, 0)? else {
            return None;
        };
        let module = self.load(&file)?;
        let mut declarations = top_level_decls(&module).filter_map(|decl| match decl {
            Decl::TsInterface(interface) if interface.id.sym == name => Some(interface),
            _ => None,
        });
        // Merged declarations are not read.
        let (Some(interface), None) = (declarations.next(), declarations.next()) else {
            return None;
        };
        use crate::dts::infer::type_arg_places::Subst;
        let own_params: std::collections::HashMap<Atom, Subst> = interface
            .type_params
            .iter()
            .flat_map(|p| {
                p.params
                    .iter()
                    .map(|p| (p.name.sym.clone(), Subst::Mentions))
            })
            .collect();
        let extends_own = interface.extends.iter().any(|heritage| {
            heritage.type_args.as_ref().is_some_and(|args| {
                args.params
                    .iter()
                    .any(|arg| crate::dts::infer::argument_types::mentions(&**arg, &own_params))
            })
        });
        if extends_own {
            return None;
        }
        let alias = TsTypeAliasDecl {
            span: interface.span,
            declare: true,
            id: interface.id.clone(),
            type_params: interface.type_params.clone(),
            type_ann: Box::new(TsType::TsTypeLit(TsTypeLit {
                span: interface.body.span,
                members: interface.body.body.clone(),
            })),
        };
        Some((file, alias))
    }

    fn type_member(&self, file: &Path, ty: &TsType, name: &str, depth: usize) -> Option<Value> {
        match ty {
            TsType::TsParenthesizedType(inner) => {
                self.type_member(file, &inner.type_ann, name, depth + 1)
            }
            TsType::TsTypeQuery(TsTypeQuery {
                expr_name: TsTypeQueryExpr::TsEntityName(entity),
                type_args: None,
                ..
            }) => {
                let value = self.entity_value(file, entity, depth + 1)?;
                self.member_at(&value, name, depth + 1)
            }
            TsType::TsTypeRef(TsTypeRef {
                type_name: TsEntityName::Ident(type_name),
                type_params,
                ..
            }) => {
                let args = type_params.as_deref().map(|args| (file, &args.params[..]));
                self.instance_member(file, (&type_name.sym, args), name, depth + 1)
            }
            // `ns.ExtensionBlueprint<...>`, `ns` a namespace import (of the package itself, as
            // rolled-up declarations write it).
            TsType::TsTypeRef(TsTypeRef {
                type_name: TsEntityName::TsQualifiedName(qualified),
                type_params,
                ..
            }) => {
                let TsEntityName::Ident(namespace) = &qualified.left else {
                    return None;
                };
                let Binding::Namespace(target) = self.binding(file, &namespace.sym, depth + 1)?
                else {
                    return None;
                };
                let Binding::Local(declared_in, type_name) =
                    self.export(&target, &qualified.right.sym, depth + 1)?
                else {
                    return None;
                };
                let args = type_params.as_deref().map(|args| (file, &args.params[..]));
                self.instance_member(&declared_in, (&type_name, args), name, depth + 1)
            }
            TsType::TsTypeLit(lit) => members_value(file, &lit.members, name),
            TsType::TsIndexedAccessType(access) => {
                let value = self.indexed_member(file, access, depth + 1)?;
                self.member_at(&value, name, depth + 1)
            }
            TsType::TsUnionOrIntersectionType(TsUnionOrIntersectionType::TsIntersectionType(
                both,
            )) => both
                .types
                .iter()
                .find_map(|t| self.type_member(file, t, name, depth + 1)),
            _ => None,
        }
    }

    /// `(typeof ZodString)["create"]`: the member a string literal names.
    fn indexed_member(
        &self,
        file: &Path,
        access: &TsIndexedAccessType,
        depth: usize,
    ) -> Option<Value> {
        let TsType::TsLitType(TsLitType {
            lit: TsLit::Str(key),
            ..
        }) = &*access.index_type
        else {
            return None;
        };
        let key = key.value.as_str()?;
        self.type_member(file, &access.obj_type, key, depth + 1)
    }

    /// The member `name` of an instance of the class or interface `type_name` (in `file`'s scope),
    /// its own or inherited, with the type arguments the instance's type gives (written in the
    /// scope of the file they come with) in place of the declaration's type parameters.
    fn instance_member(
        &self,
        file: &Path,
        (type_name, args): (&str, Option<(&Path, &[Box<TsType>])>),
        name: &str,
        depth: usize,
    ) -> Option<Value> {
        if depth > MAX_DEPTH {
            return None;
        }
        let Binding::Local(file, type_name) = self.binding(file, type_name, depth + 1)? else {
            return None;
        };
        let module = self.load(&file)?;
        let mut bases: Vec<Atom> = Vec::new();
        let bound = |found: Value, params: Option<&TsTypeParamDecl>| {
            let args = args.filter(|(written_in, _)| *written_in == file.as_path());
            bind_type_params(found, params, args.map(|(_, args)| args))
        };
        for decl in top_level_decls(&module) {
            match decl {
                Decl::Class(c) if c.ident.sym == type_name => {
                    if let Some(found) = class_member(&file, &c.class, name, false) {
                        return Some(bound(found, c.class.type_params.as_deref()));
                    }
                    if let Some(Expr::Ident(base)) = c.class.super_class.as_deref() {
                        bases.push(base.sym.clone());
                    }
                }
                Decl::TsInterface(i) if i.id.sym == type_name => {
                    if let Some(found) = members_value(&file, &i.body.body, name) {
                        return Some(bound(found, i.type_params.as_deref()));
                    }
                    bases.extend(i.extends.iter().filter_map(|h| match &*h.expr {
                        Expr::Ident(base) => Some(base.sym.clone()),
                        _ => None,
                    }));
                }
                Decl::TsTypeAlias(alias) if alias.id.sym == type_name => {
                    let found = self.type_member(&file, &alias.type_ann, name, depth + 1)?;
                    return Some(bound(found, alias.type_params.as_deref()));
                }
                _ => {}
            }
        }
        bases
            .iter()
            .find_map(|base| self.instance_member(&file, (base, None), name, depth + 1))
    }

    fn entity_value(&self, file: &Path, entity: &TsEntityName, depth: usize) -> Option<Value> {
        if depth > MAX_DEPTH {
            return None;
        }
        match entity {
            TsEntityName::Ident(ident) => self.value(self.binding(file, &ident.sym, depth + 1)?),
            TsEntityName::TsQualifiedName(qualified) => {
                let left = self.entity_value(file, &qualified.left, depth + 1)?;
                self.member_at(&left, &qualified.right.sym, depth + 1)
            }
            #[allow(unreachable_patterns)]
            _ => None,
        }
    }

    fn value(&self, binding: Binding) -> Option<Value> {
        let (file, name) = match binding {
            Binding::Namespace(file) => return Some(Value::Namespace(file)),
            Binding::Local(file, name) => (file, name),
        };
        let module = self.load(&file)?;
        let found = top_level_decls(&module).find_map(|decl| match decl {
            Decl::Fn(f) if f.ident.sym == name => {
                Some(Value::Functions(file.clone(), name.clone()))
            }
            Decl::Class(c) if c.ident.sym == name => Some(Value::Class(file.clone(), name.clone())),
            Decl::Var(var) => var
                .decls
                .iter()
                .find_map(|declarator| match &declarator.name {
                    Pat::Ident(binding) if binding.id.sym == name => binding
                        .type_ann
                        .as_ref()
                        .map(|ann| Value::Typed(file.clone(), ann.type_ann.clone())),
                    _ => None,
                }),
            _ => None,
        });
        found
    }

    /// Where the name `name` used in `file` is declared.
    fn binding(&self, file: &Path, name: &str, depth: usize) -> Option<Binding> {
        if depth > MAX_DEPTH {
            return None;
        }
        let module = self.load(file)?;
        if top_level_decls(&module).any(|decl| declares(decl, name)) {
            return Some(Binding::Local(file.to_path_buf(), name.into()));
        }
        for item in &module.body {
            let ModuleItem::ModuleDecl(ModuleDecl::Import(import)) = item else {
                continue;
            };
            for specifier in &import.specifiers {
                let (local, imported) = match specifier {
                    ImportSpecifier::Named(named) => (
                        &named.local.sym,
                        named
                            .imported
                            .as_ref()
                            .map(export_name)
                            .unwrap_or(&named.local.sym),
                    ),
                    ImportSpecifier::Default(default) => (&default.local.sym, "default"),
                    ImportSpecifier::Namespace(namespace) => (&namespace.local.sym, "*"),
                };
                if local != name {
                    continue;
                }
                let target = self.resolve_from_file(file, &import.src.value.to_string_lossy())?;
                return match imported {
                    "*" => Some(Binding::Namespace(target)),
                    imported => self.export(&target, imported, depth + 1),
                };
            }
        }
        None
    }

    /// What `file` exports as `name`.
    fn export(&self, file: &Path, name: &str, depth: usize) -> Option<Binding> {
        if depth > MAX_DEPTH {
            return None;
        }
        let module = self.load(file)?;
        for item in &module.body {
            match item {
                ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(export))
                    if declares(&export.decl, name) =>
                {
                    return Some(Binding::Local(file.to_path_buf(), name.into()));
                }
                ModuleItem::ModuleDecl(ModuleDecl::ExportNamed(named)) => {
                    for specifier in &named.specifiers {
                        match specifier {
                            ExportSpecifier::Named(spec) => {
                                let orig = export_name(&spec.orig);
                                let exported =
                                    spec.exported.as_ref().map(export_name).unwrap_or(orig);
                                if exported != name {
                                    continue;
                                }
                                return match &named.src {
                                    Some(src) => {
                                        let target = self.resolve_from_file(
                                            file,
                                            &src.value.to_string_lossy(),
                                        )?;
                                        self.export(&target, orig, depth + 1)
                                    }
                                    None => self.binding(file, orig, depth + 1),
                                };
                            }
                            ExportSpecifier::Namespace(spec) if export_name(&spec.name) == name => {
                                let src = named.src.as_ref()?;
                                return self
                                    .resolve_from_file(file, &src.value.to_string_lossy())
                                    .map(Binding::Namespace);
                            }
                            _ => {}
                        }
                    }
                }
                ModuleItem::ModuleDecl(ModuleDecl::ExportDefaultExpr(default))
                    if name == "default" =>
                {
                    if let Expr::Ident(ident) = &*default.expr {
                        return self.binding(file, &ident.sym, depth + 1);
                    }
                }
                _ => {}
            }
        }
        module.body.iter().find_map(|item| match item {
            ModuleItem::ModuleDecl(ModuleDecl::ExportAll(all)) if name != "default" => {
                let target = self.resolve_from_file(file, &all.src.value.to_string_lossy())?;
                self.export(&target, name, depth + 1)
            }
            _ => None,
        })
    }

    fn resolve_from_file(&self, file: &Path, specifier: &str) -> Option<PathBuf> {
        self.resolve(file.parent().unwrap_or(Path::new(".")), specifier)
    }

    /// The declaration file `specifier` leads to from the folder `dir`.
    fn resolve(&self, dir: &Path, specifier: &str) -> Option<PathBuf> {
        if specifier.starts_with('.') {
            return declaration_file(dir, specifier);
        }
        let key = (dir.to_path_buf(), specifier.to_string());
        if let Some(known) = lock(&self.entries).get(&key) {
            return known.clone();
        }
        let found = package_entry(dir, specifier);
        lock(&self.entries).insert(key, found.clone());
        found
    }

    fn load(&self, file: &Path) -> Option<Arc<Module>> {
        if is_package_source(file) {
            return self.load_package_source(file);
        }
        if let Some(known) = lock(&self.files).get(file) {
            return known.clone();
        }
        let parsed = parse_declaration_file(file).map(Arc::new);
        lock(&self.files).insert(file.to_path_buf(), parsed.clone());
        parsed
    }

    /// A module of the package being compiled (read for a relative import): it changes while the
    /// compiler lives (a watch session), so it is parsed again when its bytes do, and each read is
    /// an input of the module being inferred (`sources_read`).
    fn load_package_source(&self, file: &Path) -> Option<Arc<Module>> {
        let hash = SOURCES_READ.with(|read| {
            let mut read = read.borrow_mut();
            if let Some(hash) = read.as_ref().and_then(|r| r.get(file)) {
                return Some(*hash);
            }
            let hash = crate::dts::infer::json_types::input_hash(&std::fs::read(file).ok()?);
            if let Some(read) = read.as_mut() {
                read.insert(file.to_path_buf(), hash);
            }
            Some(hash)
        })?;
        if let Some((known, parsed)) = lock(&self.sources).get(file) {
            if *known == hash {
                return parsed.clone();
            }
        }
        let parsed = parse_declaration_file(file).map(Arc::new);
        lock(&self.sources).insert(file.to_path_buf(), (hash, parsed.clone()));
        parsed
    }
}

thread_local! {
    /// The package's own source files read (with the hashes of their bytes) while one module's
    /// declarations are inferred on this thread; None outside `sources_read`.
    static SOURCES_READ: std::cell::RefCell<Option<HashMap<PathBuf, u64>>> =
        const { std::cell::RefCell::new(None) };
}

/// Runs `f`, and returns what it returns with the package's source files the dependency reader
/// read meanwhile (relative imports followed into the package's own modules), with their hashes.
pub fn sources_read<T>(f: impl FnOnce() -> T) -> (T, Vec<(PathBuf, u64)>) {
    let outer = SOURCES_READ.with(|read| read.borrow_mut().replace(HashMap::new()));
    let result = f();
    let read = SOURCES_READ.with(|read| std::mem::replace(&mut *read.borrow_mut(), outer));
    (result, read.unwrap_or_default().into_iter().collect())
}

/// A file that is not in a `node_modules` folder: a module (or hand-written declaration file) of
/// the package being compiled (a workspace package's sources are read through its `node_modules`
/// link).
fn is_package_source(file: &Path) -> bool {
    !file.components().any(|c| c.as_os_str() == "node_modules")
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
