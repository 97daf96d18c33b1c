//! `plugbuild start`: builds a backend plugin's dev entry (`dev/index.ts`, else `src/run.ts`, or
//! `--entry`) into a folder outside `dist/`, runs it with `node --enable-source-maps`, and on every
//! change rebuilds and restarts it: SIGTERM to the child's whole process group, SIGKILL after a grace
//! period, so nothing keeps the port. Enter restarts by hand; Ctrl-C stops both.

use std::io::BufRead;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

use crate::bundle::build::{self, BuildOptions, BuildReturn, BuildSession};
use crate::dev::process::RunningProcess;
use crate::diagnostics::{self, Diagnostic};

pub struct StartOptions {
    pub dir: PathBuf,
    pub entry: Option<PathBuf>,
    /// Arguments for node itself (`--inspect`, `--require m`).
    pub node_args: Vec<String>,
    /// Arguments for the program (after `--`).
    pub args: Vec<String>,
}

/// The file `start` runs, as backstage-cli picks it: `--entry`, else `src/index.*` for the `backend`
/// role (an app's deployable backend), else `dev/index.*` (a plugin's development backend), else
/// `src/run.ts` (older plugins' standalone server).
pub fn dev_entry(dir: &Path, explicit: Option<&Path>) -> Result<PathBuf, Diagnostic> {
    if let Some(entry) = explicit {
        let path = dir.join(entry);
        return if path.is_file() {
            Ok(path)
        } else {
            Err(diagnostics::start_entry_missing(&path))
        };
    }
    let role = package_role(dir);
    let stems: &[&str] = match role.as_deref() {
        Some("backend") => &["src/index"],
        _ => &["dev/index", "src/run"],
    };
    stems
        .iter()
        .flat_map(|stem| {
            crate::config::package::SOURCE_EXTENSIONS
                .iter()
                .map(move |extension| dir.join(format!("{stem}.{extension}")))
        })
        .find(|path| path.is_file())
        .ok_or_else(|| diagnostics::no_start_entry(dir, role.as_deref()))
}

/// `backstage.role` of the package.json in `dir`, when there is one.
fn package_role(dir: &Path) -> Option<String> {
    let text = std::fs::read_to_string(dir.join("package.json")).ok()?;
    let manifest: serde_json::Value = serde_json::from_str(&text).ok()?;
    manifest
        .pointer("/backstage/role")
        .and_then(|role| role.as_str())
        .map(String::from)
}

/// Where `start` writes its build: inside the package's node_modules, never in dist/.
pub fn dev_out_dir(dir: &Path) -> PathBuf {
    dir.join("node_modules/.cache/plugbuild-start")
}

/// `superseded`: as for `build::build_package_watched`.
/// Where the standby script lives (see `Standby`).
fn standby_dir(dir: &Path) -> PathBuf {
    dir.join("node_modules/.cache/plugbuild-standby")
}

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

/// Runs the program directly (the first run, or when no standby is ready), with the script that
/// records what it loads.
pub fn spawn_program(
    bundle: &Path,
    options: &StartOptions,
    packages: &[String],
) -> std::io::Result<RunningProcess> {
    let script = write_preload(options, packages)?;
    let child = node_command(bundle, options, Some(&script)).spawn()?;
    Ok(RunningProcess::new(child))
}

/// `node --enable-source-maps [--require preload] <node args> bundle <args>`, in its own process
/// group.
fn node_command(bundle: &Path, options: &StartOptions, preload: Option<&Path>) -> Command {
    use std::os::unix::process::CommandExt;
    let mut command = Command::new("node");
    command.arg("--enable-source-maps");
    if let Some(preload) = preload {
        command.arg("--require").arg(preload);
    }
    command
        .args(&options.node_args)
        .arg(bundle)
        .args(&options.args)
        .current_dir(&options.dir)
        .stdin(Stdio::null())
        .process_group(0);
    if std::env::var_os("NODE_ENV").is_none() {
        command.env("NODE_ENV", "development");
    }
    command
}

