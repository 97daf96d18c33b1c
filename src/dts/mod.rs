//! Declarations without a type checker, in the order a module goes through them:
//! - `bodies`: blanking the function bodies declarations never read, before parsing;
//! - `emit`: one module's declarations (`analysis` of its exports, `annotate` where tsc would infer);
//! - `infer`: the types tsc would infer, from expressions, literals, JSON and generic calls;
//! - `dependencies`: what installed packages' `.d.ts` files declare;
//! - `facts`: what `plugbuild tsc`'s checks need from each module;
//! - `rollup`: the per-entry `dist/index.d.ts`;
//! - `type_nodes`: builders for the type syntax they all write.

pub mod bodies;
pub mod dependencies;
pub mod emit;
pub mod facts;
pub mod infer;
pub mod rollup;
pub mod type_nodes;
