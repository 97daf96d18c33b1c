//! The files a tsconfig includes, selected as tsc selects them.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::glob::{glob_matches, glob_may_match_below};
use crate::config::tsconfig::TsConfig;

/// The TypeScript files `include` (default `**/*`) selects below the config's folder, minus
/// `exclude`, `node_modules`, hidden folders and the output folder. Sorted.
pub fn included_files(config: &TsConfig, root: &Path, out_dir: &Path) -> Vec<PathBuf> {
    let base = config
        .patterns_base
        .clone()
        .unwrap_or_else(|| root.to_path_buf());
    let include: Vec<String> = config
        .include
        .clone()
        .unwrap_or_else(|| vec!["**/*".to_string()])
        .iter()
        .map(|p| normalize_pattern(p))
        .collect();
    let exclude: Vec<String> = config
        .exclude
        .clone()
        .unwrap_or_default()
        .iter()
        .map(|p| normalize_pattern(p))
        .collect();
    let extensions: &[&str] = if config.allow_js() {
        &["ts", "tsx", "mts", "cts", "js", "jsx", "mjs", "cjs"]
    } else {
        &["ts", "tsx", "mts", "cts"]
    };
    let selection = Selection {
        base: &base,
        out_dir,
        include_file: &|relative: &str| {
            let is_source = relative
                .rsplit_once('.')
                .is_some_and(|(stem, ext)| extensions.contains(&ext) && !stem.ends_with(".d"));
            is_source
                && include.iter().any(|p| glob_matches(p, relative))
                && !exclude.iter().any(|p| glob_matches(p, relative))
        },
        enter_folder: &|relative: &str| include.iter().any(|p| glob_may_match_below(p, relative)),
    };
    let mut files = selection.walk(&base);
    files.sort();
    files
}

/// What `included_files` walks and keeps.
struct Selection<'a> {
    base: &'a Path,
    out_dir: &'a Path,
    include_file: &'a (dyn Fn(&str) -> bool + Sync),
    /// Whether a folder can hold included files: `plugins/*/src` never enters `tsc-types`.
    enter_folder: &'a (dyn Fn(&str) -> bool + Sync),
}

impl Selection<'_> {
    /// The included files below `dir`, its folders walked in parallel.
    fn walk(&self, dir: &Path) -> Vec<PathBuf> {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return Vec::new();
        };
        let mut files = Vec::new();
        let mut folders = Vec::new();
        for entry in entries.flatten() {
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let path = entry.path();
            let relative = path
                .strip_prefix(self.base)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            if kind.is_dir() {
                let name = entry.file_name();
                let skipped = name == "node_modules"
                    || name.to_string_lossy().starts_with('.')
                    || path == self.out_dir;
                if !skipped && (self.enter_folder)(&relative) {
                    folders.push(path);
                }
            } else if kind.is_file() && (self.include_file)(&relative) {
                files.push(path);
            }
        }
        let below: Vec<Vec<PathBuf>> = folders.par_iter().map(|f| self.walk(f)).collect();
        files.extend(below.into_iter().flatten());
        files
    }
}

/// tsc reads a pattern without wildcards in its last segment as a folder (`src` -> `src/**/*`).
fn normalize_pattern(pattern: &str) -> String {
    let pattern = pattern.trim_start_matches("./").trim_end_matches('/');
    let last = pattern.rsplit('/').next().unwrap_or(pattern);
    if pattern.ends_with("**") {
        format!("{pattern}/*")
    } else if !last.contains('*') && !last.contains('?') && !last.contains('.') {
        format!("{pattern}/**/*")
    } else {
        pattern.to_string()
    }
}

pub(super) fn common_folder(files: &[PathBuf]) -> Option<PathBuf> {
    let mut common = files.first()?.parent()?.to_path_buf();
    for file in &files[1..] {
        while !file.starts_with(&common) {
            common = common.parent()?.to_path_buf();
        }
    }
    Some(common)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn include_patterns_select_like_tsconfig() {
        assert!(glob_matches(
            &normalize_pattern("plugins/*/src"),
            "plugins/a/src/x/y.ts"
        ));
        assert!(glob_matches(
            &normalize_pattern("plugins/**/src"),
            "plugins/group/a/src/y.ts"
        ));
        assert!(!glob_matches(
            &normalize_pattern("plugins/*/src"),
            "plugins/group/a/src/y.ts"
        ));
        assert!(glob_matches(&normalize_pattern("src"), "src/index.ts"));
        assert!(glob_matches("**/*.test.ts", "src/a/b.test.ts"));
        assert!(!glob_matches("**/*.test.ts", "src/a/b.ts"));
    }
}
