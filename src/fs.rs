//! File-system access for a build. Every file read and every path probed is recorded, so that watch
//! mode knows exactly which files a build depended on.

use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

#[derive(Default)]
pub struct FileSystem {
    read: Mutex<BTreeSet<PathBuf>>,
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
        path.is_file()
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
