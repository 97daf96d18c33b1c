//! `plugbuild build`: package -> module graph -> one bundle per entry -> dist/.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub use crate::bundle::declarations::{roll_up_entry, AnalysisCache};
use crate::bundle::graph::{self, ModuleCache, ModuleGraph};
use crate::bundle::link;
use crate::bundle::module_files::{ModuleFormat, ModuleLayout};
use crate::bundle::module_outputs::{
    changes_since, common_library_modules, module_files, module_layout,
};
use crate::bundle::output::{self, OutputFile};
use crate::bundle::transform::{CompileOptions, Compiler};
use crate::config::package;
use crate::config::tsconfig::{self, JsxMode};
use crate::diagnostics::{self, Diagnostic};
use crate::dts::rollup::{self, PrintedDeclarations};
use crate::fs::FileSystem;
use crate::resolve;

/// One file written by the build.
#[derive(Debug, Clone)]
pub struct WrittenFile {
    pub path: PathBuf,
    pub size: usize,
}

/// Output of `build_package`.
#[derive(Default)]
pub struct BuildReturn {
    pub written: Vec<WrittenFile>,
    pub module_count: usize,
    /// Modules compiled by this build (the others were reused from a watch session).
    pub compiled: usize,
    pub elapsed_ms: u128,
    pub diagnostics: Vec<Diagnostic>,
    /// Every file the build read, for watch mode.
    pub files_read: Vec<PathBuf>,
    /// Packages and builtins the built modules load with node's `require`.
    pub externals: Vec<String>,
    /// Watch mode: files changed again while this build ran, so it wrote nothing.
    pub superseded: bool,
    /// Watch mode: declarations the roll-up took from its last print instead of printing them.
    pub reprinted_declarations: usize,
}

impl BuildReturn {
    pub fn succeeded(&self) -> bool {
        !diagnostics::has_errors(&self.diagnostics)
    }
}

/// What the command line asks of a build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Declarations whose type cannot be written without a type checker are errors, not warnings.
    pub strict_types: bool,
    /// Build this file (relative to the package or absolute) instead of the package's entries, into
    /// `dev_out_dir`, without declarations: what `plugbuild start` runs.
    pub dev_entry: Option<PathBuf>,
    pub dev_out_dir: Option<PathBuf>,
    /// Node's roles get one CommonJS file per module (`<path>.cjs.js`, as backstage-cli writes
    /// them) instead of one bundle per entry.
    pub commonjs_modules: bool,
}

/// What a watch session keeps between builds: the compiler (with its source map) and the compiled
/// modules, so a rebuild compiles only the modules whose text or imports changed.
#[derive(Default)]
pub struct BuildSession {
    pub(crate) compiler: Option<(String, Compiler)>,
    pub(crate) modules: ModuleCache,
    analyses: AnalysisCache,
    /// Each entry's declarations as its last roll-up printed them.
    printed: HashMap<PathBuf, PrintedDeclarations>,
    /// What the session last wrote to each output folder.
    written: HashMap<PathBuf, Vec<OutputFile>>,
    /// The files the watcher saw change since the last build (`note_changes`).
    changed: Option<Vec<PathBuf>>,
    /// Buffers of outputs replaced since, reused for the next bundles (no fresh pages to fault in).
    spare: Vec<Vec<u8>>,
    /// Per output folder, the folder its last swap replaced: the next rebuild writes over its files.
    spare_dirs: HashMap<PathBuf, output::SpareDir>,
    /// A common library's ES modules: their compiler and modules (`common_library_modules`).
    esm: Option<Box<BuildSession>>,
}

impl BuildSession {
    /// Tells the next build which files the watcher saw change. When they are all modules of the
    /// last build that still exist, the build compiles them first and trusts every other module's
    /// imports to resolve as before.
    pub fn note_changes(&mut self, changed: &[PathBuf]) {
        self.changed = Some(changed.to_vec());
    }

    /// The noted changes, when they are edits of existing modules only (`graph::Edits`).
    fn take_edits(&mut self) -> Option<Vec<PathBuf>> {
        let changed = self.changed.take()?;
        let only_edits = !changed.is_empty()
            && changed
                .iter()
                .all(|path| self.modules.contains(path) && path.is_file());
        only_edits.then_some(changed)
    }

