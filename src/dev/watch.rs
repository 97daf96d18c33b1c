//! Watching for changes: notify over the source folders and the configuration files a build read.
//! Only creations, content changes, renames and removals of files that count are changes (Linux also
//! reports opens and reads, which every build causes).
//!
//! When a change is complete is decided here, not by a fixed debounce: a file being written counts
//! once its writer closes it, a lone save of an existing file is built as soon as it is closed (or
//! renamed into place), and anything larger (a `git checkout`, new files, a removal that an editor's
//! save may follow with a re-creation) waits for 30 ms of quiet, so a burst becomes one change. The caller can also ask whether more changes arrived while
//! it was building (`changes_waiting`), to drop a build that is already out of date.

use std::cell::RefCell;
use std::collections::{BTreeSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, TryRecvError};
use std::sync::Arc;
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, EventKind, ModifyKind, RenameMode};
use notify::{recommended_watcher, Event, RecommendedWatcher, RecursiveMode, Watcher};

use crate::diagnostics::{self, Diagnostic};

const SOURCE_EXTENSIONS: [&str; 9] = ["ts", "tsx", "mts", "cts", "js", "jsx", "mjs", "cjs", "json"];

/// Quiet time after the last event when several files changed or one was removed.
const BURST_QUIET: Duration = Duration::from_millis(30);
/// How long a file may stay open for writing before the change is built anyway.
const OPEN_WRITE_LIMIT: Duration = Duration::from_millis(100);
/// How long `poll` waits for a first event.
const IDLE_POLL: Duration = Duration::from_millis(100);

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

/// What one file-system event means for a change in progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EventMeaning {
    /// A new file; its content may still be coming, and more new files with it (a checkout).
    Created,
    /// Content is being written; the change is not complete until the writer closes the file.
    Writing,
    /// The writer closed the file.
    Closed,
    /// Renamed into place or created without content still to come.
    Replaced,
    /// Removed or renamed away; a new file may take its place.
    Removed,
    Ignored,
}

fn meaning(kind: &EventKind) -> EventMeaning {
    match kind {
        EventKind::Create(_) => EventMeaning::Created,
        EventKind::Modify(ModifyKind::Metadata(_)) => EventMeaning::Ignored,
        EventKind::Modify(ModifyKind::Name(RenameMode::From)) => EventMeaning::Removed,
        EventKind::Modify(ModifyKind::Name(_)) => EventMeaning::Replaced,
        EventKind::Modify(_) => EventMeaning::Writing,
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => EventMeaning::Closed,
        EventKind::Remove(_) => EventMeaning::Removed,
        _ => EventMeaning::Ignored,
    }
}

/// The events of one change, as they arrive.
#[derive(Default)]
struct PendingChange {
    changed: BTreeSet<PathBuf>,
    open_for_writing: BTreeSet<PathBuf>,
    removals: bool,
    creations: bool,
    last_event: Option<Instant>,
}

impl PendingChange {
    fn add(&mut self, path: &Path, meaning: EventMeaning) {
        match meaning {
            EventMeaning::Ignored => return,
            EventMeaning::Created => {
                self.open_for_writing.insert(path.to_path_buf());
                self.creations = true;
            }
            EventMeaning::Writing => {
                self.open_for_writing.insert(path.to_path_buf());
            }
            EventMeaning::Closed | EventMeaning::Replaced => {
                self.open_for_writing.remove(path);
            }
            EventMeaning::Removed => {
                self.open_for_writing.remove(path);
                self.removals = true;
            }
        }
        self.changed.insert(path.to_path_buf());
        self.last_event = Some(Instant::now());
    }

