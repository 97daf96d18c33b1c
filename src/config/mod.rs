//! What a package says about itself before anything is compiled: its `package.json` (entries,
//! role, dependencies), the tsconfig chain (with Backstage's base config as the stand-in when none
//! is installed), JSON with comments, the workspace's packages and the glob patterns that list them.

pub mod glob;
pub mod jsonc;
pub mod package;
pub mod tsconfig;
pub mod workspace;
