//! The published package.json, as backstage-cli's prepack writes it: entry points in `dist/` for
//! the role's outputs, `publishConfig` applied, the generated `config.schema.json` named, and the
//! plugin metadata backstage-cli requires checked.

use std::path::Path;

use serde_json::{Map, Value};

use crate::config::jsonc;
use crate::config::package::{self, Entry};
use crate::diagnostics::{self, Diagnostic};
use crate::fs::FileSystem;

/// `publishConfig` keys that configure publishing rather than describe the package.
pub(crate) const PUBLISH_ONLY_KEYS: [&str; 3] = ["access", "registry", "tag"];

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
    let node_esm = original.get("type").and_then(Value::as_str) == Some("module");
    for entry in &entries {
        for extension in expected_outputs(role, node_esm) {
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
    // From the original manifest, not the folder's package.json, which a prepack may have rewritten.
    let config_schema = config_schema_text(dir, &original).map_err(|d| vec![d])?;
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
pub(crate) fn point_at_generated_schema(manifest: &mut Map<String, Value>) {
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
pub(crate) fn typescript_config_schema(manifest: &Value) -> Option<&str> {
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
    config_schema_text(dir, &manifest)
}

/// `package_config_schema` for a manifest read already.
fn config_schema_text(dir: &Path, manifest: &Value) -> Result<Option<String>, Diagnostic> {
    let Some(source) = typescript_config_schema(manifest) else {
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
pub(crate) fn missing_plugin_metadata(
    manifest: &Value,
    manifest_path: &Path,
) -> Option<Diagnostic> {
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

/// The outputs `plugbuild build` writes for each entry of a package with this role
/// (`node_esm`: a `"type": "module"` package, whose node builds are `.mjs` ES modules).
pub(crate) fn expected_outputs(role: Option<&str>, node_esm: bool) -> &'static [&'static str] {
    match role {
        Some("frontend-plugin" | "frontend-plugin-module" | "web-library") => &[".esm.js", ".d.ts"],
        Some("common-library") if node_esm => &[".esm.js", ".mjs", ".d.ts"],
        Some("common-library") => &[".esm.js", ".cjs.js", ".d.ts"],
        _ if node_esm => &[".mjs", ".d.ts"],
        _ => &[".cjs.js", ".d.ts"],
    }
}

/// What each entry's condition points at, when `dist/` holds that file (backstage-cli's order). A
/// `"type": "module"` package's node build (`.mjs`) is its `import` too: backstage-cli's prepack
/// leaves it out of `exports` and `main`, which then point at nothing.
const EXPORT_CONDITIONS: [(&str, &str); 4] = [
    ("import", ".esm.js"),
    ("import", ".mjs"),
    ("require", ".cjs.js"),
    ("types", ".d.ts"),
];

/// Points `main`, `module`, `types`, `exports` and `typesVersions` at what `dist/` holds for each
/// entry, as backstage-cli's prepack does: per entry, `import` (`.esm.js`), `require` (`.cjs.js`)
/// and `types` (`.d.ts`) for the files that exist, and `default` (the CommonJS file, else the ES
/// module); the `.` entry's files as `main`, `module` and `types`; `exports` only where the package
/// had them (other keys kept as they were), with `./package.json`; `typesVersions` for the other
/// entries' declarations. A key the package had keeps its place.
pub(crate) fn point_entries_at_dist(
    manifest: &mut Map<String, Value>,
    entries: &[Entry],
    dist: &Path,
) {
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
            if dist.join(&name).is_file() && !conditions.contains_key(condition) {
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
pub(crate) fn mount(name: &str) -> String {
    match name {
        "index" => ".".to_string(),
        name => format!("./{name}"),
    }
}
