//! What rollup's tree-shaking does to backstage-cli's per-module output, done on the ES module
//! files: a module with nothing of its own (only `export ... from` statements: an `index.ts` that
//! gathers a folder) or nothing at all (a module of types only) gets no file; imports of it point
//! at the modules that declare the names, and an entry's `export *` of it becomes its statements.
//! The files that no entry reaches any more are left out. A rewritten statement stays on its line,
//! so the file's source map still holds.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

use swc_core::common::{sync::Lrc, FileName, SourceMap, Span};
use swc_core::ecma::ast::*;
use swc_core::ecma::parser::{parse_file_as_module, EsSyntax, Syntax};
use swc_core::ecma::visit::{Visit, VisitWith};

/// One output file's import and export statements, as far as the flattening needs them.
pub struct FileShape {
    statements: Vec<Statement>,
    /// Statements that are neither imports nor re-exports (the module's own code).
    own_code: bool,
    /// Names declared and exported here (`export const a`, `export { a }`, `export default`).
    own_exports: Vec<String>,
    /// Files `import()` loads (resolved, relative to `dist/`).
    dynamic: Vec<PathBuf>,
    /// Evaluating its own code does nothing but declare (functions, classes, constants of
    /// literals, arrows and the like): loading it only for its side effects can be left out.
    pure: bool,
}