    /// Bytes of source text the session holds (every version its compiler has seen since it was
    /// last replaced).
    pub fn retained_source_bytes(&self) -> usize {
        self.compiler
            .as_ref()
            .map(|(_, compiler)| compiler.source_bytes())
            .unwrap_or(0)
    }
}

pub fn build_package(dir: &Path, options: &BuildOptions) -> BuildReturn {
    let mut session = BuildSession::default();
    let result = build_package_in(dir, options, &mut session);
    // A one-off build's session holds every module's code and declarations (about 5 ms to free
    // for a 100-module plugin).
    crate::bundle::output::free_in_background(session);
    result
}

pub fn build_package_in(
    dir: &Path,
    options: &BuildOptions,
    session: &mut BuildSession,
) -> BuildReturn {
    build_package_watched(dir, options, session, &|| false)
}

/// A watch-mode build: `superseded` is asked just before anything is written; when it says the
/// sources changed again, the build writes nothing and says so (`BuildReturn::superseded`).
pub fn build_package_watched(
    dir: &Path,
    options: &BuildOptions,
    session: &mut BuildSession,
    superseded: &dyn Fn() -> bool,
) -> BuildReturn {
    let started = std::time::Instant::now();
    let mut result = build_with_session(dir, options, session, superseded);
    result.elapsed_ms = started.elapsed().as_millis();
    result
}

fn build_with_session(
    dir: &Path,
    options: &BuildOptions,
    session: &mut BuildSession,
    superseded: &dyn Fn() -> bool,
) -> BuildReturn {
    let fs = FileSystem::new();
    let mut result = BuildReturn::default();
    let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    let Some(package) = load_for_build(&fs, &dir, options, &mut result) else {
        result.files_read = fs.files_read();
        return result;
    };
    renew_compiler(session, &package, options);
    let edits = session.take_edits();
    let Some((_, compiler)) = session.compiler.as_ref() else {
        return result;
    };
    let entry_paths: Vec<PathBuf> = package.entries.iter().map(|e| e.source.clone()).collect();
    let mut scanned = graph::scan_modules(
        &fs,
        &package.dir,
        options.dev_entry.is_some(),
        compiler,
        &entry_paths,
        Some(&session.modules),
        edits.as_deref().map(|files| graph::Edits { files }),
    );
    session.modules.keep_only(&scanned.graph);
    let diagnostics = std::mem::take(&mut scanned.diagnostics);
    record_scan(
        &scanned.graph,
        scanned.compiled,
        diagnostics,
        options,
        &mut result,
    );
    result.files_read = fs.files_read();
    if !result.succeeded() {
        return result;
    }

    let out_dir = options
        .dev_out_dir
        .clone()
        .unwrap_or_else(|| package.dir.join("dist"));
    // A watch rebuild writes each file into the new output folder as soon as it is ready: the
    // bundle while the roll-up still runs. In the per-module layout it writes only the files that
    // changed, in place (`write_outputs`).
    let per_module = compiler.options.layout.is_some()
        || package.role.as_deref() == Some("common-library") && options.dev_entry.is_none();
    let early = (!per_module && session.written.contains_key(&out_dir))
        .then(|| output::EarlyWrites::begin_reusing(&out_dir, session.spare_dirs.remove(&out_dir)));
    let outputs = EntryOutputs {
        graph: &scanned.graph,
        package: &package,
        options,
        compiler,
        analyses: &session.analyses,
        out_dir: &out_dir,
        early: early.as_ref(),
    };
    let mut files = outputs.emit(&mut session.spare, &mut session.printed, &mut result);
    if !result.succeeded() {
        // The roll-up failed (`--strict-types` makes its warnings errors): the last good dist/
        // stays, and the staging folder goes with `early`.
        return result;
    }
    if package.role.as_deref() == Some("common-library") && options.dev_entry.is_none() {
        let esm = session.esm.get_or_insert_with(Box::default);
        // A common library is written per module: nothing was written early (`early` is None).
        let Some(esm_files) = common_library_modules(&fs, &package, options, esm, &mut result)
        else {
            return result;
        };
        files.extend(esm_files);
    }
    files.sort_by(|a, b| a.relative.cmp(&b.relative));
    if superseded() {
        // Nothing was written where anyone looks: the staging folder goes with `early`.
        result.superseded = true;
        return result;
    }
    let written = Written {
        out_dir,
        files,
        entries: package.entries.len(),
        per_module,
    };
    write_outputs(session, written, early, &mut result);
    result
}

