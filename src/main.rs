use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;

use plugbuild::build;
use plugbuild::cli::{Cli, ColorArg, Command};
use plugbuild::report::{ColorChoice, Printer};

fn main() -> ExitCode {
    // Panics inside swc are caught per module and reported as diagnostics; keep the default hook from
    // printing a raw backtrace over them.
    if std::env::var_os("PLUGBUILD_DEBUG").is_none() {
        std::panic::set_hook(Box::new(|_| {}));
    }
    let cli = Cli::parse();
    let printer = Printer::new(
        match cli.color {
            ColorArg::Auto => ColorChoice::Auto,
            ColorArg::Always => ColorChoice::Always,
            ColorArg::Never => ColorChoice::Never,
        },
        cli.quiet,
    );
    let outcome = std::panic::catch_unwind(|| run(&cli, &printer));
    match outcome {
        Ok(code) => code,
        Err(_) => {
            eprintln!("error: plugbuild hit an internal error; please report it with the input that caused it");
            ExitCode::from(2)
        }
    }
}

fn run(cli: &Cli, printer: &Printer) -> ExitCode {
    match &cli.command {
        Command::Prepack { dir } => {
            let dir = dir.clone().unwrap_or_else(|| std::path::PathBuf::from("."));
            finish(
                printer,
                &plugbuild::pack::prepack(&dir),
                "rewrote package.json for publishing (original in package.json-prepack)",
            )
        }
        Command::Postpack { dir } => {
            let dir = dir.clone().unwrap_or_else(|| std::path::PathBuf::from("."));
            finish(
                printer,
                &plugbuild::pack::postpack(&dir),
                "restored package.json",
            )
        }
        Command::Pack { dir, dry_run } => {
            let dir = dir.clone().unwrap_or_else(|| std::path::PathBuf::from("."));
            run_pack(&dir, *dry_run, printer)
        }
        Command::Tsc { dir } => {
            run_tsc(dir.as_deref().unwrap_or(std::path::Path::new(".")), printer)
        }
        Command::Build { dir, strict_types } => {
            let started = Instant::now();
            let dir = dir.clone().unwrap_or_else(|| std::path::PathBuf::from("."));
            let options = build::BuildOptions {
                strict_types: *strict_types,
            };
            let result = build::build_package(&dir, &options);
            printer.diagnostics(&result.diagnostics);
            if !result.succeeded() {
                let errors = result.diagnostics.iter().filter(|d| d.is_error()).count();
                eprintln!(
                    "build failed with {errors} error{}; dist/ was left as it was",
                    if errors == 1 { "" } else { "s" }
                );
                return ExitCode::from(1);
            }
            for file in &result.written {
                printer.status(
                    "wrote",
                    &format!(
                        "{} ({})",
                        printer.display_path(&file.path),
                        human_size(file.size)
                    ),
                );
            }
            printer.status(
                "built",
                &format!(
                    "{} modules in {} ms",
                    result.module_count,
                    started.elapsed().as_millis()
                ),
            );
            ExitCode::SUCCESS
        }
    }
}

fn run_tsc(dir: &std::path::Path, printer: &Printer) -> ExitCode {
    let started = Instant::now();
    let result = plugbuild::tsc::emit_project_declarations(dir);
    printer.diagnostics(&result.diagnostics);
    if plugbuild::diagnostics::has_errors(&result.diagnostics) {
        eprintln!(
            "declarations failed; {} was left as it was",
            printer.display_path(&result.out_dir)
        );
        return ExitCode::from(1);
    }
    printer.status(
        "wrote",
        &format!(
            "{} declaration files to {} in {} ms",
            result.written,
            printer.display_path(&result.out_dir),
            started.elapsed().as_millis()
        ),
    );
    ExitCode::SUCCESS
}

fn finish(
    printer: &Printer,
    diagnostics: &[plugbuild::diagnostics::Diagnostic],
    done: &str,
) -> ExitCode {
    printer.diagnostics(diagnostics);
    if plugbuild::diagnostics::has_errors(diagnostics) {
        return ExitCode::from(1);
    }
    printer.status("done", done);
    ExitCode::SUCCESS
}

fn run_pack(dir: &std::path::Path, dry_run: bool, printer: &Printer) -> ExitCode {
    if plugbuild::pack::needs_build(dir) {
        let result = build::build_package(dir, &build::BuildOptions::default());
        printer.diagnostics(&result.diagnostics);
        if !result.succeeded() {
            eprintln!("build failed; nothing was packed");
            return ExitCode::from(1);
        }
        printer.status("built", &format!("{} modules", result.module_count));
    }
    let result = plugbuild::pack::pack(dir, dry_run);
    printer.diagnostics(&result.diagnostics);
    if plugbuild::diagnostics::has_errors(&result.diagnostics) {
        return ExitCode::from(1);
    }
    let mut listing = format!(
        "package: {}@{}\nTarball Contents\n",
        result.name, result.version
    );
    for (path, size) in &result.files {
        listing.push_str(&format!("{:>8} {path}\n", human_size(*size)));
    }
    let unpacked: usize = result.files.iter().map(|(_, size)| size).sum();
    let tarball = result
        .tarball
        .as_deref()
        .map(|t| printer.display_path(t))
        .unwrap_or_default();
    listing.push_str(&format!(
        "Tarball Details\nname: {}\nversion: {}\nfilename: {}\npackage size: {}\nunpacked size: {}\ntotal files: {}\n",
        result.name,
        result.version,
        tarball.rsplit('/').next().unwrap_or(&tarball),
        human_size(result.packed_size),
        human_size(unpacked),
        result.files.len()
    ));
    print!("{listing}");
    if !dry_run {
        printer.status("wrote", &tarball);
    }
    ExitCode::SUCCESS
}

fn human_size(bytes: usize) -> String {
    if bytes < 1024 {
        format!("{bytes} B")
    } else {
        format!("{:.1} kB", bytes as f64 / 1000.0)
    }
}
