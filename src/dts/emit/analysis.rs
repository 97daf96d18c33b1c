//! What each module's declarations bind, import and export: the input the roll-up resolves names
//! against.

use std::collections::{HashMap, HashSet};

use swc_core::atoms::Atom;
use swc_core::ecma::ast::*;

use crate::dts::emit::ModuleDeclarations;

/// Where a specifier in a module's declarations leads.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Source {
    Internal(usize),
    External(String),
}

/// One module as the roll-up sees it.
pub struct DeclarationInput<'a> {
    pub id: &'a str,
    pub declarations: Option<&'a ModuleDeclarations>,
    /// Resolution of each specifier its declarations use.
    pub sources: HashMap<String, Source>,
}

#[derive(Clone)]
pub(crate) enum ImportBinding {
    Named(Source, Atom),
    Namespace(Source),
}

#[derive(Clone)]
pub(crate) enum ExportTarget {
    Local(Atom),
    Reexport(Source, Atom),
    Namespace(Source),
}

/// What one module's declarations bind, import and export, with their sources resolved.
#[derive(Default)]
pub struct Analysis {
    /// Top-level declarations by name (several for merged declarations and overloads).
    pub(crate) locals: HashMap<Atom, Vec<usize>>,
    pub(crate) imports: HashMap<Atom, ImportBinding>,
    pub(crate) exports: Vec<(Atom, ExportTarget)>,
    /// Position of each name in `exports` (the first export of a name wins).
    pub(crate) export_index: HashMap<Atom, usize>,
    pub(crate) stars: Vec<Source>,
    /// `declare global { }` and `declare module "x" { }` blocks.
    pub(crate) augmentations: Vec<usize>,
    /// `export = name`.
    pub(crate) export_assignment: Option<Atom>,
    /// Names exported with `export type { }` or `export { type X }`.
    pub(crate) type_only_exports: HashSet<Atom>,
    /// Local names bound by `import type { }` or `import { type X }`.
    pub(crate) type_only_imports: HashSet<Atom>,
}

pub(crate) fn default_name() -> Atom {
    "_default".into()
}

pub(crate) fn export_name(name: &ModuleExportName) -> Atom {
    match name {
        ModuleExportName::Ident(ident) => ident.sym.clone(),
        ModuleExportName::Str(s) => s.value.to_string_lossy().into_owned().into(),
        #[allow(unreachable_patterns)]
        _ => default_name(),
    }
}

/// The names a declaration binds at the top level of its module.
pub fn decl_names(decl: &Decl) -> Vec<Atom> {
    match decl {
        Decl::Class(c) => vec![c.ident.sym.clone()],
        Decl::Fn(f) => vec![f.ident.sym.clone()],
        Decl::Var(v) => v
            .decls
            .iter()
            .filter_map(|d| d.name.as_ident().map(|b| b.id.sym.clone()))
            .collect(),
        Decl::TsInterface(i) => vec![i.id.sym.clone()],
        Decl::TsTypeAlias(t) => vec![t.id.sym.clone()],
        Decl::TsEnum(e) => vec![e.id.sym.clone()],
        Decl::TsModule(m) => match &m.id {
            TsModuleName::Ident(ident) if !m.global => vec![ident.sym.clone()],
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// The declarators of the module's top-level `const` declarations, exported or not.
pub(crate) fn top_level_consts(module: &Module) -> impl Iterator<Item = &VarDeclarator> {
    module
        .body
        .iter()
        .filter_map(|item| match item {
            ModuleItem::Stmt(Stmt::Decl(Decl::Var(var))) => Some(var),
            ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(ExportDecl {
                decl: Decl::Var(var),
                ..
            })) => Some(var),
            _ => None,
        })
        .filter(|var| var.kind == VarDeclKind::Const)
        .flat_map(|var| var.decls.iter())
}

/// `top_level_consts`, to change them.
pub(crate) fn top_level_consts_mut(
    module: &mut Module,
) -> impl Iterator<Item = &mut VarDeclarator> {
    module
        .body
        .iter_mut()
        .filter_map(|item| match item {
            ModuleItem::Stmt(Stmt::Decl(Decl::Var(var))) => Some(var),
            ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(ExportDecl {
                decl: Decl::Var(var),
                ..
            })) => Some(var),
            _ => None,
        })
        .filter(|var| var.kind == VarDeclKind::Const)
        .flat_map(|var| var.decls.iter_mut())
}

pub(crate) fn is_augmentation(decl: &Decl) -> bool {
    matches!(decl, Decl::TsModule(m) if m.global || matches!(m.id, TsModuleName::Str(_)))
}

pub fn analyze(input: &DeclarationInput) -> Analysis {
    let mut analysis = Analysis::default();
    let Some(declarations) = input.declarations else {
        return analysis;
    };
    let source_of = |s: &Str| -> Source {
        let key = s.value.to_string_lossy().into_owned();
        input
            .sources
            .get(&key)
            .cloned()
            .unwrap_or(Source::External(key))
    };
    for (index, item) in declarations.items.iter().enumerate() {
        match item {
            ModuleItem::Stmt(Stmt::Decl(decl)) => {
                if is_augmentation(decl) {
                    analysis.augmentations.push(index);
                }
                for name in decl_names(decl) {
                    analysis.locals.entry(name).or_default().push(index);
                }
            }
            ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(export)) => {
                for name in decl_names(&export.decl) {
                    analysis.locals.entry(name.clone()).or_default().push(index);
                    analysis.add_export(name.clone(), ExportTarget::Local(name));
                }
            }
            ModuleItem::ModuleDecl(ModuleDecl::Import(import)) => {
                analysis.add_import(import, source_of(&import.src))
            }
            ModuleItem::ModuleDecl(ModuleDecl::TsImportEquals(import)) => {
                match &import.module_ref {
                    TsModuleRef::TsExternalModuleRef(external) => {
                        let binding = ImportBinding::Namespace(source_of(&external.expr));
                        analysis.imports.insert(import.id.sym.clone(), binding);
                    }
                    _ => {
                        analysis
                            .locals
                            .entry(import.id.sym.clone())
                            .or_default()
                            .push(index);
                        if import.is_export {
                            let name = import.id.sym.clone();
                            analysis.add_export(name.clone(), ExportTarget::Local(name));
                        }
                    }
                }
            }
            ModuleItem::ModuleDecl(ModuleDecl::ExportNamed(named)) => {
                analysis.add_export_list(named, named.src.as_deref().map(source_of))
            }
            ModuleItem::ModuleDecl(ModuleDecl::ExportAll(all)) => {
                analysis.stars.push(source_of(&all.src))
            }
            ModuleItem::ModuleDecl(ModuleDecl::TsExportAssignment(assignment)) => {
                if let Expr::Ident(ident) = &*assignment.expr {
                    analysis.export_assignment = Some(ident.sym.clone());
                }
            }
            ModuleItem::ModuleDecl(ModuleDecl::ExportDefaultDecl(export)) => {
                let name = match &export.decl {
                    DefaultDecl::Class(c) => c.ident.as_ref().map(|i| i.sym.clone()),
                    DefaultDecl::Fn(f) => f.ident.as_ref().map(|i| i.sym.clone()),
                    DefaultDecl::TsInterfaceDecl(i) => Some(i.id.sym.clone()),
                    #[allow(unreachable_patterns)]
                    _ => None,
                }
                .unwrap_or_else(default_name);
                analysis.locals.entry(name.clone()).or_default().push(index);
                analysis.add_export("default".into(), ExportTarget::Local(name));
            }
            ModuleItem::ModuleDecl(ModuleDecl::ExportDefaultExpr(export)) => {
                if let Expr::Ident(ident) = &*export.expr {
                    analysis.add_export("default".into(), ExportTarget::Local(ident.sym.clone()));
                }
            }
            _ => {}
        }
    }
    analysis
}

