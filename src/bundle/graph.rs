//! Scans a package from its entries: reads and compiles every reachable module in parallel (rayon),
//! following the imports that survive type stripping. The result is an index-addressed module table.

use std::collections::{HashMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::bundle::file_modules::{
    asset_module, file_module, json_module, link_file, module_with_file, with_runtime_helpers,
};
use crate::bundle::link::ModuleChunk;
use crate::bundle::module_cache::CachedModule;
pub use crate::bundle::module_cache::{FileStamp, ModuleCache};
use crate::bundle::module_files::{is_asset, ModuleFile, ModuleFormat, ModuleLayout};
use crate::bundle::transform::{Compiler, ImportKind, ImportTarget};
use crate::diagnostics::{self, Diagnostic, Location};
use crate::dts::emit::ModuleDeclarations;
use crate::fs::FileSystem;
use crate::resolve::{self, Resolution};

/// One of the package's own modules, compiled to the body of a CommonJS module function.
pub struct Module {
    /// `./src/lib/x.ts`: the path relative to the package folder, used as the key in the bundle.
    pub id: String,
    pub path: PathBuf,
    /// The original text (the watch cache compares it with the file's text).
    pub source: String,
    /// The module's function in the bundle, with its source map part (empty in the per-module
    /// layout).
    pub chunk: ModuleChunk,
    /// The module's own output file in the per-module layout (`ModuleLayout`).
    pub file: Option<ModuleFile>,
    /// An asset an own module imports (per-module layout): the file is copied to `dist/` as it is.
    pub asset: bool,
    /// Own modules this one loads (static, `require` and `import()` alike).
    pub dependencies: Vec<PathBuf>,
    /// What it loads with node's `require` (packages and builtins).
    pub externals: Vec<String>,
    /// The module's declarations, for the `.d.ts` roll-up.
    pub declarations: Option<ModuleDeclarations>,
    /// Where each specifier of the declarations leads (own modules only; others are external).
    pub declaration_sources: HashMap<String, PathBuf>,
}

pub struct ModuleGraph {
    pub modules: Vec<Arc<Module>>,
    pub by_path: HashMap<PathBuf, usize>,
}

impl ModuleGraph {
    /// Indices of the modules reachable from `entry`, in a stable order (entry first, then by id).
    pub fn reachable_from(&self, entry: &Path) -> Vec<usize> {
        let Some(&start) = self.by_path.get(entry) else {
            return Vec::new();
        };
        let mut seen = HashSet::from([start]);
        let mut stack = vec![start];
        while let Some(index) = stack.pop() {
            for dependency in &self.modules[index].dependencies {
                if let Some(&next) = self.by_path.get(dependency) {
                    if seen.insert(next) {
                        stack.push(next);
                    }
                }
            }
        }
        let mut order: Vec<usize> = seen.into_iter().filter(|&i| i != start).collect();
        order.sort_by(|a, b| self.modules[*a].id.cmp(&self.modules[*b].id));
        order.insert(0, start);
        order
    }
}

/// Output of `scan_modules`.
pub struct ScanReturn {
    pub graph: ModuleGraph,
    /// Modules compiled in this scan (the others came from the cache).
    pub compiled: usize,
    pub diagnostics: Vec<Diagnostic>,
}

/// A module's id: its path relative to the package (`./src/a.ts`; `./../../plugins/x/src/a.ts`
/// for a workspace sibling's module that `start` builds in), which the source map's `sources`
/// extend to the path from the map's folder.
pub fn module_id(package_dir: &Path, path: &Path) -> String {
    let relative = resolve::relative_path(package_dir, path);
    format!("./{}", relative.to_string_lossy().replace('\\', "/"))
}

/// What a watch session knows of the change that started a rebuild: only these files' contents
/// changed (they were modules of the last build and still exist; nothing was created, removed or
/// renamed, no package.json or tsconfig changed), so no import can resolve differently than before.
pub struct Edits<'a> {
    pub files: &'a [PathBuf],
}

