//! `plugbuild pack`: the npm tarball, as `npm pack` with backstage-cli's prepack writes it.

use std::path::Path;
use std::process::ExitCode;

use plugbuild::bundle::build::{self, BuildOptions};
use plugbuild::diagnostics::has_errors;
use plugbuild::publish::pack;
use plugbuild::report::{human_size, Printer};

use super::exit;

pub(crate) fn run_pack(dir: &Path, dry_run: bool, printer: &Printer) -> ExitCode {
    if pack::needs_build(dir) {
        let result = build::build_package(dir, &BuildOptions::default());
        printer.diagnostics(&result.diagnostics);
        if !result.succeeded() {
            printer.failure("build failed; nothing was packed");
            return exit(false);
        }
        printer.status("built", &format!("{} modules", result.module_count));
    }
    let result = pack::pack(dir, dry_run);
    printer.diagnostics(&result.diagnostics);
    if has_errors(&result.diagnostics) {
        return exit(false);
    }
    let tarball = result
        .tarball
        .as_deref()
        .map(|t| printer.display_path(t))
        .unwrap_or_default();
    let mut listing = format!(
        "package: {}@{}\nTarball Contents\n",
        result.name, result.version
    );
    for (path, size) in &result.files {
        listing.push_str(&format!("{:>8} {path}\n", human_size(*size)));
    }
    let unpacked: usize = result.files.iter().map(|(_, size)| size).sum();
    listing.push_str(&format!(
        "Tarball Details\nname: {}\nversion: {}\nfilename: {}\npackage size: {}\nunpacked size: {}\ntotal files: {}\n",
        result.name,
        result.version,
        tarball.rsplit('/').next().unwrap_or(&tarball),
        human_size(result.packed_size),
        human_size(unpacked),
        result.files.len()
    ));
    printer.data(&listing);
    if !dry_run {
        printer.status("wrote", &tarball);
    }
    exit(true)
}
