//! Declarations without a type checker: per-module emit (`emit`, with `infer` writing what tsc would
//! infer) and the per-entry roll-up (`rollup`).

pub mod analysis;
pub mod annotate;
pub mod emit;
pub mod external;
pub mod infer;
pub mod jsdoc;
pub mod rollup;
pub mod type_nodes;
