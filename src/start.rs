//! `plugbuild start`: builds a backend plugin's dev entry (`dev/index.ts`, else `src/run.ts`, or
//! `--entry`) into a folder outside `dist/`, runs it with `node --enable-source-maps`, and on every
//! change rebuilds and restarts it: SIGTERM to the child's whole process group, SIGKILL after a grace
//! period, so nothing keeps the port. Enter restarts by hand; Ctrl-C stops both.

use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

use crate::build::{self, BuildOptions, BuildReturn, BuildSession};
use crate::diagnostics::{self, Diagnostic};

pub struct StartOptions {
    pub dir: PathBuf,
    pub entry: Option<PathBuf>,
    /// Arguments for node itself (`--inspect`, `--require m`).
    pub node_args: Vec<String>,
    /// Arguments for the program (after `--`).
    pub args: Vec<String>,
}

/// The file `start` runs: `--entry`, else `dev/index.ts`, else `src/run.ts`.
pub fn dev_entry(dir: &Path, explicit: Option<&Path>) -> Result<PathBuf, Diagnostic> {
    if let Some(entry) = explicit {
        let path = dir.join(entry);
        return if path.is_file() {
            Ok(path)
        } else {
            Err(diagnostics::start_entry_missing(&path))
        };
    }
    ["dev/index.ts", "src/run.ts"]
        .iter()
        .map(|candidate| dir.join(candidate))
        .find(|path| path.is_file())
        .ok_or_else(|| diagnostics::no_start_entry(dir))
}

/// Where `start` writes its build: inside the package's node_modules, never in dist/.
pub fn dev_out_dir(dir: &Path) -> PathBuf {
    dir.join("node_modules/.cache/plugbuild-start")
}

/// `superseded`: as for `build::build_package_watched`.
pub fn build_dev(
    dir: &Path,
    entry: &Path,
    session: &mut BuildSession,
    superseded: &dyn Fn() -> bool,
) -> BuildReturn {
    let options = BuildOptions {
        dev_entry: Some(entry.to_path_buf()),
        dev_out_dir: Some(dev_out_dir(dir)),
        ..Default::default()
    };
    build::build_package_watched(dir, &options, session, superseded)
}

/// The running program.
pub struct RunningProcess {
    child: Child,
    reported_exit: bool,
}

impl RunningProcess {
    pub fn spawn(bundle: &Path, options: &StartOptions) -> std::io::Result<RunningProcess> {
        use std::os::unix::process::CommandExt;
        let mut command = Command::new("node");
        command
            .arg("--enable-source-maps")
            .args(&options.node_args)
            .arg(bundle)
            .args(&options.args)
            .current_dir(&options.dir)
            .stdin(Stdio::null())
            .process_group(0);
        if std::env::var_os("NODE_ENV").is_none() {
            command.env("NODE_ENV", "development");
        }
        Ok(RunningProcess {
            child: command.spawn()?,
            reported_exit: false,
        })
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The exit status the first time the program is seen to have exited by itself.
    pub fn exited(&mut self) -> Option<ExitStatus> {
        if self.reported_exit {
            return None;
        }
        let status = self.child.try_wait().ok().flatten()?;
        self.reported_exit = true;
        Some(status)
    }

    /// Sends `signal` to the program's process group, then SIGKILL after `grace`.
    pub fn stop(&mut self, signal: i32, grace: Duration) {
        let group = -(self.child.id() as i32);
        // SAFETY: kill(2) with a negative pid signals the process group we created for the child.
        unsafe {
            libc::kill(group, signal);
        }
        let deadline = Instant::now() + grace;
        while Instant::now() < deadline {
            if self.child.try_wait().ok().flatten().is_some() {
                // Children of the program in the same group must go too.
                unsafe {
                    libc::kill(group, libc::SIGKILL);
                }
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        unsafe {
            libc::kill(group, libc::SIGKILL);
        }
        let _ = self.child.wait();
    }
}

/// Lines typed on stdin (Enter restarts).
pub fn enter_presses() -> Receiver<()> {
    let (sender, receiver) = channel();
    std::thread::spawn(move || {
        let stdin = std::io::stdin();
        for line in stdin.lock().lines() {
            if line.is_err() || sender.send(()).is_err() {
                break;
            }
        }
    });
    receiver
}

pub fn stopped(flag: &AtomicBool) -> bool {
    flag.load(Ordering::SeqCst)
}
