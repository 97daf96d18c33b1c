use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::Instant;

use clap::Parser;
use rayon::prelude::*;
use serde_json::{json, Value};

use plugbuild::build::{self, BuildOptions, BuildReturn};
use plugbuild::cli::{Cli, ColorArg, Command};
use plugbuild::diagnostics::{has_errors, Diagnostic};
use plugbuild::report::{human_size, ColorChoice, Printer};
use plugbuild::{pack, tsc, workspace};

// swc allocates and frees many small nodes per module from several threads at once.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // Panics inside swc are caught per module and reported as diagnostics; keep the default hook from
    // printing a raw backtrace over them.
    if std::env::var_os("PLUGBUILD_DEBUG").is_none() {
        std::panic::set_hook(Box::new(|_| {}));
    }
    let cli = Cli::parse();
    let color = match cli.color {
        ColorArg::Auto => ColorChoice::Auto,
        ColorArg::Always => ColorChoice::Always,
        ColorArg::Never => ColorChoice::Never,
    };
    let printer = Printer::new(color, cli.quiet);
    match std::panic::catch_unwind(|| run(&cli, &printer)) {
        Ok(code) => code,
        Err(_) => {
            eprintln!("error: plugbuild hit an internal error; please report it with the input that caused it");
            ExitCode::from(2)
        }
    }
}

fn folder(dir: &Option<PathBuf>) -> PathBuf {
    dir.clone().unwrap_or_else(|| PathBuf::from("."))
}

