//! `plugbuild build`: package -> module graph -> one bundle per entry -> dist/.

use std::path::{Path, PathBuf};

use crate::diagnostics::{self, Diagnostic};
use crate::dts::external::ExternalDeclarations;
use crate::dts::rollup::{self, DeclarationInput, Source};
use crate::fs::FileSystem;
use crate::graph::{self, ModuleCache, ModuleGraph};
use crate::link;
use crate::output::{self, OutputFile};
use crate::package;
use crate::transform::{CompileOptions, Compiler};
use crate::tsconfig::{self, JsxMode};

/// One file written by the build.
#[derive(Debug, Clone)]
pub struct WrittenFile {
    pub path: PathBuf,
    pub size: usize,
}

/// Output of `build_package`.
pub struct BuildReturn {
    pub written: Vec<WrittenFile>,
    pub module_count: usize,
    /// Modules compiled by this build (the others were reused from a watch session).
    pub compiled: usize,
    pub elapsed_ms: u128,
    pub diagnostics: Vec<Diagnostic>,
    /// Every file the build read, for watch mode.
    pub files_read: Vec<PathBuf>,
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
}

/// What a watch session keeps between builds: the compiler (with its source map) and the compiled
/// modules, so a rebuild compiles only the modules whose text or imports changed.
#[derive(Default)]
pub struct BuildSession {
    compiler: Option<(String, Compiler)>,
    modules: ModuleCache,
}

pub fn build_package(dir: &Path, options: &BuildOptions) -> BuildReturn {
    build_package_in(dir, options, &mut BuildSession::default())
}

pub fn build_package_in(
    dir: &Path,
    options: &BuildOptions,
    session: &mut BuildSession,
) -> BuildReturn {
    let started = std::time::Instant::now();
    let mut result = build_with_session(dir, options, session);
    result.elapsed_ms = started.elapsed().as_millis();
    result
}

fn build_with_session(
    dir: &Path,
    options: &BuildOptions,
    session: &mut BuildSession,
) -> BuildReturn {
    let fs = FileSystem::new();
    let mut result = BuildReturn {
        written: Vec::new(),
        module_count: 0,
        compiled: 0,
        elapsed_ms: 0,
        diagnostics: Vec::new(),
        files_read: Vec::new(),
    };
    let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    let loaded = package::load_package(&fs, &dir);
    result.diagnostics.extend(loaded.diagnostics);
    let Some(mut package) = loaded.package else {
        result.files_read = fs.files_read();
        return result;
    };
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
    let with_declarations = options.dev_entry.is_none();
    if package.tsconfig.used_backstage_defaults {
        result.diagnostics.insert(
            0,
            diagnostics::backstage_defaults_used(tsconfig::BACKSTAGE_BASE),
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
    if !result.succeeded() || package.entries.is_empty() {
        result.files_read = fs.files_read();
        return result;
    }

    let mut compile_options = CompileOptions::from_package(&package);
    compile_options.declarations = with_declarations;
    let key = format!("{compile_options:?}");
    if session
        .compiler
        .as_ref()
        .is_none_or(|(known, _)| *known != key)
    {
        session.compiler = Some((key, Compiler::new(compile_options)));
        session.modules = ModuleCache::default();
    }
    let Some((_, compiler)) = session.compiler.as_ref() else {
        return result;
    };
    let entry_paths: Vec<PathBuf> = package.entries.iter().map(|e| e.source.clone()).collect();
    let siblings = options.dev_entry.is_some();
    let scanned = graph::scan_modules(
        &fs,
        &package.dir,
        siblings,
        compiler,
        &entry_paths,
        Some(&session.modules),
    );
    session.modules.keep_only(&scanned.graph);
    result.compiled = scanned.compiled;
    result
        .diagnostics
        .extend(scanned.diagnostics.into_iter().map(|d| {
            if options.strict_types && d.severity == diagnostics::Severity::Warning {
                diagnostics::uninferable_as_error(d)
            } else {
                d
            }
        }));
    result.module_count = scanned.graph.modules.len();
    result.files_read = fs.files_read();
    if !result.succeeded() {
        return result;
    }

    let out_dir = options
        .dev_out_dir
        .clone()
        .unwrap_or_else(|| package.dir.join("dist"));
    let mut files = Vec::new();
    for entry in &package.entries {
        let bundle_name = format!("{}.cjs.js", entry.name);
        let bundle = link::link_bundle(
            &scanned.graph,
            &entry.source,
            &bundle_name,
            &out_dir,
            &package.dir,
        );
        files.push(OutputFile {
            relative: PathBuf::from(format!("{bundle_name}.map")),
            bytes: bundle.map.into_bytes(),
        });
        files.push(OutputFile {
            relative: PathBuf::from(&bundle_name),
            bytes: bundle.code.into_bytes(),
        });
        if !with_declarations {
            continue;
        }
        let declarations = roll_up_entry(&scanned.graph, &entry.source, compiler, &package.dir);
        result
            .diagnostics
            .extend(declarations.diagnostics.into_iter().map(|d| {
                if options.strict_types && d.severity == diagnostics::Severity::Warning {
                    diagnostics::uninferable_as_error(d)
                } else {
                    d
                }
            }));
        files.push(OutputFile {
            relative: PathBuf::from(format!("{}.d.ts", entry.name)),
            bytes: declarations.text.into_bytes(),
        });
    }
    files.sort_by(|a, b| a.relative.cmp(&b.relative));
    match output::replace_dir(&out_dir, &files) {
        Ok(()) => {
            result.written = files
                .iter()
                .map(|f| WrittenFile {
                    path: out_dir.join(&f.relative),
                    size: f.bytes.len(),
                })
                .collect();
        }
        Err(diagnostic) => result.diagnostics.push(diagnostic),
    }
    result
}

/// The entry's `.d.ts`: the roll-up over every module the entry reaches, types included.
pub fn roll_up_entry(
    graph: &ModuleGraph,
    entry: &Path,
    compiler: &Compiler,
    package_dir: &Path,
) -> rollup::RollUp {
    let inputs: Vec<DeclarationInput> = graph
        .modules
        .iter()
        .map(|module| DeclarationInput {
            id: &module.id,
            declarations: module.declarations.as_ref(),
            sources: module
                .declaration_sources
                .iter()
                .filter_map(|(specifier, path)| {
                    graph
                        .by_path
                        .get(path)
                        .map(|&index| (specifier.clone(), Source::Internal(index)))
                })
                .collect(),
        })
        .collect();
    let entry_index = graph.by_path.get(entry).copied().unwrap_or(0);
    let externals = ExternalDeclarations::new(package_dir);
    rollup::roll_up(&inputs, entry_index, &compiler.cm, Some(&externals))
}