/// Written beside the dev build's folder and run by node (`--require`) before every run of the
/// program. In the process plugbuild starts ahead of time (`PLUGBUILD_STANDBY=1`), it loads what
/// the program will require, then waits for one byte on fd 3: plugbuild starts the next run this
/// way while the current one still serves, so a restart costs only the program's own start, not
/// node's and its packages'. If plugbuild closes the pipe instead, it exits. What it loads: the
/// packages the build leaves external, and every file from a `node_modules` folder that earlier
/// runs loaded (`plugbuild-loaded.json`: workspace siblings' dependencies and packages the program
/// loads lazily included), in the order they were first loaded. While it waits, it loads what the
/// running program adds to that list. Every run records the files it has loaded, a second, five
/// and twenty seconds after it starts and when it exits. Every run also writes the TCP addresses its
/// servers listen on (`plugbuild-listening-<pid>.json`, see `listening_addresses`).
const STANDBY_SCRIPT: &str = r#""use strict";
const fs = require("fs");
const path = require("path");
const { createRequire } = require("module");
const loadedList = path.join(__dirname, "plugbuild-loaded.json");
const readList = (file) => {
  try { return JSON.parse(fs.readFileSync(file, "utf8")); } catch (_) { return []; }
};
const inNodeModules = (file) =>
  file.includes(`${path.sep}node_modules${path.sep}`) && !file.includes(`${path.sep}node_modules${path.sep}.cache${path.sep}`);
const record = () => {
  try {
    const seen = new Set(readList(loadedList));
    const files = [...seen];
    for (const file of Object.keys(require.cache)) {
      if (inNodeModules(file) && !seen.has(file)) files.push(file);
    }
    if (files.length > seen.size) fs.writeFileSync(loadedList, JSON.stringify(files));
  } catch (_) {}
};
if (process.env.PLUGBUILD_STANDBY === "1") {
  delete process.env.PLUGBUILD_STANDBY;
  const fromProgram = createRequire(path.resolve(process.argv[1]));
  for (const name of readList(path.join(__dirname, "plugbuild-standby.json"))) {
    try { fromProgram(name); } catch (_) {}
  }
  const loaded = new Set();
  let listTime = 0;
  const loadRecorded = () => {
    let time = 0;
    try { time = fs.statSync(loadedList).mtimeMs; } catch (_) { return; }
    if (time === listTime) return;
    listTime = time;
    for (const file of readList(loadedList)) {
      if (loaded.has(file)) continue;
      loaded.add(file);
      try { require(file); } catch (_) {}
    }
  };
  loadRecorded();
  const byte = Buffer.alloc(1);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  let checked = Date.now();
  for (;;) {
    let read;
    try {
      read = fs.readSync(3, byte, 0, 1, null);
    } catch (error) {
      if (error.code === "EAGAIN") {
        if (Date.now() - checked > 250) { loadRecorded(); checked = Date.now(); }
        Atomics.wait(pause, 0, 0, 5);
        continue;
      }
      process.exit(0);
    }
    if (read === 0) process.exit(0);
    break;
  }
  fs.closeSync(3);
}
for (const delay of [1000, 5000, 20000]) setTimeout(record, delay).unref();
process.on("exit", record);
const net = require("net");
const listening = new Map();
const portsFile = path.join(__dirname, `plugbuild-listening-${process.pid}.json`);
const writePorts = () => {
  try { fs.writeFileSync(portsFile, JSON.stringify([...listening.values()])); } catch (_) {}
};
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  this.once("listening", () => {
    const address = this.address();
    if (address && typeof address === "object") {
      listening.set(this, { address: address.address, port: address.port });
      writePorts();
    }
  });
  this.once("close", () => { if (listening.delete(this)) writePorts(); });
  return listen.apply(this, args);
};
process.on("exit", () => { try { fs.unlinkSync(portsFile); } catch (_) {} });
"#;

