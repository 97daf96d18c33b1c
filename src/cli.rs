//! Command-line arguments (clap only; no behaviour here).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "plugbuild",
    version,
    about = "Builds Backstage TypeScript plugin packages: CommonJS bundles with source maps, fast"
)]
pub struct Cli {
    /// When to use colours: auto (TTY, honouring NO_COLOR and FORCE_COLOR), always or never.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto, global = true)]
    pub color: ColorArg,

    /// Print errors and warnings only.
    #[arg(long, short, global = true)]
    pub quiet: bool,

    #[command(subcommand)]
    pub command: Command,
}

/// How CommonJS output is laid out (`plugbuild build --commonjs-layout`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CommonJsLayout {
    /// `dist/<entry>.cjs.js`: the package's modules in one file per entry.
    Bundle,
    /// `dist/<path>.cjs.js`: one file per source module, as backstage-cli writes them.
    Modules,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build a package as backstage-cli builds its role: CommonJS (dist/<entry>.cjs.js) for node's
    /// roles, one ES module per source module for the browser's, both for common libraries, and
    /// dist/<entry>.d.ts for every entry.
    Build {
        /// The package folder (default: the current folder).
        dir: Option<PathBuf>,
        /// Fail when a declaration's type cannot be written without a type checker (default: warn).
        #[arg(long)]
        strict_types: bool,
        /// Build every workspace package with a library role (run at the repository root), in
        /// parallel.
        #[arg(long)]
        all: bool,
        /// Print diagnostics and per-package results as JSON on stdout.
        #[arg(long)]
        json: bool,
        /// Keep running: rebuild when a source file, package.json or a tsconfig changes.
        #[arg(long)]
        watch: bool,
        /// CommonJS output for node's roles: one bundle per entry, or one file per module
        /// (`<path>.cjs.js`, backstage-cli's layout).
        #[arg(long, value_enum, default_value_t = CommonJsLayout::Bundle)]
        commonjs_layout: CommonJsLayout,
    },
    /// Run a backend plugin in development: build its dev entry (dev/index.ts, else src/run.ts),
    /// run it under node, rebuild and restart it on every change. Enter restarts; Ctrl-C stops.
    Start {
        /// The package folder (default: the current folder).
        dir: Option<PathBuf>,
        /// The file to run instead of dev/index.ts or src/run.ts.
        #[arg(long)]
        entry: Option<PathBuf>,
        /// Passed to node: --inspect[=host:port].
        #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "")]
        inspect: Option<String>,
        /// Passed to node: --inspect-brk[=host:port].
        #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "")]
        inspect_brk: Option<String>,
        /// Passed to node: --require MODULE (repeatable).
        #[arg(long, short = 'r')]
        require: Vec<String>,
        /// Arguments for the program, after `--`.
        #[arg(last = true)]
        args: Vec<String>,
    },
    /// Rewrite package.json for publishing (entry points in dist/, publishConfig applied); the
    /// original is kept as package.json-prepack.
    Prepack {
        /// The package folder (default: the current folder).
        dir: Option<PathBuf>,
    },
    /// Restore the package.json that prepack saved.
    Postpack {
        /// The package folder (default: the current folder).
        dir: Option<PathBuf>,
    },
    /// Print the config.schema.json that prepack writes from the package's `configSchema`
    /// (config.d.ts), as backstage-cli compiles it.
    ConfigSchema {
        /// The package folder (default: the current folder).
        dir: Option<PathBuf>,
    },
    /// Build if needed, then write the npm tarball <scope>-<name>-<version>.tgz in the package folder.
    Pack {
        /// The package folder (default: the current folder).
        dir: Option<PathBuf>,
        /// List the files and sizes without writing the tarball.
        #[arg(long)]
        dry_run: bool,
    },
    /// Write declarations for every file the tsconfig in DIR includes (default: the current folder),
    /// one .d.ts per source file under its outDir (dist-types), as `tsc` does. No type checking.
    Tsc {
        /// The folder holding tsconfig.json (default: the current folder).
        dir: Option<PathBuf>,
        /// Print diagnostics as JSON on stdout.
        #[arg(long)]
        json: bool,
        /// Diagnostics with code frames (default: on a terminal).
        #[arg(long, num_args = 0..=1, default_missing_value = "true")]
        pretty: Option<bool>,
        /// Keep running: write the declarations of what changed, report again.
        #[arg(long)]
        watch: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}
