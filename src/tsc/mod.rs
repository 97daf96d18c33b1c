//! `plugbuild tsc`: declarations for every file a tsconfig includes, one `.d.ts` per source file at
//! the path tsc writes it (`<outDir>/<path from rootDir>.d.ts`), all files in parallel.

pub mod checks;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use serde::{Deserialize, Serialize};

use crate::bundle::output::{self, OutputFile};
use crate::bundle::transform::{CompileOptions, Compiler, ImportTarget};
use crate::config::glob::{glob_matches, glob_may_match_below};
use crate::config::tsconfig::{self, TsConfig};
use crate::diagnostics::{self, Diagnostic};
use crate::dts::emit::print_module_declarations;
use crate::dts::facts::{ModuleFacts, ProjectFacts};
use crate::fs::FileSystem;

/// Output of `emit_project_declarations`.
pub struct TscReturn {
    pub out_dir: PathBuf,
    /// Files the config includes.
    pub files: usize,
    /// Declaration files in the output folder after the run.
    pub written: usize,
    /// Files whose declarations were computed in this run (the others came from the cache).
    pub recomputed: usize,
    pub diagnostics: Vec<Diagnostic>,
}

/// Kept between runs in the output folder: per source file, what its declarations and checks need,
/// keyed by size and modification time.
#[derive(Default, Serialize, Deserialize)]
struct Cache {
    key: String,
    files: crate::fs::PathMap<PathBuf, CacheEntry>,
    /// The project checks' findings, valid while no file changed and none of `inputs` did.
    #[serde(default)]
    checks: Option<CheckResults>,
}

#[derive(Clone, Serialize, Deserialize)]
struct CheckResults {
    /// Every file the checks read (package.json files, present or not) and every folder they
    /// listed, with its stamp then: a new file in a folder changes the folder's modification time.
    inputs: Vec<(PathBuf, Option<(u64, u64)>)>,
    diagnostics: Vec<Diagnostic>,
}

impl CheckResults {
    fn still_valid(&self) -> bool {
        self.inputs.iter().all(|(path, then)| stamp(path) == *then)
    }
}

#[derive(Clone, Serialize, Deserialize)]
struct CacheEntry {
    size: u64,
    modified_ns: u64,
    /// Declaration file, relative to the output folder (None when the file did not parse).
    output: Option<PathBuf>,
    facts: ModuleFacts,
    diagnostics: Vec<Diagnostic>,
    /// JSON modules the declarations' types were read from, with the hashes of their bytes.
    json_inputs: Vec<(PathBuf, u64)>,
}

const CACHE_FILE: &str = ".plugbuild-tsc-cache";

fn stamp(path: &Path) -> Option<(u64, u64)> {
    crate::fs::stamp_of(&std::fs::metadata(path).ok()?)
}

/// A file's bytes, with the stamp of the file that was read.
fn read_stamped(path: &Path) -> std::io::Result<(Vec<u8>, Option<(u64, u64)>)> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let metadata = file.metadata()?;
    // Room for one byte more than the file, so the read that finds its end needs no new buffer.
    // `File::read_to_end` would ask for the size and position again (two more system calls per
    // file, six thousand on a large repo); through `take` the generic loop reads into the spare
    // capacity without zeroing it first.
    let mut bytes = Vec::with_capacity(metadata.len() as usize + 1);
    (&file).take(u64::MAX).read_to_end(&mut bytes)?;
    Ok((bytes, crate::fs::stamp_of(&metadata)))
}

fn cache_key(config: &TsConfig, root: &Path) -> String {
    let options = serde_json::to_string(&config.options).unwrap_or_default();
    let stamp_text = |path: &Path| {
        stamp(path)
            .map(|(size, modified)| format!("{size}:{modified}"))
            .unwrap_or_default()
    };
    // A rebuilt plugbuild may emit differently: its own modification time is part of the key.
    let binary = std::env::current_exe()
        .map(|exe| stamp_text(&exe))
        .unwrap_or_default();
    // Declarations read the dependencies' (calls of their generic functions): an install or
    // upgrade, which rewrites a lock file, recomputes everything.
    format!(
        "{}|{binary}|{}|{:?}|{:?}|{}",
        env!("CARGO_PKG_VERSION"),
        options,
        config.include,
        config.exclude,
        crate::config::workspace::install_state(root)
    )
}

