//! What each module imports and exports, collected from its parse when it is compiled and cached
//! with it (`ModuleFacts`): the project checks of `plugbuild tsc` (`tsc::checks`) and the
//! generic-call check read them.

pub mod generic_calls;

use swc_core::common::{SourceFile, Span};
use swc_core::ecma::ast::*;
use swc_core::ecma::visit::{Visit, VisitWith};

use serde::{Deserialize, Serialize};

use crate::diagnostics::Location;
use crate::fs::PathMap;
use std::path::Path;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ModuleFacts {
    /// Names declared and exported here (`export const a`, `export default`, ...).
    pub declared_exports: Vec<String>,
    /// Names exported through specifiers (`export { a as b }`, `export * as ns`), with their places.
    pub listed_exports: Vec<(String, Place)>,
    /// `export * from "x"`.
    pub stars: Vec<(String, Place)>,
    pub export_assignment: bool,
    pub imports: Vec<ImportFact>,
    /// Calls in the declarations whose type arguments tsc would infer, of imported callees or of
    /// the module's own generic functions and classes (`dts::generic_calls`).
    #[serde(default)]
    pub generic_calls: Vec<GenericCallFact>,
    /// Names exported here that are generic functions or classes.
    #[serde(default)]
    pub generic_exports: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GenericCallFact {
    pub callee: String,
    /// Specifier and imported name, when the callee is imported.
    pub import: Option<(String, String)>,
    pub has_arguments: bool,
    pub place: Place,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ImportFact {
    pub specifier: String,
    pub place: Place,
    /// Names taken from the module (`import { a }`, `export { a } from`), with their places.
    pub names: Vec<(String, Place)>,
}

/// Where something is in its file (byte offset and length): small enough to cache for every import;
/// turned into a `Location` (line, column, line text) only for a diagnostic.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct Place(pub u32, pub u32);

impl Place {
    pub fn of(span: Span, fm: &SourceFile) -> Place {
        Place(
            span.lo.0.saturating_sub(fm.start_pos.0),
            span.hi.0.saturating_sub(span.lo.0),
        )
    }

    pub fn location(self, path: &Path) -> Location {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        Location::at_offset(path, &text, self.0 as usize, self.1 as usize)
    }
}

pub fn collect_facts(module: &Module, fm: &SourceFile) -> ModuleFacts {
    let mut collector = FactCollector {
        fm,
        facts: ModuleFacts::default(),
        dynamic_imports: may_import_dynamically(&fm.src),
    };
    module.visit_with(&mut collector);
    collector.facts
}

/// Whether `import` followed by `(` appears in the text: only then can the module hold an
/// `import()` call, and only then are its statements and expressions searched for one.
fn may_import_dynamically(text: &str) -> bool {
    text.match_indices("import")
        .any(|(at, word)| text[at + word.len()..].trim_start().starts_with('('))
}

struct FactCollector<'a> {
    fm: &'a SourceFile,
    facts: ModuleFacts,
    /// The text has an `import(`: every statement and expression is visited for it.
    dynamic_imports: bool,
}

impl FactCollector<'_> {
    fn location(&self, span: Span) -> Place {
        Place::of(span, self.fm)
    }

    fn import(&mut self, source: &Str, names: Vec<(String, Place)>) {
        self.facts.imports.push(ImportFact {
            specifier: source.value.to_string_lossy().into_owned(),
            place: self.location(source.span),
            names,
        });
    }
}

/// An export's or import's name as written (`a`, or `"a-b"` as `a-b`).
pub(crate) fn name_of(name: &ModuleExportName) -> String {
    match name {
        ModuleExportName::Ident(ident) => ident.sym.to_string(),
        ModuleExportName::Str(s) => s.value.to_string_lossy().into_owned(),
        #[allow(unreachable_patterns)]
        _ => String::new(),
    }
}

/// The names a declaration binds at its module's top level (`dts::emit::analysis::decl_names`).
pub(crate) fn declared_names(decl: &Decl) -> Vec<String> {
    crate::dts::emit::analysis::decl_names(decl)
        .iter()
        .map(ToString::to_string)
        .collect()
}

