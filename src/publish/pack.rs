//! Publishing: `prepack` rewrites package.json for the published package (entry points in `dist/`,
//! `publishConfig` applied) and keeps the original as `package.json-prepack`; `postpack` restores it
//! byte for byte; `pack` writes the npm tarball itself, reproducibly.

use std::io::Write;
use std::path::{Component, Path, PathBuf};

use flate2::{Compression, GzBuilder};
use serde_json::{Map, Value};

use crate::config::glob::glob_matches;
use crate::config::jsonc;
use crate::config::package::{self, Entry};
use crate::diagnostics::{self, Diagnostic};
use crate::fs::FileSystem;

pub const BACKUP: &str = "package.json-prepack";

/// npm's fixed timestamp for tarball entries (1985-10-26T08:15:00Z), so equal inputs give equal bytes.
const NPM_MTIME: u64 = 499_162_500;

/// `publishConfig` keys that configure publishing rather than describe the package.
const PUBLISH_ONLY_KEYS: [&str; 3] = ["access", "registry", "tag"];

/// The file prepack writes from a TypeScript `configSchema`, as backstage-cli names it.
pub const GENERATED_CONFIG_SCHEMA: &str = "config.schema.json";

/// What the published package holds that the folder does not: its package.json, and the
/// `config.schema.json` compiled from a TypeScript `configSchema`.
pub struct Production {
    pub manifest: Value,
    pub config_schema: Option<String>,
}

