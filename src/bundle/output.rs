//! Writes a build's output folder all at once: every file goes into a staging folder beside the target,
//! and only when all of them are written does the staging folder replace the target. A failed or
//! interrupted build leaves the previous output as it was.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::{self, Diagnostic};

#[derive(Clone)]
pub struct OutputFile {
    /// Path inside the output folder (`index.cjs.js`).
    pub relative: PathBuf,
    pub bytes: Vec<u8>,
}

/// Replaces `target` (e.g. `dist/`) with a folder holding exactly `files`. When it already holds
/// exactly those bytes, nothing is written (watchers of `dist/` see no change).
pub fn replace_dir(target: &Path, files: &[OutputFile]) -> Result<(), Diagnostic> {
    if holds_exactly(target, files) {
        return Ok(());
    }
    let staged = StagedDir::begin(target)?;
    files.par_iter().try_for_each(|file| staged.write(file))?;
    staged.commit()
}

/// Whether two sets of output files hold the same paths and bytes.
pub fn same_files(a: &[OutputFile], b: &[OutputFile]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(a, b)| a.relative == b.relative && a.bytes == b.bytes)
}

/// An output folder written file by file as each is ready (from any thread) into a staging folder:
/// a watch rebuild's `dist/`, whose `finish` puts it in place unless nothing changed, and a first
/// `plugbuild tsc` run's `dist-types/`, whose `commit` always does.
pub struct EarlyWrites {
    staged: Result<StagedDir, Diagnostic>,
    /// The first write that failed.
    failed: std::sync::Mutex<Option<Diagnostic>>,
}

impl EarlyWrites {
    pub fn begin(target: &Path) -> EarlyWrites {
        EarlyWrites {
            staged: StagedDir::begin(target),
            failed: std::sync::Mutex::new(None),
        }
    }

    /// A watch rebuild's writes: into `spare` (the folder the last swap replaced) when there is
    /// one, over its files (their pages are in memory already: writing 3 MB over existing files
    /// takes a quarter of the time new files do), and the folder this build replaces is kept as
    /// the next spare (`finish`).
    pub fn begin_reusing(target: &Path, spare: Option<SpareDir>) -> EarlyWrites {
        EarlyWrites {
            staged: StagedDir::begin_in(target, spare).map(|mut staged| {
                staged.keep_replaced = true;
                staged
            }),
            failed: std::sync::Mutex::new(None),
        }
    }

    pub fn write(&self, file: &OutputFile) {
        let Ok(staged) = &self.staged else {
            return;
        };
        if let Err(error) = staged.write(file) {
            if let Ok(mut failed) = self.failed.lock() {
                failed.get_or_insert(error);
            }
        }
    }

    /// `files` are all the files written, `last` what the session wrote before. When they are the
    /// same and the folder still holds them, the folder is left alone (megabytes are compared in
    /// memory, not read back from disk).
    /// Returns the folder to write the next build over: the replaced one, or the staging folder
    /// itself when nothing changed.
    pub fn finish(
        self,
        files: &[OutputFile],
        last: &[OutputFile],
    ) -> Result<Option<SpareDir>, Diagnostic> {
        let unchanged =
            |staged: &StagedDir| same_files(files, last) && holds_exactly(&staged.target, files);
        self.commit_unless(unchanged)
    }

    /// Puts the new folder in place, unless a write failed (the first failure is returned).
    pub fn commit(self) -> Result<(), Diagnostic> {
        self.commit_unless(|_| false).map(drop)
    }

    fn commit_unless(
        self,
        unchanged: impl FnOnce(&StagedDir) -> bool,
    ) -> Result<Option<SpareDir>, Diagnostic> {
        let staged = self.staged?;
        if let Some(error) = self.failed.into_inner().ok().flatten() {
            return Err(error);
        }
        if unchanged(&staged) {
            return Ok(staged.into_spare());
        }
        staged.commit_keeping_replaced()
    }
}

/// An output folder a swap replaced, kept so that the next build of a watch session writes over
/// its files; removed when dropped (the session ends).
pub struct SpareDir {
    path: PathBuf,
}

impl SpareDir {
    fn into_path(self) -> PathBuf {
        let path = self.path.clone();
        std::mem::forget(self);
        path
    }
}

