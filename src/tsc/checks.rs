//! Checks that need no type checker, for `plugbuild tsc`: what each module imports and exports
//! (`ModuleFacts`, collected from the parse and cached), then, across the project, unresolved relative
//! imports (TS2307), named imports the target does not export (TS2305, following `export *`),
//! duplicate exports (TS2300), ambiguous `export *` (TS2308), imports of packages the importing
//! package does not declare (PB2001), and declarations calling generic functions whose type
//! arguments tsc would infer (TS9010, a warning).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;

use crate::diagnostics::{self, Diagnostic};
use crate::dts::dependencies::external::ExternalDeclarations;
use crate::dts::facts::generic_calls;
use crate::dts::facts::{ModuleFacts, ProjectFacts};
use crate::fs::{FileSystem, PathMap, PathSet};
use crate::resolve::{self, Resolution};

/// Node's builtin modules (importable without a dependency).
const BUILTINS: [&str; 44] = [
    "assert",
    "async_hooks",
    "buffer",
    "child_process",
    "cluster",
    "console",
    "constants",
    "crypto",
    "dgram",
    "diagnostics_channel",
    "dns",
    "domain",
    "events",
    "fs",
    "http",
    "http2",
    "https",
    "inspector",
    "module",
    "net",
    "os",
    "path",
    "perf_hooks",
    "process",
    "punycode",
    "querystring",
    "readline",
    "repl",
    "stream",
    "string_decoder",
    "sys",
    "timers",
    "tls",
    "trace_events",
    "tty",
    "url",
    "util",
    "v8",
    "vm",
    "wasi",
    "worker_threads",
    "zlib",
    "test",
    "sqlite",
];

fn package_name(specifier: &str) -> &str {
    let mut parts = specifier.splitn(3, '/');
    match (parts.next(), parts.next()) {
        (Some(scope), Some(name)) if scope.starts_with('@') => {
            &specifier[..scope.len() + 1 + name.len()]
        }
        (Some(name), _) => name,
        _ => specifier,
    }
}

fn is_test_file(path: &Path) -> bool {
    let text = path.to_string_lossy();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    [".test.", ".spec.", ".stories."]
        .iter()
        .any(|m| name.contains(m))
        || name.starts_with("setupTests.")
        || [
            "/__tests__/",
            "/__mocks__/",
            "/__testUtils__/",
            "/testUtils/",
            "/dev/",
        ]
        .iter()
        .any(|d| text.contains(d))
}

/// The dependencies the nearest package.json above a file declares, by folder (cached).
#[derive(Default)]
struct Manifests {
    by_dir: PathMap<PathBuf, Option<Arc<DeclaredDependencies>>>,
    /// The last folder asked about (modules come in path order: the next is usually a sibling).
    last: Option<(PathBuf, Option<Arc<DeclaredDependencies>>)>,
}

#[derive(Default)]
struct DeclaredDependencies {
    name: String,
    runtime: HashSet<String>,
    development: HashSet<String>,
}

impl Manifests {
    fn for_file(&mut self, fs: &FileSystem, file: &Path) -> Option<Arc<DeclaredDependencies>> {
        let parent = file.parent()?;
        if let Some((dir, found)) = &self.last {
            if dir.as_os_str() == parent.as_os_str() {
                return found.clone();
            }
        }
        let found = self.for_dir(fs, parent);
        self.last = Some((parent.to_path_buf(), found.clone()));
        found
    }

