//! Calls whose type arguments tsc would infer. A declaration inferred from `f(x)` or `new C(x)` is
//! written `__PlugbuildCall<typeof f, [...]>` or `InstanceType<typeof C>`; when `f` or `C` is
//! generic, the consumer's tsc can only instantiate it with the constraints, not with what the
//! arguments say, so plugbuild warns at the call (TS9010). The roll-up knows every module and asks
//! while renaming (`rename`); `plugbuild tsc` writes each file alone, so it keeps each file's calls
//! and generic exports among the facts its project checks read.

use std::path::{Path, PathBuf};

use swc_core::atoms::Atom;
use swc_core::common::{SourceFile, Span};
use swc_core::ecma::ast::*;
use swc_core::ecma::visit::{Visit, VisitWith};

use crate::dts::dependencies::external::ExternalDeclarations;
use crate::dts::facts::{GenericCallFact, ModuleFacts, Place, ProjectFacts};
use crate::fs::FileSystem;
use crate::resolve::{self, Resolution};

/// The callee of a call whose type arguments are left to inference, and whether it has arguments
/// (any `new` counts as having them: with none, tsc has nothing to infer from either).
pub(crate) fn inferred_call(n: &TsType) -> Option<(&Ident, bool)> {
    let TsType::TsTypeRef(reference) = n else {
        return None;
    };
    let TsEntityName::Ident(helper) = &reference.type_name else {
        return None;
    };
    if &*helper.sym != crate::dts::infer::CALL_HELPER && &*helper.sym != "InstanceType" {
        return None;
    }
    let params = &reference.type_params.as_ref()?.params;
    let TsType::TsTypeQuery(TsTypeQuery {
        expr_name: TsTypeQueryExpr::TsEntityName(TsEntityName::Ident(callee)),
        type_args: None,
        ..
    }) = &**params.first()?
    else {
        return None;
    };
    let has_arguments = &*helper.sym == "InstanceType"
        || params.get(1).is_some_and(
            |args| matches!(&**args, TsType::TsTupleType(t) if !t.elem_types.is_empty()),
        );
    Some((callee, has_arguments))
}

/// Records in `facts` what `plugbuild tsc`'s generic-call check reads of one module's declarations:
/// the calls that may need a warning (of imported callees, or of the module's own generic functions
/// and classes) and the names it exports that are generic.
pub fn add_generic_facts(facts: &mut ModuleFacts, items: &[ModuleItem], fm: &SourceFile) {
    let mut imports: Vec<(Atom, String, Atom)> = Vec::new();
    let mut generic_locals: Vec<Atom> = Vec::new();
    let mut generic_exports: Vec<Atom> = Vec::new();
    for item in items {
        match item {
            ModuleItem::ModuleDecl(ModuleDecl::Import(import)) => {
                let specifier = import.src.value.to_string_lossy().into_owned();
                for named in &import.specifiers {
                    let (local, imported) = match named {
                        ImportSpecifier::Named(n) => (
                            n.local.sym.clone(),
                            n.imported
                                .as_ref()
                                .map(crate::dts::emit::analysis::export_name)
                                .unwrap_or_else(|| n.local.sym.clone()),
                        ),
                        ImportSpecifier::Default(d) => (d.local.sym.clone(), "default".into()),
                        ImportSpecifier::Namespace(_) => continue,
                    };
                    imports.push((local, specifier.clone(), imported));
                }
            }
            ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(export)) => {
                if let Some(name) = generic_name(&export.decl) {
                    generic_locals.push(name.clone());
                    generic_exports.push(name);
                }
            }
            ModuleItem::ModuleDecl(ModuleDecl::ExportDefaultDecl(export)) => {
                let generic = match &export.decl {
                    DefaultDecl::Fn(f) => f.function.type_params.is_some(),
                    DefaultDecl::Class(c) => c.class.type_params.is_some(),
                    _ => false,
                };
                if generic {
                    generic_exports.push("default".into());
                }
            }
            ModuleItem::Stmt(Stmt::Decl(decl)) => {
                if let Some(name) = generic_name(decl) {
                    generic_locals.push(name);
                }
            }
            _ => {}
        }
    }
    for item in items {
        if let ModuleItem::ModuleDecl(ModuleDecl::ExportNamed(NamedExport {
            src: None,
            specifiers,
            ..
        })) = item
        {
            for specifier in specifiers {
                if let ExportSpecifier::Named(named) = specifier {
                    let local = crate::dts::emit::analysis::export_name(&named.orig);
                    if generic_locals.contains(&local) {
                        let exported = named.exported.as_ref().unwrap_or(&named.orig);
                        generic_exports.push(crate::dts::emit::analysis::export_name(exported));
                    }
                }
            }
        }
    }
    let mut finder = CallFinder { found: Vec::new() };
    items.visit_with(&mut finder);
    facts.generic_calls = finder
        .found
        .into_iter()
        .filter_map(|(callee, has_arguments, span)| {
            let import = imports
                .iter()
                .find(|(local, _, _)| *local == callee)
                .map(|(_, specifier, imported)| (specifier.clone(), imported.to_string()));
            (import.is_some() || generic_locals.contains(&callee)).then(|| GenericCallFact {
                callee: callee.to_string(),
                import,
                has_arguments,
                place: Place::of(span, fm),
            })
        })
        .collect();
    facts.generic_exports = generic_exports.iter().map(|n| n.to_string()).collect();
}

