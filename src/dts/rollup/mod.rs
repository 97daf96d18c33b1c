//! Rolls one entry's declarations up into a single `.d.ts`: exactly the names the entry exports
//! (through `export *`, `export * as ns`, re-exports and renames), plus the unexported declarations
//! those refer to. Imports of external packages stay imports; clashing names get a `$N` suffix;
//! `declare global` and `declare module` blocks are kept.

pub mod rename;
pub mod reprint;
pub mod roll_up_items;

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::Arc;

use swc_core::atoms::Atom;
use swc_core::common::comments::{Comments, SingleThreadedComments};
use swc_core::common::sync::Lrc;
use swc_core::common::{SourceMap, Spanned, DUMMY_SP};
use swc_core::ecma::ast::*;
use swc_core::ecma::visit::VisitMutWith;

use crate::diagnostics::{self, Diagnostic};
use crate::dts::dependencies::external::ExternalDeclarations;
pub use crate::dts::emit::analysis::{analyze, Analysis};
pub use crate::dts::emit::analysis::{DeclarationInput, Source};
use crate::dts::emit::analysis::{ExportTarget, ImportBinding};
use crate::dts::rollup::rename::Renamer;
pub use crate::dts::rollup::reprint::PrintedDeclarations;
use crate::dts::rollup::reprint::Reprints;
use crate::dts::rollup::roll_up_items::{
    any_declaration, declaration_statement, export_items, export_specifier, import_items,
};
use crate::dts::type_nodes::is_reserved;

/// Output of `roll_up`.
pub struct RollUp {
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
    /// Declarations whose text the last roll-up's prints gave (see `reprint`).
    pub reprinted: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Symbol {
    Decl(usize, Atom),
    Namespace(usize),
    External(String, Atom),
    ExternalNamespace(String),
}

/// The (module, name) pairs one resolution has passed through, to stop at cycles. Chains are
/// short, so a list beats a hash set (and allocates nothing until the first step).
#[derive(Default)]
pub(crate) struct Visited(Vec<(usize, Atom)>);

impl Visited {
    fn first_visit(&mut self, module: usize, name: &Atom) -> bool {
        if self.0.iter().any(|(m, n)| *m == module && n == name) {
            return false;
        }
        self.0.push((module, name.clone()));
        true
    }
}

pub(crate) struct RollUpState<'a> {
    inputs: &'a [DeclarationInput<'a>],
    cm: &'a Lrc<SourceMap>,
    pub(crate) analyses: Vec<Arc<Analysis>>,
    names: HashMap<Symbol, Atom>,
    taken: HashSet<Atom>,
    queue: VecDeque<Symbol>,
    /// The printed declarations, in order.
    body: Vec<Arc<str>>,
    imports: Vec<(String, ImportSpecifier)>,
    comments: SingleThreadedComments,
    /// Whether a module's comments are in `comments` yet (added when one of its declarations is
    /// first printed).
    comments_added: Vec<bool>,
    pub(crate) reprints: Reprints,
    pub(crate) diagnostics: Vec<Diagnostic>,
    external_stars: Vec<String>,
    /// The dependencies' declarations, to tell which imported functions are generic.
    pub(crate) externals: Option<&'a ExternalDeclarations>,
}

impl<'a> RollUpState<'a> {
    /// What `name`, exported by module `module`, is (following re-exports and `export *`).
    fn resolve_export(&self, module: usize, name: &Atom, seen: &mut Visited) -> Option<Symbol> {
        if !seen.first_visit(module, name) {
            return None;
        }
        let analysis = &self.analyses[module];
        if let Some((_, target)) = analysis
            .export_index
            .get(name)
            .map(|&i| &analysis.exports[i])
        {
            return match target.clone() {
                ExportTarget::Local(local) => self.resolve_local(module, &local, seen),
                ExportTarget::Reexport(Source::Internal(m), orig) => {
                    self.resolve_export(m, &orig, seen)
                }
                ExportTarget::Reexport(Source::External(spec), orig) => {
                    Some(Symbol::External(spec, orig))
                }
                ExportTarget::Namespace(Source::Internal(m)) => Some(Symbol::Namespace(m)),
                ExportTarget::Namespace(Source::External(spec)) => {
                    Some(Symbol::ExternalNamespace(spec))
                }
            };
        }
        if name.as_str() == "default" {
            return None;
        }
        analysis
            .stars
            .iter()
            .find_map(|star| match star {
                Source::Internal(m) => self.resolve_export(*m, name, seen),
                Source::External(_) => None,
            })
            .or_else(|| self.external_star_export(module, name))
    }

