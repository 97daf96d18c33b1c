//! `plugbuild tsc`: declarations for every file a tsconfig includes, one `.d.ts` per source file at
//! the path tsc writes it (`<outDir>/<path from rootDir>.d.ts`), all files in parallel.

mod cache;
pub mod checks;
mod emit_file;
mod inputs;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::bundle::output::{self, OutputFile};
use crate::bundle::transform::{CompileOptions, Compiler};
use crate::config::tsconfig::{self, TsConfig};
use crate::diagnostics::{self, Diagnostic};
use crate::dts::facts::ProjectFacts;
use crate::fs::FileSystem;
use cache::{
    cache_file, cache_head, cache_key, stamp, Cache, CacheEntry, CheckResults, CACHE_FILE,
};
use emit_file::{emit_file, Emitted};
use inputs::{common_folder, included_files};

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

/// The project a tsconfig describes: what `plugbuild tsc` reads and where it writes.
struct Project {
    root: PathBuf,
    config: TsConfig,
    out_dir: PathBuf,
    /// The included source files, sorted.
    files: Vec<PathBuf>,
    /// The folder declaration paths are relative to.
    root_dir: PathBuf,
}

/// What a run starts from: the cache entries of unchanged files, the files to compute, and the
/// previous run's entries of files that are gone.
struct Reuse<'a> {
    fresh_start: bool,
    entries: Vec<(PathBuf, CacheEntry)>,
    todo: Vec<&'a PathBuf>,
    deleted: crate::fs::PathMap<PathBuf, CacheEntry>,
    previous_checks: Option<CheckResults>,
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
    let Some(project) = load_project(&fs, root, &mut result.diagnostics) else {
        return result;
    };
    result.out_dir = project.out_dir.clone();
    result.files = project.files.len();

    let key = cache_key(&project.config, &project.root);
    let reuse = reuse_unchanged(&fs, &project, &key);
    let mut options = CompileOptions::from_tsconfig(&project.config);
    options.javascript = false;
    options.facts = true;
    let compiler = Compiler::new(options);
    // A first run (or changed options) writes a whole new folder (stale files of earlier runs go
    // with the old one), each file as soon as it is printed.
    let early = reuse
        .fresh_start
        .then(|| output::EarlyWrites::begin(&project.out_dir));
    let computed = compute(&compiler, &reuse.todo, &project.root_dir, early.as_ref());

    let Reuse {
        fresh_start,
        mut entries,
        deleted,
        previous_checks,
        ..
    } = reuse;
    let mut outputs = Vec::new();
    result.recomputed = computed.len();
    for (path, entry, output) in computed {
        outputs.extend(output);
        entries.push((path, entry));
    }
    report_file_findings(&entries, &mut result.diagnostics);
    let mut cache = Cache {
        key,
        files: entries.into_iter().collect(),
        checks: None,
    };
    // Any entry left over is a deleted file, with or without an output of its own.
    let same_files = result.recomputed == 0 && deleted.is_empty();
    let stale: Vec<PathBuf> = deleted.into_values().filter_map(|e| e.output).collect();
    let reused = previous_checks.filter(|c| same_files && c.still_valid());
    let checks_changed = reused.is_none();
    let files_changed = fresh_start || result.recomputed > 0 || !stale.is_empty();
    // The files' part of the cache is serialised while the checks run (a first run's 1.3 MB).
    let (checks, head) = rayon::join(
        || reused.unwrap_or_else(|| check_project(&project.root, &project.files, &cache)),
        || files_changed.then(|| cache_head(&cache)),
    );
    result
        .diagnostics
        .extend(checks.diagnostics.iter().cloned());
    cache.checks = Some(checks);
    result.written = cache.files.values().filter(|e| e.output.is_some()).count();

    let changes = Changes {
        outputs: &outputs,
        stale: &stale,
        cache_changed: files_changed || checks_changed,
    };
    if let Err(diagnostic) = write(&project.out_dir, early, changes, &cache, head) {
        result.diagnostics.push(diagnostic);
        result.written = 0;
    }
    // Freeing every file's text, line table and facts takes a first run about 15 ms.
    output::free_in_background((compiler, cache, project, outputs));
    result
}