/// What a build writes to its output folder.
struct Written {
    out_dir: PathBuf,
    files: Vec<OutputFile>,
    entries: usize,
    /// The per-module layout: a rebuild updates only the files that changed.
    per_module: bool,
}

/// The package as a build reads it: its manifest and tsconfig, the entries (`start`'s dev entry
/// in place of the package's), and the notes and errors about them. None when nothing can be built.
fn load_for_build(
    fs: &FileSystem,
    dir: &Path,
    options: &BuildOptions,
    result: &mut BuildReturn,
) -> Option<package::Package> {
    let loaded = package::load_package(fs, dir);
    result.diagnostics.extend(loaded.diagnostics);
    let mut package = loaded.package?;
    if let Some(entry) = &options.dev_entry {
        let source = package.dir.join(entry);
        let name = source
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "index".into());
        result
            .diagnostics
            .retain(|d| d.code.as_deref() != Some(diagnostics::ENTRY_PROBLEM));
        package.entries = vec![package::Entry { name, source }];
    }
    if package.tsconfig.used_backstage_defaults {
        result.diagnostics.insert(
            0,
            diagnostics::backstage_defaults_used(
                tsconfig::BACKSTAGE_BASE,
                package.tsconfig.path.as_deref(),
            ),
        );
    }
    if package.tsconfig.jsx() == Some(JsxMode::Preserve) {
        let path = package
            .tsconfig
            .path
            .clone()
            .unwrap_or_else(|| dir.join("tsconfig.json"));
        result
            .diagnostics
            .push(diagnostics::jsx_preserve_unsupported(&path));
    }
    (result.succeeded() && !package.entries.is_empty()).then_some(package)
}

/// A new compiler for the session when the options changed, dependencies were installed, or the
/// compiler's source map has outgrown the package.
fn renew_compiler(session: &mut BuildSession, package: &package::Package, options: &BuildOptions) {
    let mut compile_options = CompileOptions::from_package(package);
    // `start` runs a bundle, without declarations, whatever the role.
    let dev = options.dev_entry.is_some();
    compile_options.declarations = !dev;
    let node_esm = package.manifest.get("type").and_then(|t| t.as_str()) == Some("module");
    if !dev && writes_module_files(package.role.as_deref()) {
        compile_options.layout = Some(module_layout(package, ModuleFormat::Esm));
    } else if !dev && node_esm {
        compile_options.layout = Some(module_layout(package, ModuleFormat::NodeEsm));
    } else if !dev && options.commonjs_modules {
        compile_options.layout = Some(module_layout(package, ModuleFormat::CommonJs));
    }
    renew_compiler_with(session, package, compile_options);
}

/// The session's compiler, renewed when `compile_options` differ from its own.
pub(crate) fn renew_compiler_with(
    session: &mut BuildSession,
    package: &package::Package,
    compile_options: CompileOptions,
) {
    // The dependencies' declarations are read too (generic calls): a compiler from before an
    // install would keep what they said then.
    let key = format!(
        "{compile_options:?}|{}",
        crate::config::workspace::install_state(&package.dir)
    );
    // The source map keeps each version of each file compiled; once old versions outweigh the
    // package's own sources, a fresh compiler (and one full rebuild) keeps memory flat.
    let outgrown = |compiler: &Compiler| {
        compiler.source_bytes() > 2 * session.modules.source_bytes() + (1 << 20)
    };
    if session
        .compiler
        .as_ref()
        .is_none_or(|(known, compiler)| *known != key || outgrown(compiler))
    {
        session.compiler = Some((key, Compiler::new(compile_options)));
        session.modules = ModuleCache::default();
    }
}

