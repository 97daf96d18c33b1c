//! A package folder: its package.json, its tsconfig chain and its entry points.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::config::jsonc;
use crate::config::tsconfig::{self, TsConfig};
use crate::diagnostics::{self, Diagnostic, Location};
use crate::fs::FileSystem;

/// One entry point: `dist/<name>.cjs.js` is built from `source`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// `index` for `"."`, `alpha` for `"./alpha"`.
    pub name: String,
    pub source: PathBuf,
}

#[derive(Debug, Clone)]
pub struct Package {
    pub dir: PathBuf,
    pub name: Option<String>,
    pub manifest: Value,
    pub role: Option<String>,
    pub tsconfig: TsConfig,
    pub entries: Vec<Entry>,
}

/// Output of `load_package`: the package (None when it could not be read) and the diagnostics.
pub struct PackageReturn {
    pub package: Option<Package>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Extensions of the source files an entry can be, in the order `src/index.*` is looked for.
pub const SOURCE_EXTENSIONS: [&str; 6] = ["ts", "tsx", "mts", "cts", "js", "jsx"];

pub fn load_package(fs: &FileSystem, dir: &Path) -> PackageReturn {
    let mut diagnostics = Vec::new();
    let manifest_path = dir.join("package.json");
    let text = match fs.read_to_string(&manifest_path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            diagnostics.push(diagnostics::no_package_json(dir));
            return PackageReturn {
                package: None,
                diagnostics,
            };
        }
        Err(error) => {
            diagnostics.push(diagnostics::cannot_read(&manifest_path, &error));
            return PackageReturn {
                package: None,
                diagnostics,
            };
        }
    };
    let manifest = match jsonc::parse_json(&manifest_path, &text, "package.json") {
        Ok(value @ Value::Object(_)) => value,
        Ok(_) => {
            diagnostics.push(diagnostics::json_field_type(
                &manifest_path,
                "the top level",
                "an object",
            ));
            return PackageReturn {
                package: None,
                diagnostics,
            };
        }
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            return PackageReturn {
                package: None,
                diagnostics,
            };
        }
    };
    let loaded = tsconfig::load_tsconfig(fs, dir);
    diagnostics.extend(loaded.diagnostics);
    let entries = find_entries(fs, dir, &manifest, &manifest_path, &text, &mut diagnostics);
    let package = Package {
        dir: dir.to_path_buf(),
        name: manifest
            .get("name")
            .and_then(Value::as_str)
            .map(String::from),
        role: manifest
            .pointer("/backstage/role")
            .and_then(Value::as_str)
            .map(String::from),
        manifest,
        tsconfig: loaded.config,
        entries,
    };
    PackageReturn {
        package: Some(package),
        diagnostics,
    }
}

/// The entries a package.json declares (for a manifest that was read already).
pub fn entries_from_manifest(
    fs: &FileSystem,
    dir: &Path,
    manifest: &Value,
    manifest_path: &Path,
    manifest_text: &str,
) -> (Vec<Entry>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let entries = find_entries(
        fs,
        dir,
        manifest,
        manifest_path,
        manifest_text,
        &mut diagnostics,
    );
    (entries, diagnostics)
}

/// Entries from `exports` (keys `.` and `./name` whose value points at a source file), else from `main`
/// when it is an existing source file, else `src/index.*` (`.ts`, `.tsx`, `.mts`, `.cts`, `.js`, `.jsx`).
fn find_entries(
    fs: &FileSystem,
    dir: &Path,
    manifest: &Value,
    manifest_path: &Path,
    manifest_text: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Entry> {
    let mut candidates: Vec<(String, String)> = Vec::new();
    match manifest.get("exports") {
        Some(Value::String(target)) => candidates.push((".".into(), target.clone())),
        Some(Value::Object(map)) if map.keys().all(|k| k.starts_with('.')) => {
            for (key, value) in map {
                if let Some(target) = source_target(value) {
                    candidates.push((key.clone(), target));
                }
            }
        }
        Some(value @ Value::Object(_)) => {
            if let Some(target) = source_target(value) {
                candidates.push((".".into(), target));
            }
        }
        _ => {}
    }
    if candidates.is_empty() {
        // `main` names the entry only when it is one of the package's source files; a `main` that
        // points at the build output (`dist/index.cjs.js`, which exists after a first build) or at
        // a file that does not exist is what backstage-cli ignores too, building `src/index.*`.
        if let Some(main) = manifest.get("main").and_then(Value::as_str) {
            let main = main.trim_start_matches("./");
            let in_output = Path::new(main).starts_with("dist");
            if is_source_file(main) && !in_output && fs.is_file(&dir.join(main)) {
                candidates.push((".".into(), main.to_string()));
            }
        }
    }
    if candidates.is_empty() {
        let found = SOURCE_EXTENSIONS
            .iter()
            .map(|extension| dir.join(format!("src/index.{extension}")))
            .find(|path| fs.is_file(path));
        if let Some(source) = found {
            return vec![Entry {
                name: "index".into(),
                source,
            }];
        }
        diagnostics.push(diagnostics::no_entry(manifest_path));
        return Vec::new();
    }
    let mut entries = Vec::new();
    for (key, target) in candidates {
        let name = entry_name(&key);
        let source = dir.join(target.trim_start_matches("./"));
        if !fs.is_file(&source) {
            let quoted = format!("\"{target}\"");
            let offset = manifest_text.find(&quoted).unwrap_or(0);
            let location = Location::at_offset(manifest_path, manifest_text, offset, quoted.len());
            diagnostics.push(diagnostics::missing_entry(location, &key, &target));
            continue;
        }
        entries.push(Entry { name, source });
    }
    entries
}

/// The source file an `exports` value points at: a string, or the first condition that names a source
/// file (`import`, `require`, `default`, `types` and nested conditions).
fn source_target(value: &Value) -> Option<String> {
    match value {
        Value::String(target) if is_source_file(target) => Some(target.clone()),
        Value::Object(conditions) => conditions.values().find_map(source_target),
        _ => None,
    }
}

fn is_source_file(target: &str) -> bool {
    if target.ends_with(".d.ts") {
        return false;
    }
    let Some(extension) = Path::new(target).extension().and_then(|e| e.to_str()) else {
        return false;
    };
    SOURCE_EXTENSIONS.contains(&extension)
}

fn entry_name(key: &str) -> String {
    let trimmed = key.trim_start_matches('.').trim_start_matches('/');
    if trimmed.is_empty() {
        "index".to_string()
    } else {
        trimmed.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_names_follow_exports_keys() {
        assert_eq!(entry_name("."), "index");
        assert_eq!(entry_name("./alpha"), "alpha");
        assert!(is_source_file("src/index.ts"));
        assert!(!is_source_file("dist/index.d.ts"));
        assert!(!is_source_file("./package.json"));
    }
}