/// The tsconfig at `root`, its included files and folders; None after an error (in `diagnostics`).
fn load_project(
    fs: &FileSystem,
    root: PathBuf,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Project> {
    let config_path = root.join("tsconfig.json");
    if !fs.is_file(&config_path) {
        diagnostics.push(diagnostics::no_tsconfig(&root));
        return None;
    }
    let loaded = tsconfig::load_tsconfig(fs, &root);
    diagnostics.extend(loaded.diagnostics);
    let config = loaded.config;
    if config.used_backstage_defaults {
        diagnostics.insert(
            0,
            diagnostics::backstage_defaults_used(tsconfig::BACKSTAGE_BASE, config.path.as_deref()),
        );
    }
    if diagnostics::has_errors(diagnostics) {
        return None;
    }
    let out_dir = config.out_dir().unwrap_or_else(|| root.join("dist-types"));
    let files = included_files(&config, &root, &out_dir);
    fs.know_listed_files(&files);
    // Without `rootDir`, tsc uses the longest common folder of the inputs.
    let root_dir = config
        .root_dir()
        .unwrap_or_else(|| common_folder(&files).unwrap_or_else(|| root.clone()));
    Some(Project {
        root,
        config,
        out_dir,
        files,
        root_dir,
    })
}

/// The previous run's cache entries of files unchanged since (same stamp, output still there, same
/// JSON inputs), and the files to compute.
fn reuse_unchanged<'a>(fs: &FileSystem, project: &'a Project, key: &str) -> Reuse<'a> {
    let previous: Cache = std::fs::read(project.out_dir.join(CACHE_FILE))
        .ok()
        .and_then(|bytes| postcard::from_bytes(&bytes).ok())
        .filter(|cache: &Cache| cache.key == key)
        .unwrap_or_default();
    let fresh_start = previous.files.is_empty();
    // Entries of unchanged files move to the new cache; what is left of the old one afterwards
    // belongs to deleted files.
    let mut old_entries = previous.files;
    let mut entries: Vec<(PathBuf, CacheEntry)> = Vec::with_capacity(project.files.len());
    let mut todo: Vec<&PathBuf> = Vec::new();
    if fresh_start {
        todo.extend(&project.files);
    } else {
        let stamps: Vec<Option<(u64, u64)>> = project.files.par_iter().map(|f| stamp(f)).collect();
        for (path, stamp) in project.files.iter().zip(stamps) {
            let unchanged = old_entries.remove(path).filter(|entry| {
                let output_exists = entry
                    .output
                    .as_ref()
                    .is_none_or(|o| fs.is_file(&project.out_dir.join(o)));
                stamp == Some((entry.size, entry.modified_ns))
                    && output_exists
                    && crate::dts::infer::json_types::inputs_unchanged(&entry.read_inputs)
            });
            match unchanged {
                Some(entry) => entries.push((path.clone(), entry)),
                None => todo.push(path),
            }
        }
    }
    Reuse {
        fresh_start,
        entries,
        todo,
        deleted: old_entries,
        previous_checks: previous.checks,
    }
}

/// The declarations of `todo`, in parallel: each file's cache entry, and its output unless `early`
/// wrote it already.
fn compute(
    compiler: &Compiler,
    todo: &[&PathBuf],
    root_dir: &Path,
    early: Option<&output::EarlyWrites>,
) -> Vec<(PathBuf, CacheEntry, Option<OutputFile>)> {
    todo.par_iter()
        .map(|path| {
            let (emitted, stamp) = emit_file(compiler, path, root_dir);
            let Emitted {
                mut output,
                facts,
                diagnostics,
                read_inputs,
            } = emitted;
            // A file that could not be read gets a stamp no file has: the next run tries again.
            let (size, modified_ns) = stamp.unwrap_or((u64::MAX, 0));
            let entry = CacheEntry {
                size,
                modified_ns,
                output: output.as_ref().map(|o| o.relative.clone()),
                facts,
                diagnostics,
                read_inputs,
            };
            // Written now, the output is not kept.
            if let (Some(early), Some(file)) = (early, output.as_ref()) {
                early.write(file);
                output = None;
            }
            ((*path).clone(), entry, output)
        })
        .collect()
}

/// Every file's diagnostics, computed now or cached, in the order of the files' paths.
fn report_file_findings(entries: &[(PathBuf, CacheEntry)], diagnostics: &mut Vec<Diagnostic>) {
    let mut findings: Vec<(&PathBuf, &Vec<Diagnostic>)> = entries
        .iter()
        .filter(|(_, entry)| !entry.diagnostics.is_empty())
        .map(|(path, entry)| (path, &entry.diagnostics))
        .collect();
    findings.sort_by(|a, b| a.0.cmp(b.0));
    for (_, found) in findings {
        diagnostics.extend(found.iter().cloned());
    }
}

/// What a run changes in the output folder.
struct Changes<'a> {
    outputs: &'a [OutputFile],
    stale: &'a [PathBuf],
    cache_changed: bool,
}

/// Writes the run's outputs and cache: into the new folder a first run began, or as updates.
fn write(
    out_dir: &Path,
    early: Option<output::EarlyWrites>,
    changes: Changes,
    cache: &Cache,
    head: Option<Vec<u8>>,
) -> Result<(), Diagnostic> {
    let make_cache_file = || cache_file(cache, head);
    match early {
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
                || output::update_dir(out_dir, changes.outputs, changes.stale),
                || changes.cache_changed.then(make_cache_file),
            );
            write.and_then(|()| match cache {
                Some(cache) => output::update_dir(out_dir, &[cache], &[]),
                None => Ok(()),
            })
        }
    }
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