pub fn emit_project_declarations(root: &Path) -> TscReturn {
    let fs = FileSystem::new();
    let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    let mut result = TscReturn {
        out_dir: root.join("dist-types"),
        files: 0,
        written: 0,
        recomputed: 0,
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
            diagnostics::backstage_defaults_used(tsconfig::BACKSTAGE_BASE, config.path.as_deref()),
        );
    }
    if diagnostics::has_errors(&result.diagnostics) {
        return result;
    }
    let out_dir = config.out_dir().unwrap_or_else(|| root.join("dist-types"));
    result.out_dir = out_dir.clone();
    let files = included_files(&config, &root, &out_dir);
    fs.know_listed_files(&files);
    result.files = files.len();
    // Without `rootDir`, tsc uses the longest common folder of the inputs.
    let root_dir = config
        .root_dir()
        .unwrap_or_else(|| common_folder(&files).unwrap_or_else(|| root.clone()));

    let key = cache_key(&config, &root);
    let previous: Cache = std::fs::read(out_dir.join(CACHE_FILE))
        .ok()
        .and_then(|bytes| postcard::from_bytes(&bytes).ok())
        .filter(|cache: &Cache| cache.key == key)
        .unwrap_or_default();
    let fresh_start = previous.files.is_empty();
    // Entries of unchanged files move to the new cache; what is left of the old one afterwards
    // belongs to deleted files.
    let mut old_entries = previous.files;
    let mut entries: Vec<(PathBuf, CacheEntry)> = Vec::with_capacity(files.len());
    let mut todo: Vec<&PathBuf> = Vec::new();
    if fresh_start {
        todo.extend(&files);
    } else {
        let stamps: Vec<Option<(u64, u64)>> = files.par_iter().map(|f| stamp(f)).collect();
        for (path, stamp) in files.iter().zip(stamps) {
            let unchanged = old_entries.remove(path).filter(|entry| {
                let output_exists = entry
                    .output
                    .as_ref()
                    .is_none_or(|o| fs.is_file(&out_dir.join(o)));
                stamp == Some((entry.size, entry.modified_ns))
                    && output_exists
                    && crate::dts::infer::json_types::json_inputs_unchanged(&entry.json_inputs)
            });
            match unchanged {
                Some(entry) => entries.push((path.clone(), entry)),
                None => todo.push(path),
            }
        }
    }

    let mut options = CompileOptions::from_tsconfig(&config);
    options.javascript = false;
    options.facts = true;
    let compiler = Compiler::new(options);
    // A first run (or changed options) writes a whole new folder (stale files of earlier runs go
    // with the old one), each file as soon as it is printed.
    let early = fresh_start.then(|| output::EarlyWrites::begin(&out_dir));
    let computed: Vec<(PathBuf, CacheEntry, Option<OutputFile>)> = todo
        .par_iter()
        .map(|path| {
            let (emitted, stamp) = emit_file(&compiler, path, &root_dir);
            let Emitted {
                mut output,
                facts,
                diagnostics,
                json_inputs,
            } = emitted;
            // A file that could not be read gets a stamp no file has: the next run tries again.
            let (size, modified_ns) = stamp.unwrap_or((u64::MAX, 0));
            let entry = CacheEntry {
                size,
                modified_ns,
                output: output.as_ref().map(|o| o.relative.clone()),
                facts,
                diagnostics,
                json_inputs,
            };
            // Written now, the output is not kept.
            if let (Some(early), Some(file)) = (&early, output.as_ref()) {
                early.write(file);
                output = None;
            }
            ((*path).clone(), entry, output)
        })
        .collect();

    let mut outputs = Vec::new();
    result.recomputed = computed.len();
    for (path, entry, output) in computed {
        outputs.extend(output);
        entries.push((path, entry));
    }
    let mut findings: Vec<(&PathBuf, &Vec<Diagnostic>)> = entries
        .iter()
        .filter(|(_, entry)| !entry.diagnostics.is_empty())
        .map(|(path, entry)| (path, &entry.diagnostics))
        .collect();
    findings.sort_by(|a, b| a.0.cmp(b.0));
    for (_, diagnostics) in findings {
        result.diagnostics.extend(diagnostics.iter().cloned());
    }
    let mut cache = Cache {
        key,
        files: entries.into_iter().collect(),
        checks: None,
    };
    // Any entry left over is a deleted file, with or without an output of its own.
    let same_files = result.recomputed == 0 && old_entries.is_empty();
    let stale: Vec<PathBuf> = old_entries
        .into_values()
        .filter_map(|entry| entry.output)
        .collect();
    let reused = previous.checks.filter(|c| same_files && c.still_valid());
    let checks_changed = reused.is_none();
    let files_changed = fresh_start || result.recomputed > 0 || !stale.is_empty();
    // The files' part of the cache is serialised while the checks run (a first run's 1.3 MB).
    let (checks, head) = rayon::join(
        || reused.unwrap_or_else(|| check_project(&root, &files, &cache)),
        || files_changed.then(|| cache_head(&cache)),
    );
    result
        .diagnostics
        .extend(checks.diagnostics.iter().cloned());
    cache.checks = Some(checks);
    result.written = cache.files.values().filter(|e| e.output.is_some()).count();

    let cache_changed = files_changed || checks_changed;
    let make_cache_file = || cache_file(&cache, head);
    let write = match early {
        // The cache goes in with the declarations, and the new folder replaces the old in one step.
        Some(early) => {
            early.write(&make_cache_file());
            early.commit()
        }
        None => {
            // The outputs are written while the cache is serialised. The cache goes in last: an
            // interrupted run leaves no cache or the previous one, and either only makes the next run
            // recompute more.
            let (write, cache) = rayon::join(
                || output::update_dir(&out_dir, &outputs, &stale),
                || cache_changed.then(make_cache_file),
            );
            write.and_then(|()| match cache {
                Some(cache) => output::update_dir(&out_dir, &[cache], &[]),
                None => Ok(()),
            })
        }
    };
    if let Err(diagnostic) = write {
        result.diagnostics.push(diagnostic);
        result.written = 0;
    }
    // Freeing every file's text, line table and facts takes a first run about 15 ms.
    output::free_in_background((compiler, cache, files, outputs));
    result
}