    /// A name none of the module's own `export *` chains declares, from the `export * from
    /// 'package'` that exports it (the only one, when the packages cannot be read).
    fn external_star_export(&self, module: usize, name: &Atom) -> Option<Symbol> {
        let external: Vec<&String> = self.analyses[module]
            .stars
            .iter()
            .filter_map(|star| match star {
                Source::External(spec) => Some(spec),
                Source::Internal(_) => None,
            })
            .collect();
        let found = match self.externals {
            Some(externals) => external
                .iter()
                .find(|spec| externals.exports(spec, name))
                .copied(),
            None => None,
        };
        let spec = found.or_else(|| match external[..] {
            [only] => Some(only),
            _ => None,
        })?;
        Some(Symbol::External(spec.clone(), name.clone()))
    }

    /// Whether `name`, exported by `module`, only has a type meaning for importers: somewhere on its
    /// way it passed through `export type { }` or `import type { }` (tsc keeps such a class from
    /// being used as a value).
    fn exported_as_type(&self, module: usize, name: &Atom, seen: &mut Visited) -> bool {
        if !seen.first_visit(module, name) {
            return false;
        }
        let analysis = &self.analyses[module];
        if analysis.type_only_exports.contains(name) {
            return true;
        }
        let Some(&index) = analysis.export_index.get(name) else {
            return analysis.stars.iter().any(|star| match star {
                Source::Internal(m) => {
                    self.resolve_export(*m, name, &mut Visited::default())
                        .is_some()
                        && self.exported_as_type(*m, name, seen)
                }
                Source::External(_) => false,
            });
        };
        match &analysis.exports[index].1 {
            ExportTarget::Local(local) => {
                analysis.type_only_imports.contains(local)
                    || matches!(
                        analysis.imports.get(local),
                        Some(ImportBinding::Named(Source::Internal(m), imported))
                            if self.exported_as_type(*m, imported, seen)
                    )
            }
            ExportTarget::Reexport(Source::Internal(m), orig) => {
                self.exported_as_type(*m, orig, seen)
            }
            _ => false,
        }
    }

    /// What a top-level name used inside module `module` refers to; None for globals.
    pub(crate) fn resolve_local(
        &self,
        module: usize,
        name: &Atom,
        seen: &mut Visited,
    ) -> Option<Symbol> {
        let analysis = &self.analyses[module];
        if name.starts_with(crate::dts::infer::CALL_HELPER) {
            // Every module that uses the overload helper carries a copy; the roll-up keeps one.
            let owner =
                (0..self.analyses.len()).find(|&m| self.analyses[m].locals.contains_key(name));
            if let Some(owner) = owner {
                return Some(Symbol::Decl(owner, name.clone()));
            }
        }
        if analysis.locals.contains_key(name) {
            return Some(Symbol::Decl(module, name.clone()));
        }
        match analysis.imports.get(name)?.clone() {
            ImportBinding::Named(Source::Internal(m), imported) => {
                self.resolve_export(m, &imported, seen)
            }
            ImportBinding::Named(Source::External(spec), imported) => {
                Some(Symbol::External(spec, imported))
            }
            ImportBinding::Namespace(Source::Internal(m)) => Some(Symbol::Namespace(m)),
            ImportBinding::Namespace(Source::External(spec)) => {
                Some(Symbol::ExternalNamespace(spec))
            }
        }
    }