/// The TCP addresses the program with process id `pid` listens on, as its run wrote them down
/// (`STANDBY_SCRIPT`); the record is removed.
pub fn listening_addresses(options: &StartOptions, pid: u32) -> Vec<SocketAddr> {
    #[derive(serde::Deserialize)]
    struct Listening {
        address: String,
        port: u16,
    }
    let file = standby_dir(&options.dir).join(format!("plugbuild-listening-{pid}.json"));
    let Ok(text) = std::fs::read_to_string(&file) else {
        return Vec::new();
    };
    let _ = std::fs::remove_file(&file);
    let listed: Vec<Listening> = serde_json::from_str(&text).unwrap_or_default();
    listed
        .into_iter()
        .filter_map(|l| Some(SocketAddr::new(l.address.parse().ok()?, l.port)))
        .collect()
}

/// Writes the script every run is started with (`STANDBY_SCRIPT`) and the packages a standby
/// loads; returns the script's path.
fn write_preload(options: &StartOptions, packages: &[String]) -> std::io::Result<PathBuf> {
    // Beside the dev build's folder, which each build replaces as a whole.
    let folder = standby_dir(&options.dir);
    std::fs::create_dir_all(&folder)?;
    let script = folder.join("plugbuild-standby.cjs");
    std::fs::write(&script, STANDBY_SCRIPT)?;
    let list = serde_json::to_string(packages).unwrap_or_else(|_| "[]".into());
    std::fs::write(folder.join("plugbuild-standby.json"), list)?;
    Ok(script)
}

/// A node process started ahead of time (see `STANDBY_SCRIPT`), waiting to run the program.
pub struct Standby {
    process: RunningProcess,
    go: std::fs::File,
}

impl Standby {
    /// Whether restarts may use a standby: not with the inspector, whose port the running program
    /// holds.
    pub fn usable(options: &StartOptions) -> bool {
        !options.node_args.iter().any(|a| a.starts_with("--inspect"))
    }

    /// Starts a standby for `bundle`, loading `packages` (the externals of the last build).
    pub fn spawn(
        bundle: &Path,
        options: &StartOptions,
        packages: &[String],
    ) -> std::io::Result<Standby> {
        use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
        use std::os::unix::process::CommandExt;
        let script = write_preload(options, packages)?;
        let mut fds = [0; 2];
        // SAFETY: pipe2 fills `fds` with two new descriptors, owned below.
        if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
            return Err(std::io::Error::last_os_error());
        }
        // SAFETY: both descriptors were just created and are owned by nobody else.
        let (read, write) = unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
        let mut command = node_command(bundle, options, Some(&script));
        command.env("PLUGBUILD_STANDBY", "1");
        let read_fd = read.as_raw_fd();
        // SAFETY: between fork and exec, only dup2 and fcntl (async-signal-safe) run: the pipe's
        // read end becomes fd 3 of the child, without close-on-exec (dup2 clears it on a copy, but
        // when the pipe already is fd 3 there is no copy and the flag must be cleared by hand).
        unsafe {
            command.pre_exec(move || {
                let done = if read_fd == 3 {
                    libc::fcntl(3, libc::F_SETFD, 0)
                } else {
                    libc::dup2(read_fd, 3)
                };
                // Non-blocking, so that the standby can load what the running program records
                // while it waits.
                if done < 0 || libc::fcntl(3, libc::F_SETFL, libc::O_NONBLOCK) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = command.spawn()?;
        drop(read);
        Ok(Standby {
            process: RunningProcess::new(child),
            go: std::fs::File::from(write),
        })
    }

    /// Lets the program run; None when the standby is gone (it died while waiting).
    pub fn run(mut self) -> Option<RunningProcess> {
        use std::io::Write;
        if self.process.has_exited() {
            return None;
        }
        self.go.write_all(b"1").ok()?;
        Some(self.process)
    }

    /// Ends an unused standby.
    pub fn discard(self) {
        drop(self.go);
        self.process.stop(libc::SIGTERM, Duration::from_secs(1));
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
