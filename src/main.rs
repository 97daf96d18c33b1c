use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use clap::Parser;
use rayon::prelude::*;
use serde_json::{json, Value};

use plugbuild::build::{self, BuildOptions, BuildReturn};
use plugbuild::cli::{Cli, ColorArg, Command};
use plugbuild::diagnostics::{has_errors, Diagnostic};
use plugbuild::report::{human_size, ColorChoice, Printer};
use plugbuild::start::{self, RunningProcess, Standby, StartOptions};
use plugbuild::watch::{self, ChangeWatcher, Poll};
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
    // Parsing, transforming and printing recurse over the syntax tree: a generated file with an
    // expression nested ten thousand deep needs far more stack than a thread's default.
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(STACK_SIZE)
        .build_global();
    let worker = std::thread::Builder::new()
        .stack_size(STACK_SIZE)
        .spawn(move || std::panic::catch_unwind(|| run(&cli, &printer)).ok());
    let outcome = worker.map(|handle| handle.join());
    plugbuild::output::finish_background_work();
    match outcome {
        Ok(Ok(Some(code))) => code,
        _ => {
            eprintln!("error: plugbuild hit an internal error; please report it with the input that caused it");
            ExitCode::from(2)
        }
    }
}

const STACK_SIZE: usize = 512 * 1024 * 1024;

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
            watch,
        } => {
            let options = BuildOptions {
                strict_types: *strict_types,
                ..Default::default()
            };
            if *watch {
                watch_build(&folder(dir), &options, printer)
            } else if *all {
                build_all(&folder(dir), &options, *json, printer)
            } else {
                build_one(&folder(dir), &options, *json, printer)
            }
        }
        Command::Tsc {
            dir,
            json,
            pretty,
            watch: false,
        } => run_tsc(&folder(dir), *json, *pretty, printer),
        Command::Tsc { dir, pretty, .. } => watch_tsc(&folder(dir), *pretty, printer),
        Command::Start {
            dir,
            entry,
            inspect,
            inspect_brk,
            require,
            args,
        } => {
            let mut node_args = Vec::new();
            for (flag, value) in [("--inspect", inspect), ("--inspect-brk", inspect_brk)] {
                match value.as_deref() {
                    Some("") => node_args.push(flag.to_string()),
                    Some(address) => node_args.push(format!("{flag}={address}")),
                    None => {}
                }
            }
            for module in require {
                node_args.extend(["--require".to_string(), module.clone()]);
            }
            let options = StartOptions {
                dir: std::path::absolute(folder(dir)).unwrap_or_else(|_| folder(dir)),
                entry: entry.clone(),
                node_args,
                args: args.clone(),
            };
            run_start(&options, printer)
        }
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
    let result = build::build_package(dir, options);
    if as_json {
        println!(
            "{:#}",
            json!({ "packages": [package_json(None, dir, &result)], "ok": result.succeeded() })
        );
        return exit(result.succeeded());
    }
    report_build(&result, printer)
}