/// The package.json of the published package, computed from the original (`text`) and `dist/`.
pub fn production_manifest(dir: &Path, text: &str) -> Result<Production, Vec<Diagnostic>> {
    let manifest_path = dir.join("package.json");
    let original = jsonc::parse_json(&manifest_path, text, "package.json").map_err(|d| vec![d])?;
    let Value::Object(mut manifest) = original.clone() else {
        return Err(vec![diagnostics::json_field_type(
            &manifest_path,
            "the top level",
            "an object",
        )]);
    };
    let fs = FileSystem::new();
    let loaded = package::entries_from_manifest(&fs, dir, &original, &manifest_path, text);
    let mut problems: Vec<Diagnostic> = loaded.1.into_iter().filter(Diagnostic::is_error).collect();
    problems.extend(missing_plugin_metadata(&original, &manifest_path));
    let entries = loaded.0;
    let role = original.pointer("/backstage/role").and_then(Value::as_str);
    for entry in &entries {
        for extension in expected_outputs(role) {
            let file = format!("dist/{}{extension}", entry.name);
            if !dir.join(&file).is_file() {
                problems.push(diagnostics::dist_file_missing(&dir.join(&file)));
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    point_entries_at_dist(&mut manifest, &entries, &dir.join("dist"));
    if let Some(Value::Object(publish)) = original.get("publishConfig") {
        for (key, value) in publish {
            if !PUBLISH_ONLY_KEYS.contains(&key.as_str()) {
                manifest.insert(key.clone(), value.clone());
            }
        }
    }
    let config_schema = package_config_schema(dir).map_err(|d| vec![d])?;
    if config_schema.is_some() {
        point_at_generated_schema(&mut manifest);
    }
    Ok(Production {
        manifest: Value::Object(manifest),
        config_schema,
    })
}

/// `configSchema` and `files` name the generated `config.schema.json` instead of the TypeScript
/// source, as backstage-cli's prepack rewrites them.
fn point_at_generated_schema(manifest: &mut Map<String, Value>) {
    let source = manifest
        .get("configSchema")
        .and_then(Value::as_str)
        .map(String::from);
    manifest.insert(
        "configSchema".into(),
        Value::String(GENERATED_CONFIG_SCHEMA.into()),
    );
    if let Some(Value::Array(files)) = manifest.get_mut("files") {
        for file in files.iter_mut() {
            if file.as_str() == source.as_deref() {
                *file = Value::String(GENERATED_CONFIG_SCHEMA.into());
            }
        }
        if !files.iter().any(|f| f == GENERATED_CONFIG_SCHEMA) {
            files.push(Value::String(GENERATED_CONFIG_SCHEMA.into()));
        }
    }
}

/// The file `configSchema` names when it is TypeScript (`config.d.ts`), relative to the package.
fn typescript_config_schema(manifest: &Value) -> Option<&str> {
    manifest
        .get("configSchema")
        .and_then(Value::as_str)
        .filter(|path| path.ends_with(".d.ts"))
}

/// The `config.schema.json` text prepack writes (`JSON.stringify(schema, null, 2)` and a newline),
/// or None when the package's `configSchema` is not a `.d.ts` file.
pub fn package_config_schema(dir: &Path) -> Result<Option<String>, Diagnostic> {
    let manifest_path = dir.join("package.json");
    let text = std::fs::read_to_string(&manifest_path)
        .map_err(|e| diagnostics::cannot_read(&manifest_path, &e))?;
    let manifest = jsonc::parse_json(&manifest_path, &text, "package.json")?;
    let Some(source) = typescript_config_schema(&manifest) else {
        return Ok(None);
    };
    let schema = crate::publish::config_schema::config_schema(&dir.join(source))?;
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    Ok(Some(text))
}

/// The plugin metadata backstage-cli's prepack requires before a package is published: a plugin's
/// `pluginId` and `pluginPackages`, a plugin library's `pluginPackages` when it names its plugin, a
/// plugin module's `pluginPackage` when it names its plugin.
fn missing_plugin_metadata(manifest: &Value, manifest_path: &Path) -> Option<Diagnostic> {
    let name = manifest.get("name")?.as_str()?;
    let backstage = manifest.get("backstage")?;
    let role = backstage.get("role").and_then(Value::as_str).unwrap_or("");
    let has = |key: &str| backstage.get(key).is_some_and(|v| !v.is_null() && v != "");
    let missing = match role {
        "backend-plugin" | "frontend-plugin" if !has("pluginId") => "pluginId",
        "backend-plugin-module" if !has("pluginId") => "pluginId",
        "backend-plugin" | "frontend-plugin" if !has("pluginPackages") => "pluginPackages",
        "common-library" | "node-library" | "web-library"
            if has("pluginId") && !has("pluginPackages") =>
        {
            "pluginPackages"
        }
        "backend-plugin-module" | "frontend-plugin-module"
            if has("pluginId") && !has("pluginPackage") =>
        {
            "pluginPackage"
        }
        _ => return None,
    };
    Some(diagnostics::plugin_metadata_missing(
        manifest_path,
        name,
        missing,
    ))
}

/// The outputs `plugbuild build` writes for each entry of a package with this role.
fn expected_outputs(role: Option<&str>) -> &'static [&'static str] {
    match role {
        Some("frontend-plugin" | "frontend-plugin-module" | "web-library") => &[".esm.js", ".d.ts"],
        Some("common-library") => &[".esm.js", ".cjs.js", ".d.ts"],
        _ => &[".cjs.js", ".d.ts"],
    }
}

/// What each entry's condition points at, when `dist/` holds that file (backstage-cli's order).
const EXPORT_CONDITIONS: [(&str, &str); 3] = [
    ("import", ".esm.js"),
    ("require", ".cjs.js"),
    ("types", ".d.ts"),
];

/// Points `main`, `module`, `types`, `exports` and `typesVersions` at what `dist/` holds for each
/// entry, as backstage-cli's prepack does: per entry, `import` (`.esm.js`), `require` (`.cjs.js`)
/// and `types` (`.d.ts`) for the files that exist, and `default` (the CommonJS file, else the ES
/// module); the `.` entry's files as `main`, `module` and `types`; `exports` only where the package
/// had them (other keys kept as they were), with `./package.json`; `typesVersions` for the other
/// entries' declarations. A key the package had keeps its place.
fn point_entries_at_dist(manifest: &mut Map<String, Value>, entries: &[Entry], dist: &Path) {
    if manifest.contains_key("typesVersions") {
        // Keeps the key's place for the value written below (JavaScript objects do the same).
        manifest.insert("typesVersions".into(), Value::Null);
    }
    let mut versions = Map::new();
    let mut any_types = false;
    let mut exports = Map::new();
    for entry in entries {
        let mut conditions = Map::new();
        for (condition, extension) in EXPORT_CONDITIONS {
            let name = format!("{}{extension}", entry.name);
            if dist.join(&name).is_file() {
                conditions.insert(condition.into(), Value::String(format!("./dist/{name}")));
            }
        }
        if conditions.contains_key("types") {
            any_types = true;
            if !manifest.contains_key("typesVersions") {
                // Created here, before `main` and `module` below, as backstage-cli orders it.
                manifest.insert("typesVersions".into(), Value::Null);
            }
            if entry.name != "index" {
                versions.insert(
                    entry.name.clone(),
                    serde_json::json!([format!("dist/{}.d.ts", entry.name)]),
                );
            }
        }
        if let Some(default) = conditions
            .get("require")
            .or(conditions.get("import"))
            .cloned()
        {
            conditions.insert("default".into(), default);
        }
        if entry.name == "index" {
            for (field, condition) in [
                ("main", "default"),
                ("module", "import"),
                ("types", "types"),
            ] {
                if let Some(value) = conditions.get(condition) {
                    manifest.insert(field.into(), value.clone());
                }
            }
        }
        if !conditions.is_empty() {
            exports.insert(mount(&entry.name), Value::Object(conditions));
        }
    }
    if any_types {
        versions.insert("package.json".into(), serde_json::json!(["package.json"]));
        let mut all = Map::new();
        all.insert("*".into(), Value::Object(versions));
        manifest.insert("typesVersions".into(), Value::Object(all));
    } else if manifest.get("typesVersions") == Some(&Value::Null) {
        manifest.shift_remove("typesVersions");
    }
    if let Some(Value::Object(original)) = manifest.get("exports") {
        let mut rewritten = Map::new();
        for (key, value) in original {
            let value = exports.get(key).unwrap_or(value).clone();
            rewritten.insert(key.clone(), value);
        }
        rewritten.insert(
            "./package.json".into(),
            Value::String("./package.json".into()),
        );
        manifest.insert("exports".into(), Value::Object(rewritten));
    }
}

/// `.` for the `index` entry, `./alpha` for `alpha`.
fn mount(name: &str) -> String {
    match name {
        "index" => ".".to_string(),
        name => format!("./{name}"),
    }
}

fn manifest_text(manifest: &Value) -> String {
    let mut text = serde_json::to_string_pretty(manifest).unwrap_or_default();
    text.push('\n');
    text
}

/// The original package.json text: the backup when a previous prepack left one.
fn original_text(dir: &Path) -> Result<String, Diagnostic> {
    let backup = dir.join(BACKUP);
    let path = if backup.is_file() {
        backup
    } else {
        dir.join("package.json")
    };
    std::fs::read_to_string(&path).map_err(|e| diagnostics::cannot_read(&path, &e))
}

/// Output of the publishing commands.
#[derive(Default)]
pub struct PackReturn {
    /// The tarball written (or that would be written with --dry-run).
    pub tarball: Option<PathBuf>,
    /// Files in the tarball (paths inside `package/`) and their sizes.
    pub files: Vec<(String, usize)>,
    pub packed_size: usize,
    pub name: String,
    pub version: String,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn prepack(dir: &Path) -> Vec<Diagnostic> {
    let dir = &absolute(dir);
    let text = match original_text(dir) {
        Ok(text) => text,
        Err(diagnostic) => return vec![diagnostic],
    };
    let Production {
        manifest,
        config_schema,
    } = match production_manifest(dir, &text) {
        Ok(production) => production,
        Err(problems) => return problems,
    };
    if let Some(schema) = config_schema {
        let path = dir.join(GENERATED_CONFIG_SCHEMA);
        if let Err(error) = write_atomically(&path, schema.as_bytes()) {
            return vec![diagnostics::cannot_write(&path, &error)];
        }
    }
    let backup = dir.join(BACKUP);
    if !backup.is_file() {
        if let Err(error) = std::fs::copy(dir.join("package.json"), &backup) {
            return vec![diagnostics::cannot_write(&backup, &error)];
        }
    }
    let path = dir.join("package.json");
    match write_atomically(&path, manifest_text(&manifest).as_bytes()) {
        Ok(()) => Vec::new(),
        Err(error) => vec![diagnostics::cannot_write(&path, &error)],
    }
}

pub fn postpack(dir: &Path) -> Vec<Diagnostic> {
    let dir = &absolute(dir);
    let backup = dir.join(BACKUP);
    if !backup.is_file() {
        return vec![diagnostics::nothing_to_restore(&backup)];
    }
    if let Err(error) = std::fs::rename(&backup, dir.join("package.json")) {
        return vec![diagnostics::cannot_write(&dir.join("package.json"), &error)];
    }
    // The schema prepack generated goes with it, as backstage-cli's postpack removes it.
    let restored = std::fs::read_to_string(dir.join("package.json")).unwrap_or_default();
    let generated = serde_json::from_str::<Value>(&restored)
        .ok()
        .is_some_and(|manifest| typescript_config_schema(&manifest).is_some());
    if generated {
        let _ = std::fs::remove_file(dir.join(GENERATED_CONFIG_SCHEMA));
    }
    Vec::new()
}

fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let temporary = path.with_extension(format!("plugbuild-{}", std::process::id()));
    std::fs::write(&temporary, bytes)?;
    std::fs::rename(&temporary, path)
}

/// Writes `<scope>-<name>-<version>.tgz` in the package folder (or only lists it with `dry_run`).
pub fn pack(dir: &Path, dry_run: bool) -> PackReturn {
    let dir = &absolute(dir);
    let mut result = PackReturn::default();
    let text = match original_text(dir) {
        Ok(text) => text,
        Err(diagnostic) => {
            result.diagnostics.push(diagnostic);
            return result;
        }
    };
    let Production {
        manifest,
        config_schema,
    } = match production_manifest(dir, &text) {
        Ok(production) => production,
        Err(problems) => {
            result.diagnostics = problems;
            return result;
        }
    };
    result.name = manifest
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or("package")
        .to_string();
    result.version = manifest
        .get("version")
        .and_then(Value::as_str)
        .unwrap_or("0.0.0")
        .to_string();
    let mut listed = match package_files(dir, &manifest) {
        Ok(files) => files,
        Err(diagnostic) => {
            result.diagnostics.push(diagnostic);
            return result;
        }
    };
    // The generated schema is packed whether or not a prepack left it in the folder.
    let schema_selected = match manifest.get("files").and_then(Value::as_array) {
        Some(patterns) => patterns.iter().filter_map(Value::as_str).any(|p| {
            selects(
                p.trim_start_matches("./").trim_end_matches('/'),
                GENERATED_CONFIG_SCHEMA,
            )
        }),
        None => true,
    };
    if config_schema.is_some()
        && schema_selected
        && !listed.iter().any(|f| f == GENERATED_CONFIG_SCHEMA)
    {
        listed.push(GENERATED_CONFIG_SCHEMA.to_string());
        listed.sort();
    }
    let manifest_bytes = manifest_text(&manifest).into_bytes();
    let mut contents: Vec<(String, Vec<u8>, bool)> = Vec::new();
    for relative in listed {
        let path = dir.join(&relative);
        if relative == "package.json" {
            contents.push((relative, manifest_bytes.clone(), false));
            continue;
        }
        if let (GENERATED_CONFIG_SCHEMA, Some(schema)) = (relative.as_str(), &config_schema) {
            contents.push((relative, schema.clone().into_bytes(), false));
            continue;
        }
        match std::fs::read(&path) {
            Ok(bytes) => contents.push((relative, bytes, is_executable(&path))),
            Err(error) => {
                result
                    .diagnostics
                    .push(diagnostics::cannot_read(&path, &error));
                return result;
            }
        }
    }
    result.files = contents
        .iter()
        .map(|(p, b, _)| (p.clone(), b.len()))
        .collect();
    let tarball_name = format!(
        "{}-{}.tgz",
        result.name.trim_start_matches('@').replace('/', "-"),
        result.version
    );
    let tarball = dir.join(&tarball_name);
    result.tarball = Some(tarball.clone());
    let bytes = match tarball_bytes(&contents) {
        Ok(bytes) => bytes,
        Err(error) => {
            result
                .diagnostics
                .push(diagnostics::cannot_write(&tarball, &error));
            return result;
        }
    };
    result.packed_size = bytes.len();
    if !dry_run {
        if let Err(error) = write_atomically(&tarball, &bytes) {
            result
                .diagnostics
                .push(diagnostics::cannot_write(&tarball, &error));
        }
    }
    result
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .map(|m| m.permissions().mode() & 0o111 != 0)
        .unwrap_or(false)
}

fn tarball_bytes(contents: &[(String, Vec<u8>, bool)]) -> std::io::Result<Vec<u8>> {
    let encoder = GzBuilder::new()
        .mtime(0)
        .write(Vec::new(), Compression::default());
    let mut builder = tar::Builder::new(encoder);
    builder.mode(tar::HeaderMode::Deterministic);
    for (relative, bytes, executable) in contents {
        let mut header = tar::Header::new_ustar();
        header.set_size(bytes.len() as u64);
        header.set_mode(if *executable { 0o755 } else { 0o644 });
        header.set_mtime(NPM_MTIME);
        header.set_uid(0);
        header.set_gid(0);
        header.set_entry_type(tar::EntryType::Regular);
        builder.append_data(&mut header, format!("package/{relative}"), bytes.as_slice())?;
    }
    let mut encoder = builder.into_inner()?;
    encoder.flush()?;
    encoder.finish()
}

/// Names npm never packs.
fn always_excluded(relative: &str) -> bool {
    let name = relative.rsplit('/').next().unwrap_or(relative);
    let top = relative.split('/').next().unwrap_or(relative);
    matches!(top, ".git" | "CVS" | ".svn" | ".hg" | "node_modules")
        || matches!(
            name,
            ".npmrc"
                | ".DS_Store"
                | "npm-debug.log"
                | ".lock-wscript"
                | "config.gypi"
                | "package-lock.json"
                | "yarn.lock"
                | "pnpm-lock.yaml"
                | "bun.lockb"
                | ".gitignore"
                | ".npmignore"
                | BACKUP
        )
        || name.starts_with("._")
        || name.ends_with(".orig")
        || (name.starts_with('.') && name.ends_with(".swp"))
        || name.starts_with(".wafpickle-")
        || name.ends_with(".tgz") && !relative.contains('/')
}

/// Root files npm always packs: package.json, README, LICENSE/LICENCE (any extension, any case).
fn always_included(relative: &str) -> bool {
    if relative.contains('/') {
        return false;
    }
    let lower = relative.to_ascii_lowercase();
    let stem = lower.split('.').next().unwrap_or(&lower);
    relative == "package.json" || matches!(stem, "readme" | "license" | "licence" | "copying")
}

/// The files the tarball holds, sorted: `files` patterns (or everything), the always-included root
/// files and `main`, minus what npm always leaves out.
fn package_files(dir: &Path, manifest: &Value) -> Result<Vec<String>, Diagnostic> {
    let patterns: Option<Vec<String>> = manifest.get("files").and_then(Value::as_array).map(|a| {
        a.iter()
            .filter_map(Value::as_str)
            .map(|p| p.trim_start_matches("./").trim_end_matches('/').to_string())
            .collect()
    });
    let escaping = patterns
        .iter()
        .flatten()
        .find(|p| p.starts_with("..") || p.starts_with('/') || p.contains("/../"));
    if let Some(escaping) = escaping {
        return Err(diagnostics::files_pattern_escapes(
            &dir.join("package.json"),
            escaping,
        ));
    }
    let main = manifest
        .get("main")
        .and_then(Value::as_str)
        .map(|m| m.trim_start_matches("./").to_string());
    let mut found = Vec::new();
    collect(dir, dir, &mut found)?;
    let mut files: Vec<String> = found
        .into_iter()
        .filter(|relative| !always_excluded(relative))
        .filter(|relative| {
            always_included(relative)
                || main.as_deref() == Some(relative.as_str())
                || match &patterns {
                    Some(patterns) => patterns.iter().any(|p| selects(p, relative)),
                    None => true,
                }
        })
        .collect();
    files.sort();
    Ok(files)
}

/// A `files` pattern selects a path when it matches the path or one of its folders.
fn selects(pattern: &str, relative: &str) -> bool {
    let mut prefix = String::new();
    for segment in relative.split('/') {
        if !prefix.is_empty() {
            prefix.push('/');
        }
        prefix.push_str(segment);
        if glob_matches(pattern, &prefix) {
            return true;
        }
    }
    false
}

/// Every file below `dir` as a `/`-separated path. Symlinks that lead outside the package are refused.
fn collect(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<(), Diagnostic> {
    let entries = std::fs::read_dir(dir).map_err(|e| diagnostics::cannot_read(dir, &e))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let relative = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        if relative == "node_modules" || relative == ".git" {
            continue;
        }
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let (is_dir, is_file) = if kind.is_symlink() {
            let target =
                std::fs::canonicalize(&path).map_err(|e| diagnostics::cannot_read(&path, &e))?;
            let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
            if !target.starts_with(&root) {
                return Err(diagnostics::symlink_outside_package(&path, &target));
            }
            (target.is_dir(), target.is_file())
        } else {
            (kind.is_dir(), kind.is_file())
        };
        if is_dir {
            collect(root, &path, out)?;
        } else if is_file {
            if Path::new(&relative)
                .components()
                .any(|c| matches!(c, Component::ParentDir))
            {
                return Err(diagnostics::path_escapes_package(&path));
            }
            out.push(relative);
        }
    }
    Ok(())
}

/// Whether `dist/` is missing or older than the package's sources and manifest.
pub fn needs_build(dir: &Path) -> bool {
    let Some(built) = newest_or_oldest(&dir.join("dist"), false) else {
        return true;
    };
    let sources = [
        dir.join("src"),
        dir.join("package.json"),
        dir.join("tsconfig.json"),
    ];
    sources
        .iter()
        .filter_map(|path| newest_or_oldest(path, true))
        .any(|changed| changed > built)
}

/// The newest (or oldest) modification time of a file or of the files below a folder.
fn newest_or_oldest(path: &Path, newest: bool) -> Option<std::time::SystemTime> {
    let metadata = std::fs::metadata(path).ok()?;
    if metadata.is_file() {
        return metadata.modified().ok();
    }
    let times = std::fs::read_dir(path)
        .ok()?
        .flatten()
        .filter_map(|entry| newest_or_oldest(&entry.path(), newest));
    if newest {
        times.max()
    } else {
        times.min()
    }
}

fn absolute(dir: &Path) -> PathBuf {
    std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf())
}
