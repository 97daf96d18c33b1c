//! File-system access for a build. Every file read and every path probed is recorded, so that watch
//! mode knows exactly which files a build depended on.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::ffi::OsString;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// What a folder listing says about one name in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EntryKind {
    File,
    Folder,
    /// A symbolic link (or a type the listing did not give): ask the operating system.
    Other,
}

type Listing = Option<Arc<HashMap<OsString, EntryKind>>>;

/// A map keyed by paths, with a hasher much cheaper than the default one (paths are hashed per
/// component; import resolution and the project checks look up hundreds of thousands of them).
pub type PathMap<K, V> = HashMap<K, V, rustc_hash::FxBuildHasher>;
pub type PathSet<K> = HashSet<K, rustc_hash::FxBuildHasher>;

/// Import resolution probes several names per import (`x.ts`, `x.tsx`, `x/index.ts`...). Each folder
/// is listed once per run instead, and probes are answered from the listings: one build sees one
/// consistent snapshot of each folder, and never pays a `stat` per probe.
#[derive(Default)]
pub struct FileSystem {
    read: Mutex<BTreeSet<PathBuf>>,
    /// Files this run has just listed (a walk of the source folders): known to exist without
    /// asking the operating system again.
    listed: OnceLock<PathSet<PathBuf>>,
    folders: Mutex<PathMap<PathBuf, Listing>>,
}

impl FileSystem {
    pub fn new() -> FileSystem {
        FileSystem::default()
    }

    fn record(&self, path: &Path) {
        if let Ok(mut read) = self.read.lock() {
            read.insert(path.to_path_buf());
        }
    }

    /// Records `path` as read without reading it: the caller knows its content unchanged.
    pub fn note_read(&self, path: &Path) {
        self.record(path);
    }

    pub fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        self.record(path);
        std::fs::read(path)
    }

    pub fn read_to_string(&self, path: &Path) -> io::Result<String> {
        self.record(path);
        std::fs::read_to_string(path)
    }

    pub fn is_file(&self, path: &Path) -> bool {
        if self
            .listed
            .get()
            .is_some_and(|listed| listed.contains(path))
        {
            return true;
        }
        match self.entry_kind(path) {
            Some(EntryKind::File) => true,
            Some(EntryKind::Folder) | None => false,
            Some(EntryKind::Other) => path.is_file(),
        }
    }

    /// The kind of `path` according to its folder's listing; None when it is not listed.
    fn entry_kind(&self, path: &Path) -> Option<EntryKind> {
        let (Some(parent), Some(name)) = (path.parent(), path.file_name()) else {
            return Some(EntryKind::Other);
        };
        let listing = self.listing(parent)?;
        listing.get(name).copied()
    }

    fn listing(&self, folder: &Path) -> Listing {
        if let Some(known) = self.folders.lock().ok()?.get(folder) {
            return known.clone();
        }
        let listing = std::fs::read_dir(folder).ok().map(|entries| {
            let names = entries
                .flatten()
                .map(|entry| {
                    let kind = match entry.file_type() {
                        Ok(t) if t.is_file() => EntryKind::File,
                        Ok(t) if t.is_dir() => EntryKind::Folder,
                        _ => EntryKind::Other,
                    };
                    (entry.file_name(), kind)
                })
                .collect();
            Arc::new(names)
        });
        if let Ok(mut folders) = self.folders.lock() {
            folders.insert(folder.to_path_buf(), listing.clone());
        }
        listing
    }

    /// Records files the caller has just listed, so that resolving imports between them needs no
    /// `stat` for each probe that hits. Only the first call counts.
    pub fn know_listed_files(&self, files: &[PathBuf]) {
        let _ = self.listed.set(files.iter().cloned().collect());
    }

    pub fn is_dir(&self, path: &Path) -> bool {
        match self.entry_kind(path) {
            Some(EntryKind::Folder) => true,
            Some(EntryKind::File) | None => false,
            Some(EntryKind::Other) => path.is_dir(),
        }
    }

    /// The folders listed so far (to answer probes): what a probe found depends on their entries.
    pub fn folders_listed(&self) -> Vec<PathBuf> {
        self.folders
            .lock()
            .map(|folders| folders.keys().cloned().collect())
            .unwrap_or_default()
    }

    /// The files read so far (sources, package.json, every tsconfig of the chain).
    pub fn files_read(&self) -> Vec<PathBuf> {
        self.read
            .lock()
            .map(|read| read.iter().cloned().collect())
            .unwrap_or_default()
    }
}

/// Size and modification time (ns since the epoch) of a file's metadata: what changes when the file
/// is written.
pub fn stamp_of(metadata: &std::fs::Metadata) -> Option<(u64, u64)> {
    let modified = metadata
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some((metadata.len(), modified.as_nanos() as u64))
}