/// Roles backstage-cli builds as ES modules, one file per module: the browser's packages.
fn writes_module_files(role: Option<&str>) -> bool {
    matches!(
        role,
        Some("frontend-plugin" | "frontend-plugin-module" | "web-library")
    )
}

/// What the module scan adds to the build's result: counts, diagnostics, external packages.
fn record_scan(
    graph: &ModuleGraph,
    compiled: usize,
    diagnostics: Vec<Diagnostic>,
    options: &BuildOptions,
    result: &mut BuildReturn,
) {
    result.compiled = compiled;
    result
        .diagnostics
        .extend(diagnostics.into_iter().map(|d| strict_if_asked(d, options)));
    result.module_count = graph.modules.len();
    let mut externals: Vec<String> = graph
        .modules
        .iter()
        .flat_map(|m| m.externals.iter().cloned())
        .collect();
    externals.sort();
    externals.dedup();
    result.externals = externals;
}

/// Under `--strict-types`, a declaration warning is an error.
pub(crate) fn strict_if_asked(diagnostic: Diagnostic, options: &BuildOptions) -> Diagnostic {
    if options.strict_types && diagnostic.severity == diagnostics::Severity::Warning {
        diagnostics::uninferable_as_error(diagnostic)
    } else {
        diagnostic
    }
}

/// What each entry's outputs are made from.
struct EntryOutputs<'a> {
    graph: &'a ModuleGraph,
    package: &'a package::Package,
    options: &'a BuildOptions,
    compiler: &'a Compiler,
    analyses: &'a AnalysisCache,
    out_dir: &'a Path,
    early: Option<&'a output::EarlyWrites>,
}

