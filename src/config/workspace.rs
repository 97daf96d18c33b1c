//! The monorepo: the root package.json's `workspaces` globs (`plugins/*`, `plugins/**`, negations
//! with `!`), each package folder's name and Backstage role.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::config::glob::glob_matches;
use crate::config::jsonc;
use crate::diagnostics::{self, Diagnostic};
use crate::fs::FileSystem;

/// Roles whose packages `plugbuild build` builds: node's (CommonJS), the browser's (ES modules, one
/// file per module) and common libraries.
pub const LIBRARY_ROLES: [&str; 8] = [
    "backend-plugin",
    "backend-plugin-module",
    "node-library",
    "common-library",
    "cli",
    "frontend-plugin",
    "frontend-plugin-module",
    "web-library",
];

#[derive(Debug, Clone)]
pub struct WorkspacePackage {
    pub dir: PathBuf,
    pub name: String,
    pub role: Option<String>,
}

impl WorkspacePackage {
    pub fn has_library_role(&self) -> bool {
        self.role
            .as_deref()
            .is_some_and(|role| LIBRARY_ROLES.contains(&role))
    }

    /// Why `build --all` leaves the package to backstage-cli: the app and the deployable backend
    /// are bundled whole, with their dependencies, by backstage-cli's bundlers.
    pub fn left_to_backstage_cli(&self) -> Option<&'static str> {
        match self.role.as_deref() {
            Some("frontend") => Some("role frontend: the app is bundled by backstage-cli's app bundler"),
            Some("backend") => Some("role backend: the deployable backend is bundled by `backstage-cli package build`; `plugbuild start` runs it in development"),
            _ => None,
        }
    }
}

/// Output of `discover_workspace`.
pub struct WorkspaceReturn {
    pub packages: Vec<WorkspacePackage>,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn discover_workspace(fs: &FileSystem, root: &Path) -> WorkspaceReturn {
    let mut result = WorkspaceReturn {
        packages: Vec::new(),
        diagnostics: Vec::new(),
    };
    let manifest_path = root.join("package.json");
    let patterns = match workspace_patterns(fs, root, &manifest_path) {
        Ok(patterns) => patterns,
        Err(diagnostic) => {
            result.diagnostics.push(diagnostic);
            return result;
        }
    };
    let (exclude, include): (Vec<String>, Vec<String>) = patterns
        .iter()
        .map(|p| p.trim_start_matches("./").trim_end_matches('/').to_string())
        .partition(|p| p.starts_with('!'));
    let exclude: Vec<String> = exclude
        .iter()
        .map(|p| p.trim_start_matches('!').to_string())
        .collect();
    let mut folders = Vec::new();
    package_folders(root, root, &mut folders, &mut Vec::new());
    for (relative, dir) in folders {
        if !include.iter().any(|p| glob_matches(p, &relative))
            || exclude.iter().any(|p| glob_matches(p, &relative))
        {
            continue;
        }
        match read_workspace_package(fs, dir, &relative) {
            Some(Ok(package)) => result.packages.push(package),
            Some(Err(diagnostic)) => result.diagnostics.push(diagnostic),
            None => {}
        }
    }
    check_workspace(root, &manifest_path, &include, &mut result);
    result.packages.sort_by(|a, b| a.dir.cmp(&b.dir));
    result
}

/// The root package.json's `workspaces` patterns (a list, or Yarn's `{ packages }`).
fn workspace_patterns(
    fs: &FileSystem,
    root: &Path,
    manifest_path: &Path,
) -> Result<Vec<String>, Diagnostic> {
    let text = fs
        .read_to_string(manifest_path)
        .map_err(|_| diagnostics::no_package_json(root))?;
    let manifest = jsonc::parse_json(manifest_path, &text, "package.json")?;
    let strings = |list: &Vec<Value>| -> Vec<String> {
        list.iter()
            .filter_map(Value::as_str)
            .map(String::from)
            .collect()
    };
    match manifest.get("workspaces") {
        Some(Value::Array(list)) => Ok(strings(list)),
        Some(Value::Object(object)) => Ok(object
            .get("packages")
            .and_then(Value::as_array)
            .map(strings)
            .unwrap_or_default()),
        _ => Err(diagnostics::no_workspaces(manifest_path)),
    }
}

/// The package in `dir` (named after its folder when its package.json has no name); None without a
/// readable package.json.
fn read_workspace_package(
    fs: &FileSystem,
    dir: PathBuf,
    relative: &str,
) -> Option<Result<WorkspacePackage, Diagnostic>> {
    let manifest_path = dir.join("package.json");
    let text = fs.read_to_string(&manifest_path).ok()?;
    Some(
        jsonc::parse_json(&manifest_path, &text, "package.json").map(|manifest| WorkspacePackage {
            name: manifest
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or(relative)
                .to_string(),
            role: manifest
                .pointer("/backstage/role")
                .and_then(Value::as_str)
                .map(String::from),
            dir,
        }),
    )
}

/// Workspace patterns that match no package, and package names used twice.
fn check_workspace(
    root: &Path,
    manifest_path: &Path,
    include: &[String],
    result: &mut WorkspaceReturn,
) {
    for pattern in include {
        let matched = result.packages.iter().any(|p| {
            let relative = p
                .dir
                .strip_prefix(root)
                .unwrap_or(&p.dir)
                .to_string_lossy()
                .replace('\\', "/");
            glob_matches(pattern, &relative)
        });
        if !matched {
            result
                .diagnostics
                .push(diagnostics::workspace_glob_matches_nothing(
                    manifest_path,
                    pattern,
                ));
        }
    }
    let mut names: Vec<&str> = result.packages.iter().map(|p| p.name.as_str()).collect();
    names.sort();
    let mut duplicates = Vec::new();
    for pair in names.windows(2) {
        if pair[0] == pair[1] {
            duplicates.push(diagnostics::duplicate_package_name(manifest_path, pair[0]));
        }
    }
    result.diagnostics.extend(duplicates);
}

/// Folders below `dir` holding a package.json, skipping node_modules, hidden folders and symlink loops.
fn package_folders(
    root: &Path,
    dir: &Path,
    out: &mut Vec<(String, PathBuf)>,
    seen: &mut Vec<PathBuf>,
) {
    let Ok(canonical) = std::fs::canonicalize(dir) else {
        return;
    };
    if seen.contains(&canonical) {
        return;
    }
    seen.push(canonical);
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name == "node_modules" || name.starts_with('.') || !path.is_dir() {
            continue;
        }
        if path.join("package.json").is_file() {
            let relative = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            out.push((relative, path.clone()));
        }
        package_folders(root, &path, out, seen);
    }
}

/// The size and modification time of the lock files and install markers in the nearest folder
/// (from `dir` up) that has any: what changes when dependencies are installed or upgraded.
pub fn install_state(dir: &Path) -> String {
    const MARKERS: [&str; 6] = [
        "package-lock.json",
        "yarn.lock",
        "pnpm-lock.yaml",
        "node_modules/.package-lock.json",
        "node_modules/.yarn-state.yml",
        "node_modules/.modules.yaml",
    ];
    dir.ancestors()
        .map(|folder| {
            MARKERS
                .iter()
                .filter_map(|name| crate::fs::stamp_of(&std::fs::metadata(folder.join(name)).ok()?))
                .map(|(size, modified)| format!("{size}:{modified}"))
                .collect::<Vec<_>>()
        })
        .find(|found| !found.is_empty())
        .map(|found| found.join(","))
        .unwrap_or_default()
}
