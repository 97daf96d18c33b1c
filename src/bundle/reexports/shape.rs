//! What the flattening reads of one ES module file: its imports and re-exports, what it exports,
//! what it loads with `import()`, and whether its own code is pure.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

use swc_core::common::{sync::Lrc, FileName, SourceMap, Span};
use swc_core::ecma::ast::*;
use swc_core::ecma::parser::{parse_file_as_module, EsSyntax, Syntax};
use swc_core::ecma::visit::{Visit, VisitWith};

pub(crate) use crate::dts::facts::{declared_names, name_of};

/// One output file's import and export statements, as far as the flattening needs them.
pub struct FileShape {
    pub(crate) statements: Vec<Statement>,
    /// Statements that are neither imports nor re-exports (the module's own code).
    pub(crate) own_code: bool,
    /// Names declared and exported here (`export const a`, `export { a }`, `export default`).
    pub(crate) own_exports: Vec<String>,
    /// Files `import()` loads (resolved, relative to `dist/`).
    pub(crate) dynamic: Vec<PathBuf>,
    /// Evaluating its own code does nothing but declare (functions, classes, constants of
    /// literals, arrows and the like): loading it only for its side effects can be left out.
    pub(crate) pure: bool,
}

pub(crate) enum Statement {
    Import {
        span: (usize, usize),
        from: PathBuf,
        /// (imported name, local name); None for `import * as ns` or `import 'x'` only.
        names: Option<Vec<(String, String)>>,
        /// `import * as ns`.
        namespace: bool,
        /// Every binding it makes is exported again (`import a from './a'; export { a }`).
        reexported: bool,
    },
    ExportFrom {
        span: (usize, usize),
        from: PathBuf,
        /// (name in the target, exported name); None for `export * as ns from`.
        names: Option<Vec<(String, String)>>,
    },
    ExportAll {
        span: (usize, usize),
        from: PathBuf,
    },
}

impl Statement {
    pub(crate) fn from(&self) -> &Path {
        match self {
            Statement::Import { from, .. }
            | Statement::ExportFrom { from, .. }
            | Statement::ExportAll { from, .. } => from,
        }
    }
}

/// The shape of the ES module `code`, written at `file` (relative to `dist/`); None when it does
/// not parse (it is then left as it is).
pub fn file_shape(file: &Path, code: &str) -> Option<FileShape> {
    let cm: Lrc<SourceMap> = Default::default();
    let fm = cm.new_source_file(Lrc::new(FileName::Anon), code.to_string());
    let syntax = Syntax::Es(EsSyntax::default());
    let module =
        parse_file_as_module(&fm, syntax, EsVersion::EsNext, None, &mut Vec::new()).ok()?;
    let base = fm.start_pos.0;
    let range = |span: Span| ((span.lo.0 - base) as usize, (span.hi.0 - base) as usize);
    let target = |specifier: &Str| -> Option<PathBuf> {
        let text = specifier.value.to_string_lossy();
        text.starts_with('.').then(|| join(file, &text))
    };
    let mut shape = FileShape {
        statements: Vec::new(),
        own_code: false,
        own_exports: Vec::new(),
        dynamic: Vec::new(),
        pure: module.body.iter().all(is_pure_item),
    };
    for item in &module.body {
        match item {
            ModuleItem::ModuleDecl(ModuleDecl::Import(import)) if !import.type_only => {
                let Some(from) = target(&import.src) else {
                    shape.own_code = true;
                    continue;
                };
                let (names, namespace) = import_names(import);
                shape.statements.push(Statement::Import {
                    span: range(import.span),
                    from,
                    names,
                    namespace,
                    reexported: false,
                });
            }
            ModuleItem::ModuleDecl(ModuleDecl::ExportNamed(named)) if named.src.is_some() => {
                let Some(from) = named.src.as_deref().and_then(target) else {
                    shape.own_code = true;
                    continue;
                };
                let names = export_names(named);
                shape.statements.push(Statement::ExportFrom {
                    span: range(named.span),
                    from,
                    names,
                });
            }
            ModuleItem::ModuleDecl(ModuleDecl::ExportAll(all)) => match target(&all.src) {
                Some(from) => shape.statements.push(Statement::ExportAll {
                    span: range(all.span),
                    from,
                }),
                None => shape.own_code = true,
            },
            ModuleItem::ModuleDecl(ModuleDecl::ExportNamed(named)) => {
                if let Some(reexports) = reexports_of_imports(&shape.statements, named) {
                    for (from, names) in reexports {
                        shape.statements.push(Statement::ExportFrom {
                            span: range(named.span),
                            from,
                            names: Some(names),
                        });
                    }
                    continue;
                }
                if !named.specifiers.is_empty() {
                    shape.own_code = true;
                }
                for specifier in &named.specifiers {
                    if let ExportSpecifier::Named(spec) = specifier {
                        let exported = spec.exported.as_ref().unwrap_or(&spec.orig);
                        shape.own_exports.push(name_of(exported));
                    }
                }
            }
            ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(export)) => {
                shape.own_code = true;
                shape.own_exports.extend(declared_names(&export.decl));
            }
            ModuleItem::ModuleDecl(
                ModuleDecl::ExportDefaultDecl(_) | ModuleDecl::ExportDefaultExpr(_),
            ) => {
                shape.own_code = true;
                shape.own_exports.push("default".into());
            }
            ModuleItem::Stmt(Stmt::Empty(_)) => {}
            _ => shape.own_code = true,
        }
    }
    mark_reexported_imports(&mut shape.statements);
    let mut finder = DynamicImports::default();
    module.visit_with(&mut finder);
    shape.dynamic = finder
        .specifiers
        .iter()
        .filter(|s| s.starts_with('.'))
        .map(|s| join(file, s))
        .collect();
    Some(shape)
}

