//! plugbuild: builds Backstage TypeScript packages (CommonJS bundles, source maps, declarations)
//! without a Node.js toolchain.
//!
//! Data flows one way: `Cli -> Package -> ModuleGraph -> Bundle -> dist/`. Each phase returns a named
//! output that holds its value and its diagnostics; only `report` prints.

pub mod build;
pub mod checks;
pub mod cli;
pub mod diagnostics;
pub mod dts;
pub mod fs;
pub mod glob;
pub mod graph;
pub mod js_writer;
pub mod jsonc;
pub mod link;
pub mod lower;
pub mod mappings;
pub mod name_clashes;
pub mod output;
pub mod pack;
pub mod package;
pub mod report;
pub mod resolve;
pub mod start;
#[cfg(test)]
mod test_parse;
pub mod transform;
pub mod tsc;
pub mod tsconfig;
pub mod watch;
pub mod workspace;
