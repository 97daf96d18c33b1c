//! plugbuild: builds Backstage TypeScript packages (CommonJS bundles, source maps, declarations)
//! without a Node.js toolchain.
//!
//! Data flows one way: `Cli -> Package -> ModuleGraph -> Bundle -> dist/`. Each phase returns a named
//! output that holds its value and its diagnostics; only `report` prints.

pub mod bundle;
pub mod cli;
pub mod config;
pub mod dev;
pub mod diagnostics;
pub mod dts;
pub mod fs;
pub mod publish;
pub mod report;
pub mod resolve;
#[cfg(test)]
mod test_parse;
pub mod tsc;