fn generic_name(decl: &Decl) -> Option<Atom> {
    match decl {
        Decl::Fn(f) if f.function.type_params.is_some() => Some(f.ident.sym.clone()),
        Decl::Class(c) if c.class.type_params.is_some() => Some(c.ident.sym.clone()),
        _ => None,
    }
}

struct CallFinder {
    found: Vec<(Atom, bool, Span)>,
}

impl Visit for CallFinder {
    fn visit_ts_type(&mut self, n: &TsType) {
        if let Some((callee, has_arguments)) = inferred_call(n) {
            self.found
                .push((callee.sym.clone(), has_arguments, callee.span));
        }
        n.visit_children_with(self);
    }
}

/// Whether `call`, in the declarations of the module at `path`, calls a generic function or class
/// (TS9010): the module's own, one exported by the module it imports it from (through `export *`),
/// or, with arguments, a dependency's (as the build's roll-up warns).
pub fn leaves_type_arguments_inferred(
    fs: &FileSystem,
    root: &Path,
    path: &Path,
    call: &GenericCallFact,
    modules: &ProjectFacts,
    externals: &mut crate::fs::PathMap<PathBuf, ExternalDeclarations>,
) -> bool {
    match &call.import {
        None => true,
        Some((specifier, imported)) if resolve::is_relative(specifier) => {
            match resolve::resolve_types(fs, root, path, specifier) {
                Resolution::Internal(target) => {
                    exports_generic(fs, root, &target, imported, modules, &mut Vec::new())
                }
                _ => false,
            }
        }
        Some((specifier, imported)) => {
            call.has_arguments
                && resolve::package_root(path).is_some_and(|package| {
                    externals
                        .entry(package.clone())
                        .or_insert_with(|| ExternalDeclarations::new(&package))
                        .is_generic(specifier, imported)
                })
        }
    }
}

/// Whether `name`, exported by the module at `path` (directly or through `export *`), is a generic
/// function or class.
fn exports_generic(
    fs: &FileSystem,
    root: &Path,
    path: &Path,
    name: &str,
    modules: &ProjectFacts,
    visiting: &mut Vec<PathBuf>,
) -> bool {
    let Some(facts) = modules.get(path) else {
        return false;
    };
    if facts.generic_exports.iter().any(|n| n == name) {
        return true;
    }
    let own = facts.declared_exports.iter().any(|n| n == name)
        || facts.listed_exports.iter().any(|(n, _)| n == name);
    if own || name == "default" || visiting.iter().any(|p| p == path) {
        return false;
    }
    visiting.push(path.to_path_buf());
    facts.stars.iter().any(|(specifier, _)| {
        matches!(resolve::resolve_types(fs, root, path, specifier),
            Resolution::Internal(target) if exports_generic(fs, root, &target, name, modules, visiting))
    })
}