impl Drop for SpareDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// A new version of an output folder, written file by file (from any thread) into a staging
/// folder beside it, which replaces the folder in one step on `commit`. Dropped without a commit,
/// it removes what it wrote and the folder stays as it was.
pub struct StagedDir {
    target: PathBuf,
    staging: PathBuf,
    retired: PathBuf,
    /// Folders inside the staging folder that exist already.
    folders: std::sync::Mutex<std::collections::HashSet<PathBuf>>,
    /// The staging folder is an earlier output written over: the files written (by name), so that
    /// the commit removes the others.
    reused: Option<std::sync::Mutex<std::collections::HashSet<PathBuf>>>,
    /// The commit keeps the replaced folder as a spare (a watch session's rebuilds).
    keep_replaced: bool,
    committed: bool,
    _lock: OutputLock,
}

impl StagedDir {
    pub fn begin(target: &Path) -> Result<StagedDir, Diagnostic> {
        StagedDir::begin_in(target, None)
    }

    /// `begin`, writing over the files of `spare` when it is given (and still there).
    fn begin_in(target: &Path, spare: Option<SpareDir>) -> Result<StagedDir, Diagnostic> {
        let parent = target.parent().unwrap_or(Path::new("."));
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "dist".into());
        let unique = format!("{}-{}", std::process::id(), nanos());
        std::fs::create_dir_all(parent).map_err(|e| diagnostics::cannot_write(parent, &e))?;
        let lock = OutputLock::acquire(parent, &name)?;
        let reusable = spare.map(SpareDir::into_path).filter(|path| path.is_dir());
        let (staging, reused) = match reusable {
            Some(path) => (path, Some(Default::default())),
            None => {
                let staging = parent.join(format!(".{name}.plugbuild-new-{unique}"));
                std::fs::create_dir_all(&staging)
                    .map_err(|e| diagnostics::cannot_write(&staging, &e))?;
                (staging, None)
            }
        };
        Ok(StagedDir {
            target: target.to_path_buf(),
            retired: parent.join(format!(".{name}.plugbuild-old-{unique}")),
            staging,
            folders: Default::default(),
            reused,
            keep_replaced: false,
            committed: false,
            _lock: lock,
        })
    }

    pub fn write(&self, file: &OutputFile) -> Result<(), Diagnostic> {
        let path = self.staging.join(&file.relative);
        if let Some(folder) = file.relative.parent().filter(|f| !f.as_os_str().is_empty()) {
            let known = self
                .folders
                .lock()
                .is_ok_and(|known| known.contains(folder));
            if !known {
                let dir = self.staging.join(folder);
                std::fs::create_dir_all(&dir).map_err(|e| diagnostics::cannot_write(&dir, &e))?;
                if let Ok(mut known) = self.folders.lock() {
                    known.insert(folder.to_path_buf());
                }
            }
        }
        let Some(reused) = &self.reused else {
            return std::fs::write(&path, &file.bytes)
                .map_err(|e| diagnostics::cannot_write(&path, &e));
        };
        if let (Ok(mut written), Some(first)) = (reused.lock(), file.relative.components().next()) {
            written.insert(PathBuf::from(first.as_os_str()));
        }
        write_over(&path, &file.bytes).map_err(|e| diagnostics::cannot_write(&path, &e))
    }

    /// Puts the staging folder in the target's place.
    pub fn commit(self) -> Result<(), Diagnostic> {
        self.commit_keeping_replaced().map(drop)
    }

    /// The staging folder itself, kept as the next spare (nothing was committed).
    fn into_spare(mut self) -> Option<SpareDir> {
        if !self.keep_replaced {
            return None;
        }
        self.committed = true;
        Some(SpareDir {
            path: self.staging.clone(),
        })
    }

    /// `commit`; in a reused folder, the replaced output is kept as the next spare instead of
    /// being removed.
    fn commit_keeping_replaced(mut self) -> Result<Option<SpareDir>, Diagnostic> {
        if let Some(reused) = &self.reused {
            // Files of the earlier output that this build did not write are not part of it.
            let written = reused.lock().map(|w| w.clone()).unwrap_or_default();
            if let Ok(entries) = std::fs::read_dir(&self.staging) {
                for entry in entries.flatten() {
                    if !written.contains(Path::new(&entry.file_name())) {
                        let path = entry.path();
                        let _ =
                            std::fs::remove_dir_all(&path).or_else(|_| std::fs::remove_file(&path));
                    }
                }
            }
        }
        self.committed = true;
        let keep = self.keep_replaced;
        let (target, staging, retired) = (&self.target, &self.staging, &self.retired);
        let parent = target.parent().unwrap_or(Path::new("."));
        if let Some(name) = target.file_name() {
            remove_leftovers(parent, &name.to_string_lossy());
        }
        let had_previous = target.exists();
        if had_previous && exchange(staging, target) {
            // The new output took the old one's place in one step; the old one is now in `staging`.
            if keep {
                return Ok(Some(SpareDir {
                    path: staging.clone(),
                }));
            }
            remove_in_background(staging.clone());
            return Ok(None);
        }
        if had_previous {
            if let Err(error) = std::fs::rename(target, retired) {
                let _ = std::fs::remove_dir_all(staging);
                return Err(diagnostics::dist_in_use(target, &error));
            }
        }
        if let Err(error) = std::fs::rename(staging, target) {
            if had_previous {
                let _ = std::fs::rename(retired, target);
            }
            let _ = std::fs::remove_dir_all(staging);
            return Err(diagnostics::dist_in_use(target, &error));
        }
        if had_previous {
            let _ = std::fs::remove_dir_all(retired);
        }
        Ok(None)
    }
}