impl Analysis {
    /// An import declaration's bindings.
    fn add_import(&mut self, import: &ImportDecl, source: Source) {
        for specifier in &import.specifiers {
            let (local, binding) = match specifier {
                ImportSpecifier::Named(named) => (
                    named.local.sym.clone(),
                    ImportBinding::Named(
                        source.clone(),
                        named
                            .imported
                            .as_ref()
                            .map(export_name)
                            .unwrap_or_else(|| named.local.sym.clone()),
                    ),
                ),
                ImportSpecifier::Default(default) => (
                    default.local.sym.clone(),
                    ImportBinding::Named(source.clone(), "default".into()),
                ),
                ImportSpecifier::Namespace(ns) => (
                    ns.local.sym.clone(),
                    ImportBinding::Namespace(source.clone()),
                ),
            };
            let type_only = import.type_only
                || matches!(specifier, ImportSpecifier::Named(named) if named.is_type_only);
            if type_only {
                self.type_only_imports.insert(local.clone());
            }
            self.imports.insert(local, binding);
        }
    }

    /// `export { a, b as c }` and `export { x } from './m'` (with its `source`).
    fn add_export_list(&mut self, named: &NamedExport, source: Option<Source>) {
        for specifier in &named.specifiers {
            match specifier {
                ExportSpecifier::Named(spec) => {
                    let orig = export_name(&spec.orig);
                    let exported = spec
                        .exported
                        .as_ref()
                        .map(export_name)
                        .unwrap_or_else(|| orig.clone());
                    let target = match &source {
                        Some(source) => ExportTarget::Reexport(source.clone(), orig),
                        None => ExportTarget::Local(orig),
                    };
                    if named.type_only || spec.is_type_only {
                        self.type_only_exports.insert(exported.clone());
                    }
                    self.add_export(exported, target);
                }
                ExportSpecifier::Namespace(spec) => {
                    if let Some(source) = &source {
                        self.add_export(
                            export_name(&spec.name),
                            ExportTarget::Namespace(source.clone()),
                        );
                    }
                }
                ExportSpecifier::Default(spec) => {
                    if let Some(source) = &source {
                        self.add_export(
                            spec.exported.sym.clone(),
                            ExportTarget::Reexport(source.clone(), "default".into()),
                        );
                    }
                }
            }
        }
    }

    /// Records an export; a name exported twice (merged declarations, overloads) counts once.
    pub(crate) fn add_export(&mut self, name: Atom, target: ExportTarget) {
        if !self.export_index.contains_key(&name) {
            self.export_index.insert(name.clone(), self.exports.len());
            self.exports.push((name, target));
        }
    }
}