    fn for_dir(&mut self, fs: &FileSystem, dir: &Path) -> Option<Arc<DeclaredDependencies>> {
        if let Some(found) = self.by_dir.get(dir) {
            return found.clone();
        }
        let manifest = dir.join("package.json");
        let found = match fs
            .read_to_string(&manifest)
            .ok()
            .and_then(|t| serde_json::from_str::<Value>(&t).ok())
        {
            Some(value) => {
                let keys = |field: &str| -> HashSet<String> {
                    value
                        .get(field)
                        .and_then(Value::as_object)
                        .map(|o| o.keys().cloned().collect())
                        .unwrap_or_default()
                };
                let mut runtime = keys("dependencies");
                runtime.extend(keys("peerDependencies"));
                runtime.extend(keys("optionalDependencies"));
                let name = value
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string();
                Some(Arc::new(DeclaredDependencies {
                    name,
                    runtime,
                    development: keys("devDependencies"),
                }))
            }
            None => dir.parent().and_then(|parent| self.for_dir(fs, parent)),
        };
        self.by_dir.insert(dir.to_path_buf(), found.clone());
        found
    }
}

/// Every included module's facts, by path.

/// What one worker of the checks has already worked out.
#[derive(Default)]
struct CheckMemo {
    manifests: Manifests,
    /// The dependencies' declarations, by package folder.
    externals: PathMap<PathBuf, ExternalDeclarations>,
    /// Each module's export names (None: cannot be known).
    exports: PathMap<PathBuf, Option<Arc<HashSet<String>>>>,
}

/// Runs the cross-module checks over every included module's facts, modules in parallel; the
/// findings come out in path order.
pub fn check_project(fs: &FileSystem, root: &Path, modules: &ProjectFacts) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    let mut list: Vec<(&Path, &ModuleFacts)> = modules.iter().map(|(p, f)| (*p, *f)).collect();
    list.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let per_module: Vec<Vec<Diagnostic>> = list
        .par_iter()
        .map_init(CheckMemo::default, |memo, (path, facts)| {
            let mut out = Vec::new();
            check_module(fs, root, path, facts, modules, memo, &mut out);
            out
        })
        .collect();
    per_module.into_iter().flatten().collect()
}

fn check_module(
    fs: &FileSystem,
    root: &Path,
    path: &Path,
    facts: &ModuleFacts,
    modules: &ProjectFacts,
    memo: &mut CheckMemo,
    out: &mut Vec<Diagnostic>,
) {
    check_duplicates(path, facts, out);
    check_star_conflicts(fs, root, path, facts, modules, &mut memo.exports, out);
    for call in &facts.generic_calls {
        if generic_calls::leaves_type_arguments_inferred(
            fs,
            root,
            path,
            call,
            modules,
            &mut memo.externals,
        ) {
            let location = call.place.location(path);
            out.push(diagnostics::inferred_type_arguments(location, &call.callee));
        }
    }
    for import in &facts.imports {
        if resolve::is_relative(&import.specifier) {
            match resolve::resolve_types(fs, root, path, &import.specifier) {
                Resolution::Internal(target) => {
                    // A module without `export *` answers from its own lists (most do; building
                    // its export set would copy every name).
                    if let Some(own) = modules.get(target.as_path()).filter(|f| f.stars.is_empty())
                    {
                        if own.export_assignment {
                            continue;
                        }
                        for (name, location) in &import.names {
                            if !exports_itself(own, name) {
                                out.push(diagnostics::no_exported_member(
                                    location.location(path),
                                    &import.specifier,
                                    name,
                                ));
                            }
                        }
                        continue;
                    }
                    let Some(exported) = export_set(
                        fs,
                        root,
                        &target,
                        modules,
                        &mut memo.exports,
                        &mut PathSet::default(),
                    ) else {
                        continue;
                    };
                    for (name, location) in &import.names {
                        if !exported.contains(name) {
                            out.push(diagnostics::no_exported_member(
                                location.location(path),
                                &import.specifier,
                                name,
                            ));
                        }
                    }
                }
                Resolution::NotFound | Resolution::OutsidePackage => out.push(
                    diagnostics::unresolved_import(import.place.location(path), &import.specifier),
                ),
                Resolution::External => {}
            }
            continue;
        }
        let specifier = import
            .specifier
            .strip_prefix("node:")
            .unwrap_or(&import.specifier);
        let package = package_name(specifier);
        if import.specifier.starts_with("node:") || BUILTINS.contains(&package) {
            continue;
        }
        let Some(declared) = memo.manifests.for_file(fs, path) else {
            continue;
        };
        let allowed = declared.runtime.contains(package)
            || declared.name == package
            || (is_test_file(path) && declared.development.contains(package));
        if !allowed {
            let dev_only = declared.development.contains(package);
            out.push(diagnostics::undeclared_dependency(
                import.place.location(path),
                package,
                dev_only,
            ));
        }
    }
}

