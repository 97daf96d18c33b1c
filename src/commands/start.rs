//! `plugbuild start`: build in memory, run the program, restart it on changes.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use plugbuild::bundle::build::{self};
use plugbuild::dev::start::{self, RunningProcess, Standby, StartOptions};
use plugbuild::dev::watch::{self, Poll};
use plugbuild::report::Printer;

use super::watch::{changed_list, watcher_for};
use super::{exit, without_notes};

pub(crate) fn run_start(options: &StartOptions, printer: &Printer) -> ExitCode {
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
