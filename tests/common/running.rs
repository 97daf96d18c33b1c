//! A running plugbuild (`watch`, `start`) driven by tests: its output collected line by line,
//! Ctrl-C, HTTP requests to what it serves, and the node processes left running.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::plugbuild;

/// A running plugbuild whose stderr lines are collected as they come.
pub struct Running {
    pub child: Child,
    lines: Arc<Mutex<Vec<String>>>,
}

impl Running {
    pub fn start(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Running {
        let mut command = plugbuild();
        command.args(args).current_dir(dir).stdin(Stdio::null());
        for (key, value) in env {
            command.env(key, value);
        }
        Running::spawn(command).0
    }

    /// Runs `command` with its output collected line by line; returns its stdin when it was piped.
    pub fn spawn(
        mut command: std::process::Command,
    ) -> (Running, Option<std::process::ChildStdin>) {
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take();
        let lines = Arc::new(Mutex::new(Vec::new()));
        let streams: [Box<dyn std::io::Read + Send>; 2] = [
            Box::new(child.stderr.take().unwrap()),
            Box::new(child.stdout.take().unwrap()),
        ];
        for stream in streams {
            let lines = lines.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    lines.lock().unwrap().push(line);
                }
            });
        }
        (Running { child, lines }, stdin)
    }

    pub fn count(&self, needle: &str) -> usize {
        self.lines
            .lock()
            .unwrap()
            .iter()
            .filter(|l| l.contains(needle))
            .count()
    }

    /// Waits until `needle` has appeared `times` times in the output.
    pub fn wait_for(&self, needle: &str, times: usize) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while self.count(needle) < times {
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {needle:?} x{times}; output:\n{}",
                self.output()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn output(&self) -> String {
        self.lines.lock().unwrap().join("\n")
    }

    pub fn interrupt(mut self) -> std::process::ExitStatus {
        // SAFETY: sends SIGINT to the plugbuild process this test started.
        unsafe {
            libc::kill(self.child.id() as i32, libc::SIGINT);
        }
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "plugbuild did not stop on SIGINT"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

pub fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from} not in {}", path.display());
    std::fs::write(path, text.replace(from, to)).unwrap();
}

pub fn get(port: u16, path: &str) -> Option<String> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    response.split("\r\n\r\n").nth(1).map(String::from)
}

pub fn wait_for_body(port: u16, path: &str, expected: &str) {
    wait_for_body_within(port, path, expected, Duration::from_secs(20));
}

/// Waits until `GET path` answers with a body containing `expected`, for at most `limit`.
pub fn wait_for_body_within(port: u16, path: &str, expected: &str, limit: Duration) {
    let deadline = Instant::now() + limit;
    loop {
        if get(port, path).is_some_and(|body| body.contains(expected)) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "never got {expected} from {path}"
        );
        std::thread::sleep(Duration::from_millis(30));
    }
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Command lines of running processes that mention `dir` (the program and any standby).
pub fn processes_mentioning(dir: &Path) -> Vec<String> {
    let needle = dir.to_string_lossy().into_owned();
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        if let Ok(bytes) = std::fs::read(entry.path().join("cmdline")) {
            let line = String::from_utf8_lossy(&bytes).replace('\0', " ");
            // `node ...` or a path to node (children started through `process.execPath`).
            let program = line.split(' ').next().unwrap_or("");
            if line.contains(&needle) && (program == "node" || program.ends_with("/node")) {
                found.push(line);
            }
        }
    }
    found
}
