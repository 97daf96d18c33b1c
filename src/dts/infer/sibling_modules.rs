//! What the package's other modules declare, read from their sources where one module's
//! declarations need it: whether a name imported from one is an enum (tsc widens an enum member
//! to its enum: `[Kind.A, Kind.B]` is a `Kind[]`). Every file read is an input of the module's
//! declarations, like a JSON module: they are stale when it changes.

use std::path::{Path, PathBuf};

use swc_core::ecma::ast::*;

use crate::dts::dependencies::declarations::{declares, parse_declaration_file, top_level_decls};
use crate::dts::dependencies::external::{declaration_file, export_name};
use crate::dts::infer::json_types::input_hash;
use crate::dts::infer::scope::dependency_context;

/// How many re-exports are followed to the declaration.
const MAX_DEPTH: usize = 8;

/// Whether `ident`, imported by name from a relative module, is an enum that module declares or
/// re-exports.
pub(crate) fn imported_enum(ident: &Ident) -> bool {
    let Some(context) = dependency_context() else {
        return false;
    };
    if let Some(known) = context.sibling_enums.borrow().get(&ident.to_id()) {
        return *known;
    }
    let Some((specifier, imported)) = context.imports.get(&ident.to_id()) else {
        return false;
    };
    let mut read = Vec::new();
    let is_enum = specifier.starts_with('.')
        && !matches!(imported.as_str(), "*" | "default")
        && exports_enum(&context.dir, specifier, imported, &mut read, 0);
    context.source_inputs.borrow_mut().extend(read);
    context
        .sibling_enums
        .borrow_mut()
        .insert(ident.to_id(), is_enum);
    is_enum
}

/// Whether the module `specifier` names from `dir` exports `name` as an enum. `read`: the files
/// read, with the hashes of their bytes.
fn exports_enum(
    dir: &Path,
    specifier: &str,
    name: &str,
    read: &mut Vec<(PathBuf, u64)>,
    depth: usize,
) -> bool {
    if depth > MAX_DEPTH || !specifier.starts_with('.') {
        return false;
    }
    let Some(file) = declaration_file(dir, specifier) else {
        return false;
    };
    let Ok(bytes) = std::fs::read(&file) else {
        return false;
    };
    read.push((file.clone(), input_hash(&bytes)));
    let Some(module) = parse_declaration_file(&file) else {
        return false;
    };
    let here = file.parent().unwrap_or(dir);
    let is_local_enum = |local: &str| {
        top_level_decls(&module)
            .find(|decl| declares(decl, local))
            .is_some_and(|decl| matches!(decl, Decl::TsEnum(_)))
    };
    for item in &module.body {
        let ModuleItem::ModuleDecl(decl) = item else {
            continue;
        };
        match decl {
            ModuleDecl::ExportDecl(export) if declares(&export.decl, name) => {
                return matches!(export.decl, Decl::TsEnum(_));
            }
            ModuleDecl::ExportNamed(named) => {
                for spec in &named.specifiers {
                    let ExportSpecifier::Named(spec) = spec else {
                        continue;
                    };
                    let orig = export_name(&spec.orig);
                    let exported = spec.exported.as_ref().map(export_name).unwrap_or(orig);
                    if exported != name {
                        continue;
                    }
                    return match &named.src {
                        Some(src) => {
                            let src = src.value.to_string_lossy();
                            exports_enum(here, &src, orig, read, depth + 1)
                        }
                        None => is_local_enum(orig),
                    };
                }
            }
            _ => {}
        }
    }
    module.body.iter().any(|item| match item {
        ModuleItem::ModuleDecl(ModuleDecl::ExportAll(all)) => {
            let src = all.src.value.to_string_lossy();
            exports_enum(here, &src, name, read, depth + 1)
        }
        _ => false,
    })
}