    /// The declarations that bind `local` at the top level of `module`.
    fn declarations_of(&self, module: usize, local: &Atom) -> Vec<&'a Decl> {
        let Some(declarations) = self.inputs[module].declarations else {
            return Vec::new();
        };
        let indices = self.analyses[module]
            .locals
            .get(local)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        indices
            .iter()
            .filter_map(|&index| match &declarations.items[index] {
                ModuleItem::Stmt(Stmt::Decl(decl)) => Some(decl),
                ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(export)) => Some(&export.decl),
                _ => None,
            })
            .collect()
    }

    /// Whether `local` of `module` is a function or class with type parameters.
    pub(crate) fn is_generic(&self, module: usize, local: &Atom) -> bool {
        self.declarations_of(module, local)
            .iter()
            .any(|decl| match decl {
                Decl::Fn(f) => f.function.type_params.is_some(),
                Decl::Class(c) => c.class.type_params.is_some(),
                _ => false,
            })
    }

    /// The source location of a span of one of the modules.
    pub(crate) fn location(
        &self,
        span: swc_core::common::Span,
    ) -> Option<crate::diagnostics::Location> {
        if span.is_dummy() {
            return None;
        }
        let loc = self.cm.lookup_char_pos(span.lo);
        let swc_core::common::FileName::Real(path) = &*loc.file.name else {
            return None;
        };
        let start = (span.lo.0 - loc.file.start_pos.0) as usize;
        let length = (span.hi.0 - span.lo.0) as usize;
        Some(crate::diagnostics::Location::at_offset(
            path,
            loc.file.src.as_str(),
            start,
            length,
        ))
    }

    pub(crate) fn is_enum(&self, module: usize, local: &Atom) -> bool {
        self.declarations_of(module, local)
            .iter()
            .any(|decl| matches!(decl, Decl::TsEnum(_)))
    }

    /// Every name module `module` exports (its own, then those of `export *`, minus `default`).
    fn export_names(&self, module: usize, seen: &mut HashSet<usize>) -> Vec<Atom> {
        if !seen.insert(module) {
            return Vec::new();
        }
        let analysis = &self.analyses[module];
        let mut names: Vec<Atom> = analysis.exports.iter().map(|(n, _)| n.clone()).collect();
        let mut known: HashSet<Atom> = names.iter().cloned().collect();
        for star in &analysis.stars {
            if let Source::Internal(m) = star {
                for name in self.export_names(*m, seen) {
                    if name.as_str() != "default" && known.insert(name.clone()) {
                        names.push(name);
                    }
                }
            }
        }
        names
    }

    fn external_stars(&self, module: usize, seen: &mut HashSet<usize>, out: &mut Vec<String>) {
        if !seen.insert(module) {
            return;
        }
        for star in &self.analyses[module].stars {
            match star {
                Source::Internal(m) => self.external_stars(*m, seen, out),
                Source::External(spec) => {
                    if !out.contains(spec) {
                        out.push(spec.clone());
                    }
                }
            }
        }
    }

    /// The name a symbol has in the roll-up; the first request queues its declaration.
    pub(crate) fn final_name(&mut self, symbol: Symbol, preferred: &Atom) -> Atom {
        if let Some(name) = self.names.get(&symbol) {
            return name.clone();
        }
        let mut candidate = preferred.clone();
        let mut counter = 1;
        while self.taken.contains(&candidate) || is_reserved(&candidate) {
            candidate = format!("{preferred}${counter}").into();
            counter += 1;
        }
        self.taken.insert(candidate.clone());
        self.names.insert(symbol.clone(), candidate.clone());
        self.queue.push_back(symbol);
        candidate
    }

    fn emit_symbol(&mut self, symbol: Symbol) {
        let name = self.names[&symbol].clone();
        match symbol {
            Symbol::Decl(module, local) => self.emit_declaration(module, &local),
            Symbol::Namespace(module) => self.emit_namespace(module, &name),
            Symbol::External(spec, imported) => {
                let local = Ident::new_no_ctxt(name, DUMMY_SP);
                let specifier = if imported.as_str() == "default" {
                    ImportSpecifier::Default(ImportDefaultSpecifier {
                        span: DUMMY_SP,
                        local,
                    })
                } else {
                    ImportSpecifier::Named(ImportNamedSpecifier {
                        span: DUMMY_SP,
                        imported: (imported != local.sym).then(|| {
                            ModuleExportName::Ident(Ident::new_no_ctxt(imported.clone(), DUMMY_SP))
                        }),
                        local,
                        is_type_only: false,
                    })
                };
                self.imports.push((spec, specifier));
            }
            Symbol::ExternalNamespace(spec) => {
                let local = Ident::new_no_ctxt(name, DUMMY_SP);
                self.imports.push((
                    spec,
                    ImportSpecifier::Namespace(ImportStarAsSpecifier {
                        span: DUMMY_SP,
                        local,
                    }),
                ));
            }
        }
    }

    fn emit_declaration(&mut self, module: usize, local: &Atom) {
        let Some(declarations) = self.inputs[module].declarations else {
            self.diagnostics.push(diagnostics::declarations_unavailable(
                self.inputs[module].id,
                local,
            ));
            let name = self.names[&Symbol::Decl(module, local.clone())].clone();
            let text = self.print(vec![any_declaration(name)]);
            self.body.push(text);
            return;
        };
        if let Some((text, diagnostics)) = self.reprint(module, local) {
            self.body.push(text);
            self.diagnostics.extend(diagnostics);
            return;
        }
        self.add_comments(module);
        let diagnostics_before = self.diagnostics.len();
        let indices = self.analyses[module]
            .locals
            .get(local)
            .cloned()
            .unwrap_or_default();
        let mut answers = Vec::new();
        let mut statements = Vec::new();
        for index in indices {
            let original = &declarations.items[index];
            let original_lo = original.span_lo();
            let Some(mut stmt) = declaration_statement(original, local) else {
                continue;
            };
            let mut renamer = Renamer {
                state: self,
                module,
                ctxt: declarations.top_level_ctxt,
                answers: std::mem::take(&mut answers),
            };
            stmt.visit_mut_with(&mut renamer);
            answers = renamer.answers;
            crate::dts::rollup::rename::unshadow_parameters(&mut stmt);
            self.move_comments(original_lo, stmt.span_lo());
            statements.push(ModuleItem::Stmt(stmt));
        }
        let text = self.print(statements);
        if self.reprints.is_kept() {
            let diagnostics = self.diagnostics[diagnostics_before..].to_vec();
            let analysis = self.analyses[module].clone();
            self.reprints
                .keep(&analysis, local, answers, text.clone(), diagnostics);
        }
        self.body.push(text);
    }

    /// Adds a module's comments for printing, the first time one of its declarations is printed.
    fn add_comments(&mut self, module: usize) {
        if std::mem::replace(&mut self.comments_added[module], true) {
            return;
        }
        if let Some(declarations) = self.inputs[module].declarations {
            for (pos, list) in &declarations.comments {
                self.comments.add_leading_comments(*pos, list.clone());
            }
        }
    }

    fn print(&self, items: Vec<ModuleItem>) -> Arc<str> {
        if items.is_empty() {
            return Arc::from("");
        }
        crate::dts::emit::print_declarations(items, &self.comments, self.cm).into()
    }

    fn move_comments(&mut self, from: swc_core::common::BytePos, to: swc_core::common::BytePos) {
        if from == to {
            return;
        }
        if let Some(comments) = self.comments.take_leading(from) {
            self.comments.add_leading_comments(to, comments);
        }
    }

    fn emit_namespace(&mut self, module: usize, name: &Atom) {
        let mut specifiers = Vec::new();
        for exported in self.export_names(module, &mut HashSet::new()) {
            let Some(symbol) = self.resolve_export(module, &exported, &mut Visited::default())
            else {
                continue;
            };
            let local = self.final_name(symbol, &exported);
            let type_only = self.exported_as_type(module, &exported, &mut Visited::default());
            specifiers.push(export_specifier(&local, &exported, type_only));
        }
        let export = ModuleItem::ModuleDecl(ModuleDecl::ExportNamed(NamedExport {
            span: DUMMY_SP,
            specifiers,
            src: None,
            type_only: false,
            with: None,
        }));
        let text = self.print(vec![ModuleItem::Stmt(Stmt::Decl(Decl::TsModule(
            Box::new(TsModuleDecl {
                span: DUMMY_SP,
                declare: true,
                global: false,
                namespace: true,
                id: TsModuleName::Ident(Ident::new_no_ctxt(name.clone(), DUMMY_SP)),
                body: Some(TsNamespaceBody::TsModuleBlock(TsModuleBlock {
                    span: DUMMY_SP,
                    body: vec![export],
                })),
            }),
        )))]);
        self.body.push(text);
    }
}

