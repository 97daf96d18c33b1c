//! One module per command: each turns parsed arguments into the library's calls and the
//! report the printer writes, and gives the exit code (0 done, 1 errors in the input).

pub(crate) mod build;
pub(crate) mod pack;
pub(crate) mod start;
pub(crate) mod tsc;
pub(crate) mod watch;

use std::process::ExitCode;

use plugbuild::diagnostics::{has_errors, Diagnostic};
use plugbuild::report::Printer;

pub(crate) fn exit(ok: bool) -> ExitCode {
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

pub(crate) fn finish(printer: &Printer, diagnostics: &[Diagnostic], done: &str) -> ExitCode {
    printer.diagnostics(diagnostics);
    if has_errors(diagnostics) {
        return exit(false);
    }
    printer.status("done", done);
    exit(true)
}

pub(crate) fn errors(diagnostics: &[Diagnostic]) -> String {
    let count = diagnostics.iter().filter(|d| d.is_error()).count();
    format!("{count} error{}", if count == 1 { "" } else { "s" })
}

/// Notes (the Backstage fallback) were said on the first build; later rebuilds leave them out.
pub(crate) fn without_notes(diagnostics: &[Diagnostic]) -> Vec<Diagnostic> {
    diagnostics
        .iter()
        .filter(|d| d.severity != plugbuild::diagnostics::Severity::Note)
        .cloned()
        .collect()
}
