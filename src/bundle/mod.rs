//! A package's build, stage by stage: `build` drives it; `graph` resolves (`resolve`) and compiles
//! (`parse`, `transform`, `lower`) every module the entries reach; `link` joins them into one CommonJS bundle
//! (`name_clashes`, `js_writer`, `mappings` for the source map); `output` stages `dist/` and swaps
//! it in only when the whole build succeeded.

pub mod build;
pub mod css;
pub mod declarations;
pub mod file_modules;
pub mod graph;
pub mod js_writer;
pub mod link;
pub mod lower;
pub mod mappings;
pub mod module_cache;
pub mod module_files;
pub mod module_outputs;
pub mod name_clashes;
pub mod node_exports;
pub mod output;
pub mod parse;
pub mod reexports;
pub mod transform;