    /// How long to keep waiting for more events before the change counts as complete.
    fn wait(&self) -> Duration {
        let Some(last) = self.last_event else {
            return IDLE_POLL;
        };
        let quiet = if !self.open_for_writing.is_empty() {
            OPEN_WRITE_LIMIT
        } else if self.changed.len() > 1 || self.removals || self.creations {
            // Several files, or files coming and going (a checkout, a generator): the burst ends
            // when it has been quiet for a moment.
            BURST_QUIET
        } else {
            // One existing file, closed by its writer or renamed into place: an editor's save, and
            // complete. Should more follow, the build that starts now is dropped before it writes
            // anything (`changes_waiting`).
            Duration::ZERO
        };
        quiet.saturating_sub(last.elapsed())
    }
}

pub struct ChangeWatcher {
    set: WatchSet,
    events: Receiver<notify::Result<Event>>,
    /// Events taken from the channel by `changes_waiting` and not yet seen by `poll`.
    held: RefCell<VecDeque<Event>>,
    _watcher: RecommendedWatcher,
}

impl ChangeWatcher {
    pub fn new(set: WatchSet) -> Result<ChangeWatcher, Diagnostic> {
        let (sender, events) = channel();
        let mut watcher = recommended_watcher(move |event| {
            let _ = sender.send(event);
        })
        .map_err(|e| diagnostics::cannot_watch(Path::new("."), &e.to_string()))?;
        for folder in &set.folders {
            if folder.is_dir() {
                watcher
                    .watch(folder, RecursiveMode::Recursive)
                    .map_err(|e| diagnostics::cannot_watch(folder, &e.to_string()))?;
            }
        }
        // Single files are watched through their folder: editors replace files on save.
        let parents: BTreeSet<&Path> = set.files.iter().filter_map(|f| f.parent()).collect();
        for parent in parents {
            if !set.folders.iter().any(|folder| parent.starts_with(folder)) {
                watcher
                    .watch(parent, RecursiveMode::NonRecursive)
                    .map_err(|e| diagnostics::cannot_watch(parent, &e.to_string()))?;
            }
        }
        Ok(ChangeWatcher {
            set,
            events,
            held: RefCell::new(VecDeque::new()),
            _watcher: watcher,
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

    /// Waits up to about 100 ms for a change and then until it is complete.
    pub fn poll(&self, stop: &AtomicBool) -> Poll {
        let mut change = PendingChange::default();
        loop {
            if stop.load(Ordering::SeqCst) {
                return Poll::Stopped;
            }
            let held = self.held.borrow_mut().pop_front();
            let next = match held {
                Some(event) => Ok(event),
                None => match self.events.recv_timeout(change.wait()) {
                    Ok(Ok(event)) => Ok(event),
                    Ok(Err(_)) => continue,
                    Err(error) => Err(error),
                },
            };
            match next {
                Ok(event) => self.add_event(&mut change, &event),
                Err(RecvTimeoutError::Timeout) if change.changed.is_empty() => return Poll::Idle,
                Err(RecvTimeoutError::Timeout) => {
                    if change.wait().is_zero() {
                        return Poll::Changed(change.changed.into_iter().collect());
                    }
                }
                Err(RecvTimeoutError::Disconnected) => return Poll::Stopped,
            }
        }
    }

    /// Whether a file that counts changed since the last `poll` returned: the build in progress is
    /// already out of date.
    pub fn changes_waiting(&self) -> bool {
        let mut held = self.held.borrow_mut();
        loop {
            match self.events.try_recv() {
                Ok(Ok(event)) => held.push_back(event),
                Ok(Err(_)) => {}
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => break,
            }
        }
        held.iter().any(|event| {
            meaning(&event.kind) != EventMeaning::Ignored
                && event.paths.iter().any(|p| self.set.counts(p))
        })
    }

    fn add_event(&self, change: &mut PendingChange, event: &Event) {
        let meaning = meaning(&event.kind);
        let both = event.kind == EventKind::Modify(ModifyKind::Name(RenameMode::Both));
        for (index, path) in event.paths.iter().enumerate() {
            if self.set.counts(path) {
                // A rename reported with both paths: the first one is gone.
                let meaning = if both && index == 0 {
                    EventMeaning::Removed
                } else {
                    meaning
                };
                change.add(path, meaning);
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
