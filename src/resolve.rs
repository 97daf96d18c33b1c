//! Resolution of import specifiers, the way TypeScript's `bundler` resolution sees a package's own
//! files: relative specifiers are the package's modules (`.ts` before `.js`, `./x.js` written for
//! `./x.ts`, `index` files); everything else (bare names, `node:` builtins) stays external.

use std::path::{Component, Path, PathBuf};

use crate::fs::FileSystem;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// One of the package's own files, to be bundled.
    Internal(PathBuf),
    /// A package or builtin, left to node's `require`.
    External,
    /// A relative specifier that matches no file.
    NotFound,
    /// A relative specifier that leaves the package folder.
    OutsidePackage,
}

const EXTENSIONS: [&str; 4] = ["ts", "tsx", "js", "jsx"];
const INDEX_FILES: [&str; 4] = ["index.ts", "index.tsx", "index.js", "index.jsx"];

pub fn is_relative(specifier: &str) -> bool {
    specifier == "."
        || specifier == ".."
        || specifier.starts_with("./")
        || specifier.starts_with("../")
        || specifier.starts_with('/')
}

/// Resolution for declarations also finds `.d.ts` files (`./types` -> `types.d.ts`).
pub fn resolve_types(
    fs: &FileSystem,
    package_dir: &Path,
    importer: &Path,
    specifier: &str,
) -> Resolution {
    match resolve(fs, package_dir, importer, specifier) {
        Resolution::NotFound => {
            let base = importer.parent().unwrap_or(Path::new("."));
            let target = normalize(&base.join(specifier));
            let stem = target.to_string_lossy();
            let stem = stem.strip_suffix(".js").unwrap_or(&stem).to_string();
            [format!("{stem}.d.ts"), format!("{stem}/index.d.ts")]
                .into_iter()
                .map(PathBuf::from)
                .find(|candidate| fs.is_file(candidate))
                .map(Resolution::Internal)
                .unwrap_or(Resolution::NotFound)
        }
        other => other,
    }
}

pub fn resolve(
    fs: &FileSystem,
    package_dir: &Path,
    importer: &Path,
    specifier: &str,
) -> Resolution {
    if !is_relative(specifier) {
        return Resolution::External;
    }
    let base = importer.parent().unwrap_or(Path::new("."));
    let target = join_specifier(base, specifier);
    if !is_inside(&target, package_dir) {
        return Resolution::OutsidePackage;
    }
    match find_file(fs, &target, specifier.ends_with('/')) {
        Some(path) => Resolution::Internal(path),
        None => Resolution::NotFound,
    }
}

fn find_file(fs: &FileSystem, target: &Path, directory_only: bool) -> Option<PathBuf> {
    find_file_in(fs, target, directory_only, true)
}

/// `find_file`; `follow_main`: a folder's `package.json` `main` is read (once per resolution).
fn find_file_in(
    fs: &FileSystem,
    target: &Path,
    directory_only: bool,
    follow_main: bool,
) -> Option<PathBuf> {
    if !directory_only {
        // `./x.js` written for `./x.ts` (TypeScript tries the TypeScript extension first).
        if let Some(extension) = target.extension().and_then(|e| e.to_str()) {
            let replacements: &[&str] = match extension {
                "js" => &["ts", "tsx"],
                "jsx" => &["tsx"],
                "mjs" => &["mts"],
                "cjs" => &["cts"],
                _ => &[],
            };
            for replacement in replacements {
                let candidate = target.with_extension(replacement);
                if fs.is_file(&candidate) {
                    return Some(candidate);
                }
            }
            if fs.is_file(target) && !is_declaration_file(target) {
                return Some(target.to_path_buf());
            }
        }
        for extension in EXTENSIONS {
            let mut name = target.as_os_str().to_os_string();
            name.push(".");
            name.push(extension);
            let candidate = PathBuf::from(name);
            if fs.is_file(&candidate) {
                return Some(candidate);
            }
        }
    }
    if fs.is_dir(target) {
        if let Some(main) = follow_main.then(|| directory_main(fs, target)).flatten() {
            return Some(main);
        }
        for index in INDEX_FILES {
            let candidate = target.join(index);
            if fs.is_file(&candidate) {
                return Some(candidate);
            }
        }
    }
    None
}

