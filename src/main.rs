mod commands;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use commands::build::{build_all, build_one};
use commands::finish;
use commands::pack::run_pack;
use commands::start::run_start;
use commands::tsc::run_tsc;
use commands::watch::{watch_build, watch_tsc};
use plugbuild::bundle::build::BuildOptions;
use plugbuild::cli::{Cli, ColorArg, Command, CommonJsLayout};
use plugbuild::dev::start::StartOptions;
use plugbuild::publish::pack;
use plugbuild::report::{ColorChoice, Printer};

// swc allocates and frees many small nodes per module from several threads at once.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // Panics inside swc are caught per module and reported as diagnostics; keep the default hook from
    // printing a raw backtrace over them.
    if std::env::var_os("PLUGBUILD_DEBUG").is_none() {
        std::panic::set_hook(Box::new(|_| {}));
    }
    let cli = Cli::parse();
    let color = match cli.color {
        ColorArg::Auto => ColorChoice::Auto,
        ColorArg::Always => ColorChoice::Always,
        ColorArg::Never => ColorChoice::Never,
    };
    let printer = Printer::new(color, cli.quiet);
    // Parsing, transforming and printing recurse over the syntax tree: a generated file with an
    // expression nested ten thousand deep needs far more stack than a thread's default.
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(STACK_SIZE)
        .build_global();
    let worker = std::thread::Builder::new()
        .stack_size(STACK_SIZE)
        .spawn(move || std::panic::catch_unwind(|| run(&cli, &printer)).ok());
    let outcome = worker.map(|handle| handle.join());
    plugbuild::bundle::output::finish_background_work();
    match outcome {
        Ok(Ok(Some(code))) => code,
        _ => {
            eprintln!("error: plugbuild hit an internal error; please report it with the input that caused it");
            ExitCode::from(2)
        }
    }
}

const STACK_SIZE: usize = 512 * 1024 * 1024;
fn folder(dir: &Option<PathBuf>) -> PathBuf {
    dir.clone().unwrap_or_else(|| PathBuf::from("."))
}

fn run(cli: &Cli, printer: &Printer) -> ExitCode {
    match &cli.command {
        Command::Build {
            dir,
            strict_types,
            all,
            json,
            watch,
            commonjs_layout,
        } => {
            let options = BuildOptions {
                strict_types: *strict_types,
                commonjs_modules: *commonjs_layout == CommonJsLayout::Modules,
                ..Default::default()
            };
            if *watch {
                watch_build(&folder(dir), &options, printer)
            } else if *all {
                build_all(&folder(dir), &options, *json, printer)
            } else {
                build_one(&folder(dir), &options, *json, printer)
            }
        }
        Command::Tsc {
            dir,
            json,
            pretty,
            watch: false,
        } => run_tsc(&folder(dir), *json, *pretty, printer),
        Command::Tsc { dir, pretty, .. } => watch_tsc(&folder(dir), *pretty, printer),
        Command::Start {
            dir,
            entry,
            inspect,
            inspect_brk,
            require,
            args,
        } => {
            let mut node_args = Vec::new();
            for (flag, value) in [("--inspect", inspect), ("--inspect-brk", inspect_brk)] {
                match value.as_deref() {
                    Some("") => node_args.push(flag.to_string()),
                    Some(address) => node_args.push(format!("{flag}={address}")),
                    None => {}
                }
            }
            for module in require {
                node_args.extend(["--require".to_string(), module.clone()]);
            }
            let options = StartOptions {
                dir: std::path::absolute(folder(dir)).unwrap_or_else(|_| folder(dir)),
                entry: entry.clone(),
                node_args,
                args: args.clone(),
            };
            run_start(&options, printer)
        }
        Command::Prepack { dir } => finish(
            printer,
            &pack::prepack(&folder(dir)),
            "rewrote package.json for publishing (original in package.json-prepack)",
        ),
        Command::Postpack { dir } => finish(
            printer,
            &pack::postpack(&folder(dir)),
            "restored package.json",
        ),
        Command::Pack { dir, dry_run } => run_pack(&folder(dir), *dry_run, printer),
        Command::ConfigSchema { dir } => {
            match plugbuild::publish::manifest::package_config_schema(&folder(dir)) {
                Ok(Some(schema)) => {
                    print!("{schema}");
                    ExitCode::SUCCESS
                }
                Ok(None) => {
                    printer.status("done", "the package has no TypeScript configSchema");
                    ExitCode::SUCCESS
                }
                Err(diagnostic) => finish(printer, &[diagnostic], ""),
            }
        }
    }
}