/// An import's (imported name, local name) pairs (None for a namespace import or an import for
/// its effects only), and whether it is a namespace import.
fn import_names(import: &ImportDecl) -> (Option<Vec<(String, String)>>, bool) {
    let names = import
        .specifiers
        .iter()
        .map(|specifier| match specifier {
            ImportSpecifier::Named(named) => Some((
                named
                    .imported
                    .as_ref()
                    .map(name_of)
                    .unwrap_or_else(|| named.local.sym.to_string()),
                named.local.sym.to_string(),
            )),
            ImportSpecifier::Default(default) => {
                Some(("default".to_string(), default.local.sym.to_string()))
            }
            ImportSpecifier::Namespace(_) => None,
        })
        .collect::<Option<Vec<_>>>()
        .filter(|names| !names.is_empty());
    let namespace = import
        .specifiers
        .iter()
        .any(|s| matches!(s, ImportSpecifier::Namespace(_)));
    (names, namespace)
}

/// `export { a as b } from`'s (name in the target, exported name) pairs; None for `export * as ns`.
fn export_names(named: &NamedExport) -> Option<Vec<(String, String)>> {
    named
        .specifiers
        .iter()
        .map(|specifier| match specifier {
            ExportSpecifier::Named(spec) => {
                let orig = name_of(&spec.orig);
                let exported = spec
                    .exported
                    .as_ref()
                    .map(name_of)
                    .unwrap_or_else(|| orig.clone());
                Some((orig, exported))
            }
            _ => None,
        })
        .collect()
}

/// `export { a, b as c }` (no `from`) when every name is a binding an import made: the
/// re-exports it stands for, per imported file.
pub(crate) fn reexports_of_imports(
    statements: &[Statement],
    named: &NamedExport,
) -> Option<Vec<(PathBuf, Vec<(String, String)>)>> {
    if named.specifiers.is_empty() {
        return None;
    }
    let mut groups: Vec<(PathBuf, Vec<(String, String)>)> = Vec::new();
    for specifier in &named.specifiers {
        let ExportSpecifier::Named(spec) = specifier else {
            return None;
        };
        let local = name_of(&spec.orig);
        let exported = spec
            .exported
            .as_ref()
            .map(name_of)
            .unwrap_or_else(|| local.clone());
        let (from, imported) = statements.iter().find_map(|statement| match statement {
            Statement::Import {
                from,
                names: Some(names),
                ..
            } => names
                .iter()
                .find(|(_, bound)| *bound == local)
                .map(|(imported, _)| (from.clone(), imported.clone())),
            _ => None,
        })?;
        match groups.iter_mut().find(|(f, _)| *f == from) {
            Some((_, names)) => names.push((imported, exported)),
            None => groups.push((from, vec![(imported, exported)])),
        }
    }
    Some(groups)
}

/// Marks the imports whose every binding an `export { ... }` re-exports.
pub(crate) fn mark_reexported_imports(statements: &mut [Statement]) {
    let exported: HashSet<(PathBuf, String)> = statements
        .iter()
        .filter_map(|statement| match statement {
            Statement::ExportFrom {
                from,
                names: Some(names),
                ..
            } => Some(
                names
                    .iter()
                    .map(move |(orig, _)| (from.clone(), orig.clone())),
            ),
            _ => None,
        })
        .flatten()
        .collect();
    for statement in statements.iter_mut() {
        if let Statement::Import {
            from,
            names: Some(names),
            reexported,
            ..
        } = statement
        {
            *reexported = names
                .iter()
                .all(|(imported, _)| exported.contains(&(from.clone(), imported.clone())));
        }
    }
}

