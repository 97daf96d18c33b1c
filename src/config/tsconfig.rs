//! The tsconfig.json chain: finds the config that governs a folder, follows `extends` (relative paths,
//! package names, arrays) and merges compiler options the way tsc does (the child wins).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::config::jsonc;
use crate::diagnostics::{self, Diagnostic, Location};
use crate::fs::FileSystem;

/// The name Backstage repositories extend; often not installed when plugbuild runs.
pub const BACKSTAGE_BASE: &str = "@backstage/cli/config/tsconfig.json";

/// Compiler options after the whole `extends` chain is merged. Path options are absolute.
#[derive(Debug, Clone, Default)]
pub struct TsConfig {
    /// The config file that was found (None: no tsconfig at all, Backstage's base config applies).
    pub path: Option<PathBuf>,
    pub options: Map<String, Value>,
    pub include: Option<Vec<String>>,
    pub exclude: Option<Vec<String>>,
    /// Folder that `include`/`exclude` are relative to (the config that declared them).
    pub patterns_base: Option<PathBuf>,
    pub used_backstage_defaults: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsxMode {
    React,
    ReactJsx,
    ReactJsxDev,
    Preserve,
}

impl TsConfig {
    fn flag(&self, name: &str) -> Option<bool> {
        self.options.get(name).and_then(Value::as_bool)
    }

    fn text(&self, name: &str) -> Option<&str> {
        self.options.get(name).and_then(Value::as_str)
    }

    /// ES target year (`ES2022` -> 2022, `ESNext` -> 9999, `ES5`/`ES3` -> 2009/1999).
    pub fn target_year(&self) -> u32 {
        let target = self.text("target").unwrap_or("ES5").to_ascii_lowercase();
        match target.as_str() {
            "esnext" => 9999,
            "es3" => 1999,
            "es5" => 2009,
            "es6" => 2015,
            other => other.trim_start_matches("es").parse().unwrap_or(2009),
        }
    }

    /// tsc's default: true when the target is ES2022 or later.
    pub fn use_define_for_class_fields(&self) -> bool {
        self.flag("useDefineForClassFields")
            .unwrap_or(self.target_year() >= 2022)
    }

    pub fn experimental_decorators(&self) -> bool {
        self.flag("experimentalDecorators").unwrap_or(false)
    }

    pub fn emit_decorator_metadata(&self) -> bool {
        self.flag("emitDecoratorMetadata").unwrap_or(false)
    }

    pub fn strip_internal(&self) -> bool {
        self.flag("stripInternal").unwrap_or(false)
    }

    pub fn allow_js(&self) -> bool {
        self.flag("allowJs").unwrap_or(false)
    }

    pub fn jsx(&self) -> Option<JsxMode> {
        match self.text("jsx")?.to_ascii_lowercase().as_str() {
            "react" => Some(JsxMode::React),
            "react-jsx" => Some(JsxMode::ReactJsx),
            "react-jsxdev" => Some(JsxMode::ReactJsxDev),
            "preserve" | "react-native" => Some(JsxMode::Preserve),
            _ => None,
        }
    }

    pub fn jsx_factory(&self) -> Option<&str> {
        self.text("jsxFactory")
    }

    pub fn jsx_fragment_factory(&self) -> Option<&str> {
        self.text("jsxFragmentFactory")
    }

    pub fn jsx_import_source(&self) -> Option<&str> {
        self.text("jsxImportSource")
    }

    pub fn out_dir(&self) -> Option<PathBuf> {
        self.text("outDir").map(PathBuf::from)
    }

