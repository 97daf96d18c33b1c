//! Declarations without a type checker: per-module emit (`emit`, with `infer` writing what tsc would
//! infer) and the per-entry roll-up (`rollup`, renaming through `rename`, pieces in `roll_up_items`).

pub mod analysis;
pub mod annotate;
mod argument_types;
mod array_methods;
pub mod bodies;
pub mod body_blanking;
pub mod dependency_types;
pub mod emit;
pub mod external;
pub mod facts;
pub mod generic_calls;
pub mod infer;
mod infer_scope;
pub mod jsdoc;
pub mod json_types;
mod literal_types;
mod portable_types;
mod rename;
mod reprint;
mod roll_up_items;
pub mod rollup;
mod source_tokens;
mod type_args;
pub mod type_nodes;