impl EntryOutputs<'_> {
    /// Every entry's outputs: its bundle, map and roll-up, or every module's file in the
    /// per-module layout (the roll-ups' diagnostics go to `result`).
    fn emit(
        &self,
        spare: &mut Vec<Vec<u8>>,
        printed: &mut HashMap<PathBuf, PrintedDeclarations>,
        result: &mut BuildReturn,
    ) -> Vec<OutputFile> {
        if let Some(layout) = &self.compiler.options.layout {
            return self.emit_module_files(layout, printed, result);
        }
        // `start`'s bundle is run by node from its real path (node resolves links of the main
        // module), so the map's `sources` are written from the real paths of both folders: a
        // linked `node_modules` must not send stack traces into the link's target.
        let (map_out_dir, map_package_dir) = match self.options.dev_out_dir {
            Some(_) => (
                resolve::real_path(self.out_dir),
                resolve::real_path(&self.package.dir),
            ),
            None => (self.out_dir.to_path_buf(), self.package.dir.clone()),
        };
        let with_declarations = self.options.dev_entry.is_none();
        let mut files = Vec::new();
        for entry in &self.package.entries {
            let bundle_name = format!("{}.cjs.js", entry.name);
            // The bundle and the declarations need nothing from each other: linking goes to the
            // pool while this thread does the roll-up, the longer of the two (a worker can take a
            // millisecond or two to wake). Not an OS thread: under `build --all` this runs on a
            // rayon worker, and the roll-up's parallel parts must still find one. Not
            // `rayon::join`: called from outside the pool, it often ran both halves on one worker.
            let mut bundle = None;
            let mut spare_buffer = || {
                let mut buffer = spare.pop().unwrap_or_default();
                buffer.clear();
                String::from_utf8(buffer).unwrap_or_default()
            };
            let buffers = (spare_buffer(), spare_buffer());
            let declarations = rayon::in_place_scope(|scope| {
                scope.spawn(|_| {
                    let linked = link::link_bundle_into(
                        self.graph,
                        &entry.source,
                        &bundle_name,
                        &map_out_dir,
                        &map_package_dir,
                        buffers,
                    );
                    let linked = [
                        OutputFile {
                            relative: PathBuf::from(format!("{bundle_name}.map")),
                            bytes: linked.map.into_bytes(),
                        },
                        OutputFile {
                            relative: PathBuf::from(&bundle_name),
                            bytes: linked.code.into_bytes(),
                        },
                    ];
                    if let Some(early) = self.early {
                        linked.iter().for_each(|file| early.write(file));
                    }
                    bundle = Some(linked);
                });
                with_declarations.then(|| self.roll_up(entry, printed))
            });
            // The scope ran the spawned link before returning.
            let Some(bundle) = bundle else {
                continue;
            };
            files.extend(bundle);
            if let Some(declarations) = declarations {
                files.push(self.declaration_file(entry, declarations, result));
            }
        }
        files
    }

    /// The entry's roll-up, reusing and updating its last printed declarations.
    fn roll_up(
        &self,
        entry: &package::Entry,
        printed: &mut HashMap<PathBuf, PrintedDeclarations>,
    ) -> rollup::RollUp {
        roll_up_entry(
            self.graph,
            &entry.source,
            self.compiler,
            &self.package.dir,
            self.analyses,
            Some(printed.entry(entry.source.clone()).or_default()),
        )
    }

    /// The entry's `.d.ts` from its roll-up (whose diagnostics go to `result`), written early in
    /// watch mode.
    fn declaration_file(
        &self,
        entry: &package::Entry,
        declarations: rollup::RollUp,
        result: &mut BuildReturn,
    ) -> OutputFile {
        result.reprinted_declarations += declarations.reprinted;
        result.diagnostics.extend(
            declarations
                .diagnostics
                .into_iter()
                .map(|d| strict_if_asked(d, self.options)),
        );
        let file = OutputFile {
            relative: PathBuf::from(format!("{}.d.ts", entry.name)),
            bytes: declarations.text.into_bytes(),
        };
        if let Some(early) = self.early {
            early.write(&file);
        }
        file
    }

    /// The per-module layout: every module's file and map, the assets, the style-injecting helper
    /// when a stylesheet needs it, and each entry's roll-up.
    fn emit_module_files(
        &self,
        layout: &ModuleLayout,
        printed: &mut HashMap<PathBuf, PrintedDeclarations>,
        result: &mut BuildReturn,
    ) -> Vec<OutputFile> {
        // Written per module in place (`write_outputs`), never early.
        let mut files = module_files(self.graph, layout, result);
        for entry in &self.package.entries {
            let declarations = self.roll_up(entry, printed);
            files.push(self.declaration_file(entry, declarations, result));
        }
        files
    }
}

/// Puts the outputs in place (finishing the early writes, or swapping a staging folder in) and
/// keeps them, and the buffers of the ones they replace, for the session's next build.
fn write_outputs(
    session: &mut BuildSession,
    written: Written,
    early: Option<output::EarlyWrites>,
    result: &mut BuildReturn,
) {
    let Written {
        out_dir,
        files,
        entries,
        per_module,
    } = written;
    let last = session.written.get(&out_dir);
    let written = match (early, last) {
        (Some(early), Some(last)) => early.finish(&files, last).map(|spare| {
            if let Some(spare) = spare {
                session.spare_dirs.insert(out_dir.clone(), spare);
            }
        }),
        (None, Some(last)) if per_module && out_dir.is_dir() => {
            let (changed, stale) = changes_since(last, &files);
            output::update_dir(&out_dir, &changed, &stale)
        }
        _ => output::replace_dir(&out_dir, &files),
    };
    match written {
        Ok(()) => {
            result.written = files
                .iter()
                .map(|f| WrittenFile {
                    path: out_dir.join(&f.relative),
                    size: f.bytes.len(),
                })
                .collect();
            if let Some(replaced) = session.written.insert(out_dir, files) {
                // The largest two per entry (bundle and map) are worth keeping.
                let mut buffers: Vec<Vec<u8>> = replaced.into_iter().map(|f| f.bytes).collect();
                buffers.sort_by_key(|b| std::cmp::Reverse(b.len()));
                buffers.truncate(2 * entries);
                session.spare = buffers;
            }
        }
        Err(diagnostic) => {
            session.written.remove(&out_dir);
            result.diagnostics.push(diagnostic);
        }
    }
}
