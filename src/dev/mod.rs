//! The development loop: `watch` follows file changes and rebuilds; `start` runs the package's
//! program (a plugin's `dev/` entry, a backend's `src/index`) and restarts it on every change.

pub mod process;
pub mod start;
pub mod watch;