/// `siblings`: also bundle workspace packages whose `main` is TypeScript source (dev mode).
/// `edits`: the edited files are compiled first, while the unchanged modules are checked, and the
/// unchanged modules' imports are not resolved again.
pub fn scan_modules(
    fs: &FileSystem,
    package_dir: &Path,
    siblings: bool,
    compiler: &Compiler,
    entries: &[PathBuf],
    cache: Option<&ModuleCache>,
    edits: Option<Edits>,
) -> ScanReturn {
    let state = ScanState {
        fs,
        package_dir,
        siblings,
        compiler,
        visited: Mutex::new(HashSet::new()),
        modules: Mutex::new(Vec::new()),
        diagnostics: Mutex::new(Vec::new()),
        cache,
        links_unchanged: edits.is_some(),
        compiled: std::sync::atomic::AtomicUsize::new(0),
    };
    let edited = edits.map(|e| e.files).unwrap_or_default();
    // Spawned last, an edited file is the first job this thread takes (a worker pops its own jobs
    // newest first), while the other thread steals the entries.
    rayon::scope(|scope| {
        for path in entries.iter().chain(edited) {
            state.visit(scope, path.clone());
        }
    });
    let mut modules = state.modules.into_inner().unwrap_or_default();
    let mut diagnostics = state.diagnostics.into_inner().unwrap_or_default();
    if !edited.is_empty() {
        // An edited file was visited without being reached from an entry: the edits may have cut
        // it (or a module it imports) off.
        let reached = reachable_paths(&modules, entries);
        modules.retain(|module| reached.contains(&module.path));
        diagnostics.retain(|(path, _)| reached.contains(path));
    }
    modules.sort_by(|a, b| a.id.cmp(&b.id));
    let by_path = modules
        .iter()
        .enumerate()
        .map(|(index, module)| (module.path.clone(), index))
        .collect();
    let mut diagnostics: Vec<Diagnostic> = diagnostics.into_iter().flat_map(|(_, d)| d).collect();
    diagnostics.sort_by(|a, b| {
        let key = |d: &Diagnostic| {
            d.location
                .as_ref()
                .map(|l| (l.path.clone(), l.line, l.column))
        };
        key(a).cmp(&key(b))
    });
    ScanReturn {
        compiled: state.compiled.load(std::sync::atomic::Ordering::Relaxed),
        graph: ModuleGraph { modules, by_path },
        diagnostics,
    }
}

/// The paths the scan follows from `entries` (modules, and files that failed to load).
fn reachable_paths(modules: &[Arc<Module>], entries: &[PathBuf]) -> HashSet<PathBuf> {
    let by_path: HashMap<&Path, &Module> =
        modules.iter().map(|m| (m.path.as_path(), &**m)).collect();
    let mut reached: HashSet<PathBuf> = entries.iter().cloned().collect();
    let mut stack: Vec<&Path> = entries.iter().map(|e| e.as_path()).collect();
    while let Some(path) = stack.pop() {
        let Some(module) = by_path.get(path) else {
            continue;
        };
        for next in module
            .dependencies
            .iter()
            .chain(module.declaration_sources.values())
        {
            if reached.insert(next.clone()) {
                stack.push(next);
            }
        }
    }
    reached
}

struct ScanState<'a> {
    fs: &'a FileSystem,
    package_dir: &'a Path,
    siblings: bool,
    compiler: &'a Compiler,
    visited: Mutex<HashSet<PathBuf>>,
    modules: Mutex<Vec<Arc<Module>>>,
    cache: Option<&'a ModuleCache>,
    /// Cached modules' imports resolve as they did (`Edits`).
    links_unchanged: bool,
    compiled: std::sync::atomic::AtomicUsize,
    /// What loading each file reported.
    diagnostics: Mutex<Vec<(PathBuf, Vec<Diagnostic>)>>,
}

