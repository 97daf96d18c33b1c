//! Scans a package from its entries: reads and compiles every reachable module in parallel (rayon),
//! following the imports that survive type stripping. The result is an index-addressed module table.

use std::collections::{HashMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::bundle::link::ModuleChunk;
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
                crate::dts::infer::json_types::json_inputs_unchanged(&declarations.json_inputs)
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
                let code = with_runtime_helpers(layout, compiled.code);
                let file = layout.module_file(file, path, &text, &code, &compiled.mappings);
                (ModuleChunk::default(), Some(file))
            }
            None => (
                ModuleChunk::new(&id, &text, &compiled.code, compiled.mappings),
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
        let esm_layout = self.layout().filter(|l| l.format == ModuleFormat::Esm);
        if let (Some(layout), Resolution::Internal(path)) = (self.layout(), &resolution) {
            if esm_layout.is_none() && is_bundled_module(path) {
                return link_file(layout, importer, path, dependencies);
            }
        }
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

/// Compiled modules kept between the builds of a watch session, keyed by path.
#[derive(Default)]
pub struct ModuleCache {
    entries: Mutex<HashMap<PathBuf, CachedModule>>,
}

struct CachedModule {
    module: Arc<Module>,
    /// The file as it was when read; None when it cannot vouch for the text (see `FileStamp`).
    stamp: Option<FileStamp>,
    /// Every specifier the module resolved (`true`: for its declarations) and what it resolved to.
    links: Vec<(String, bool, Resolution)>,
    diagnostics: Vec<Diagnostic>,
}

impl ModuleCache {
    /// Whether `path` is one of the cached modules.
    pub fn contains(&self, path: &Path) -> bool {
        self.entries.lock().is_ok_and(|e| e.contains_key(path))
    }

    /// Drops modules the last scan did not reach, so a long session does not grow.
    pub fn keep_only(&self, graph: &ModuleGraph) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.retain(|path, _| graph.by_path.contains_key(path));
        }
    }

    pub fn len(&self) -> usize {
        self.entries.lock().map(|e| e.len()).unwrap_or(0)
    }

    /// The size of the cached modules' sources.
    pub fn source_bytes(&self) -> usize {
        self.entries
            .lock()
            .map(|e| e.values().map(|c| c.module.source.len()).sum())
            .unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// What says a file has not been written since it was read: its inode, size, and modification and
/// change times. A write within the file system's timestamp granularity of the read could leave
/// all of them the same, so a file changed less than two seconds before the stamp was taken gets
/// no stamp (git's "racily clean" rule); its text is compared instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    inode: u64,
    size: u64,
    modified_ns: i128,
    changed_ns: i128,
}

impl FileStamp {
    #[cfg(unix)]
    pub fn of(path: &Path) -> Option<FileStamp> {
        use std::os::unix::fs::MetadataExt;
        let taken = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_nanos() as i128;
        let metadata = std::fs::metadata(path).ok()?;
        let nanos = |seconds: i64, nanos: i64| seconds as i128 * 1_000_000_000 + nanos as i128;
        let stamp = FileStamp {
            inode: metadata.ino(),
            size: metadata.size(),
            modified_ns: nanos(metadata.mtime(), metadata.mtime_nsec()),
            changed_ns: nanos(metadata.ctime(), metadata.ctime_nsec()),
        };
        const RACY_NS: i128 = 2_000_000_000;
        let latest = stamp.modified_ns.max(stamp.changed_ns);
        (latest < taken - RACY_NS).then_some(stamp)
    }