    pub fn root_dir(&self) -> Option<PathBuf> {
        self.text("rootDir").map(PathBuf::from)
    }
}

/// `@backstage/cli/config/tsconfig.json` of the release plugbuild follows (0.36.8), as published: its
/// compiler options stand in for the file when it is not installed, and for a package with no
/// tsconfig at all (backstage-cli's transforms always interoperate with CommonJS, so tsc's bare
/// defaults would build what crashes where backstage-cli's output runs). A test compares it with
/// the file installed from npm.
pub const BACKSTAGE_BASE_TEXT: &str = include_str!("backstage-cli-tsconfig.json");

/// The compiler options of Backstage's base config (`BACKSTAGE_BASE_TEXT`).
pub fn backstage_defaults() -> Map<String, Value> {
    let parsed: Value = serde_json::from_str(BACKSTAGE_BASE_TEXT).unwrap_or(Value::Null);
    match parsed.get("compilerOptions") {
        Some(Value::Object(options)) => options.clone(),
        _ => Map::new(),
    }
}

/// Output of `load_tsconfig`: the merged config and what went wrong on the way.
pub struct TsConfigReturn {
    pub config: TsConfig,
    pub diagnostics: Vec<Diagnostic>,
}

/// Finds the nearest tsconfig.json at or above `dir` and loads its chain.
pub fn load_tsconfig(fs: &FileSystem, dir: &Path) -> TsConfigReturn {
    let mut diagnostics = Vec::new();
    let mut config = TsConfig::default();
    let found = dir
        .ancestors()
        .map(|d| d.join("tsconfig.json"))
        .find(|p| fs.is_file(p));
    match found {
        Some(path) => {
            let mut seen = HashSet::new();
            config.path = Some(path.clone());
            load_into(fs, &path, None, &mut config, &mut seen, &mut diagnostics);
        }
        None => {
            config.options = backstage_defaults();
            config.used_backstage_defaults = true;
        }
    }
    TsConfigReturn {
        config,
        diagnostics,
    }
}

/// Loads `path` and its parents into `config`; parents are applied first so the child wins.
fn load_into(
    fs: &FileSystem,
    path: &Path,
    referenced_at: Option<&Location>,
    config: &mut TsConfig,
    seen: &mut HashSet<PathBuf>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if !seen.insert(path.to_path_buf()) {
        if let Some(location) = referenced_at {
            diagnostics.push(diagnostics::tsconfig_extends_cycle(location.clone()));
        }
        return;
    }
    let text = match fs.read_to_string(path) {
        Ok(text) => text,
        Err(error) => {
            diagnostics.push(diagnostics::cannot_read(path, &error));
            return;
        }
    };
    let value = match jsonc::parse_jsonc(path, &text, "tsconfig.json") {
        Ok(Value::Object(map)) => map,
        Ok(_) => {
            diagnostics.push(diagnostics::json_field_type(
                path,
                "the top level",
                "an object",
            ));
            return;
        }
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            return;
        }
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    let parents: Vec<String> = match value.get("extends") {
        Some(Value::String(one)) => vec![one.clone()],
        Some(Value::Array(many)) => many
            .iter()
            .filter_map(|v| v.as_str().map(String::from))
            .collect(),
        _ => Vec::new(),
    };
    for parent in parents {
        let location = locate_text(path, &text, &parent);
        match resolve_extends(fs, dir, &parent) {
            Some(parent_path) => {
                load_into(fs, &parent_path, Some(&location), config, seen, diagnostics)
            }
            None if parent == BACKSTAGE_BASE || parent == "@backstage/cli/config/tsconfig" => {
                for (key, value) in backstage_defaults() {
                    config.options.insert(key, value);
                }
                config.used_backstage_defaults = true;
            }
            None => diagnostics.push(diagnostics::tsconfig_extends_not_found(location, &parent)),
        }
    }
    if let Some(Value::Object(options)) = value.get("compilerOptions") {
        for (key, value) in options {
            let value = match (key.as_str(), value) {
                ("outDir" | "rootDir" | "baseUrl" | "declarationDir", Value::String(p)) => {
                    Value::String(dir.join(p).to_string_lossy().into_owned())
                }
                _ => value.clone(),
            };
            config.options.insert(key.clone(), value);
        }
    }
    let strings = |v: &Value| -> Option<Vec<String>> {
        v.as_array().map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(String::from))
                .collect()
        })
    };
    if let Some(include) = value.get("include").and_then(strings) {
        config.include = Some(include);
        config.patterns_base = Some(dir.to_path_buf());
    }
    if let Some(exclude) = value.get("exclude").and_then(strings) {
        config.exclude = Some(exclude);
    }
}

/// Where `extends: "<spec>"` points: a relative path (with `.json` added when missing) or a file in a
/// package found in `node_modules` above `dir`.
fn resolve_extends(fs: &FileSystem, dir: &Path, spec: &str) -> Option<PathBuf> {
    let with_json = |p: PathBuf| -> Option<PathBuf> {
        if fs.is_file(&p) {
            return Some(p);
        }
        let mut json = p.clone().into_os_string();
        json.push(".json");
        let json = PathBuf::from(json);
        if fs.is_file(&json) {
            return Some(json);
        }
        let nested = p.join("tsconfig.json");
        fs.is_file(&nested).then_some(nested)
    };
    if spec.starts_with('.') || Path::new(spec).is_absolute() {
        return with_json(dir.join(spec));
    }
    dir.ancestors()
        .map(|d| d.join("node_modules").join(spec))
        .find_map(with_json)
}

/// The location of the first occurrence of `"needle"` in `text`, for messages about a value.
fn locate_text(path: &Path, text: &str, needle: &str) -> Location {
    let quoted = format!("\"{needle}\"");
    let offset = text.find(&quoted).unwrap_or(0);
    Location::at_offset(path, text, offset, quoted.len())
}
