//! One source file's declarations for `plugbuild tsc`: read with its stamp, compiled, printed at the
//! path tsc writes it.

use std::path::{Path, PathBuf};

use crate::bundle::output::OutputFile;
use crate::bundle::transform::{Compiler, ImportTarget};
use crate::diagnostics::{self, Diagnostic};
use crate::dts::emit::print_module_declarations;
use crate::dts::facts::ModuleFacts;

/// A file's bytes, with the stamp of the file that was read.
pub(super) fn read_stamped(path: &Path) -> std::io::Result<(Vec<u8>, Option<(u64, u64)>)> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let metadata = file.metadata()?;
    // Room for one byte more than the file, so the read that finds its end needs no new buffer.
    // `File::read_to_end` would ask for the size and position again (two more system calls per
    // file, six thousand on a large repo); through `take` the generic loop reads into the spare
    // capacity without zeroing it first.
    let mut bytes = Vec::with_capacity(metadata.len() as usize + 1);
    (&file).take(u64::MAX).read_to_end(&mut bytes)?;
    Ok((bytes, crate::fs::stamp_of(&metadata)))
}

/// A file's declarations, facts and diagnostics, with the stamp of what was read.
/// One file's declarations, what the project checks read of them, and the JSON modules their types
/// were read from (with the hashes of their bytes).
#[derive(Default)]
pub(super) struct Emitted {
    pub(super) output: Option<OutputFile>,
    pub(super) facts: ModuleFacts,
    pub(super) diagnostics: Vec<Diagnostic>,
    pub(super) read_inputs: Vec<(PathBuf, u64)>,
}

impl Emitted {
    pub(super) fn failed(diagnostic: Diagnostic) -> Emitted {
        Emitted {
            diagnostics: vec![diagnostic],
            ..Emitted::default()
        }
    }
}

pub(super) fn emit_file(
    compiler: &Compiler,
    path: &Path,
    root_dir: &Path,
) -> (Emitted, Option<(u64, u64)>) {
    let (bytes, stamp) = match read_stamped(path) {
        Ok(read) => read,
        Err(error) => {
            let diagnostic = diagnostics::cannot_read(path, &error);
            return (Emitted::failed(diagnostic), None);
        }
    };
    (emit_text(compiler, path, bytes, root_dir), stamp)
}

pub(super) fn emit_text(
    compiler: &Compiler,
    path: &Path,
    bytes: Vec<u8>,
    root_dir: &Path,
) -> Emitted {
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let valid = error.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(error.as_bytes()).into_owned();
            return Emitted::failed(diagnostics::not_utf8(path, valid, &lossy));
        }
    };
    let text = text
        .strip_prefix('\u{feff}')
        .map(String::from)
        .unwrap_or(text);
    let compiled = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        compiler.compile_module(path, text, &mut |_, _, _| ImportTarget::External)
    }));
    let compiled = match compiled {
        Ok(compiled) => compiled,
        Err(_) => {
            let diagnostic = diagnostics::internal_panic(path, "panic while emitting declarations");
            return Emitted::failed(diagnostic);
        }
    };
    let mut diagnostics = compiled.diagnostics;
    let facts = compiled.facts.unwrap_or_default();
    let Some(mut declarations) = compiled.declarations else {
        return Emitted {
            facts,
            diagnostics,
            ..Emitted::default()
        };
    };
    let read_inputs = std::mem::take(&mut declarations.read_inputs);
    diagnostics.append(&mut declarations.warnings);
    let relative = path.strip_prefix(root_dir).unwrap_or(path);
    let output = OutputFile {
        relative: declaration_path(relative),
        bytes: print_module_declarations(declarations, &compiler.cm).into_bytes(),
    };
    Emitted {
        output: Some(output),
        facts,
        diagnostics,
        read_inputs,
    }
}

/// `a/b.ts` -> `a/b.d.ts`, `a/c.tsx` -> `a/c.d.ts`, `a/m.mts` -> `a/m.d.mts`.
pub(super) fn declaration_path(relative: &Path) -> PathBuf {
    let name = relative.to_string_lossy();
    let renamed = if let Some(stem) = name.strip_suffix(".mts") {
        format!("{stem}.d.mts")
    } else if let Some(stem) = name.strip_suffix(".cts") {
        format!("{stem}.d.cts")
    } else if let Some(stem) = name.strip_suffix(".mjs") {
        format!("{stem}.d.mts")
    } else if let Some(stem) = name.strip_suffix(".cjs") {
        format!("{stem}.d.cts")
    } else {
        let stem = name.rsplit_once('.').map(|(stem, _)| stem).unwrap_or(&name);
        format!("{stem}.d.ts")
    };
    PathBuf::from(renamed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declaration_paths_follow_tsc() {
        assert_eq!(
            declaration_path(Path::new("a/b.ts")),
            PathBuf::from("a/b.d.ts")
        );
        assert_eq!(
            declaration_path(Path::new("a/c.tsx")),
            PathBuf::from("a/c.d.ts")
        );
        assert_eq!(
            declaration_path(Path::new("m.mts")),
            PathBuf::from("m.d.mts")
        );
    }
}
