//! What the package's dependencies declare, read from their installed `.d.ts` files: whether a name
//! imported from a package is a generic function or class. A call of one without type arguments is
//! where tsc would infer them from the arguments and the roll-up can only write the constraints, so
//! the build warns there, as it does for the package's own generic functions.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::Value;
use swc_core::common::sync::Lrc;
use swc_core::ecma::ast::*;

use super::dependency_types::DependencyTypes;
use crate::resolve::{normalize, package_name};

/// How deep `export *` and re-export chains are followed.
const MAX_DEPTH: usize = 12;

/// Declaration files of the dependencies, parsed on first use (one build, one thread).
pub struct ExternalDeclarations {
    package_dir: PathBuf,
    parsed: RefCell<HashMap<PathBuf, Option<Lrc<Module>>>>,
    types: DependencyTypes,
}

impl ExternalDeclarations {
    pub fn new(package_dir: &Path) -> ExternalDeclarations {
        ExternalDeclarations {
            package_dir: package_dir.to_path_buf(),
            parsed: RefCell::new(HashMap::new()),
            types: DependencyTypes::default(),
        }
    }

    /// Whether the package `specifier` resolves to exports `name` (a value or a type).
    pub fn exports(&self, specifier: &str, name: &str) -> bool {
        self.types.exports(&self.package_dir, specifier, name)
    }

    /// Whether `name`, exported by the package `specifier` resolves to, is declared with type
    /// parameters (a function with a generic overload, a generic class, a const of generic function
    /// type). False when its declarations cannot be found.
    pub fn is_generic(&self, specifier: &str, name: &str) -> bool {
        let Some(file) = self.entry_file(specifier) else {
            return false;
        };
        self.find_generic(&file, name, 0)
    }

    fn module(&self, file: &Path) -> Option<Lrc<Module>> {
        if let Some(known) = self.parsed.borrow().get(file) {
            return known.clone();
        }
        let parsed = super::dependency_types::parse_declaration_file(file).map(Lrc::new);
        self.parsed
            .borrow_mut()
            .insert(file.to_path_buf(), parsed.clone());
        parsed
    }

    fn find_generic(&self, file: &Path, name: &str, depth: usize) -> bool {
        if depth > MAX_DEPTH {
            return false;
        }
        let Some(module) = self.module(file) else {
            return false;
        };
        let dir = file.parent().unwrap_or(Path::new("."));
        for item in &module.body {
            match item {
                ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(export)) => {
                    if let Some(generic) = declares_generic(&export.decl, name) {
                        return generic;
                    }
                }
                ModuleItem::ModuleDecl(ModuleDecl::ExportNamed(named)) => {
                    for specifier in &named.specifiers {
                        let ExportSpecifier::Named(spec) = specifier else {
                            continue;
                        };
                        let orig = export_name(&spec.orig);
                        let exported = spec.exported.as_ref().map(export_name).unwrap_or(orig);
                        if exported != name {
                            continue;
                        }
                        return match &named.src {
                            Some(src) => declaration_file(dir, &src.value.to_string_lossy())
                                .is_some_and(|next| self.find_generic(&next, orig, depth + 1)),
                            None => self.find_local_generic(&module, dir, orig, depth),
                        };
                    }
                }
                _ => {}
            }
        }
        module.body.iter().any(|item| match item {
            ModuleItem::ModuleDecl(ModuleDecl::ExportAll(all)) => {
                declaration_file(dir, &all.src.value.to_string_lossy())
                    .is_some_and(|next| self.find_generic(&next, name, depth + 1))
            }
            _ => false,
        })
    }

    /// A name declared (or imported) at the top level of a declaration file and exported by a list.
    fn find_local_generic(&self, module: &Module, dir: &Path, local: &str, depth: usize) -> bool {
        for item in &module.body {
            match item {
                ModuleItem::Stmt(Stmt::Decl(decl)) => {
                    if let Some(generic) = declares_generic(decl, local) {
                        return generic;
                    }
                }
                ModuleItem::ModuleDecl(ModuleDecl::Import(import)) => {
                    for specifier in &import.specifiers {
                        let ImportSpecifier::Named(named) = specifier else {
                            continue;
                        };
                        if &*named.local.sym != local {
                            continue;
                        }
                        let imported = named.imported.as_ref().map(export_name).unwrap_or(local);
                        return declaration_file(dir, &import.src.value.to_string_lossy())
                            .is_some_and(|next| self.find_generic(&next, imported, depth + 1));
                    }
                }
                _ => {}
            }
        }
        false
    }

    fn entry_file(&self, specifier: &str) -> Option<PathBuf> {
        package_entry(&self.package_dir, specifier)
    }
}

/// The declaration file a bare specifier leads to from `from` (a folder): the package (from the
/// nearest `node_modules`, else `@types`), then its `exports` types condition, `types`/`typings`,
/// `main` as `.d.ts`, or `index.d.ts`.
pub(super) fn package_entry(from: &Path, specifier: &str) -> Option<PathBuf> {
    let specifier = specifier.strip_prefix("node:").unwrap_or(specifier);
    let (name, subpath) = package_name(specifier)?;
    let types_name = match name.strip_prefix('@') {
        Some(scoped) => format!("@types/{}", scoped.replace('/', "__")),
        None => format!("@types/{name}"),
    };
    from.ancestors().find_map(|dir| {
        [&name, &types_name].iter().find_map(|candidate| {
            let root = dir.join("node_modules").join(candidate);
            root.is_dir()
                .then(|| package_types(&root, subpath))
                .flatten()
        })
    })
}