/// A top-level item whose evaluation has no effect beyond declaring (rollup's judgement, made
/// conservatively: any call, property read or assignment counts as an effect).
pub(crate) fn is_pure_item(item: &ModuleItem) -> bool {
    match item {
        ModuleItem::ModuleDecl(ModuleDecl::Import(_) | ModuleDecl::ExportAll(_))
        | ModuleItem::ModuleDecl(ModuleDecl::ExportNamed(_)) => true,
        ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(export)) => is_pure_decl(&export.decl),
        ModuleItem::ModuleDecl(ModuleDecl::ExportDefaultDecl(export)) => match &export.decl {
            DefaultDecl::Fn(_) => true,
            DefaultDecl::Class(class) => is_pure_class(&class.class),
            _ => false,
        },
        ModuleItem::ModuleDecl(ModuleDecl::ExportDefaultExpr(export)) => is_pure_expr(&export.expr),
        ModuleItem::Stmt(Stmt::Decl(decl)) => is_pure_decl(decl),
        ModuleItem::Stmt(Stmt::Empty(_)) => true,
        _ => false,
    }
}

pub(crate) fn is_pure_decl(decl: &Decl) -> bool {
    match decl {
        Decl::Fn(_) => true,
        Decl::Class(class) => is_pure_class(&class.class),
        Decl::Var(var) => var
            .decls
            .iter()
            .all(|d| d.name.is_ident() && d.init.as_deref().is_none_or(is_pure_expr)),
        _ => false,
    }
}

pub(crate) fn is_pure_class(class: &Class) -> bool {
    class.decorators.is_empty()
        && class
            .super_class
            .as_deref()
            .is_none_or(|s| matches!(s, Expr::Ident(_)))
        && class.body.iter().all(|member| match member {
            ClassMember::Constructor(_)
            | ClassMember::Method(_)
            | ClassMember::PrivateMethod(_) => true,
            ClassMember::ClassProp(prop) => {
                !prop.is_static || prop.value.as_deref().is_none_or(is_pure_expr)
            }
            ClassMember::PrivateProp(prop) => {
                !prop.is_static || prop.value.as_deref().is_none_or(is_pure_expr)
            }
            ClassMember::Empty(_) => true,
            _ => false,
        })
}

pub(crate) fn is_pure_expr(expr: &Expr) -> bool {
    match expr {
        Expr::Lit(_) | Expr::Ident(_) | Expr::Arrow(_) | Expr::Fn(_) => true,
        Expr::Class(class) => is_pure_class(&class.class),
        Expr::Paren(paren) => is_pure_expr(&paren.expr),
        Expr::Tpl(tpl) => tpl.exprs.iter().all(|e| is_pure_expr(e)),
        Expr::Unary(unary) => unary.op != UnaryOp::Delete && is_pure_expr(&unary.arg),
        Expr::Array(array) => array
            .elems
            .iter()
            .flatten()
            .all(|e| e.spread.is_none() && is_pure_expr(&e.expr)),
        Expr::Object(object) => object.props.iter().all(|prop| match prop {
            PropOrSpread::Prop(prop) => match &**prop {
                Prop::Shorthand(_) | Prop::Method(_) | Prop::Getter(_) | Prop::Setter(_) => true,
                Prop::KeyValue(kv) => {
                    !matches!(kv.key, PropName::Computed(_)) && is_pure_expr(&kv.value)
                }
                _ => false,
            },
            PropOrSpread::Spread(_) => false,
        }),
        _ => false,
    }
}

#[derive(Default)]
pub(crate) struct DynamicImports {
    specifiers: Vec<String>,
}

impl Visit for DynamicImports {
    fn visit_call_expr(&mut self, call: &CallExpr) {
        call.visit_children_with(self);
        if let (Callee::Import(_), Some(first)) = (&call.callee, call.args.first()) {
            if let Expr::Lit(Lit::Str(s)) = &*first.expr {
                self.specifiers.push(s.value.to_string_lossy().into_owned());
            }
        }
    }
}

/// `from` (a file relative to `dist/`) joined with a relative specifier, normalised.
pub(crate) fn join(from: &Path, specifier: &str) -> PathBuf {
    let mut parts: Vec<String> = from
        .parent()
        .unwrap_or(Path::new(""))
        .components()
        .filter_map(|c| match c {
            Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    for segment in specifier.split('/') {
        match segment {
            "." | "" => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other.to_string()),
        }
    }
    parts.iter().collect()
}