/// Writes `bytes` over the file at `path` (created when missing) without truncating it first: its
/// pages are reused, and the file is cut to the new length afterwards.
fn write_over(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)?;
    file.write_all(bytes)?;
    file.set_len(bytes.len() as u64)
}

impl Drop for StagedDir {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

/// Removals of replaced output folders still running; `finish_background_work` waits for them.
static REMOVALS: std::sync::Mutex<Vec<std::thread::JoinHandle<()>>> =
    std::sync::Mutex::new(Vec::new());

/// Freeing a replaced output's files (megabytes of page cache) is not on the way to the new output:
/// a thread does it while the caller goes on. A process killed before it finishes leaves a folder
/// named after its dead pid, which the next build removes.
fn remove_in_background(folder: PathBuf) {
    let handle = std::thread::spawn(move || {
        let _ = std::fs::remove_dir_all(&folder);
    });
    if let Ok(mut removals) = REMOVALS.lock() {
        removals.retain(|h| !h.is_finished());
        removals.push(handle);
    }
}

/// Frees `value` (a finished run's syntax trees, source texts and caches: milliseconds of freeing
/// memory) on a thread of its own, which nothing waits for: a command that exits right after does
/// not wait for it either.
pub fn free_in_background<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new().spawn(move || drop(value));
}

/// Waits for the background removals; the program calls this before it exits.
pub fn finish_background_work() {
    let handles = REMOVALS
        .lock()
        .map(|mut removals| std::mem::take(&mut *removals))
        .unwrap_or_default();
    for handle in handles {
        let _ = handle.join();
    }
}

fn holds_exactly(target: &Path, files: &[OutputFile]) -> bool {
    let Ok(entries) = std::fs::read_dir(target) else {
        return false;
    };
    let on_disk = entries.count();
    let top_level: std::collections::BTreeSet<_> = files
        .iter()
        .filter_map(|f| f.relative.components().next())
        .collect();
    let same_size = |f: &OutputFile| {
        std::fs::metadata(target.join(&f.relative)).is_ok_and(|m| m.len() == f.bytes.len() as u64)
    };
    // Sizes first: a changed build usually changes one, and then no file is read back.
    on_disk == top_level.len()
        && files.iter().all(same_size)
        && files
            .iter()
            .all(|f| std::fs::read(target.join(&f.relative)).is_ok_and(|bytes| bytes == f.bytes))
}