fn check_duplicates(path: &Path, facts: &ModuleFacts, out: &mut Vec<Diagnostic>) {
    if facts.listed_exports.is_empty() {
        return;
    }
    let mut seen: HashSet<&str> = facts.declared_exports.iter().map(String::as_str).collect();
    for (name, location) in &facts.listed_exports {
        if !seen.insert(name.as_str()) {
            out.push(diagnostics::duplicate_export(location.location(path), name));
        }
    }
}

fn check_star_conflicts(
    fs: &FileSystem,
    root: &Path,
    path: &Path,
    facts: &ModuleFacts,
    modules: &ProjectFacts,
    cache: &mut PathMap<PathBuf, Option<Arc<HashSet<String>>>>,
    out: &mut Vec<Diagnostic>,
) {
    if facts.stars.len() < 2 {
        return;
    }
    let own: HashSet<&str> = facts
        .declared_exports
        .iter()
        .map(String::as_str)
        .chain(facts.listed_exports.iter().map(|(n, _)| n.as_str()))
        .collect();
    let mut first_from: HashMap<String, String> = HashMap::new();
    for (specifier, location) in &facts.stars {
        let Resolution::Internal(target) = resolve::resolve_types(fs, root, path, specifier) else {
            continue;
        };
        let Some(names) = export_set(fs, root, &target, modules, cache, &mut PathSet::default())
        else {
            continue;
        };
        let mut names: Vec<&String> = names
            .iter()
            .filter(|n| *n != "default" && !own.contains(n.as_str()))
            .collect();
        names.sort();
        for name in names {
            match first_from.get(name) {
                Some(previous) if previous != specifier => out.push(
                    diagnostics::ambiguous_star_export(location.location(path), previous, name),
                ),
                Some(_) => {}
                None => {
                    first_from.insert(name.clone(), specifier.clone());
                }
            }
        }
    }
}

/// Whether a module's own declarations or export lists export `name`.
fn exports_itself(facts: &ModuleFacts, name: &str) -> bool {
    facts.declared_exports.iter().any(|n| n == name)
        || facts.listed_exports.iter().any(|(n, _)| n == name)
}

/// Every name a module exports (its own and, through `export *`, others' except `default`); None
/// when it cannot be known (not an included module, or `export =`).
fn export_set(
    fs: &FileSystem,
    root: &Path,
    path: &Path,
    modules: &ProjectFacts,
    cache: &mut PathMap<PathBuf, Option<Arc<HashSet<String>>>>,
    visiting: &mut PathSet<PathBuf>,
) -> Option<Arc<HashSet<String>>> {
    if let Some(known) = cache.get(path) {
        return known.clone();
    }
    let facts = modules.get(path)?;
    if facts.export_assignment || !visiting.insert(path.to_path_buf()) {
        return None;
    }
    let mut names: HashSet<String> = facts.declared_exports.iter().cloned().collect();
    names.extend(facts.listed_exports.iter().map(|(n, _)| n.clone()));
    let mut complete = true;
    for (specifier, _) in &facts.stars {
        match resolve::resolve_types(fs, root, path, specifier) {
            Resolution::Internal(target) => {
                match export_set(fs, root, &target, modules, cache, visiting) {
                    Some(more) => names.extend(more.iter().filter(|n| *n != "default").cloned()),
                    None => complete = false,
                }
            }
            _ => complete = false,
        }
    }
    visiting.remove(path);
    let result = complete.then(|| Arc::new(names));
    cache.insert(path.to_path_buf(), result.clone());
    result
}
