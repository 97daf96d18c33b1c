//! `plugbuild build` in a package, and `build --all` over a workspace's Node packages.

use std::path::Path;
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::Instant;

use rayon::prelude::*;
use serde_json::{json, Value};

use plugbuild::bundle::build::{self, BuildOptions, BuildReturn};
use plugbuild::config::workspace;
use plugbuild::diagnostics::{has_errors, Diagnostic};
use plugbuild::report::{human_size, Printer};

use super::{errors, exit};

pub(crate) fn package_json(name: Option<&str>, dir: &Path, result: &BuildReturn) -> Value {
    json!({
        "name": name,
        "dir": dir,
        "ok": result.succeeded(),
        "modules": result.module_count,
        "files": result.written.iter().map(|f| json!({ "path": f.path, "size": f.size })).collect::<Vec<_>>(),
        "diagnostics": result.diagnostics,
    })
}

pub(crate) fn build_one(
    dir: &Path,
    options: &BuildOptions,
    as_json: bool,
    printer: &Printer,
) -> ExitCode {
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

pub(crate) fn report_build(result: &BuildReturn, printer: &Printer) -> ExitCode {
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

/// `build --all`: every workspace package with a library role, in parallel; one line per package as it
/// finishes (its diagnostics with it), then a summary naming the packages that failed.
pub(crate) fn build_all(
    root: &Path,
    options: &BuildOptions,
    as_json: bool,
    printer: &Printer,
) -> ExitCode {
    let started = Instant::now();
    let fs = plugbuild::fs::FileSystem::new();
    let found = workspace::discover_workspace(&fs, root);
    printer.diagnostics(&found.diagnostics);
    if has_errors(&found.diagnostics) {
        return exit(false);
    }
    if !as_json {
        for package in &found.packages {
            if let Some(why) = package.left_to_backstage_cli() {
                printer.status("skipped", &format!("{} ({why})", package.name));
            }
        }
    }
    let packages: Vec<_> = found
        .packages
        .into_iter()
        .filter(|p| p.has_library_role())
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
