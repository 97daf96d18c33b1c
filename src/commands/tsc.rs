//! `plugbuild tsc`: declarations for the whole project, with tsc's exit codes.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use serde_json::json;

use plugbuild::diagnostics::has_errors;
use plugbuild::report::Printer;
use plugbuild::tsc;

pub(crate) fn run_tsc(
    dir: &Path,
    as_json: bool,
    pretty: Option<bool>,
    printer: &Printer,
) -> ExitCode {
    let started = Instant::now();
    let result = tsc::emit_project_declarations(dir);
    let failed = has_errors(&result.diagnostics);
    if as_json {
        let report = json!({
            "files": result.files,
            "written": result.written,
            "recomputed": result.recomputed,
            "diagnostics": result.diagnostics,
            "ok": !failed,
        });
        println!("{report:#}");
    } else {
        printer.tsc_diagnostics(&result.diagnostics, pretty);
        printer.status(
            "wrote",
            &format!(
                "{} declaration files to {} ({} recomputed) in {} ms",
                result.written,
                printer.display_path(&result.out_dir),
                result.recomputed,
                started.elapsed().as_millis()
            ),
        );
    }
    // tsc's exit codes: 0 success, 1 errors and nothing written, 2 errors with output written.
    match (failed, result.written) {
        (false, _) => ExitCode::SUCCESS,
        (true, 0) => ExitCode::from(1),
        (true, _) => ExitCode::from(2),
    }
}
