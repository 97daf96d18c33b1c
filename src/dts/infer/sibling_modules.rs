//! What the package's other modules declare, where one module's declarations need it: whether a
//! name imported from one is an enum (tsc widens an enum member to its enum: `[Kind.A, Kind.B]` is
//! a `Kind[]`). The dependency reader reads those modules from their sources, and records each as
//! an input of the module's declarations (`dependencies::sources_read`).

use swc_core::ecma::ast::*;

use crate::dts::infer::scope::dependency_context;

/// Whether `ident`, imported by name from a relative module, is an enum that module declares or
/// re-exports.
pub(crate) fn imported_enum(ident: &Ident) -> bool {
    let Some(context) = dependency_context() else {
        return false;
    };
    if let Some(known) = context.sibling_enums.borrow().get(&ident.to_id()) {
        return *known;
    }
    let Some((specifier, imported)) = context.imports.get(&ident.to_id()) else {
        return false;
    };
    let is_enum = specifier.starts_with('.')
        && !matches!(imported.as_str(), "*" | "default")
        && context
            .types
            .exports_enum(&context.dir, specifier, imported);
    context
        .sibling_enums
        .borrow_mut()
        .insert(ident.to_id(), is_enum);
    is_enum
}