/// The project checks, with the inputs they depended on.
fn check_project(root: &Path, files: &[PathBuf], cache: &Cache) -> CheckResults {
    let fs = FileSystem::new();
    fs.know_listed_files(files);
    let facts: ProjectFacts = cache
        .files
        .iter()
        .map(|(p, e)| (p.as_path(), &e.facts))
        .collect();
    let diagnostics = checks::check_project(&fs, root, &facts);
    let inputs = fs
        .files_read()
        .into_iter()
        .chain(fs.folders_listed())
        .map(|path| {
            let then = stamp(&path);
            (path, then)
        })
        .collect();
    CheckResults {
        inputs,
        diagnostics,
    }
}

/// The cache's key and files, serialised: postcard writes a struct as its fields one after the
/// other, so these bytes followed by the serialised checks are the whole cache.
fn cache_head(cache: &Cache) -> Vec<u8> {
    postcard::to_stdvec(&(&cache.key, &cache.files)).unwrap_or_default()
}

/// The cache file; `head` is `cache_head` when it was computed already.
fn cache_file(cache: &Cache, head: Option<Vec<u8>>) -> OutputFile {
    let mut bytes = head.unwrap_or_else(|| cache_head(cache));
    bytes.extend(postcard::to_stdvec(&cache.checks).unwrap_or_default());
    OutputFile {
        relative: PathBuf::from(CACHE_FILE),
        bytes,
    }
}

/// A file's declarations, facts and diagnostics, with the stamp of what was read.
/// One file's declarations, what the project checks read of them, and the JSON modules their types
/// were read from (with the hashes of their bytes).
#[derive(Default)]
struct Emitted {
    output: Option<OutputFile>,
    facts: ModuleFacts,
    diagnostics: Vec<Diagnostic>,
    json_inputs: Vec<(PathBuf, u64)>,
}

impl Emitted {
    fn failed(diagnostic: Diagnostic) -> Emitted {
        Emitted {
            diagnostics: vec![diagnostic],
            ..Emitted::default()
        }
    }
}

fn emit_file(compiler: &Compiler, path: &Path, root_dir: &Path) -> (Emitted, Option<(u64, u64)>) {
    let (bytes, stamp) = match read_stamped(path) {
        Ok(read) => read,
        Err(error) => {
            let diagnostic = diagnostics::cannot_read(path, &error);
            return (Emitted::failed(diagnostic), None);
        }
    };
    (emit_text(compiler, path, bytes, root_dir), stamp)
}

fn emit_text(compiler: &Compiler, path: &Path, bytes: Vec<u8>, root_dir: &Path) -> Emitted {
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let valid = error.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(error.as_bytes()).into_owned();
            return Emitted::failed(diagnostics::not_utf8(path, valid, &lossy));
        }
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
            let diagnostic = diagnostics::internal_panic(path, "panic while emitting declarations");
            return Emitted::failed(diagnostic);
        }
    };
    let mut diagnostics = compiled.diagnostics;
    let facts = compiled.facts.unwrap_or_default();
    let Some(mut declarations) = compiled.declarations else {
        return Emitted {
            facts,
            diagnostics,
            ..Emitted::default()
        };
    };
    let json_inputs = std::mem::take(&mut declarations.json_inputs);
    diagnostics.append(&mut declarations.warnings);
    let relative = path.strip_prefix(root_dir).unwrap_or(path);
    let output = OutputFile {
        relative: declaration_path(relative),
        bytes: print_module_declarations(declarations, &compiler.cm).into_bytes(),
    };
    Emitted {
        output: Some(output),
        facts,
        diagnostics,
        json_inputs,
    }
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
    } else if let Some(stem) = name.strip_suffix(".mjs") {
        format!("{stem}.d.mts")
    } else if let Some(stem) = name.strip_suffix(".cjs") {
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

/// What `tsc --watch` watches: the folder each `include` pattern starts with (`plugins` for
/// `plugins/*/src`), and the tsconfig files.
pub fn watch_set(root: &Path) -> crate::dev::watch::WatchSet {
    let fs = FileSystem::new();
    let loaded = tsconfig::load_tsconfig(&fs, root);
    let base = loaded
        .config
        .patterns_base
        .clone()
        .unwrap_or_else(|| root.to_path_buf());
    let mut set = crate::dev::watch::WatchSet::default();
    for pattern in loaded
        .config
        .include
        .clone()
        .unwrap_or_else(|| vec!["**/*".into()])
    {
        let literal: Vec<&str> = pattern
            .trim_start_matches("./")
            .split('/')
            .take_while(|segment| !segment.contains('*') && !segment.contains('?'))
            .collect();
        set.folders.insert(base.join(literal.join("/")));
    }
    set.files.extend(fs.files_read());
    set
}
