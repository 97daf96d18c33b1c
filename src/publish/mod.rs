//! Publishing: `pack` writes the package's npm tarball with package.json rewritten as
//! backstage-cli's prepack does.

pub mod config_jsdoc;
pub mod config_schema;
pub mod config_types;
pub mod manifest;
pub mod pack;