impl Visit for FactCollector<'_> {
    fn visit_module_decl(&mut self, n: &ModuleDecl) {
        match n {
            ModuleDecl::Import(import) => {
                let names = import
                    .specifiers
                    .iter()
                    .filter_map(|s| match s {
                        ImportSpecifier::Named(named) => {
                            let imported = named
                                .imported
                                .as_ref()
                                .map(name_of)
                                .unwrap_or_else(|| named.local.sym.to_string());
                            Some((imported, self.location(named.span)))
                        }
                        ImportSpecifier::Default(default) => {
                            Some(("default".to_string(), self.location(default.span)))
                        }
                        ImportSpecifier::Namespace(_) => None,
                    })
                    .collect();
                self.import(&import.src, names);
            }
            ModuleDecl::ExportDecl(export) => self
                .facts
                .declared_exports
                .extend(declared_names(&export.decl)),
            ModuleDecl::ExportDefaultDecl(_) | ModuleDecl::ExportDefaultExpr(_) => {
                self.facts.declared_exports.push("default".into())
            }
            ModuleDecl::TsExportAssignment(_) => self.facts.export_assignment = true,
            ModuleDecl::TsImportEquals(import) => {
                if import.is_export {
                    self.facts.declared_exports.push(import.id.sym.to_string());
                }
                if let TsModuleRef::TsExternalModuleRef(external) = &import.module_ref {
                    self.import(&external.expr, Vec::new());
                }
            }
            ModuleDecl::ExportAll(all) => {
                let location = self.location(all.src.span);
                self.facts
                    .stars
                    .push((all.src.value.to_string_lossy().into_owned(), location));
                self.import(&all.src, Vec::new());
            }
            ModuleDecl::ExportNamed(named) => {
                let mut taken = Vec::new();
                for specifier in &named.specifiers {
                    match specifier {
                        ExportSpecifier::Named(spec) => {
                            let orig = name_of(&spec.orig);
                            let exported = spec
                                .exported
                                .as_ref()
                                .map(name_of)
                                .unwrap_or_else(|| orig.clone());
                            let location = self.location(spec.span);
                            taken.push((orig, location.clone()));
                            self.facts.listed_exports.push((exported, location));
                        }
                        ExportSpecifier::Namespace(spec) => self
                            .facts
                            .listed_exports
                            .push((name_of(&spec.name), self.location(spec.span))),
                        ExportSpecifier::Default(spec) => self.facts.listed_exports.push((
                            spec.exported.sym.to_string(),
                            self.location(spec.exported.span),
                        )),
                    }
                }
                if let Some(src) = &named.src {
                    self.import(src, taken);
                }
            }
            _ => {}
        }
        if self.dynamic_imports {
            n.visit_children_with(self);
        }
    }

    fn visit_stmt(&mut self, n: &Stmt) {
        if self.dynamic_imports {
            n.visit_children_with(self);
        }
    }

    fn visit_call_expr(&mut self, n: &CallExpr) {
        if let (Callee::Import(_), Some(first)) = (&n.callee, n.args.first()) {
            if let Expr::Lit(Lit::Str(source)) = &*first.expr {
                self.import(source, Vec::new());
            }
        }
        n.visit_children_with(self);
    }
}

/// Every module's facts, by path.
pub type ProjectFacts<'a> = PathMap<&'a Path, &'a ModuleFacts>;

#[cfg(test)]
mod tests {
    use super::*;
    use swc_core::common::SourceMap;

    fn facts_of(text: &str) -> ModuleFacts {
        let cm = SourceMap::default();
        let (fm, module) = crate::test_parse::parse_typescript(&cm, text);
        collect_facts(&module, &fm)
    }

    fn specifiers(facts: &ModuleFacts) -> Vec<&str> {
        facts.imports.iter().map(|i| i.specifier.as_str()).collect()
    }

    #[test]
    fn dynamic_imports_are_found_inside_functions_whatever_the_spacing() {
        let facts = facts_of(
            "import { a } from './a';\nexport async function load() {\n  const m = await import ('lazy-dep');\n  return import(\n'./b');\n}\n",
        );
        assert_eq!(specifiers(&facts), ["./a", "lazy-dep", "./b"]);
    }

    #[test]
    fn modules_without_import_calls_give_their_static_imports_only() {
        let facts = facts_of(
            "import { a } from './a';\nexport * from './c';\nexport function f() { return important(1); }\n",
        );
        assert_eq!(specifiers(&facts), ["./a", "./c"]);
        assert!(!may_import_dynamically("const imported = 1; important(2);"));
        assert!(may_import_dynamically("x = import\n\t('y')"));
    }
}