/// The file a folder's `package.json` names as `main` (`require('./lib')` with `lib/package.json`
/// saying `"main": "main.js"`), as node and TypeScript resolve a folder before its index file.
fn directory_main(fs: &FileSystem, dir: &Path) -> Option<PathBuf> {
    let manifest = dir.join("package.json");
    if !fs.is_file(&manifest) {
        return None;
    }
    let text = fs.read_to_string(&manifest).ok()?;
    let value: serde_json::Value = serde_json::from_str(&text).ok()?;
    let main = value.get("main")?.as_str()?;
    // The target's own folder is not asked for a `package.json` again.
    find_file_in(fs, &normalize(&dir.join(main)), false, false)
}

fn is_declaration_file(path: &Path) -> bool {
    path.to_str().is_some_and(|p| p.ends_with(".d.ts"))
}

/// The folder of the nearest package.json above `file`.
pub fn package_root(file: &Path) -> Option<PathBuf> {
    file.ancestors()
        .skip(1)
        .find(|dir| dir.join("package.json").is_file())
        .map(Path::to_path_buf)
}

/// A bare specifier's package name and the subpath inside it: `@scope/pkg/sub/x` ->
/// (`@scope/pkg`, `sub/x`), `pkg` -> (`pkg`, none).
pub fn package_name(specifier: &str) -> Option<(String, Option<&str>)> {
    let mut parts = specifier.splitn(3, '/');
    let first = parts.next()?;
    if first.starts_with('@') {
        let second = parts.next()?;
        Some((format!("{first}/{second}"), parts.next()))
    } else {
        Some((
            first.to_string(),
            specifier.split_once('/').map(|(_, rest)| rest),
        ))
    }
}

/// In dev mode, a bare specifier naming a package of the same monorepo (linked into node_modules by
/// the workspace tool, not installed from a registry) whose `main` (or `exports` entry) is TypeScript
/// source resolves to that source, so `start` runs the sibling's current code.
pub fn workspace_source(fs: &FileSystem, from: &Path, specifier: &str) -> Option<PathBuf> {
    let (name, subpath) = package_name(specifier)?;
    let linked = from
        .ancestors()
        .map(|dir| dir.join("node_modules").join(&name))
        .find(|p| p.exists())?;
    let real = std::fs::canonicalize(&linked).ok()?;
    if real.components().any(|c| c.as_os_str() == "node_modules") {
        return None;
    }
    let manifest: serde_json::Value =
        serde_json::from_str(&fs.read_to_string(&real.join("package.json")).ok()?).ok()?;
    let target = match subpath {
        None => manifest
            .get("main")
            .and_then(|m| m.as_str())
            .map(String::from),
        Some(sub) => manifest
            .pointer(&format!(
                "/exports/.~1{}",
                sub.replace('~', "~0").replace('/', "~1")
            ))
            .and_then(|v| v.as_str())
            .map(String::from),
    }?;
    let is_source = ["ts", "tsx", "mts", "cts"]
        .iter()
        .any(|ext| target.ends_with(&format!(".{ext}")));
    let path = normalize(&real.join(&target));
    (is_source && !target.ends_with(".d.ts") && fs.is_file(&path)).then_some(path)
}

/// The path from the folder `from` to `to` (both absolute and normalised), with `..` where `to` is
/// not inside `from`: `/r/packages/backend` to `/r/plugins/x/src/a.ts` is `../../plugins/x/src/a.ts`.
pub fn relative_path(from: &Path, to: &Path) -> PathBuf {
    if let Ok(inside) = to.strip_prefix(from) {
        return inside.to_path_buf();
    }
    let from_parts: Vec<Component> = from.components().collect();
    let to_parts: Vec<Component> = to.components().collect();
    let common = from_parts
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut relative = PathBuf::new();
    for _ in common..from_parts.len() {
        relative.push("..");
    }
    for part in &to_parts[common..] {
        relative.push(part.as_os_str());
    }
    relative
}

/// `path` with its longest existing ancestor replaced by that folder's real path (symbolic links
/// resolved), for paths whose last components may not exist yet.
pub fn real_path(path: &Path) -> PathBuf {
    let mut missing = Vec::new();
    let mut existing = path;
    loop {
        if let Ok(real) = std::fs::canonicalize(existing) {
            return missing
                .iter()
                .rev()
                .fold(real, |base, part| base.join(part));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                missing.push(name.to_os_string());
                existing = parent;
            }
            _ => return path.to_path_buf(),
        }
    }
}

