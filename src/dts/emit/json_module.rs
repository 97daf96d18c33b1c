//! The declarations of a JSON module, for the roll-up: `import data from './data.json'` and the
//! named imports of its top-level keys (typed by `infer::json_types`).

use serde_json::Value;
use swc_core::atoms::Atom;
use swc_core::common::{SyntaxContext, DUMMY_SP};
use swc_core::ecma::ast::*;

use crate::dts::emit::ModuleDeclarations;
use crate::dts::infer::json_types::json_type;
use crate::dts::type_nodes::{declared_const, is_identifier, is_reserved};

/// Declarations of a JSON module for the roll-up: its value as the default export, and each
/// top-level property whose key is an identifier as a named export (tsc lets both be imported).
pub fn json_module_declarations(value: &Value) -> ModuleDeclarations {
    let default_name: Atom = "_default".into();
    let mut items = vec![declared_const(default_name.clone(), json_type(value))];
    items.push(ModuleItem::ModuleDecl(ModuleDecl::ExportDefaultExpr(
        ExportDefaultExpr {
            span: DUMMY_SP,
            expr: Box::new(Expr::Ident(Ident::new_no_ctxt(default_name, DUMMY_SP))),
        },
    )));
    if let Value::Object(object) = value {
        for (key, value) in object {
            if !is_identifier(key) || is_reserved(&key.as_str().into()) {
                continue;
            }
            let ModuleItem::Stmt(Stmt::Decl(decl)) =
                declared_const(key.as_str().into(), json_type(value))
            else {
                continue;
            };
            items.push(ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(ExportDecl {
                span: DUMMY_SP,
                decl,
            })));
        }
    }
    ModuleDeclarations {
        items,
        top_level_ctxt: SyntaxContext::empty(),
        comments: Vec::new(),
        specifiers: Vec::new(),
        warnings: Vec::new(),
        internal_names: Vec::new(),
        read_inputs: Vec::new(),
    }
}