/// Builds the `.d.ts` for the entry `entry` (an index into `inputs`). `analyses` holds each input's
/// analysis (`analyze`, or reused from an earlier build). `externals`, when given, lets the
/// roll-up warn at calls of the dependencies' generic functions too.
pub fn roll_up(
    inputs: &[DeclarationInput],
    analyses: Vec<Arc<Analysis>>,
    entry: usize,
    cm: &Lrc<SourceMap>,
    externals: Option<&ExternalDeclarations>,
    mut memo: Option<&mut PrintedDeclarations>,
) -> RollUp {
    let mut state = RollUpState {
        inputs,
        cm,
        analyses,
        names: HashMap::new(),
        taken: HashSet::new(),
        queue: VecDeque::new(),
        body: Vec::new(),
        imports: Vec::new(),
        comments: SingleThreadedComments::default(),
        comments_added: vec![false; inputs.len()],
        reprints: Reprints::taking(memo.as_deref_mut()),
        diagnostics: Vec::new(),
        external_stars: Vec::new(),
        externals,
    };
    let (exports, export_assignment) = state.entry_exports(entry);
    let mut stars = Vec::new();
    state.external_stars(entry, &mut HashSet::new(), &mut stars);
    state.external_stars = stars;
    while let Some(symbol) = state.queue.pop_front() {
        state.emit_symbol(symbol);
    }
    state.emit_augmentations();

    let imports = import_items(std::mem::take(&mut state.imports));
    let mut text = String::with_capacity(state.body.iter().map(|t| t.len()).sum::<usize>() + 4096);
    text.push_str(&state.print(imports));
    for chunk in &state.body {
        text.push_str(chunk);
    }
    let exports = export_items(exports, export_assignment, &state.external_stars);
    text.push_str(&state.print(exports));
    // The global `JSX` of React types before 18.2 comes with them only when they are loaded: the
    // roll-up says so, as api-extractor's roll-ups do.
    if uses_global_jsx(&text) {
        text.insert_str(0, "/// <reference types=\"react\" />\n");
    }
    let reprinted = state.reprints.reused;
    state.reprints.store(memo);
    RollUp {
        text,
        diagnostics: state.diagnostics,
        reprinted,
    }
}