fn exit(ok: bool) -> ExitCode {
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn run(cli: &Cli, printer: &Printer) -> ExitCode {
    match &cli.command {
        Command::Build {
            dir,
            strict_types,
            all,
            json,
        } => {
            let options = BuildOptions {
                strict_types: *strict_types,
                ..Default::default()
            };
            if *all {
                build_all(&folder(dir), &options, *json, printer)
            } else {
                build_one(&folder(dir), &options, *json, printer)
            }
        }
        Command::Tsc { dir, json, pretty } => run_tsc(&folder(dir), *json, *pretty, printer),
        Command::Prepack { dir } => finish(
            printer,
            &pack::prepack(&folder(dir)),
            "rewrote package.json for publishing (original in package.json-prepack)",
        ),
        Command::Postpack { dir } => finish(
            printer,
            &pack::postpack(&folder(dir)),
            "restored package.json",
        ),
        Command::Pack { dir, dry_run } => run_pack(&folder(dir), *dry_run, printer),
    }
}

fn package_json(name: Option<&str>, dir: &Path, result: &BuildReturn) -> Value {
    json!({
        "name": name,
        "dir": dir,
        "ok": result.succeeded(),
        "modules": result.module_count,
        "files": result.written.iter().map(|f| json!({ "path": f.path, "size": f.size })).collect::<Vec<_>>(),
        "diagnostics": result.diagnostics,
    })
}

fn build_one(dir: &Path, options: &BuildOptions, as_json: bool, printer: &Printer) -> ExitCode {
    let started = Instant::now();
    let result = build::build_package(dir, options);
    if as_json {
        println!(
            "{:#}",
            json!({ "packages": [package_json(None, dir, &result)], "ok": result.succeeded() })
        );
        return exit(result.succeeded());
    }
    printer.diagnostics(&result.diagnostics);
    if !result.succeeded() {
        printer.failure(&format!(
            "build failed with {}; dist/ was left as it was",
            errors(&result.diagnostics)
        ));
        return exit(false);
    }
    for file in &result.written {
        printer.status(
            "wrote",
            &format!(
                "{} ({})",
                printer.display_path(&file.path),
                human_size(file.size)
            ),
        );
    }
    printer.status(
        "built",
        &format!(
            "{} modules in {} ms",
            result.module_count,
            started.elapsed().as_millis()
        ),
    );
    exit(true)
}

fn errors(diagnostics: &[Diagnostic]) -> String {
    let count = diagnostics.iter().filter(|d| d.is_error()).count();
    format!("{count} error{}", if count == 1 { "" } else { "s" })
}

/// `build --all`: every workspace package with a Node role, in parallel; one line per package as it
/// finishes (its diagnostics with it), then a summary naming the packages that failed.
fn build_all(root: &Path, options: &BuildOptions, as_json: bool, printer: &Printer) -> ExitCode {
    let started = Instant::now();
    let fs = plugbuild::fs::FileSystem::new();
    let found = workspace::discover_workspace(&fs, root);
    printer.diagnostics(&found.diagnostics);
    if has_errors(&found.diagnostics) {
        return exit(false);
    }
    let packages: Vec<_> = found
        .packages
        .into_iter()
        .filter(|p| p.has_node_role())
        .collect();
    let output = Mutex::new(());
    let note_shown = std::sync::atomic::AtomicBool::new(false);
    let results: Vec<(&workspace::WorkspacePackage, BuildReturn)> = packages
        .par_iter()
        .map(|package| {
            let began = Instant::now();
            let result = build::build_package(&package.dir, options);
            if !as_json {
                let _one_at_a_time = output.lock();
                // Notes (the Backstage fallback) are the same for every package: say them once.
                let shown = note_shown.swap(true, std::sync::atomic::Ordering::SeqCst);
                let diagnostics: Vec<Diagnostic> = result
                    .diagnostics
                    .iter()
                    .filter(|d| !(shown && d.severity == plugbuild::diagnostics::Severity::Note))
                    .cloned()
                    .collect();
                printer.diagnostics(&diagnostics);
                if result.succeeded() {
                    let detail = format!(
                        "({} modules, {} ms)",
                        result.module_count,
                        began.elapsed().as_millis()
                    );
                    printer.status("built", &format!("{} {detail}", package.name));
                } else {
                    printer.status(
                        "failed",
                        &format!("{} ({})", package.name, errors(&result.diagnostics)),
                    );
                }
            }
            (package, result)
        })
        .collect();
    let failed: Vec<&str> = results
        .iter()
        .filter(|(_, r)| !r.succeeded())
        .map(|(p, _)| p.name.as_str())
        .collect();
    if as_json {
        let list: Vec<Value> = results
            .iter()
            .map(|(p, r)| package_json(Some(&p.name), &p.dir, r))
            .collect();
        println!("{:#}", json!({ "packages": list, "ok": failed.is_empty() }));
    } else if failed.is_empty() {
        let elapsed = started.elapsed().as_millis();
        printer.status(
            "done",
            &format!("built {} packages in {elapsed} ms", results.len()),
        );
    } else {
        printer.failure(&format!(
            "{} of {} packages failed: {}",
            failed.len(),
            results.len(),
            failed.join(", ")
        ));
    }
    exit(failed.is_empty())
}

fn run_tsc(dir: &Path, as_json: bool, pretty: Option<bool>, printer: &Printer) -> ExitCode {
    let started = Instant::now();
    let result = tsc::emit_project_declarations(dir);
    let failed = has_errors(&result.diagnostics);
    if as_json {
        let report = json!({
            "files": result.files,
            "written": result.written,
            "recomputed": result.recomputed,
            "diagnostics": result.diagnostics,
            "ok": !failed,
        });
        println!("{report:#}");
    } else {
        printer.tsc_diagnostics(&result.diagnostics, pretty);
        printer.status(
            "wrote",
            &format!(
                "{} declaration files to {} ({} recomputed) in {} ms",
                result.written,
                printer.display_path(&result.out_dir),
                result.recomputed,
                started.elapsed().as_millis()
            ),
        );
    }
    // tsc's exit codes: 0 success, 1 errors and nothing written, 2 errors with output written.
    match (failed, result.written) {
        (false, _) => ExitCode::SUCCESS,
        (true, 0) => ExitCode::from(1),
        (true, _) => ExitCode::from(2),
    }
}

fn finish(printer: &Printer, diagnostics: &[Diagnostic], done: &str) -> ExitCode {
    printer.diagnostics(diagnostics);
    if has_errors(diagnostics) {
        return exit(false);
    }
    printer.status("done", done);
    exit(true)
}

fn run_pack(dir: &Path, dry_run: bool, printer: &Printer) -> ExitCode {
    if pack::needs_build(dir) {
        let result = build::build_package(dir, &BuildOptions::default());
        printer.diagnostics(&result.diagnostics);
        if !result.succeeded() {
            printer.failure("build failed; nothing was packed");
            return exit(false);
        }
        printer.status("built", &format!("{} modules", result.module_count));
    }
    let result = pack::pack(dir, dry_run);
    printer.diagnostics(&result.diagnostics);
    if has_errors(&result.diagnostics) {
        return exit(false);
    }
    let tarball = result
        .tarball
        .as_deref()
        .map(|t| printer.display_path(t))
        .unwrap_or_default();
    let mut listing = format!(
        "package: {}@{}\nTarball Contents\n",
        result.name, result.version
    );
    for (path, size) in &result.files {
        listing.push_str(&format!("{:>8} {path}\n", human_size(*size)));
    }
    let unpacked: usize = result.files.iter().map(|(_, size)| size).sum();
    listing.push_str(&format!(
        "Tarball Details\nname: {}\nversion: {}\nfilename: {}\npackage size: {}\nunpacked size: {}\ntotal files: {}\n",
        result.name,
        result.version,
        tarball.rsplit('/').next().unwrap_or(&tarball),
        human_size(result.packed_size),
        human_size(unpacked),
        result.files.len()
    ));
    printer.data(&listing);
    if !dry_run {
        printer.status("wrote", &tarball);
    }
    exit(true)
}
