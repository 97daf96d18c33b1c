//! What the package's dependencies declare, read from their installed `.d.ts` files: whether a name
//! imported from a package is a generic function or class (a call of one without type arguments
//! that `type_args` could not infer is where the build warns) or exported at all, and where a bare
//! specifier's declarations are. What a name is comes from `dts::dependencies`.

use std::path::{Path, PathBuf};

use serde_json::Value;
use swc_core::ecma::ast::*;

use crate::dts::dependencies::DependencyTypes;
use crate::resolve::{normalize, package_name};

/// The dependencies' declarations as the generic-call check asks about them (one build, one
/// thread); what a name is comes from `DependencyTypes`.
pub struct ExternalDeclarations {
    package_dir: PathBuf,
    types: DependencyTypes,
}

impl ExternalDeclarations {
    pub fn new(package_dir: &Path) -> ExternalDeclarations {
        ExternalDeclarations {
            package_dir: package_dir.to_path_buf(),
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
        self.types
            .import(&self.package_dir, specifier, name)
            .is_some_and(|value| self.types.is_generic(&value))
    }
}

/// The declaration file a bare specifier leads to from `from` (a folder): the package (from the
/// nearest `node_modules`, else `@types`), then its `exports` types condition, `types`/`typings`,
/// `main` as `.d.ts`, or `index.d.ts`.
pub(crate) fn package_entry(from: &Path, specifier: &str) -> Option<PathBuf> {
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

pub(crate) fn export_name(name: &ModuleExportName) -> &str {
    match name {
        ModuleExportName::Ident(ident) => &ident.sym,
        ModuleExportName::Str(s) => s.value.as_str().unwrap_or(""),
        #[allow(unreachable_patterns)]
        _ => "",
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
    // A subpath without `exports` is a file or a folder (`@material-ui/core/styles`), whose own
    // package.json may name its types.
    let nested = || {
        let sub = subpath?;
        package_types(&root.join(sub), None).map(|file| {
            file.strip_prefix(root)
                .unwrap_or(&file)
                .to_string_lossy()
                .into_owned()
        })
    };
    let candidates = from_exports
        .or_else(from_fields)
        .into_iter()
        .chain(match subpath {
            Some(sub) => vec![sub.to_string()],
            None => vec!["index.d.ts".to_string()],
        })
        .chain(nested());
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
        Value::String(s) if is_declaration(s) || is_typescript_source(s) => Some(s.clone()),
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

/// A TypeScript source file (not a declaration file).
pub(crate) fn is_typescript_source(path: &str) -> bool {
    !is_declaration(path)
        && [".ts", ".tsx", ".mts", ".cts"]
            .iter()
            .any(|e| path.ends_with(e))
}

/// The declaration file a relative specifier inside a declaration file names.
pub(crate) fn declaration_file(dir: &Path, specifier: &str) -> Option<PathBuf> {
    if !specifier.starts_with('.') {
        return None;
    }
    let target = normalize(&dir.join(specifier));
    let text = target.to_string_lossy().into_owned();
    if (is_declaration(&text) || is_typescript_source(&text)) && target.is_file() {
        return Some(target);
    }
    let stem = [".js", ".cjs", ".mjs"]
        .iter()
        .find_map(|ext| text.strip_suffix(ext))
        .unwrap_or(&text);
    // A workspace package whose `types` is its `src/index.ts` (Backstage's layout) is read from
    // its sources, as tsc reads it; declaration files come first.
    [
        format!("{stem}.d.ts"),
        format!("{stem}.d.cts"),
        format!("{stem}.d.mts"),
        format!("{stem}/index.d.ts"),
        format!("{stem}.ts"),
        format!("{stem}.tsx"),
        format!("{stem}/index.ts"),
        format!("{stem}/index.tsx"),
    ]
    .into_iter()
    .map(PathBuf::from)
    .find(|candidate| candidate.is_file())
}