/// Swaps two folders atomically (Linux `renameat2` with `RENAME_EXCHANGE`), so an interrupt can
/// never leave the output missing. False when the file system cannot.
fn exchange(a: &Path, b: &Path) -> bool {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let (Ok(a), Ok(b)) = (
        CString::new(a.as_os_str().as_bytes()),
        CString::new(b.as_os_str().as_bytes()),
    ) else {
        return false;
    };
    // The system call itself, not glibc's wrapper (glibc 2.28+): the published binary links
    // against glibc 2.17 so that it runs on older distributions (scripts/npm-packages).
    // SAFETY: both paths are valid NUL-terminated strings for the duration of the call.
    let result = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    result == 0
}

/// Staging and retired folders of builds that were killed before they could clean up.
fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file_name
            .strip_prefix(&format!(".{name}.plugbuild-new-"))
            .or_else(|| file_name.strip_prefix(&format!(".{name}.plugbuild-old-")))
        else {
            continue;
        };
        let pid = rest.split('-').next().and_then(|p| p.parse::<i32>().ok());
        let alive = pid.is_some_and(|pid| pid == std::process::id() as i32 || is_running(pid));
        if !alive {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

fn nanos() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0)
}

/// Writes `files` into `dir` one by one (each written into a staging folder inside `dir`, then
/// renamed over its old version) and removes `stale` outputs: the incremental update of
/// `plugbuild tsc`. An interrupted update leaves only whole files in place; its staging folder is
/// removed by the next update.
pub fn update_dir(dir: &Path, files: &[OutputFile], stale: &[PathBuf]) -> Result<(), Diagnostic> {
    remove_staging_leftovers(dir);
    let staging = dir.join(format!("{STAGING_PREFIX}{}", std::process::id()));
    let written = write_through(dir, &staging, files);
    let _ = std::fs::remove_dir_all(&staging);
    written?;
    for relative in stale {
        let _ = std::fs::remove_file(dir.join(relative));
    }
    Ok(())
}

const STAGING_PREFIX: &str = ".plugbuild-staging-";

fn write_through(dir: &Path, staging: &Path, files: &[OutputFile]) -> Result<(), Diagnostic> {
    for (index, file) in files.iter().enumerate() {
        let path = dir.join(&file.relative);
        if std::fs::read(&path).is_ok_and(|old| old == file.bytes) {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| diagnostics::cannot_write(parent, &e))?;
        }
        std::fs::create_dir_all(staging).map_err(|e| diagnostics::cannot_write(staging, &e))?;
        let aside = staging.join(index.to_string());
        std::fs::write(&aside, &file.bytes).map_err(|e| diagnostics::cannot_write(&path, &e))?;
        std::fs::rename(&aside, &path).map_err(|e| diagnostics::cannot_write(&path, &e))?;
    }
    Ok(())
}

/// Whether a process with this id exists (the owner of a staging folder or lock).
fn is_running(pid: i32) -> bool {
    // SAFETY: kill(pid, 0) only asks whether the process exists.
    unsafe { libc::kill(pid, 0) == 0 }
}

/// Staging folders of updates that were killed (their process no longer runs).
fn remove_staging_leftovers(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix(STAGING_PREFIX)
            .and_then(|p| p.parse::<i32>().ok())
        else {
            continue;
        };
        // Our own staging folder cannot exist yet: one with our pid is a dead process's.
        let alive = pid != std::process::id() as i32 && is_running(pid);
        if !alive {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// One writer at a time per output folder: a second `plugbuild build` of the same package waits
/// for the first to finish its swap (a lock left by a process that no longer runs is taken over).
struct OutputLock {
    path: PathBuf,
}

impl OutputLock {
    fn acquire(parent: &Path, name: &str) -> Result<OutputLock, Diagnostic> {
        let path = parent.join(format!(".{name}.plugbuild-lock"));
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        loop {
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(mut file) => {
                    use std::io::Write;
                    let _ = write!(file, "{}", std::process::id());
                    return Ok(OutputLock { path });
                }
                Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
                    let holder = std::fs::read_to_string(&path)
                        .ok()
                        .and_then(|t| t.trim().parse::<i32>().ok());
                    let alive = holder.is_some_and(is_running);
                    if !alive && holder.is_some() {
                        let _ = std::fs::remove_file(&path);
                        continue;
                    }
                    if std::time::Instant::now() > deadline {
                        return Err(diagnostics::output_locked(&path));
                    }
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                Err(error) => return Err(diagnostics::cannot_write(&path, &error)),
            }
        }
    }
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}
