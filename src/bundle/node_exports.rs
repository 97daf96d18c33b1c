//! What node must see in a CommonJS file for `import { name } from` it to work in an ES module.
//! Node finds a CommonJS module's named exports without running it, with cjs-module-lexer, which
//! recognises `exports.name =`, `module.exports = { name: ... }` and re-exports of `require(...)`
//! but not the getters swc writes for ES module exports. backstage-cli's rollup output (and tsc's)
//! use forms the lexer reads, so ours says the names too, in a statement that never runs, as
//! esbuild and swc's own annotation do: `0 && (module.exports = { a: null, ...require("x") });`.
//!
//! The per-module layout gets swc's annotation per file. In the bundle, the entry's names are
//! collected here from every module (through `export *` of the package's own modules) and written
//! once at the end, since each module's own names would be wrong for the file.

use swc_core::ecma::ast::*;

use crate::bundle::graph::ModuleGraph;
use crate::bundle::link::json_string;

/// An ES module's export names and its `export *` specifiers (as rewritten for the output).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NodeExports {
    pub names: Vec<String>,
    pub star_sources: Vec<String>,
}

/// The value exports of a module whose types are already stripped.
pub fn node_exports(program: &Program) -> NodeExports {
    let mut exports = NodeExports::default();
    let Program::Module(module) = program else {
        return exports;
    };
    for item in &module.body {
        let ModuleItem::ModuleDecl(decl) = item else {
            continue;
        };
        match decl {
            ModuleDecl::ExportDecl(export) => exports.names.extend(declared_names(&export.decl)),
            ModuleDecl::ExportNamed(named) if !named.type_only => {
                for specifier in &named.specifiers {
                    let name = match specifier {
                        ExportSpecifier::Named(s) if !s.is_type_only => {
                            s.exported.as_ref().unwrap_or(&s.orig)
                        }
                        ExportSpecifier::Namespace(s) => &s.name,
                        _ => continue,
                    };
                    exports.names.push(crate::dts::facts::name_of(name));
                }
            }
            ModuleDecl::ExportDefaultDecl(_) | ModuleDecl::ExportDefaultExpr(_) => {
                exports.names.push("default".to_string());
            }
            ModuleDecl::ExportAll(all) if !all.type_only => exports
                .star_sources
                .push(all.src.value.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    exports
}

/// The names a declaration binds, destructured variables included (types are stripped by now).
fn declared_names(decl: &Decl) -> Vec<String> {
    match decl {
        Decl::Var(var) => var
            .decls
            .iter()
            .flat_map(|declarator| {
                swc_core::ecma::utils::find_pat_ids::<_, Ident>(&declarator.name)
            })
            .map(|ident| ident.sym.to_string())
            .collect(),
        other => crate::dts::facts::declared_names(other),
    }
}

/// The statement that tells node the bundle's exports: the entry's names, with those of the own
/// modules it re-exports with `export *` (not `default`), and a spread `require` for each package
/// it re-exports. Empty when the entry exports nothing node could miss.
pub fn bundle_annotation(graph: &ModuleGraph, entry: usize) -> String {
    let mut names: Vec<String> = Vec::new();
    let mut packages: Vec<String> = Vec::new();
    let mut seen = vec![entry];
    collect(graph, entry, true, &mut names, &mut packages, &mut seen);
    if names.is_empty() && packages.is_empty() {
        return String::new();
    }
    let mut parts: Vec<String> = names
        .iter()
        .filter(|name| name.as_str() != "__esModule")
        .map(|name| format!("{}: null", json_string(name)))
        .collect();
    parts.extend(
        packages
            .iter()
            .map(|specifier| format!("...require({})", json_string(specifier))),
    );
    format!("0 && (module.exports = {{ {} }});\n", parts.join(", "))
}

fn collect(
    graph: &ModuleGraph,
    module: usize,
    is_entry: bool,
    names: &mut Vec<String>,
    packages: &mut Vec<String>,
    seen: &mut Vec<usize>,
) {
    let exports = graph.modules[module].chunk.node_exports();
    for name in &exports.names {
        // `export *` passes on every name but `default`.
        if (is_entry || name != "default") && !names.contains(name) {
            names.push(name.clone());
        }
    }
    for source in &exports.star_sources {
        match graph.modules.iter().position(|m| &m.id == source) {
            Some(own) if !seen.contains(&own) => {
                seen.push(own);
                collect(graph, own, false, names, packages, seen);
            }
            Some(_) => {}
            None if !packages.contains(source) => packages.push(source.clone()),
            None => {}
        }
    }
}
