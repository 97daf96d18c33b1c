//! The program `start` runs, as a process group: how it is stopped (a restart runs the next program
//! the moment the old one has released the ports it listened on) and the CPU it uses (a standby
//! waits until the program has settled).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpStream};
use std::process::{Child, ExitStatus};
use std::time::{Duration, Instant};

/// The running program: the leader of its own process group.
pub struct RunningProcess {
    child: Child,
    reported_exit: bool,
}

impl RunningProcess {
    pub fn new(child: Child) -> RunningProcess {
        RunningProcess {
            child,
            reported_exit: false,
        }
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

    pub(crate) fn has_exited(&mut self) -> bool {
        self.child.try_wait().ok().flatten().is_some()
    }

    fn signal_group(&self, signal: i32) {
        // SAFETY: kill(2) with a negative pid signals the process group we created for the child.
        unsafe {
            libc::kill(-(self.child.id() as i32), signal);
        }
    }

    /// Sends `signal` to the program's process group, then SIGKILL after `grace`; returns when
    /// the program has exited.
    pub fn stop(self, signal: i32, grace: Duration) {
        self.begin_stop(signal, grace, Vec::new()).finish();
    }

    /// Sends `signal` to the program's process group and returns at once; `Stopping` finishes
    /// the job.
    /// `listening`: the addresses the program listens on, as far as they are known.
    pub fn begin_stop(self, signal: i32, grace: Duration, listening: Vec<SocketAddr>) -> Stopping {
        self.signal_group(signal);
        Stopping {
            process: self,
            deadline: Instant::now() + grace,
            listening,
            done: false,
        }
    }

    /// CPU time (user + system) the program's main process has used so far, in clock ticks.
    pub fn cpu_ticks(&self) -> Option<u64> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.child.id())).ok()?;
        // The fields after the command name, which is in parentheses and may hold spaces.
        let fields: Vec<&str> = stat[stat.rfind(')')? + 1..].split_whitespace().collect();
        // utime and stime are fields 14 and 15 of the whole line; 12 and 13 after the name.
        let user: u64 = fields.get(11)?.parse().ok()?;
        let system: u64 = fields.get(12)?.parse().ok()?;
        Some(user + system)
    }
}

/// A program told to stop: SIGKILL for its group once it has exited (its children must go too) or
/// when the grace period ends.
pub struct Stopping {
    process: RunningProcess,
    deadline: Instant,
    /// The addresses the program listened on when it was told to stop.
    listening: Vec<SocketAddr>,
    done: bool,
}

impl Stopping {
    /// Whether the program has let go of every socket it listened on (or has exited), so that a
    /// new program can listen on the same ports. A program that listened on nothing is waited for
    /// until it exits.
    pub fn released_ports(&mut self) -> bool {
        if self.finished() {
            return true;
        }
        if self.listening.is_empty() || !self.listening.iter().all(closed) {
            return false;
        }
        // What is left of its shutdown runs after the next program's start, not beside it.
        // SAFETY: setpriority(2) on the process group we created for the child.
        unsafe {
            libc::setpriority(libc::PRIO_PGRP, self.process.child.id() as libc::id_t, 19);
        }
        true
    }

    /// Whether the program is gone; SIGKILLs its group when it has exited or its time is up.
    pub fn finished(&mut self) -> bool {
        if self.done {
            return true;
        }
        if self.process.has_exited() {
            self.process.signal_group(libc::SIGKILL);
            self.done = true;
        } else if Instant::now() >= self.deadline {
            self.process.signal_group(libc::SIGKILL);
            let _ = self.process.child.wait();
            self.done = true;
        }
        self.done
    }

    /// Waits until the program is gone.
    pub fn finish(mut self) {
        while !self.finished() {
            std::thread::sleep(Duration::from_millis(2));
        }
    }
}

/// Whether nothing accepts connections at `address` any more.
fn closed(address: &SocketAddr) -> bool {
    // A wildcard address accepts on the loopback address of its family.
    let reachable = match address.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => {
            SocketAddr::from((Ipv4Addr::LOCALHOST, address.port()))
        }
        IpAddr::V6(ip) if ip.is_unspecified() => {
            SocketAddr::from((Ipv6Addr::LOCALHOST, address.port()))
        }
        _ => *address,
    };
    match TcpStream::connect_timeout(&reachable, Duration::from_millis(50)) {
        Ok(_) => false,
        Err(error) => error.kind() != std::io::ErrorKind::TimedOut,
    }
}
