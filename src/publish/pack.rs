//! Publishing: `prepack` rewrites package.json for the published package (entry points in `dist/`,
//! `publishConfig` applied) and keeps the original as `package.json-prepack`; `postpack` restores it
//! byte for byte; `pack` writes the npm tarball itself, reproducibly.

use std::io::Write;
use std::path::{Component, Path, PathBuf};

use flate2::{Compression, GzBuilder};
use serde_json::Value;

use crate::config::glob::glob_matches;
use crate::diagnostics::{self, Diagnostic};
use crate::publish::manifest::{
    production_manifest, typescript_config_schema, Production, GENERATED_CONFIG_SCHEMA,
};

pub const BACKUP: &str = "package.json-prepack";

/// npm's fixed timestamp for tarball entries (1985-10-26T08:15:00Z), so equal inputs give equal bytes.
const NPM_MTIME: u64 = 499_162_500;

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