/// `normalize(base.join(specifier))`, without taking every component apart for the usual
/// `./name` and `../name` (the project checks resolve tens of thousands of specifiers).
fn join_specifier(base: &Path, specifier: &str) -> PathBuf {
    let (start, rest) = if let Some(rest) = specifier.strip_prefix("./") {
        (Some(base), rest)
    } else if let Some(rest) = specifier.strip_prefix("../") {
        (base.parent(), rest)
    } else {
        (None, "")
    };
    let plain = !rest.is_empty() && rest.split('/').all(|part| !matches!(part, "" | "." | ".."));
    match start {
        Some(start) if plain && is_normal(base) => start.join(rest),
        _ => normalize(&base.join(specifier)),
    }
}

/// An absolute path with no `.`, `..` or empty components (what `normalize` returns for one).
fn is_normal(path: &Path) -> bool {
    let Some(text) = path.to_str() else {
        return false;
    };
    text.starts_with('/')
        && !text.contains("//")
        && !text.contains("/./")
        && !text.contains("/../")
        && !text.ends_with("/.")
        && !text.ends_with("/..")
}

/// `path.starts_with(folder)`, answered from the bytes when they already say yes.
fn is_inside(path: &Path, folder: &Path) -> bool {
    let (path_bytes, folder_bytes) = (
        path.as_os_str().as_encoded_bytes(),
        folder.as_os_str().as_encoded_bytes(),
    );
    let byte_prefix = path_bytes.starts_with(folder_bytes)
        && (path_bytes.len() == folder_bytes.len()
            || folder_bytes.ends_with(b"/")
            || path_bytes[folder_bytes.len()] == b'/');
    byte_prefix || path.starts_with(folder)
}

/// Removes `.` and `..` components without touching the file system.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specifiers_join_like_normalize() {
        for base in [
            "/pkg/src",
            "/pkg/src/a",
            "/pkg/./src",
            "/pkg/src/../lib",
            "/",
        ] {
            for specifier in [
                "./x",
                "../x",
                "./a/b",
                "../a/../b",
                "./",
                "./x/",
                "../..",
                "./.hidden",
                "..//x",
                "./a/./b",
            ] {
                assert_eq!(
                    join_specifier(Path::new(base), specifier),
                    normalize(&Path::new(base).join(specifier)),
                    "{base} + {specifier}"
                );
            }
        }
    }

    #[test]
    fn inside_matches_starts_with() {
        for (path, folder) in [
            ("/pkg/src/x.ts", "/pkg"),
            ("/pkg", "/pkg"),
            ("/pkgs/x.ts", "/pkg"),
            ("/pkg/x.ts", "/pkg/"),
            ("/pkg//x.ts", "/pkg/./"),
            ("/other/x.ts", "/pkg"),
        ] {
            assert_eq!(
                is_inside(Path::new(path), Path::new(folder)),
                Path::new(path).starts_with(folder),
                "{path} in {folder}"
            );
        }
    }

    #[test]
    fn bare_and_builtin_specifiers_are_external() {
        let fs = FileSystem::new();
        let dir = Path::new("/pkg");
        let importer = Path::new("/pkg/src/index.ts");
        assert_eq!(resolve(&fs, dir, importer, "express"), Resolution::External);
        assert_eq!(resolve(&fs, dir, importer, "node:fs"), Resolution::External);
        assert_eq!(
            resolve(&fs, dir, importer, "@backstage/x/alpha"),
            Resolution::External
        );
        assert_eq!(
            resolve(&fs, dir, importer, "../../other/src"),
            Resolution::OutsidePackage
        );
    }

    #[test]
    fn relative_paths_climb_out_of_the_folder() {
        assert_eq!(
            relative_path(
                Path::new("/r/packages/backend"),
                Path::new("/r/plugins/x/src/a.ts")
            ),
            PathBuf::from("../../plugins/x/src/a.ts")
        );
        assert_eq!(
            relative_path(Path::new("/r/p"), Path::new("/r/p/src/a.ts")),
            PathBuf::from("src/a.ts")
        );
        assert_eq!(
            relative_path(Path::new("/r/p/node_modules/.cache/out"), Path::new("/r/p")),
            PathBuf::from("../../..")
        );
    }

    #[test]
    fn normalize_removes_dots() {
        assert_eq!(normalize(Path::new("/a/b/./../c")), PathBuf::from("/a/c"));
    }
}
