//! The per-module layout's outputs: every module's file and map (flattened as rollup leaves
//! backstage-cli's output), the assets, the style-injecting helper, a common library's ES modules,
//! and what a watch rebuild rewrites.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::bundle::build::{
    renew_compiler_with, strict_if_asked, BuildOptions, BuildReturn, BuildSession,
};
use crate::bundle::graph::{self, ModuleGraph};
use crate::bundle::module_files::{ModuleFormat, ModuleLayout};
use crate::bundle::output::OutputFile;
use crate::bundle::transform::CompileOptions;
use crate::config::package;
use crate::diagnostics::{self, Diagnostic};
use crate::fs::FileSystem;

pub(crate) fn module_layout(package: &package::Package, format: ModuleFormat) -> ModuleLayout {
    ModuleLayout {
        format,
        // `"sideEffects": false` (a list of globs keeps every module's effects).
        side_effects: package.manifest.get("sideEffects") != Some(&serde_json::Value::Bool(false)),
        package_dir: package.dir.clone(),
        out_dir: package.dir.join("dist"),
        entries: package
            .entries
            .iter()
            .map(|entry| (entry.source.clone(), entry.name.clone()))
            .collect(),
    }
}

/// A common library's second output, beside its CommonJS bundle: the ES module of every module
/// (`<path>.esm.js`), compiled again without declarations (the bundle's roll-up has them), in a
/// session of its own so that watch rebuilds reuse its modules too. None after errors (in `result`).
pub(crate) fn common_library_modules(
    fs: &FileSystem,
    package: &package::Package,
    options: &BuildOptions,
    session: &mut BuildSession,
    result: &mut BuildReturn,
) -> Option<Vec<OutputFile>> {
    let mut compile_options = CompileOptions::from_package(package);
    compile_options.declarations = false;
    compile_options.layout = Some(module_layout(package, ModuleFormat::Esm));
    renew_compiler_with(session, package, compile_options);
    let (_, compiler) = session.compiler.as_ref()?;
    let entry_paths: Vec<PathBuf> = package.entries.iter().map(|e| e.source.clone()).collect();
    let scanned = graph::scan_modules(
        fs,
        &package.dir,
        false,
        compiler,
        &entry_paths,
        Some(&session.modules),
        None,
    );
    session.modules.keep_only(&scanned.graph);
    // The CommonJS build reported the modules' own problems already.
    let problems: Vec<Diagnostic> = scanned
        .diagnostics
        .into_iter()
        .filter(|d| d.is_error())
        .map(|d| strict_if_asked(d, options))
        .collect();
    let failed = !problems.is_empty();
    for problem in problems {
        if !result.diagnostics.contains(&problem) {
            result.diagnostics.push(problem);
        }
    }
    if failed {
        return None;
    }
    let layout = compiler.options.layout.as_ref()?;
    Some(module_files(&scanned.graph, layout, result))
}

/// Every module's file and map in the per-module layout, the assets it imports, and the
/// style-injecting helper when a stylesheet needs it. ES modules are flattened as rollup's
/// tree-shaking leaves backstage-cli's output (`reexports`): modules with nothing of their own get
/// no file.
pub(crate) fn module_files(
    graph: &ModuleGraph,
    layout: &ModuleLayout,
    result: &mut BuildReturn,
) -> Vec<OutputFile> {
    let flattened = (layout.format == ModuleFormat::Esm).then(|| flatten_reexports(graph, layout));
    let kept = |file: &Path| flattened.as_ref().is_none_or(|f| f.kept.contains(file));
    let mut files = Vec::new();
    for module in &graph.modules {
        if module.asset {
            if !kept(&layout.asset_file(&module.path)) {
                continue;
            }
            match std::fs::read(&module.path) {
                Ok(bytes) => files.push(OutputFile {
                    relative: layout.asset_file(&module.path),
                    bytes,
                }),
                Err(error) => result
                    .diagnostics
                    .push(diagnostics::cannot_read(&module.path, &error)),
            }
        }
        if let Some(file) = module.file.as_ref().filter(|f| kept(&f.file)) {
            let code = flattened
                .as_ref()
                .and_then(|f| f.rewritten.get(&file.file))
                .unwrap_or(&file.code);
            push_module_file(&mut files, &file.file, code, &file.map);
        }
    }
    let helper = PathBuf::from(crate::bundle::css::STYLE_INJECT_OUTPUT);
    let styles = graph
        .modules
        .iter()
        .any(|m| crate::bundle::css::is_stylesheet(&m.path));
    if styles && kept(&helper) {
        let module = layout.module_file(
            helper,
            Path::new(""),
            "",
            crate::bundle::css::STYLE_INJECT_CODE,
            &[],
        );
        push_module_file(&mut files, &module.file, &module.code, &module.map);
    }
    files
}

/// A module's file and its map, as output files.
fn push_module_file(files: &mut Vec<OutputFile>, file: &Path, code: &str, map: &str) {
    files.push(OutputFile {
        relative: PathBuf::from(format!("{}.map", file.to_string_lossy())),
        bytes: map.as_bytes().to_vec(),
    });
    files.push(OutputFile {
        relative: file.to_path_buf(),
        bytes: code.as_bytes().to_vec(),
    });
}

/// The ES module files flattened (`reexports::flatten`), from the entries' files.
pub(crate) fn flatten_reexports(
    graph: &ModuleGraph,
    layout: &ModuleLayout,
) -> crate::bundle::reexports::Flattened {
    let files: HashMap<PathBuf, &str> = graph
        .modules
        .iter()
        .filter_map(|m| m.file.as_ref())
        .map(|f| (f.file.clone(), f.code.as_str()))
        .collect();
    let entries: Vec<PathBuf> = layout
        .entries
        .keys()
        .map(|source| layout.module_file_path(source))
        .collect();
    crate::bundle::reexports::flatten(
        &files,
        &entries,
        &|from, to| layout.specifier(from, to),
        layout.side_effects,
    )
}

/// The files of `files` that differ from the `last` build's, and the last build's files that are gone.
pub(crate) fn changes_since(
    last: &[OutputFile],
    files: &[OutputFile],
) -> (Vec<OutputFile>, Vec<PathBuf>) {
    let before: HashMap<&Path, &[u8]> = last
        .iter()
        .map(|file| (file.relative.as_path(), file.bytes.as_slice()))
        .collect();
    let changed = files
        .iter()
        .filter(|file| before.get(file.relative.as_path()) != Some(&file.bytes.as_slice()))
        .cloned()
        .collect();
    let now: std::collections::HashSet<&Path> =
        files.iter().map(|file| file.relative.as_path()).collect();
    let stale = last
        .iter()
        .filter(|file| !now.contains(file.relative.as_path()))
        .map(|file| file.relative.clone())
        .collect();
    (changed, stale)
}
