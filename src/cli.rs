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

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build a package: dist/<entry>.cjs.js, its source map and dist/<entry>.d.ts for every entry.
    Build {
        /// The package folder (default: the current folder).
        dir: Option<PathBuf>,
        /// Fail when a declaration's type cannot be written without a type checker (default: warn).
        #[arg(long)]
        strict_types: bool,
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
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}
