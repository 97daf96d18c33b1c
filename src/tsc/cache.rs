//! `plugbuild tsc`'s cache, kept in the output folder between runs: per source file its stamp,
//! declaration file, facts and diagnostics; the project checks' findings with what they read; a key
//! of everything else the declarations depend on (options, plugbuild itself, the installed packages).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::bundle::output::OutputFile;
use crate::config::tsconfig::TsConfig;
use crate::diagnostics::Diagnostic;
use crate::dts::facts::ModuleFacts;

/// Kept between runs in the output folder: per source file, what its declarations and checks need,
/// keyed by size and modification time.
#[derive(Default, Serialize, Deserialize)]
pub(super) struct Cache {
    pub(super) key: String,
    pub(super) files: crate::fs::PathMap<PathBuf, CacheEntry>,
    /// The project checks' findings, valid while no file changed and none of `inputs` did.
    #[serde(default)]
    pub(super) checks: Option<CheckResults>,
}

#[derive(Clone, Serialize, Deserialize)]
pub(super) struct CheckResults {
    /// Every file the checks read (package.json files, present or not) and every folder they
    /// listed, with its stamp then: a new file in a folder changes the folder's modification time.
    pub(super) inputs: Vec<(PathBuf, Option<(u64, u64)>)>,
    pub(super) diagnostics: Vec<Diagnostic>,
}

impl CheckResults {
    pub(super) fn still_valid(&self) -> bool {
        self.inputs.iter().all(|(path, then)| stamp(path) == *then)
    }
}

#[derive(Clone, Serialize, Deserialize)]
pub(super) struct CacheEntry {
    pub(super) size: u64,
    pub(super) modified_ns: u64,
    /// Declaration file, relative to the output folder (None when the file did not parse).
    pub(super) output: Option<PathBuf>,
    pub(super) facts: ModuleFacts,
    pub(super) diagnostics: Vec<Diagnostic>,
    /// Files the declarations' types were read from (JSON modules, other modules of the package),
    /// with the hashes of their bytes.
    pub(super) read_inputs: Vec<(PathBuf, u64)>,
}

pub(super) const CACHE_FILE: &str = ".plugbuild-tsc-cache";

pub(super) fn stamp(path: &Path) -> Option<(u64, u64)> {
    crate::fs::stamp_of(&std::fs::metadata(path).ok()?)
}

pub(super) fn cache_key(config: &TsConfig, root: &Path) -> String {
    let options = serde_json::to_string(&config.options).unwrap_or_default();
    let stamp_text = |path: &Path| {
        stamp(path)
            .map(|(size, modified)| format!("{size}:{modified}"))
            .unwrap_or_default()
    };
    // A rebuilt plugbuild may emit differently: its own modification time is part of the key.
    let binary = std::env::current_exe()
        .map(|exe| stamp_text(&exe))
        .unwrap_or_default();
    // Declarations read the dependencies' (calls of their generic functions): an install or
    // upgrade, which rewrites a lock file, recomputes everything.
    format!(
        "{}|{binary}|{}|{:?}|{:?}|{}",
        env!("CARGO_PKG_VERSION"),
        options,
        config.include,
        config.exclude,
        crate::config::workspace::install_state(root)
    )
}

/// The cache's key and files, serialised: postcard writes a struct as its fields one after the
/// other, so these bytes followed by the serialised checks are the whole cache.
pub(super) fn cache_head(cache: &Cache) -> Vec<u8> {
    postcard::to_stdvec(&(&cache.key, &cache.files)).unwrap_or_default()
}

/// The cache file; `head` is `cache_head` when it was computed already.
pub(super) fn cache_file(cache: &Cache, head: Option<Vec<u8>>) -> OutputFile {
    let mut bytes = head.unwrap_or_else(|| cache_head(cache));
    bytes.extend(postcard::to_stdvec(&cache.checks).unwrap_or_default());
    OutputFile {
        relative: PathBuf::from(CACHE_FILE),
        bytes,
    }
}