pub(super) fn export_name(name: &ModuleExportName) -> &str {
    match name {
        ModuleExportName::Ident(ident) => &ident.sym,
        ModuleExportName::Str(s) => s.value.as_str().unwrap_or(""),
        #[allow(unreachable_patterns)]
        _ => "",
    }
}

/// Whether `decl` declares `name`, and if so whether with type parameters.
fn declares_generic(decl: &Decl, name: &str) -> Option<bool> {
    match decl {
        Decl::Fn(f) if &*f.ident.sym == name => Some(f.function.type_params.is_some()),
        Decl::Class(c) if &*c.ident.sym == name => Some(c.class.type_params.is_some()),
        Decl::Var(var) => var.decls.iter().find_map(|declarator| {
            let Pat::Ident(binding) = &declarator.name else {
                return None;
            };
            (&*binding.id.sym == name).then(|| {
                binding
                    .type_ann
                    .as_ref()
                    .is_some_and(|ann| is_generic_callable(&ann.type_ann))
            })
        }),
        _ => None,
    }
}

fn is_generic_callable(ty: &TsType) -> bool {
    match ty {
        TsType::TsFnOrConstructorType(TsFnOrConstructorType::TsFnType(f)) => {
            f.type_params.is_some()
        }
        TsType::TsFnOrConstructorType(TsFnOrConstructorType::TsConstructorType(c)) => {
            c.type_params.is_some()
        }
        TsType::TsTypeLit(lit) => lit.members.iter().any(|member| match member {
            TsTypeElement::TsCallSignatureDecl(call) => call.type_params.is_some(),
            TsTypeElement::TsConstructSignatureDecl(construct) => construct.type_params.is_some(),
            _ => false,
        }),
        TsType::TsParenthesizedType(inner) => is_generic_callable(&inner.type_ann),
        _ => false,
    }
}

/// The declaration file of a package folder for `subpath` (None: the package itself).
fn package_types(root: &Path, subpath: Option<&str>) -> Option<PathBuf> {
    let manifest: Value = std::fs::read_to_string(root.join("package.json"))
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or(Value::Null);
    let key = subpath.map_or(".".to_string(), |s| format!("./{s}"));
    let from_exports = match manifest.get("exports") {
        Some(Value::Object(map)) if map.keys().any(|k| k.starts_with('.')) => {
            map.get(&key).and_then(types_condition)
        }
        Some(other) if subpath.is_none() => types_condition(other),
        _ => None,
    };
    let from_fields = || {
        if subpath.is_some() {
            return None;
        }
        ["types", "typings"]
            .iter()
            .find_map(|field| manifest.get(*field).and_then(Value::as_str))
            .map(String::from)
            .or_else(|| {
                let main = manifest.get("main").and_then(Value::as_str)?;
                Some(format!("{}.d.ts", main.trim_end_matches(".js")))
            })
    };
    let candidates = from_exports
        .or_else(from_fields)
        .into_iter()
        .chain([match subpath {
            Some(sub) => format!("{sub}.d.ts"),
            None => "index.d.ts".to_string(),
        }]);
    for candidate in candidates {
        if let Some(file) =
            declaration_file(root, &format!("./{}", candidate.trim_start_matches("./")))
        {
            return Some(file);
        }
    }
    None
}

/// The `types` target in an `exports` value: a string, or the first types-bearing condition.
fn types_condition(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if is_declaration(s) => Some(s.clone()),
        Value::Object(map) => ["types", "require", "node", "import", "default"]
            .iter()
            .filter_map(|condition| map.get(*condition))
            .find_map(types_condition),
        Value::Array(list) => list.iter().find_map(types_condition),
        _ => None,
    }
}

fn is_declaration(path: &str) -> bool {
    path.ends_with(".d.ts") || path.ends_with(".d.cts") || path.ends_with(".d.mts")
}

/// The declaration file a relative specifier inside a declaration file names.
pub(super) fn declaration_file(dir: &Path, specifier: &str) -> Option<PathBuf> {
    if !specifier.starts_with('.') {
        return None;
    }
    let target = normalize(&dir.join(specifier));
    let text = target.to_string_lossy().into_owned();
    if is_declaration(&text) && target.is_file() {
        return Some(target);
    }
    let stem = [".js", ".cjs", ".mjs"]
        .iter()
        .find_map(|ext| text.strip_suffix(ext))
        .unwrap_or(&text);
    [
        format!("{stem}.d.ts"),
        format!("{stem}.d.cts"),
        format!("{stem}.d.mts"),
        format!("{stem}/index.d.ts"),
    ]
    .into_iter()
    .map(PathBuf::from)
    .find(|candidate| candidate.is_file())
}
