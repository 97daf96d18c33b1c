//! `plugbuild start`: build in memory, run the program, restart it on changes.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use plugbuild::bundle::build::{self};
use plugbuild::dev::process::{RunningProcess, Stopping};
use plugbuild::dev::start::{self, Standby, StartOptions};
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
    let started = Instant::now();
    let mut session = build::BuildSession::default();
    let result = start::build_dev(&options.dir, &entry, &mut session, &|| false);
    printer.diagnostics(&result.diagnostics);
    let mut dev = DevLoop {
        options,
        printer,
        bundle: start::dev_out_dir(&options.dir).join(format!("{stem}.cjs.js")),
        entry,
        session,
        result,
        process: None,
        standby: None,
        stopping: Vec::new(),
        settling: Settling::new(),
    };
    let mut watcher = watcher_for(
        watch::package_watch_set(&options.dir, &dev.result.files_read),
        None,
        printer,
    );
    if dev.result.succeeded() {
        dev.process = dev.launch();
        let shown = printer.display_path(&dev.entry);
        printer.status(
            "started",
            &format!("{shown} (built in {} ms)", started.elapsed().as_millis()),
        );
    } else {
        printer.failure("build failed; waiting for changes");
    }
    loop {
        watcher = watcher_for(
            watch::package_watch_set(&options.dir, &dev.result.files_read),
            watcher,
            printer,
        );
        let Some(active) = &watcher else { break };
        dev.report_exit();
        dev.stopping.retain_mut(|old| !old.finished());
        dev.prepare_standby();
        let by_hand = enter.try_recv().is_ok();
        let changed = match active.poll(&stop) {
            Poll::Stopped => break,
            Poll::Changed(paths) => paths,
            Poll::Idle if by_hand => Vec::new(),
            Poll::Idle => continue,
        };
        let began = Instant::now();
        if !changed.is_empty() && !dev.rebuild(&changed, &|| active.changes_waiting()) {
            continue;
        }
        dev.restart(&changed, began);
    }
    dev.stop();
    printer.status("stopped", "");
    exit(true)
}

/// How long a stopped program gets to exit on SIGTERM before SIGKILL.
const GRACE: Duration = Duration::from_secs(3);

/// The running program and what restarts it: the dev build's session and last result, the node
/// process started ahead of time for the next restart (`Standby`).
struct DevLoop<'a> {
    options: &'a StartOptions,
    printer: &'a Printer,
    bundle: std::path::PathBuf,
    entry: std::path::PathBuf,
    session: build::BuildSession,
    result: build::BuildReturn,
    process: Option<RunningProcess>,
    standby: Option<Standby>,
    /// Earlier runs told to stop that have not exited yet (the next run started once they had
    /// released their ports).
    stopping: Vec<Stopping>,
    settling: Settling,
}

/// Whether the running program has settled: a standby started while the program starts would take
/// CPU from it (on two cores, a create-app backend's restart took a third longer).
struct Settling {
    launched: Instant,
    /// The program's CPU time at the start of the current window.
    sample: Option<(Instant, u64)>,
}

/// The window over which the program's CPU use is measured.
const SETTLE_WINDOW: Duration = Duration::from_millis(250);
/// Settled: under a tenth of a core over a window (clock ticks are 10 ms: 2 ticks in 250 ms).
const SETTLED_TICKS: u64 = 2;
/// A program still busy this long after its launch gets its standby anyway.
const SETTLE_LIMIT: Duration = Duration::from_secs(15);

impl Settling {
    fn new() -> Settling {
        Settling {
            launched: Instant::now(),
            sample: None,
        }
    }

    /// Whether `process` (the running program, if any) has used little CPU over the last window.
    fn settled(&mut self, process: Option<&RunningProcess>) -> bool {
        if self.launched.elapsed() > SETTLE_LIMIT {
            return true;
        }
        let Some(ticks) = process.and_then(RunningProcess::cpu_ticks) else {
            // Exited, or no /proc: nothing to compete with.
            return self.launched.elapsed() > Duration::from_millis(300);
        };
        match self.sample {
            Some((at, before)) if at.elapsed() >= SETTLE_WINDOW => {
                self.sample = Some((Instant::now(), ticks));
                ticks.saturating_sub(before) <= SETTLED_TICKS
            }
            Some(_) => false,
            None => {
                self.sample = Some((Instant::now(), ticks));
                false
            }
        }
    }
}

impl DevLoop<'_> {
    fn launch(&self) -> Option<RunningProcess> {
        match start::spawn_program(&self.bundle, self.options, &self.result.externals) {
            Ok(process) => Some(process),
            Err(error) => {
                self.printer
                    .diagnostics(&[plugbuild::diagnostics::cannot_run_node(&error)]);
                None
            }
        }
    }

    /// Says so when the program has exited by itself.
    fn report_exit(&mut self) {
        if let Some(status) = self.process.as_mut().and_then(RunningProcess::exited) {
            let code = status
                .code()
                .map(|c| c.to_string())
                .unwrap_or_else(|| "a signal".into());
            self.printer.status(
                "exited",
                &format!("with {code}; waiting for changes (Enter restarts)"),
            );
        }
    }

    /// A restart runs the program in a node process started ahead of time, once the current run
    /// has settled.
    fn prepare_standby(&mut self) {
        if self.standby.is_none()
            && Standby::usable(self.options)
            && self.settling.settled(self.process.as_ref())
        {
            self.standby = Standby::spawn(&self.bundle, self.options, &self.result.externals).ok();
        }
    }

    /// Rebuilds after `changed`; whether the program is to restart (false: superseded by newer
    /// changes, or failed, in which case the running process is kept).
    fn rebuild(&mut self, changed: &[std::path::PathBuf], superseded: &dyn Fn() -> bool) -> bool {
        self.session.note_changes(changed);
        self.result = start::build_dev(
            &self.options.dir,
            &self.entry,
            &mut self.session,
            superseded,
        );
        if self.result.superseded {
            return false;
        }
        self.printer
            .diagnostics(&without_notes(&self.result.diagnostics));
        if !self.result.succeeded() {
            self.printer
                .failure("build failed; the running process was kept, waiting for changes");
            return false;
        }
        true
    }

    /// Stops the program and runs the new build (in the standby when there is one) as soon as
    /// the old program has released the ports it listened on; it may still be shutting down.
    fn restart(&mut self, changed: &[std::path::PathBuf], began: Instant) {
        if let Some(old) = self.process.take() {
            let listening = start::listening_addresses(self.options, old.pid());
            let mut old = old.begin_stop(libc::SIGTERM, GRACE, listening);
            while !old.released_ports() {
                std::thread::sleep(Duration::from_millis(1));
            }
            self.stopping.push(old);
        }
        self.process = match self.standby.take().and_then(Standby::run) {
            Some(process) => Some(process),
            None => self.launch(),
        };
        self.settling = Settling::new();
        let why = if changed.is_empty() {
            "by hand".to_string()
        } else {
            changed_list(changed, self.printer)
        };
        self.printer.status(
            "restarted",
            &format!("in {} ms ({why})", began.elapsed().as_millis()),
        );
    }

    fn stop(&mut self) {
        if let Some(running) = self.process.take() {
            running.stop(libc::SIGTERM, GRACE);
        }
        for old in self.stopping.drain(..) {
            old.finish();
        }
        if let Some(unused) = self.standby.take() {
            unused.discard();
        }
    }
}