    #[cfg(not(unix))]
    pub fn of(_path: &Path) -> Option<FileStamp> {
        None
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::FileStamp;

    #[test]
    fn a_file_written_within_two_seconds_has_no_stamp_and_a_write_takes_it_away_again() {
        let dir = std::env::temp_dir().join(format!("plugbuild-stamp-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("a.ts");
        std::fs::write(&file, "export const a = 1;\n").unwrap();
        assert_eq!(FileStamp::of(&file), None, "just written: racily clean");
        std::thread::sleep(std::time::Duration::from_millis(2100));
        let settled = FileStamp::of(&file).expect("untouched for two seconds");
        assert_eq!(FileStamp::of(&file), Some(settled));
        // Same size, same modification time set back by hand: the change time still tells.
        let modified = std::fs::metadata(&file).unwrap().modified().unwrap();
        std::fs::write(&file, "export const a = 2;\n").unwrap();
        std::fs::File::options()
            .write(true)
            .open(&file)
            .unwrap()
            .set_modified(modified)
            .unwrap();
        assert_eq!(FileStamp::of(&file), None, "rewritten: racily clean again");
        std::thread::sleep(std::time::Duration::from_millis(2100));
        let after = FileStamp::of(&file).expect("settled again");
        assert_ne!(
            after, settled,
            "the change time differs although size and mtime match"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

/// A JSON module: its value through `JSON.parse`, as node's `require` reads a JSON file (an object
/// literal would turn a `"__proto__"` key into the object's prototype), and declarations for the
/// roll-up (`export { data }` reads them).
fn json_module(path: &Path, id: String, text: String) -> Result<Module, Diagnostic> {
    let value = crate::config::jsonc::parse_json(path, &text, "JSON module")?;
    let code = format!(
        "module.exports = JSON.parse({});\n",
        crate::bundle::link::json_string(text.trim())
    );
    Ok(Module {
        chunk: ModuleChunk::new(&id, &text, &code, Vec::new()),
        file: None,
        asset: false,
        externals: Vec::new(),
        id,
        path: path.to_path_buf(),
        source: text,
        dependencies: Vec::new(),
        declarations: Some(crate::dts::emit::json_module::json_module_declarations(
            &value,
        )),
        declaration_sources: HashMap::new(),
    })
}

/// An import of an own file in the per-module layout: a module's output file (a dependency to
/// scan; stylesheets are modules there), or an asset copied beside the output (a dependency too,
/// which the scan copies instead of compiling). Anything else cannot be imported.
fn link_file(
    layout: &ModuleLayout,
    importer: &Path,
    path: &Path,
    dependencies: &mut Vec<PathBuf>,
) -> ImportTarget {
    let from = layout.module_file_path(importer);
    let to = if is_asset(path) {
        layout.asset_file(path)
    } else {
        layout.module_file_path(path)
    };
    dependencies.push(path.to_path_buf());
    ImportTarget::Internal(layout.specifier(&from, &to))
}

/// An asset in the per-module layout: nothing to compile, the file is copied.
fn asset_module(package_dir: &Path, path: &Path) -> Module {
    Module {
        id: module_id(package_dir, path),
        path: path.to_path_buf(),
        source: String::new(),
        chunk: ModuleChunk::default(),
        file: None,
        asset: true,
        dependencies: Vec::new(),
        externals: Vec::new(),
        declarations: None,
        declaration_sources: HashMap::new(),
    }
}

/// The ES module of a stylesheet or JSON file in the per-module layout (with a JSON module's
/// declarations, for the roll-up); None for source modules.
fn file_module(
    layout: &ModuleLayout,
    path: &Path,
    text: &str,
) -> Option<Result<(ModuleFile, Option<ModuleDeclarations>), Diagnostic>> {
    let file = layout.module_file_path(path);
    let commonjs = layout.format == ModuleFormat::CommonJs;
    let built = if commonjs && path.extension().is_some_and(|e| e == "json") {
        crate::config::jsonc::parse_json(path, text, "JSON module").map(|value| {
            let declarations = crate::dts::emit::json_module::json_module_declarations(&value);
            let code = format!(
                "module.exports = JSON.parse({});\n",
                crate::bundle::link::json_string(text.trim())
            );
            (code, Some(declarations))
        })
    } else if commonjs {
        return None;
    } else if crate::bundle::css::is_stylesheet(path) {
        let inject = layout.specifier(&file, Path::new(crate::bundle::css::STYLE_INJECT_OUTPUT));
        crate::bundle::css::stylesheet_module(path, text, &inject).map(|code| (code, None))
    } else if path.extension().is_some_and(|e| e == "json") {
        crate::config::jsonc::parse_json(path, text, "JSON module").map(|value| {
            let declarations = crate::dts::emit::json_module::json_module_declarations(&value);
            (json_esm(text, &value), Some(declarations))
        })
    } else {
        return None;
    };
    Some(built.map(|(code, declarations)| {
        (
            layout.module_file(file, path, text, &code, &[]),
            declarations,
        )
    }))
}

/// A JSON module as an ES module: the parsed value as the default export, and each top-level key
/// that is an identifier as a named export (rollup's JSON plugin exports the same names).
fn json_esm(text: &str, value: &serde_json::Value) -> String {
    let mut code = format!(
        "var json = JSON.parse({});\n",
        crate::bundle::link::json_string(text.trim())
    );
    let mut exports = Vec::new();
    if let serde_json::Value::Object(object) = value {
        for key in object.keys() {
            if crate::dts::type_nodes::is_identifier(key)
                && !crate::dts::type_nodes::is_reserved(&key.as_str().into())
            {
                let local = format!("json_{}", exports.len());
                let quoted = crate::bundle::link::json_string(key);
                code.push_str(&format!("var {local} = json[{quoted}];\n"));
                exports.push(format!("{local} as {key}"));
            }
        }
    }
    exports.push("json as default".to_string());
    code.push_str(&format!("\nexport {{ {} }};\n", exports.join(", ")));
    code
}

fn module_with_file(
    path: &Path,
    id: String,
    text: String,
    (file, declarations): (ModuleFile, Option<ModuleDeclarations>),
) -> Module {
    Module {
        id,
        path: path.to_path_buf(),
        source: text,
        chunk: ModuleChunk::default(),
        file: Some(file),
        asset: false,
        dependencies: Vec::new(),
        externals: Vec::new(),
        declarations,
        declaration_sources: HashMap::new(),
    }
}

/// A module's CommonJS file with the functions it calls that the bundle's runtime would provide:
/// tsc's `__importStar` for namespace imports, and `import()` of own modules. Appended, so the
/// mappings stay as they are (function declarations are hoisted).
fn with_runtime_helpers(layout: &ModuleLayout, code: String) -> String {
    if layout.format != ModuleFormat::CommonJs {
        return code;
    }
    let lazy = code.contains(crate::bundle::transform::LAZY_IMPORT_FUNCTION);
    let star = lazy || code.contains(crate::bundle::lower::IMPORT_STAR_FUNCTION);
    if !star {
        return code;
    }
    let mut code = code;
    code.push('\n');
    code.push_str(crate::bundle::link::IMPORT_STAR_HELPER);
    if lazy {
        code.push_str(crate::bundle::link::LAZY_IMPORT_FILE_HELPER);
    }
    code
}
