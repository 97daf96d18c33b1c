//! `build --watch` and `tsc --watch`: rebuild on every change, report what changed.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use plugbuild::bundle::build::{self, BuildOptions};
use plugbuild::dev::watch::{self, ChangeWatcher};
use plugbuild::report::Printer;
use plugbuild::tsc;

use super::build::report_build;
use super::tsc::run_tsc;
use super::{errors, exit, without_notes};

pub(crate) fn changed_list(paths: &[PathBuf], printer: &Printer) -> String {
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

pub(crate) fn watcher_for(
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

/// `build --watch`: build, then rebuild on every change; errors keep the last good dist/.
pub(crate) fn watch_build(dir: &Path, options: &BuildOptions, printer: &Printer) -> ExitCode {
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
pub(crate) fn watch_tsc(root: &Path, pretty: Option<bool>, printer: &Printer) -> ExitCode {
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
