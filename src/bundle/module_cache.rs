//! The watch cache of compiled modules: a module is reused while its file is untouched (its stamp)
//! or its text is the same, and its imports still resolve as before.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::bundle::graph::{Module, ModuleGraph};
use crate::diagnostics::Diagnostic;
use crate::resolve::Resolution;

/// Compiled modules kept between the builds of a watch session, keyed by path.
#[derive(Default)]
pub struct ModuleCache {
    pub(crate) entries: Mutex<HashMap<PathBuf, CachedModule>>,
}

pub(crate) struct CachedModule {
    pub(crate) module: Arc<Module>,
    /// The file as it was when read; None when it cannot vouch for the text (see `FileStamp`).
    pub(crate) stamp: Option<FileStamp>,
    /// Every specifier the module resolved (`true`: for its declarations) and what it resolved to.
    pub(crate) links: Vec<(String, bool, Resolution)>,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl ModuleCache {
    /// Whether `path` is one of the cached modules.
    pub fn contains(&self, path: &Path) -> bool {
        self.entries.lock().is_ok_and(|e| e.contains_key(path))
    }

    /// Drops modules the last scan did not reach, so a long session does not grow.
    pub fn keep_only(&self, graph: &ModuleGraph) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.retain(|path, _| graph.by_path.contains_key(path));
        }
    }

    pub fn len(&self) -> usize {
        self.entries.lock().map(|e| e.len()).unwrap_or(0)
    }

    /// The size of the cached modules' sources.
    pub fn source_bytes(&self) -> usize {
        self.entries
            .lock()
            .map(|e| e.values().map(|c| c.module.source.len()).sum())
            .unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// What says a file has not been written since it was read: its inode, size, and modification and
/// change times. A write within the file system's timestamp granularity of the read could leave
/// all of them the same, so a file changed less than two seconds before the stamp was taken gets
/// no stamp (git's "racily clean" rule); its text is compared instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    inode: u64,
    size: u64,
    modified_ns: i128,
    changed_ns: i128,
}

impl FileStamp {
    #[cfg(unix)]
    pub fn of(path: &Path) -> Option<FileStamp> {
        use std::os::unix::fs::MetadataExt;
        let taken = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_nanos() as i128;
        let metadata = std::fs::metadata(path).ok()?;
        let nanos = |seconds: i64, nanos: i64| seconds as i128 * 1_000_000_000 + nanos as i128;
        let stamp = FileStamp {
            inode: metadata.ino(),
            size: metadata.size(),
            modified_ns: nanos(metadata.mtime(), metadata.mtime_nsec()),
            changed_ns: nanos(metadata.ctime(), metadata.ctime_nsec()),
        };
        const RACY_NS: i128 = 2_000_000_000;
        let latest = stamp.modified_ns.max(stamp.changed_ns);
        (latest < taken - RACY_NS).then_some(stamp)
    }

    #[cfg(not(unix))]
    pub fn of(_path: &Path) -> Option<FileStamp> {
        None
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::FileStamp;

    #[test]
    fn a_file_written_within_two_seconds_has_no_stamp_and_a_write_takes_it_away_again() {
        let dir = std::env::temp_dir().join(format!("plugbuild-stamp-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("a.ts");
        std::fs::write(&file, "export const a = 1;\n").unwrap();
        assert_eq!(FileStamp::of(&file), None, "just written: racily clean");
        std::thread::sleep(std::time::Duration::from_millis(2100));
        let settled = FileStamp::of(&file).expect("untouched for two seconds");
        assert_eq!(FileStamp::of(&file), Some(settled));
        // Same size, same modification time set back by hand: the change time still tells.
        let modified = std::fs::metadata(&file).unwrap().modified().unwrap();
        std::fs::write(&file, "export const a = 2;\n").unwrap();
        std::fs::File::options()
            .write(true)
            .open(&file)
            .unwrap()
            .set_modified(modified)
            .unwrap();
        assert_eq!(FileStamp::of(&file), None, "rewritten: racily clean again");
        std::thread::sleep(std::time::Duration::from_millis(2100));
        let after = FileStamp::of(&file).expect("settled again");
        assert_ne!(
            after, settled,
            "the change time differs although size and mtime match"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