impl<'a> ScanState<'a> {
    fn visit<'s>(&'s self, scope: &rayon::Scope<'s>, path: PathBuf) {
        let first_time = self
            .visited
            .lock()
            .map(|mut visited| visited.insert(path.clone()))
            .unwrap_or(false);
        if !first_time {
            return;
        }
        scope.spawn(move |scope| {
            let (module, diagnostics) = self.load(&path);
            if let Some(module) = module {
                for dependency in module
                    .dependencies
                    .iter()
                    .chain(module.declaration_sources.values())
                {
                    self.visit(scope, dependency.clone());
                }
                if let Ok(mut modules) = self.modules.lock() {
                    modules.push(module);
                }
            }
            if let Ok(mut all) = self.diagnostics.lock() {
                all.push((path, diagnostics));
            }
        });
    }

    /// A cached module is reused when its file is untouched since it was read (`FileStamp`) or its
    /// text is the same, and every import still resolves to the same file (a new file can change
    /// what `./x` means).
    fn cached(
        &self,
        path: &Path,
        now: Option<FileStamp>,
        text: Option<&str>,
    ) -> Option<(Arc<Module>, Vec<Diagnostic>)> {
        let cache = self.cache?;
        let mut entries = cache.entries.lock().ok()?;
        let entry = entries.get_mut(path)?;
        let same = match text {
            None => now.is_some() && entry.stamp == now,
            Some(text) => entry.module.source == text,
        };
        if !same {
            return None;
        }
        let still = self.links_unchanged
            || entry.links.iter().all(|(specifier, types, before)| {
                let now = if *types {
                    resolve::resolve_types(self.fs, self.package_dir, path, specifier)
                } else {
                    self.resolve(path, specifier)
                };
                now == *before
            });
        let json_unchanged = entry
            .module
            .declarations
            .as_ref()
            .is_none_or(|declarations| {
                crate::dts::infer::json_types::inputs_unchanged(&declarations.read_inputs)
            });
        if !still || !json_unchanged {
            return None;
        }
        // Touched but unchanged: the new stamp saves reading it next time.
        entry.stamp = now;
        Some((entry.module.clone(), entry.diagnostics.clone()))
    }

    fn remember(
        &self,
        module: &Arc<Module>,
        stamp: Option<FileStamp>,
        links: Vec<(String, bool, Resolution)>,
        diagnostics: &[Diagnostic],
    ) {
        if let Some(Ok(mut entries)) = self.cache.map(|c| c.entries.lock()) {
            let entry = CachedModule {
                module: module.clone(),
                stamp,
                links,
                diagnostics: diagnostics.to_vec(),
            };
            entries.insert(module.path.clone(), entry);
        }
    }

    fn load(&self, path: &Path) -> (Option<Arc<Module>>, Vec<Diagnostic>) {
        // Taken before reading: a write after it changes the stamp, so it is never paired with
        // older text.
        let stamp = self.cache.and_then(|_| FileStamp::of(path));
        if let Some((module, diagnostics)) = self.cached(path, stamp, None) {
            self.fs.note_read(path);
            return (Some(module), diagnostics);
        }
        if let (Some(_), true) = (self.layout(), is_asset(path)) {
            return (
                Some(Arc::new(asset_module(self.package_dir, path))),
                Vec::new(),
            );
        }
        let text = match self.read_text(path) {
            Ok(text) => text,
            Err(diagnostic) => return (None, vec![diagnostic]),
        };
        if let Some((module, diagnostics)) = self.cached(path, stamp, Some(&text)) {
            return (Some(module), diagnostics);
        }
        let id = module_id(self.package_dir, path);
        if let Some(layout) = self.layout() {
            if let Some(module) = file_module(layout, path, &text) {
                return match module {
                    Ok(file) => (
                        Some(Arc::new(module_with_file(path, id, text, file))),
                        Vec::new(),
                    ),
                    Err(diagnostic) => (None, vec![diagnostic]),
                };
            }
        }
        if path.extension().is_some_and(|e| e == "json") {
            return match json_module(path, id, text) {
                Ok(module) => (Some(Arc::new(module)), Vec::new()),
                Err(diagnostic) => (None, vec![diagnostic]),
            };
        }
        self.compile(path, id, text, stamp)
    }

    /// A module's text, without a byte-order mark.
    fn read_text(&self, path: &Path) -> Result<String, Diagnostic> {
        let bytes = self
            .fs
            .read(path)
            .map_err(|error| diagnostics::cannot_read(path, &error))?;
        let text = String::from_utf8(bytes).map_err(|error| {
            let valid = error.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(error.as_bytes()).into_owned();
            diagnostics::not_utf8(path, valid, &lossy)
        })?;
        Ok(match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        })
    }

    /// Compiles a source module, links its imports and remembers it in the cache when it built.
    fn compile(
        &self,
        path: &Path,
        id: String,
        text: String,
        stamp: Option<FileStamp>,
    ) -> (Option<Arc<Module>>, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        self.compiled
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let mut dependencies = Vec::new();
        let mut links: Vec<(String, bool, Resolution)> = Vec::new();
        let mut link =
            |specifier: &str, kind: ImportKind, location: &dyn Fn() -> Location| -> ImportTarget {
                self.link(
                    path,
                    specifier,
                    kind,
                    location,
                    &mut dependencies,
                    &mut diagnostics,
                    &mut links,
                )
            };
        let compiled = catch_unwind(AssertUnwindSafe(|| {
            simulate_panic_for_tests(path);
            self.compiler.compile_module(path, text.clone(), &mut link)
        }));
        let compiled = match compiled {
            Ok(compiled) => compiled,
            Err(payload) => {
                let message = payload
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".to_string());
                diagnostics.push(diagnostics::internal_panic(path, &message));
                return (None, diagnostics);
            }
        };
        diagnostics.extend(compiled.diagnostics);
        dependencies.sort();
        dependencies.dedup();
        let mut declaration_sources = HashMap::new();
        if let Some(declarations) = &compiled.declarations {
            diagnostics.extend(declarations.warnings.iter().cloned());
            for (specifier, _) in &declarations.specifiers {
                let resolved = resolve::resolve_types(self.fs, self.package_dir, path, specifier);
                links.push((specifier.clone(), true, resolved.clone()));
                // A non-module import was reported by `link` already.
                match resolved {
                    Resolution::Internal(target) if is_bundled_module(&target) => {
                        declaration_sources.insert(specifier.clone(), target);
                    }
                    _ => {}
                }
            }
        }
        let mut externals: Vec<String> = links
            .iter()
            .filter(|(_, types, resolution)| !types && *resolution == Resolution::External)
            .map(|(specifier, _, _)| specifier.clone())
            .collect();
        externals.sort();
        externals.dedup();
        let (chunk, file) = match self.layout() {
            Some(layout) => {
                let file = layout.module_file_path(path);
                let code = with_runtime_helpers(layout, path, compiled.code);
                let file = layout.module_file(file, path, &text, &code, &compiled.mappings);
                (ModuleChunk::default(), Some(file))
            }
            None => (
                ModuleChunk::new(&id, &text, &compiled.code, compiled.mappings)
                    .with_node_exports(compiled.node_exports),
                None,
            ),
        };
        let module = Module {
            externals,
            chunk,
            file,
            asset: false,
            id,
            path: path.to_path_buf(),
            source: text,
            dependencies,
            declarations: compiled.declarations,
            declaration_sources,
        };
        let module = Arc::new(module);
        if !diagnostics::has_errors(&diagnostics) {
            self.remember(&module, stamp, links, &diagnostics);
        }
        (Some(module), diagnostics)
    }

    fn layout(&self) -> Option<&ModuleLayout> {
        self.compiler.options.layout.as_ref()
    }

    /// Resolution as the scan sees it: relative imports stay within the importer's package; in dev
    /// mode, workspace siblings with TypeScript sources are resolved to those sources.
    fn resolve(&self, importer: &Path, specifier: &str) -> Resolution {
        // A sibling package's own relative imports stay within that package.
        let boundary = if importer.starts_with(self.package_dir) {
            self.package_dir.to_path_buf()
        } else {
            resolve::package_root(importer).unwrap_or_else(|| self.package_dir.to_path_buf())
        };
        let resolution = resolve::resolve(self.fs, &boundary, importer, specifier);
        if self.siblings && resolution == Resolution::External {
            if let Some(source) = resolve::workspace_source(self.fs, self.package_dir, specifier) {
                return Resolution::Internal(source);
            }
        }
        resolution
    }

    #[allow(clippy::too_many_arguments)]
    fn link(
        &self,
        importer: &Path,
        specifier: &str,
        _kind: ImportKind,
        location: &dyn Fn() -> Location,
        dependencies: &mut Vec<PathBuf>,
        diagnostics: &mut Vec<Diagnostic>,
        links: &mut Vec<(String, bool, Resolution)>,
    ) -> ImportTarget {
        let resolution = self.resolve(importer, specifier);
        links.push((specifier.to_string(), false, resolution.clone()));
        // The per-module layouts import own files by their output paths; the browser's also
        // stylesheets and assets. Anything else is an error below, as in the bundle.
        if let (Some(layout), Resolution::Internal(path)) = (self.layout(), &resolution) {
            if layout.format != ModuleFormat::Esm && is_bundled_module(path) {
                return link_file(layout, importer, path, dependencies);
            }
        }
        let esm_layout = self.layout().filter(|l| l.format == ModuleFormat::Esm);
        if let (Some(layout), Resolution::Internal(path)) = (esm_layout, &resolution) {
            let supported = is_bundled_module(path)
                || is_asset(path)
                || crate::bundle::css::is_stylesheet(path);
            if !supported {
                let name = path.file_name().unwrap_or_default().to_string_lossy();
                let kind = name.split_once('.').map(|(_, kind)| kind).unwrap_or("");
                diagnostics.push(diagnostics::unsupported_frontend_import(
                    location(),
                    specifier,
                    kind,
                ));
                return ImportTarget::Invalid;
            }
            return link_file(layout, importer, path, dependencies);
        }
        match resolution {
            Resolution::Internal(path) if !is_bundled_module(&path) => {
                let extension = path.extension().unwrap_or_default().to_string_lossy();
                diagnostics.push(diagnostics::asset_import(location(), specifier, &extension));
                ImportTarget::Invalid
            }
            Resolution::Internal(path) => {
                let id = module_id(self.package_dir, &path);
                dependencies.push(path);
                ImportTarget::Internal(id)
            }
            Resolution::External => ImportTarget::External,
            Resolution::NotFound => {
                diagnostics.push(diagnostics::unresolved_import(location(), specifier));
                ImportTarget::Invalid
            }
            Resolution::OutsidePackage => {
                diagnostics.push(diagnostics::import_outside_package(location(), specifier));
                ImportTarget::Invalid
            }
        }
    }
}

/// Files the bundle can hold: code and JSON. An import of anything else (an image, a stylesheet,
/// a text file) is an error at the import: tsc's CommonJS output would `require` it at run time,
/// which node cannot load either.
fn is_bundled_module(path: &Path) -> bool {
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    matches!(
        extension,
        "ts" | "tsx" | "mts" | "cts" | "js" | "jsx" | "mjs" | "cjs" | "json"
    )
}

/// Debug builds only: `PLUGBUILD_PANIC_ON=<file name>` makes compiling that file panic, so tests can
/// check that a panic inside the compiler becomes a diagnostic naming the file.
fn simulate_panic_for_tests(path: &Path) {
    if cfg!(debug_assertions) {
        if let Some(name) = std::env::var_os("PLUGBUILD_PANIC_ON") {
            if path.file_name() == Some(name.as_os_str()) {
                panic!("simulated panic");
            }
        }
    }
}
