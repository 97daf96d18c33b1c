//! `plugbuild tsc`: declarations for every file a tsconfig includes, one `.d.ts` per source file at
//! the path tsc writes it (`<outDir>/<path from rootDir>.d.ts`), all files in parallel.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::{self, Diagnostic};
use crate::dts::emit::print_module_declarations;
use crate::fs::FileSystem;
use crate::glob::glob_matches;
use crate::output::{self, OutputFile};
use crate::transform::{CompileOptions, Compiler, ImportTarget};
use crate::tsconfig::{self, TsConfig};

/// Output of `emit_project_declarations`.
pub struct TscReturn {
    pub out_dir: PathBuf,
    pub files: usize,
    pub written: usize,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn emit_project_declarations(root: &Path) -> TscReturn {
    let fs = FileSystem::new();
    let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    let mut result = TscReturn {
        out_dir: root.join("dist-types"),
        files: 0,
        written: 0,
        diagnostics: Vec::new(),
    };
    let config_path = root.join("tsconfig.json");
    if !fs.is_file(&config_path) {
        result.diagnostics.push(diagnostics::no_tsconfig(&root));
        return result;
    }
    let loaded = tsconfig::load_tsconfig(&fs, &root);
    result.diagnostics.extend(loaded.diagnostics);
    let config = loaded.config;
    if config.used_backstage_defaults {
        result.diagnostics.insert(
            0,
            diagnostics::backstage_defaults_used(tsconfig::BACKSTAGE_BASE),
        );
    }
    if diagnostics::has_errors(&result.diagnostics) {
        return result;
    }
    let out_dir = config.out_dir().unwrap_or_else(|| root.join("dist-types"));
    result.out_dir = out_dir.clone();
    let files = included_files(&config, &root, &out_dir);
    // Without `rootDir`, tsc uses the longest common folder of the inputs.
    let root_dir = config
        .root_dir()
        .unwrap_or_else(|| common_folder(&files).unwrap_or_else(|| root.clone()));
    result.files = files.len();

    let mut options = CompileOptions::from_tsconfig(&config);
    options.javascript = false;
    let compiler = Compiler::new(options);
    let emitted: Vec<(Option<OutputFile>, Vec<Diagnostic>)> = files
        .par_iter()
        .map(|path| emit_file(&fs, &compiler, path, &root_dir))
        .collect();
    let mut outputs = Vec::new();
    for (output, diagnostics) in emitted {
        result.diagnostics.extend(diagnostics);
        outputs.extend(output);
    }
    if diagnostics::has_errors(&result.diagnostics) {
        return result;
    }
    outputs.sort_by(|a, b| a.relative.cmp(&b.relative));
    result.written = outputs.len();
    if let Err(diagnostic) = output::replace_dir(&out_dir, &outputs) {
        result.diagnostics.push(diagnostic);
        result.written = 0;
    }
    result
}

fn emit_file(
    fs: &FileSystem,
    compiler: &Compiler,
    path: &Path,
    root_dir: &Path,
) -> (Option<OutputFile>, Vec<Diagnostic>) {
    let text = match fs.read(path).map(String::from_utf8) {
        Ok(Ok(text)) => text,
        Ok(Err(error)) => {
            let valid = error.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(error.as_bytes()).into_owned();
            return (None, vec![diagnostics::not_utf8(path, valid, &lossy)]);
        }
        Err(error) => return (None, vec![diagnostics::cannot_read(path, &error)]),
    };
    let text = text
        .strip_prefix('\u{feff}')
        .map(String::from)
        .unwrap_or(text);
    let compiled = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        compiler.compile_module(path, text, &mut |_, _, _| ImportTarget::External)
    }));
    let compiled = match compiled {
        Ok(compiled) => compiled,
        Err(_) => {
            return (
                None,
                vec![diagnostics::internal_panic(
                    path,
                    "panic while emitting declarations",
                )],
            )
        }
    };
    let mut diagnostics = compiled.diagnostics;
    let Some(declarations) = compiled.declarations else {
        return (None, diagnostics);
    };
    diagnostics.extend(declarations.warnings.iter().cloned());
    let relative = path.strip_prefix(root_dir).unwrap_or(path);
    let output = OutputFile {
        relative: declaration_path(relative),
        bytes: print_module_declarations(&declarations, &compiler.cm).into_bytes(),
    };
    (Some(output), diagnostics)
}

fn common_folder(files: &[PathBuf]) -> Option<PathBuf> {
    let mut common = files.first()?.parent()?.to_path_buf();
    for file in &files[1..] {
        while !file.starts_with(&common) {
            common = common.parent()?.to_path_buf();
        }
    }
    Some(common)
}

/// `a/b.ts` -> `a/b.d.ts`, `a/c.tsx` -> `a/c.d.ts`, `a/m.mts` -> `a/m.d.mts`.
fn declaration_path(relative: &Path) -> PathBuf {
    let name = relative.to_string_lossy();
    let renamed = if let Some(stem) = name.strip_suffix(".mts") {
        format!("{stem}.d.mts")
    } else if let Some(stem) = name.strip_suffix(".cts") {
        format!("{stem}.d.cts")
    } else {
        let stem = name.rsplit_once('.').map(|(stem, _)| stem).unwrap_or(&name);
        format!("{stem}.d.ts")
    };
    PathBuf::from(renamed)
}

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
    let mut files = Vec::new();
    walk(&base, &base, out_dir, &mut |relative, path| {
        let is_source = ["ts", "tsx", "mts", "cts"]
            .iter()
            .any(|ext| relative.ends_with(&format!(".{ext}")))
            && !relative.ends_with(".d.ts");
        if is_source
            && include.iter().any(|p| glob_matches(p, relative))
            && !exclude.iter().any(|p| glob_matches(p, relative))
        {
            files.push(path.to_path_buf());
        }
    });
    files.sort();
    files
}

fn walk(base: &Path, dir: &Path, out_dir: &Path, visit: &mut dyn FnMut(&str, &Path)) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            if name == "node_modules" || name.starts_with('.') || path == out_dir {
                continue;
            }
            walk(base, &path, out_dir, visit);
        } else if kind.is_file() {
            let relative = path
                .strip_prefix(base)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            visit(&relative, &path);
        }
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

    #[test]
    fn declaration_paths_follow_tsc() {
        assert_eq!(
            declaration_path(Path::new("a/b.ts")),
            PathBuf::from("a/b.d.ts")
        );
        assert_eq!(
            declaration_path(Path::new("a/c.tsx")),
            PathBuf::from("a/c.d.ts")
        );
        assert_eq!(
            declaration_path(Path::new("m.mts")),
            PathBuf::from("m.d.mts")
        );
    }
}
