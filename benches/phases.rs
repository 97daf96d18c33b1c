//! Micro benchmarks of the hot phases on a fixed input (the generated 100-module plugin of
//! `benches/gen_plugin.py`, 100 modules of about 300 lines), each on one thread: parse, compile
//! (strip types + CommonJS + codegen, with and without declarations), link, roll-up. They guide
//! optimisation; `benches/compare` is where plugbuild is measured against other tools.
//!
//! Run: `cargo bench --bench phases` (needs python3 to generate the input).

use std::path::{Path, PathBuf};
use std::process::Command;

use criterion::{criterion_group, criterion_main, Criterion};
use plugbuild::bundle::build::roll_up_entry;
use plugbuild::bundle::graph::{scan_modules, ModuleGraph};
use plugbuild::bundle::link::link_bundle;
use plugbuild::bundle::transform::{CompileOptions, Compiler, ImportTarget};
use plugbuild::config::package::{load_package, Package};
use plugbuild::fs::FileSystem;
use swc_core::common::{sync::Lrc, FileName, SourceMap};
use swc_core::ecma::ast::EsVersion;
use swc_core::ecma::parser::{parse_file_as_module, Syntax, TsSyntax};

fn input_package() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("target/bench-input/plugin");
    if !dir.join("package.json").is_file() {
        let status = Command::new("python3")
            .arg(root.join("benches/gen_plugin.py"))
            .arg(&dir)
            .args(["100", "300"])
            .status()
            .expect("python3 runs benches/gen_plugin.py");
        assert!(status.success(), "gen_plugin.py failed");
    }
    dir
}

fn sources(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut found = Vec::new();
    let mut pending = vec![dir.join("src")];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "ts") {
                let text = std::fs::read_to_string(&path).unwrap();
                found.push((path, text));
            }
        }
    }
    found.sort();
    found
}

fn scan(package: &Package, options: CompileOptions) -> (Compiler, ModuleGraph) {
    let compiler = Compiler::new(options);
    let entries: Vec<PathBuf> = package.entries.iter().map(|e| e.source.clone()).collect();
    let scanned = scan_modules(
        &FileSystem::new(),
        &package.dir,
        false,
        &compiler,
        &entries,
        None,
        None,
    );
    assert!(scanned
        .diagnostics
        .iter()
        .all(|d| d.severity != plugbuild::diagnostics::Severity::Error));
    assert!(
        scanned.graph.modules.len() > 100,
        "the whole plugin was compiled"
    );
    (compiler, scanned.graph)
}

fn phases(c: &mut Criterion) {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let dir = input_package();
    let package = load_package(&FileSystem::new(), &dir)
        .package
        .expect("the generated plugin loads");
    let files = sources(&dir);
    let js_only = CompileOptions {
        declarations: false,
        ..CompileOptions::from_package(&package)
    };
    let with_declarations = CompileOptions {
        declarations: true,
        ..CompileOptions::from_package(&package)
    };
    let declarations_only = CompileOptions {
        javascript: false,
        ..with_declarations.clone()
    };

    let mut group = c.benchmark_group("plugin of 100 modules, one thread");
    group.sample_size(20);
    group.bench_function("parse", |b| {
        b.iter(|| {
            let cm: Lrc<SourceMap> = Default::default();
            for (path, text) in &files {
                let fm = cm.new_source_file(Lrc::new(FileName::Real(path.clone())), text.clone());
                let parsed = parse_file_as_module(
                    &fm,
                    Syntax::Typescript(TsSyntax::default()),
                    EsVersion::EsNext,
                    None,
                    &mut Vec::new(),
                );
                assert!(parsed.is_ok());
            }
        })
    });
    group.bench_function("read + compile (JS + map)", |b| {
        b.iter(|| pool.install(|| scan(&package, js_only.clone())))
    });
    group.bench_function("read + compile (JS + map + declarations)", |b| {
        b.iter(|| pool.install(|| scan(&package, with_declarations.clone())))
    });
    group.bench_function(
        "compile every file (declarations only, as plugbuild tsc)",
        |b| {
            b.iter(|| {
                let compiler = Compiler::new(declarations_only.clone());
                for (path, text) in &files {
                    let compiled = compiler
                        .compile_module(path, text.clone(), &mut |_, _, _| ImportTarget::External);
                    assert!(compiled.declarations.is_some());
                }
            })
        },
    );
    let (compiler, graph) = pool.install(|| scan(&package, with_declarations.clone()));
    let entry = &package.entries[0].source;
    group.bench_function("link (bundle + composed map)", |b| {
        b.iter(|| link_bundle(&graph, entry, "index.cjs.js", &dir.join("dist"), &dir))
    });
    group.bench_function("roll-up (.d.ts)", |b| {
        b.iter(|| roll_up_entry(&graph, entry, &compiler, &dir, &Default::default(), None))
    });
    group.finish();
}

criterion_group!(benches, phases);
criterion_main!(benches);