enum Statement {
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
    fn from(&self) -> &Path {
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
                let names = named
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
                    .collect::<Option<Vec<_>>>();
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

/// `export { a, b as c }` (no `from`) when every name is a binding an import made: the
/// re-exports it stands for, per imported file.
fn reexports_of_imports(
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
fn mark_reexported_imports(statements: &mut [Statement]) {
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
fn is_pure_item(item: &ModuleItem) -> bool {
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

fn is_pure_decl(decl: &Decl) -> bool {
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

fn is_pure_class(class: &Class) -> bool {
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

fn is_pure_expr(expr: &Expr) -> bool {
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

fn name_of(name: &ModuleExportName) -> String {
    match name {
        ModuleExportName::Ident(ident) => ident.sym.to_string(),
        ModuleExportName::Str(s) => s.value.to_string_lossy().into_owned(),
    }
}

fn declared_names(decl: &Decl) -> Vec<String> {
    match decl {
        Decl::Fn(f) => vec![f.ident.sym.to_string()],
        Decl::Class(c) => vec![c.ident.sym.to_string()],
        Decl::Var(var) => var
            .decls
            .iter()
            .filter_map(|d| d.name.as_ident().map(|i| i.id.sym.to_string()))
            .collect(),
        _ => Vec::new(),
    }
}

#[derive(Default)]
struct DynamicImports {
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
fn join(from: &Path, specifier: &str) -> PathBuf {
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

/// The flattening over every output file: which files stay, and the new text of those whose
/// statements changed.
pub struct Flattened {
    pub kept: HashSet<PathBuf>,
    pub rewritten: HashMap<PathBuf, String>,
}

/// Flattens the re-export modules of the ES module `files` (relative path -> code); `entries` are
/// the entries' files, which always stay; `specifier(from, to)` writes an import between two files.
/// `side_effects`: false when the package says `"sideEffects": false`; every module then counts as
/// pure, and imports made only to load one (`import './styles.css'`) go, as rollup drops them.
pub fn flatten(
    files: &HashMap<PathBuf, String>,
    entries: &[PathBuf],
    specifier: &dyn Fn(&Path, &Path) -> String,
    side_effects: bool,
) -> Flattened {
    let shapes: HashMap<&Path, FileShape> = files
        .iter()
        .filter_map(|(file, code)| Some((file.as_path(), file_shape(file, code)?)))
        .collect();
    let entry_set: HashSet<&Path> = entries.iter().map(PathBuf::as_path).collect();
    let flattener = Flattener {
        shapes: &shapes,
        entries: &entry_set,
        side_effects,
    };
    let mut rewritten = HashMap::new();
    for (file, shape) in &shapes {
        if !entry_set.contains(file) && flattener.is_skipped(file) {
            continue;
        }
        if let Some(text) = flattener.rewrite(file, shape, &files[*file], specifier) {
            rewritten.insert(file.to_path_buf(), text);
        }
    }
    // What the entries reach through the rewritten statements (and `import()`), other files too.
    let mut kept = HashSet::new();
    let mut stack: Vec<PathBuf> = entries.to_vec();
    while let Some(file) = stack.pop() {
        if !kept.insert(file.clone()) {
            continue;
        }
        let code = rewritten.get(&file).or_else(|| files.get(&file));
        let Some(shape) = code.and_then(|code| file_shape(&file, code)) else {
            continue;
        };
        stack.extend(shape.statements.iter().map(|s| s.from().to_path_buf()));
        stack.extend(shape.dynamic);
    }
    Flattened { kept, rewritten }
}

struct Flattener<'a> {
    shapes: &'a HashMap<&'a Path, FileShape>,
    entries: &'a HashSet<&'a Path>,
    side_effects: bool,
}

impl Flattener<'_> {
    /// A module with no code of its own: only `export ... from` statements, or nothing at all.
    fn is_skipped(&self, file: &Path) -> bool {
        if self.entries.contains(file) {
            return false;
        }
        self.shapes.get(file).is_some_and(|shape| {
            !shape.own_code
                && shape.dynamic.is_empty()
                && shape.statements.iter().all(|s| match s {
                    Statement::ExportFrom { names, .. } => names.is_some(),
                    Statement::ExportAll { .. } => true,
                    Statement::Import { reexported, .. } => *reexported,
                })
        })
    }

    /// The names `file` exports (through `export *` too, without `default`).
    fn exports(&self, file: &Path, depth: usize) -> Vec<String> {
        let Some(shape) = self.shapes.get(file) else {
            return Vec::new();
        };
        let mut names = shape.own_exports.clone();
        for statement in &shape.statements {
            match statement {
                Statement::ExportFrom {
                    names: Some(list), ..
                } => names.extend(list.iter().map(|(_, exported)| exported.clone())),
                Statement::ExportAll { from, .. } if depth < 32 => names.extend(
                    self.exports(from, depth + 1)
                        .into_iter()
                        .filter(|name| name != "default"),
                ),
                _ => {}
            }
        }
        names
    }

    /// Where `name`, exported by `file`, is declared: through skipped modules to a kept one.
    fn resolve(&self, file: &Path, name: &str, depth: usize) -> Option<(PathBuf, String)> {
        if !self.is_skipped(file) {
            return Some((file.to_path_buf(), name.to_string()));
        }
        if depth > 32 {
            return None;
        }
        let shape = self.shapes.get(file)?;
        for statement in &shape.statements {
            if let Statement::ExportFrom {
                from,
                names: Some(list),
                ..
            } = statement
            {
                if let Some((orig, _)) = list.iter().find(|(_, exported)| exported == name) {
                    return self.resolve(from, orig, depth + 1);
                }
            }
        }
        if name == "default" {
            return None;
        }
        for statement in &shape.statements {
            if let Statement::ExportAll { from, .. } = statement {
                if self.exports(from, 0).iter().any(|n| n == name) {
                    return self.resolve(from, name, depth + 1);
                }
            }
        }
        None
    }

    /// The statements that `export * from <skipped file>` stands for, from `file`'s folder. A name
    /// `file` exports already (`taken`) is left out: in ES modules an explicit export wins over a
    /// star export, and two explicit exports of one name are an error.
    fn export_all_of(
        &self,
        file: &Path,
        from: &Path,
        specifier: &dyn Fn(&Path, &Path) -> String,
        taken: &mut HashSet<String>,
        depth: usize,
    ) -> Option<Vec<String>> {
        if !self.is_skipped(from) {
            return Some(vec![format!(
                "export * from {};",
                quote(&specifier(file, from))
            )]);
        }
        if depth > 32 {
            return None;
        }
        let shape = self.shapes.get(from)?;
        let mut statements = Vec::new();
        for statement in &shape.statements {
            match statement {
                Statement::ExportFrom {
                    names: Some(list),
                    from: inner,
                    ..
                } => {
                    let names: Vec<(String, String)> = list
                        .iter()
                        .filter(|(_, exported)| exported != "default" && !taken.contains(exported))
                        .cloned()
                        .collect();
                    taken.extend(names.iter().map(|(_, exported)| exported.clone()));
                    if !names.is_empty() {
                        statements
                            .extend(self.named_from(file, &names, inner, "export", specifier)?);
                    }
                }
                Statement::ExportAll { from: inner, .. } => {
                    statements.extend(self.export_all_of(
                        file,
                        inner,
                        specifier,
                        taken,
                        depth + 1,
                    )?);
                }
                _ => return None,
            }
        }
        Some(statements)
    }

    /// `import`/`export { names } from <skipped>` as statements naming the declaring files.
    fn named_from(
        &self,
        file: &Path,
        names: &[(String, String)],
        from: &Path,
        keyword: &str,
        specifier: &dyn Fn(&Path, &Path) -> String,
    ) -> Option<Vec<String>> {
        let mut groups: Vec<(PathBuf, Vec<String>)> = Vec::new();
        for (name, alias) in names {
            let (target, declared) = self.resolve(from, name, 0)?;
            let part = if declared == *alias {
                declared
            } else {
                format!("{declared} as {alias}")
            };
            match groups.iter_mut().find(|(t, _)| *t == target) {
                Some((_, parts)) => parts.push(part),
                None => groups.push((target, vec![part])),
            }
        }
        Some(
            groups
                .into_iter()
                .map(|(target, parts)| {
                    format!(
                        "{keyword} {{ {} }} from {};",
                        parts.join(", "),
                        quote(&specifier(file, &target))
                    )
                })
                .collect(),
        )
    }

    /// `file`'s code with its statements about skipped modules rewritten; None when none changed.
    /// `file`'s code with its statements about skipped modules rewritten; None when none changed.
    /// What a skipped module would have loaded still loads: a file it reaches that no rewritten
    /// statement names gets a side-effect import (`import "./x.esm.js";`).
    fn rewrite(
        &self,
        file: &Path,
        shape: &FileShape,
        code: &str,
        specifier: &dyn Fn(&Path, &Path) -> String,
    ) -> Option<String> {
        let mut taken: HashSet<String> = shape.own_exports.iter().cloned().collect();
        for statement in &shape.statements {
            if let Statement::ExportFrom {
                names: Some(list), ..
            } = statement
            {
                taken.extend(list.iter().map(|(_, exported)| exported.clone()));
            }
        }
        // Files this file imports already, directly.
        let mut loaded: HashSet<PathBuf> = shape
            .statements
            .iter()
            .filter(|s| !self.is_skipped(s.from()))
            .map(|s| s.from().to_path_buf())
            .collect();
        let mut edits: Vec<((usize, usize), String)> = Vec::new();
        for statement in &shape.statements {
            let from = statement.from();
            let loads_only = matches!(
                statement,
                Statement::Import {
                    names: None,
                    namespace: false,
                    ..
                }
            );
            if !self.is_skipped(from) && !(loads_only && !self.side_effects) {
                continue;
            }
            let replacement = match statement {
                Statement::Import { .. } if loads_only && !self.side_effects => Some(Vec::new()),
                Statement::Import {
                    namespace: true, ..
                } => None,
                Statement::Import { names: None, .. } => Some(Vec::new()),
                Statement::Import {
                    names: Some(names), ..
                } => self.named_from(file, names, from, "import", specifier),
                Statement::ExportFrom {
                    names: Some(names), ..
                } => self.named_from(file, names, from, "export", specifier),
                Statement::ExportAll { .. } => {
                    self.export_all_of(file, from, specifier, &mut taken, 0)
                }
                _ => None,
            };
            let Some(mut statements) = replacement else {
                continue;
            };
            for statement in &statements {
                if let Some(target) = statement.rsplit(" from ").next() {
                    let target = target.trim_end_matches(';');
                    if let Ok(text) = serde_json::from_str::<String>(target) {
                        loaded.insert(join(file, &text));
                    }
                }
            }
            for reached in self.loaded_through(from, 0) {
                if loaded.insert(reached.clone()) {
                    statements.push(format!("import {};", quote(&specifier(file, &reached))));
                }
            }
            let span = match statement {
                Statement::Import { span, .. }
                | Statement::ExportFrom { span, .. }
                | Statement::ExportAll { span, .. } => *span,
            };
            match edits.iter_mut().find(|(s, _)| *s == span) {
                // Several re-exports of one `export { ... }` of imported bindings.
                Some((_, text)) => {
                    text.push(' ');
                    text.push_str(&statements.join(" "));
                }
                None => edits.push((span, statements.join(" "))),
            }
        }
        if edits.is_empty() {
            return None;
        }
        let mut text = code.to_string();
        edits.sort_by(|a, b| b.0 .0.cmp(&a.0 .0));
        for ((start, end), replacement) in edits {
            // The statement's lines stay lines: the file's map still holds below it.
            let breaks = code[start..end].matches('\n').count();
            text.replace_range(start..end, &(replacement + &"\n".repeat(breaks)));
        }
        Some(text)
    }

    /// The files with side effects a skipped module loads, in its statements' order: through
    /// skipped modules and through modules whose own code is pure (their imports may have effects:
    /// a component's stylesheet), as rollup keeps them.
    fn loaded_through(&self, skipped: &Path, depth: usize) -> Vec<PathBuf> {
        let mut files = Vec::new();
        let mut seen = HashSet::new();
        self.collect_effects(skipped, depth, &mut seen, &mut files);
        files
    }

    fn collect_effects(
        &self,
        file: &Path,
        depth: usize,
        seen: &mut HashSet<PathBuf>,
        files: &mut Vec<PathBuf>,
    ) {
        let Some(shape) = self.shapes.get(file) else {
            return;
        };
        for statement in &shape.statements {
            let from = statement.from();
            // Assets (and anything else that is not one of the package's ES modules) have no
            // effects to keep: backstage-cli's build marks them so.
            if !seen.insert(from.to_path_buf()) || !self.shapes.contains_key(from) {
                continue;
            }
            let look_through = self.is_skipped(from)
                || self
                    .shapes
                    .get(from)
                    .is_some_and(|s| !self.side_effects || (s.pure && s.dynamic.is_empty()));
            if look_through && depth < 32 {
                self.collect_effects(from, depth + 1, seen, files);
            } else {
                files.push(from.to_path_buf());
            }
        }
    }
}

fn quote(specifier: &str) -> String {
    serde_json::to_string(specifier).unwrap_or_default()
}
