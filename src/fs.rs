//! File-system access for a build. Every file read and every path probed is recorded, so that watch
//! mode knows exactly which files a build depended on.

use std::collections::{BTreeSet, HashSet};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

#[derive(Default)]
pub struct FileSystem {
    read: Mutex<BTreeSet<PathBuf>>,
    /// Files this run has just listed (a walk of the source folders): known to exist without
    /// asking the operating system again.
    listed: OnceLock<HashSet<PathBuf>>,
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

    pub fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        self.record(path);
        std::fs::read(path)
    }

    pub fn read_to_string(&self, path: &Path) -> io::Result<String> {
        self.record(path);
        std::fs::read_to_string(path)
    }

    pub fn is_file(&self, path: &Path) -> bool {
        self.listed
            .get()
            .is_some_and(|listed| listed.contains(path))
            || path.is_file()
    }

    /// Records files the caller has just listed, so that resolving imports between them needs no
    /// `stat` for each probe that hits. Only the first call counts.
    pub fn know_listed_files(&self, files: &[PathBuf]) {
        let _ = self.listed.set(files.iter().cloned().collect());
    }

    pub fn is_dir(&self, path: &Path) -> bool {
        path.is_dir()
    }

    /// The files read so far (sources, package.json, every tsconfig of the chain).
    pub fn files_read(&self) -> Vec<PathBuf> {
        self.read
            .lock()
            .map(|read| read.iter().cloned().collect())
            .unwrap_or_default()
    }
}
