//! Watching for changes: notify with a debouncer over the source folders and the configuration files
//! a build read. Only creations, content changes, renames and removals count (Linux also reports
//! reads, which every build causes); a burst of events (a `git checkout`) becomes one change.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::sync::Arc;
use std::time::Duration;

use notify_debouncer_full::notify::event::{EventKind, ModifyKind};
use notify_debouncer_full::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};

use crate::diagnostics::{self, Diagnostic};

const SOURCE_EXTENSIONS: [&str; 9] = ["ts", "tsx", "mts", "cts", "js", "jsx", "mjs", "cjs", "json"];

/// What to watch: folders whose source files all count (recursively), and single files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WatchSet {
    pub folders: BTreeSet<PathBuf>,
    pub files: BTreeSet<PathBuf>,
}

impl WatchSet {
    fn counts(&self, path: &Path) -> bool {
        if self.files.contains(path) {
            return true;
        }
        let text = path.to_string_lossy();
        if text.contains("/node_modules/") || text.contains(".plugbuild-") {
            return false;
        }
        let source = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| SOURCE_EXTENSIONS.contains(&e));
        source && self.folders.iter().any(|folder| path.starts_with(folder))
    }
}

pub struct ChangeWatcher {
    set: WatchSet,
    events: Receiver<DebounceEventResult>,
    _debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
}

impl ChangeWatcher {
    pub fn new(set: WatchSet) -> Result<ChangeWatcher, Diagnostic> {
        let (sender, events) = channel();
        let mut debouncer = new_debouncer(
            Duration::from_millis(5),
            Some(Duration::from_millis(5)),
            sender,
        )
        .map_err(|e| diagnostics::cannot_watch(Path::new("."), &e.to_string()))?;
        for folder in &set.folders {
            if folder.is_dir() {
                debouncer
                    .watch(folder, RecursiveMode::Recursive)
                    .map_err(|e| diagnostics::cannot_watch(folder, &e.to_string()))?;
            }
        }
        // Single files are watched through their folder: editors replace files on save.
        let parents: BTreeSet<&Path> = set.files.iter().filter_map(|f| f.parent()).collect();
        for parent in parents {
            if !set.folders.iter().any(|folder| parent.starts_with(folder)) {
                debouncer
                    .watch(parent, RecursiveMode::NonRecursive)
                    .map_err(|e| diagnostics::cannot_watch(parent, &e.to_string()))?;
            }
        }
        Ok(ChangeWatcher {
            set,
            events,
            _debouncer: debouncer,
        })
    }

    pub fn set(&self) -> &WatchSet {
        &self.set
    }

    /// Waits for the next change and returns the changed paths; None when `stop` was raised.
    pub fn next_change(&self, stop: &AtomicBool) -> Option<Vec<PathBuf>> {
        loop {
            match self.poll(stop) {
                Poll::Changed(paths) => return Some(paths),
                Poll::Stopped => return None,
                Poll::Idle => {}
            }
        }
    }

    /// Waits up to about 100 ms. Events arriving within a short quiet period of each other are
    /// merged into one change.
    pub fn poll(&self, stop: &AtomicBool) -> Poll {
        let mut changed = BTreeSet::new();
        loop {
            if stop.load(Ordering::SeqCst) {
                return Poll::Stopped;
            }
            let wait = if changed.is_empty() {
                Duration::from_millis(100)
            } else {
                Duration::from_millis(15)
            };
            match self.events.recv_timeout(wait) {
                Ok(Ok(events)) => {
                    for event in events {
                        let relevant = match event.kind {
                            EventKind::Create(_) | EventKind::Remove(_) => true,
                            EventKind::Modify(ModifyKind::Metadata(_)) => false,
                            EventKind::Modify(_) => true,
                            _ => false,
                        };
                        if relevant {
                            changed
                                .extend(event.paths.iter().filter(|p| self.set.counts(p)).cloned());
                        }
                    }
                }
                Ok(Err(_)) => {}
                Err(RecvTimeoutError::Timeout) if !changed.is_empty() => {
                    return Poll::Changed(changed.into_iter().collect())
                }
                Err(RecvTimeoutError::Timeout) => return Poll::Idle,
                Err(RecvTimeoutError::Disconnected) => return Poll::Stopped,
            }
        }
    }
}

pub enum Poll {
    Changed(Vec<PathBuf>),
    Idle,
    Stopped,
}

/// A flag raised by SIGINT or SIGTERM (Ctrl-C), for loops that must stop cleanly.
pub fn stop_flag() -> Arc<AtomicBool> {
    let flag = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        let _ = signal_hook::flag::register(signal, flag.clone());
    }
    flag
}

/// The watch set of a package build: its source folders, and every file it read outside them
/// (package.json, each tsconfig of the chain).
pub fn package_watch_set(package_dir: &Path, files_read: &[PathBuf]) -> WatchSet {
    let mut set = WatchSet::default();
    for folder in ["src", "dev"] {
        let path = package_dir.join(folder);
        if path.is_dir() {
            set.folders.insert(path);
        }
    }
    for file in files_read {
        if !set.folders.iter().any(|folder| file.starts_with(folder)) {
            set.files.insert(file.clone());
        }
    }
    set.files.insert(package_dir.join("package.json"));
    set
}