impl RollUpState<'_> {
    /// The entry's export list, each name under its final local name (queueing the declarations),
    /// or the name `export =` assigns.
    fn entry_exports(&mut self, entry: usize) -> (Vec<ExportSpecifier>, Option<Atom>) {
        let mut exports = Vec::new();
        let mut export_assignment = None;
        if let Some(assigned) = self.analyses[entry].export_assignment.clone() {
            if let Some(symbol) = self.resolve_local(entry, &assigned, &mut Visited::default()) {
                export_assignment = Some(self.final_name(symbol, &assigned));
            }
        }
        for exported in self.export_names(entry, &mut HashSet::new()) {
            match self.resolve_export(entry, &exported, &mut Visited::default()) {
                Some(symbol) => {
                    let preferred = match &symbol {
                        Symbol::Decl(_, local) if is_reserved(&exported) => local.clone(),
                        _ => exported.clone(),
                    };
                    let local = self.final_name(symbol, &preferred);
                    let type_only =
                        self.exported_as_type(entry, &exported, &mut Visited::default());
                    exports.push(export_specifier(&local, &exported, type_only));
                }
                // A re-export of a declaration `stripInternal` removed is meant to vanish.
                None if stripped_as_internal(self.inputs, &exported) => {}
                None => self.diagnostics.push(diagnostics::export_not_found(
                    self.inputs[entry].id,
                    &exported,
                )),
            }
        }
        (exports, export_assignment)
    }

    /// Global augmentations of every module the entry reaches, after the declarations they may use.
    fn emit_augmentations(&mut self) {
        let inputs = self.inputs;
        for module in 0..inputs.len() {
            let Some(declarations) = inputs[module].declarations else {
                continue;
            };
            for &index in &self.analyses[module].augmentations.clone() {
                if let ModuleItem::Stmt(stmt) = &declarations.items[index] {
                    self.add_comments(module);
                    let mut stmt = stmt.clone();
                    let mut renamer = Renamer {
                        state: self,
                        module,
                        ctxt: declarations.top_level_ctxt,
                        answers: Vec::new(),
                    };
                    stmt.visit_mut_with(&mut renamer);
                    crate::dts::rollup::rename::unshadow_parameters(&mut stmt);
                    let text = self.print(vec![ModuleItem::Stmt(stmt)]);
                    self.body.push(text);
                    while let Some(symbol) = self.queue.pop_front() {
                        self.emit_symbol(symbol);
                    }
                }
            }
        }
    }
}

/// Whether declarations name the global `JSX` namespace (`JSX.Element`, not `React.JSX.Element` or
/// `import("react").JSX.Element`), outside comments.
fn uses_global_jsx(text: &str) -> bool {
    let mut in_block_comment = false;
    for line in text.lines() {
        let mut rest = line;
        loop {
            if in_block_comment {
                match rest.find("*/") {
                    Some(end) => {
                        rest = &rest[end + 2..];
                        in_block_comment = false;
                    }
                    None => break,
                }
            }
            let code_end = [rest.find("/*"), rest.find("//")]
                .into_iter()
                .flatten()
                .min()
                .unwrap_or(rest.len());
            let code = &rest[..code_end];
            let global = code.match_indices("JSX.").any(|(at, _)| {
                !code[..at]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c == '.' || c == '_' || c == '$' || c.is_alphanumeric())
            });
            if global {
                return true;
            }
            if rest[code_end..].starts_with("/*") {
                in_block_comment = true;
                rest = &rest[code_end + 2..];
                continue;
            }
            break;
        }
    }
    false
}

/// Whether a module of the roll-up declared `name` with an `@internal` annotation that
/// `stripInternal` removed.
fn stripped_as_internal(inputs: &[DeclarationInput<'_>], name: &Atom) -> bool {
    inputs.iter().any(|input| {
        input
            .declarations
            .is_some_and(|declarations| declarations.internal_names.contains(name))
    })
}