fn report_build(result: &BuildReturn, printer: &Printer) -> ExitCode {
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
            result.module_count, result.elapsed_ms
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

fn changed_list(paths: &[PathBuf], printer: &Printer) -> String {
    let mut names: Vec<String> = paths
        .iter()
        .take(3)
        .map(|p| printer.display_path(p))
        .collect();
    if paths.len() > 3 {
        names.push(format!("and {} more", paths.len() - 3));
    }
    names.join(", ")
}

fn watcher_for(
    set: watch::WatchSet,
    current: Option<ChangeWatcher>,
    printer: &Printer,
) -> Option<ChangeWatcher> {
    if let Some(watcher) = current {
        if *watcher.set() == set {
            return Some(watcher);
        }
    }
    match ChangeWatcher::new(set) {
        Ok(watcher) => Some(watcher),
        Err(diagnostic) => {
            printer.diagnostics(&[diagnostic]);
            None
        }
    }
}

/// Notes (the Backstage fallback) were said on the first build; later rebuilds leave them out.
fn without_notes(diagnostics: &[Diagnostic]) -> Vec<Diagnostic> {
    diagnostics
        .iter()
        .filter(|d| d.severity != plugbuild::diagnostics::Severity::Note)
        .cloned()
        .collect()
}

/// `build --watch`: build, then rebuild on every change; errors keep the last good dist/.
fn watch_build(dir: &Path, options: &BuildOptions, printer: &Printer) -> ExitCode {
    let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    let stop = watch::stop_flag();
    let mut session = build::BuildSession::default();
    let first = build::build_package_in(&dir, options, &mut session);
    report_build(&first, printer);
    let mut files_read = first.files_read;
    let mut watcher = watcher_for(watch::package_watch_set(&dir, &files_read), None, printer);
    let mut superseded_changes = Vec::new();
    printer.status("watching", "for changes (Ctrl-C stops)");
    loop {
        watcher = watcher_for(
            watch::package_watch_set(&dir, &files_read),
            watcher,
            printer,
        );
        let Some(active) = &watcher else {
            return exit(false);
        };
        let Some(mut changed) = active.next_change(&stop) else {
            break;
        };
        changed.append(&mut superseded_changes);
        changed.sort();
        changed.dedup();
        let started = Instant::now();
        session.note_changes(&changed);
        let result =
            build::build_package_watched(&dir, options, &mut session, &|| active.changes_waiting());
        files_read = result.files_read.clone();
        if result.superseded {
            // More changes came in while building: build again with them, and report both.
            superseded_changes = changed;
            continue;
        }
        printer.diagnostics(&without_notes(&result.diagnostics));
        let elapsed = started.elapsed().as_millis();
        if result.succeeded() {
            let counts = format!(
                "{} modules, {} recompiled",
                result.module_count, result.compiled
            );
            let changed = changed_list(&changed, printer);
            printer.status("rebuilt", &format!("in {elapsed} ms ({counts}; {changed})"));
        } else {
            printer.failure(&format!(
                "{} after {} changed; dist/ keeps the last good build, waiting for changes",
                errors(&result.diagnostics),
                changed_list(&changed, printer)
            ));
        }
    }
    printer.status("stopped", "watching");
    exit(true)
}

/// `tsc --watch`: declarations once, then again (from the cache) on every change.
fn watch_tsc(root: &Path, pretty: Option<bool>, printer: &Printer) -> ExitCode {
    let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    let stop = watch::stop_flag();
    run_tsc(&root, false, pretty, printer);
    let set = tsc::watch_set(&root);
    let Some(watcher) = watcher_for(set, None, printer) else {
        return exit(false);
    };
    printer.status("watching", "for changes (Ctrl-C stops)");
    while let Some(changed) = watcher.next_change(&stop) {
        printer.status("changed", &changed_list(&changed, printer));
        run_tsc(&root, false, pretty, printer);
    }
    printer.status("stopped", "watching");
    exit(true)
}

fn run_start(options: &StartOptions, printer: &Printer) -> ExitCode {
    let entry = match start::dev_entry(&options.dir, options.entry.as_deref()) {
        Ok(entry) => entry,
        Err(diagnostic) => {
            printer.diagnostics(&[diagnostic]);
            return exit(false);
        }
    };
    let stop = watch::stop_flag();
    let enter = start::enter_presses();
    let stem = entry
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let bundle = start::dev_out_dir(&options.dir).join(format!("{stem}.cjs.js"));
    let grace = Duration::from_secs(3);

    let started = Instant::now();
    let mut session = build::BuildSession::default();
    let mut result = start::build_dev(&options.dir, &entry, &mut session, &|| false);
    printer.diagnostics(&result.diagnostics);
    let mut watcher = watcher_for(
        watch::package_watch_set(&options.dir, &result.files_read),
        None,
        printer,
    );
    let mut process: Option<RunningProcess> = None;
    let launch = |printer: &Printer| match RunningProcess::spawn(&bundle, options) {
        Ok(process) => Some(process),
        Err(error) => {
            printer.diagnostics(&[plugbuild::diagnostics::cannot_run_node(&error)]);
            None
        }
    };
    // A restart runs the program in a node process started ahead of time (`Standby`), once the
    // current run has had a moment to start by itself.
    let mut standby: Option<Standby> = None;
    let mut last_launch = Instant::now();
    if result.succeeded() {
        process = launch(printer);
        let shown = printer.display_path(&entry);
        printer.status(
            "started",
            &format!("{shown} (built in {} ms)", started.elapsed().as_millis()),
        );
    } else {
        printer.failure("build failed; waiting for changes");
    }
    loop {
        watcher = watcher_for(
            watch::package_watch_set(&options.dir, &result.files_read),
            watcher,
            printer,
        );
        let Some(active) = &watcher else { break };
        if let Some(status) = process.as_mut().and_then(RunningProcess::exited) {
            let code = status
                .code()
                .map(|c| c.to_string())
                .unwrap_or_else(|| "a signal".into());
            printer.status(
                "exited",
                &format!("with {code}; waiting for changes (Enter restarts)"),
            );
        }
        if standby.is_none()
            && Standby::usable(options)
            && last_launch.elapsed() > Duration::from_millis(300)
        {
            standby = Standby::spawn(&bundle, options, &result.externals).ok();
        }
        let by_hand = enter.try_recv().is_ok();
        let changed = match active.poll(&stop) {
            Poll::Stopped => break,
            Poll::Changed(paths) => paths,
            Poll::Idle if by_hand => Vec::new(),
            Poll::Idle => continue,
        };
        let began = Instant::now();
        if !changed.is_empty() {
            session.note_changes(&changed);
            result = start::build_dev(&options.dir, &entry, &mut session, &|| {
                active.changes_waiting()
            });
            if result.superseded {
                continue;
            }
            printer.diagnostics(&without_notes(&result.diagnostics));
            if !result.succeeded() {
                printer.failure("build failed; the running process was kept, waiting for changes");
                continue;
            }
        }
        if let Some(mut old) = process.take() {
            old.stop(libc::SIGTERM, grace);
        }
        process = standby
            .take()
            .and_then(Standby::run)
            .or_else(|| launch(printer));
        last_launch = Instant::now();
        let why = if changed.is_empty() {
            "by hand".to_string()
        } else {
            changed_list(&changed, printer)
        };
        printer.status(
            "restarted",
            &format!("in {} ms ({why})", began.elapsed().as_millis()),
        );
    }
    if let Some(mut running) = process.take() {
        running.stop(libc::SIGTERM, grace);
    }
    if let Some(unused) = standby.take() {
        unused.discard();
    }
    printer.status("stopped", "");
    exit(true)
}
