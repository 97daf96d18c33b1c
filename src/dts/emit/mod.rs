//! Per-module declarations: the resolved TypeScript AST, annotated where tsc would infer
//! (`dts::infer`), through swc's isolated-declarations emitter (`fast_dts`). Runs on the same parse as
//! the JavaScript.

pub mod analysis;
pub mod annotate;
mod class_dependencies;
mod expandos;
pub mod jsdoc;
pub mod json_module;
mod print;
mod relative_imports;

pub use print::{print_declarations, print_module_declarations};

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use swc_core::atoms::Atom;
use swc_core::common::comments::{Comment, CommentKind, SingleThreadedComments};
use swc_core::common::sync::Lrc;
use swc_core::common::util::take::Take;
use swc_core::common::{
    BytePos, FileName, Mark, SourceFile, SourceMap, Span, Spanned, SyntaxContext, DUMMY_SP,
};
use swc_core::ecma::ast::{
    Accessibility, AutoAccessor, ClassMethod, ClassProp, Decl, EsVersion, ExportDecl, Expr, FnDecl,
    MethodKind, Module, ModuleDecl, ModuleItem, Pat, Program, Stmt, TsEntityName, TsImportType,
    TsKeywordType, TsKeywordTypeKind, TsModuleName, TsType, TsTypeAnn, VarDeclarator,
};
use swc_core::ecma::ast::{
    IdentName, KeyValueProp, Lit, Prop, PropName, TsInterfaceBody, TsPropertySignature,
    TsTypeElement, TsTypeLit, TsTypeOperatorOp,
};
use swc_core::ecma::parser::{parse_file_as_module, Syntax, TsSyntax};
use swc_core::ecma::visit::{Visit, VisitMut, VisitMutWith, VisitWith};
use swc_core::typescript::fast_dts::{FastDts, FastDtsOptions};

use crate::diagnostics::{self, Diagnostic, Location};
use crate::dts::dependencies::DependencyTypes;
use crate::dts::infer;

/// One module's declarations, ready for the roll-up.
pub struct ModuleDeclarations {
    pub items: Vec<ModuleItem>,
    /// The syntax context of the module's top-level bindings (from swc's resolver).
    pub top_level_ctxt: SyntaxContext,
    /// JSDoc comments by position, for the declarations that carry them.
    pub comments: Vec<(BytePos, Vec<Comment>)>,
    /// Module specifiers the declarations import from (`import`, `export from`, `import("x")`).
    pub specifiers: Vec<(String, Span)>,
    pub warnings: Vec<Diagnostic>,
    /// Top-level names whose declarations `stripInternal` removed (JSDoc `@internal`): a re-export
    /// of one is left out of the roll-up on purpose.
    pub internal_names: Vec<Atom>,
    /// The files inference read types from (JSON modules, the package's other modules), with the
    /// hash of their bytes then (`infer::json_types::input_hash`): the declarations are stale
    /// when one changes.
    pub read_inputs: Vec<(PathBuf, u64)>,
}

pub struct EmitSettings {
    pub strip_internal: bool,
    pub dependency_types: Arc<DependencyTypes>,
}

pub fn emit_declarations(
    mut program: Program,
    fm: &SourceFile,
    path: &Path,
    comments: &SingleThreadedComments,
    unresolved_mark: Mark,
    top_level_mark: Mark,
    settings: &EmitSettings,
) -> ModuleDeclarations {
    let is_javascript = !matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("ts" | "tsx" | "mts" | "cts")
    );
    if let (true, Program::Module(module)) = (is_javascript, &mut program) {
        crate::dts::emit::jsdoc::annotate_javascript(module, comments);
    }
    let mut read_inputs = Vec::new();
    if let Program::Module(module) = &mut program {
        keep_export_assignment_target(module);
        read_inputs = crate::dts::emit::annotate::annotate_module(
            module,
            SyntaxContext::empty().apply_mark(top_level_mark),
            SyntaxContext::empty().apply_mark(unresolved_mark),
            path.parent()
                .map(|dir| (settings.dependency_types.clone(), dir)),
        );
    }
    let internal_annotations = settings
        .strip_internal
        .then(|| FastDts::get_internal_annotations(comments));
    let internal_names = match (&internal_annotations, &program) {
        (Some(annotated), Program::Module(module)) => internal_declaration_names(module, annotated),
        _ => Vec::new(),
    };
    let mut emitter = FastDts::new(
        Arc::new(FileName::Real(path.to_path_buf())),
        unresolved_mark,
        FastDtsOptions {
            internal_annotations,
        },
    );
    let (type_only_lists, unbindable_keys) = match &mut program {
        Program::Module(module) => (
            unmark_type_only_export_lists(module),
            unbindable_key_constants(module),
        ),
        _ => Default::default(),
    };
    program.visit_mut_with(&mut ExpandShorthand);
    if let Program::Module(module) = &mut program {
        class_dependencies::add_markers(module);
    }
    let issues = emitter.transform(&mut program);
    if let Program::Module(module) = &mut program {
        class_dependencies::remove_markers(module);
        remark_type_only_export_lists(module, &type_only_lists);
        if !unbindable_keys.is_empty() {
            module.visit_mut_with(&mut UnbindableKeyRemover(unbindable_keys));
        }
    }
    program.visit_mut_with(&mut FillAny);
    program.visit_mut_with(&mut PrintedInitializers);
    if let Program::Module(module) = &mut program {
        if uses_call_helper(&module.body) {
            module.body.extend(call_helper_items().iter().cloned());
        }
    }
    let warnings = issues
        .into_iter()
        .filter(|issue| !is_declaration_as_tsc_writes_it(&issue.message))
        .map(|issue| {
            let span = issue.range.span;
            let start = span.lo.0.saturating_sub(fm.start_pos.0) as usize;
            let length = span.hi.0.saturating_sub(span.lo.0) as usize;
            let location = Location::at_offset(path, fm.src.as_str(), start, length);
            diagnostics::uninferable_declaration(location, &issue.message)
        })
        .collect();
    let mut declarations = declaration_file(program, comments, top_level_mark);
    declarations.warnings = warnings;
    declarations.internal_names = internal_names;
    declarations.read_inputs = read_inputs;
    declarations
}

/// fast_dts issues after which the declaration is still what tsc writes, so nothing degraded: an
/// optional parameter property keeps its written type (`indexBy?: K`, which tsc prints as
/// `K | undefined`: the same type without `exactOptionalPropertyTypes`), and a computed enum member
/// is printed without its initializer, as tsc prints it.
fn is_declaration_as_tsc_writes_it(message: &str) -> bool {
    message.contains("Declaration emit for this parameter requires implicitly adding undefined")
        || message.contains("Enum member initializers must be computable")
}

/// The names of the module's top-level declarations that carry an `@internal` annotation
/// (`annotated` holds the positions of such comments, as fast_dts reads them).
fn internal_declaration_names(
    module: &Module,
    annotated: &rustc_hash::FxHashSet<BytePos>,
) -> Vec<Atom> {
    let mut names = Vec::new();
    for item in &module.body {
        let (span_lo, decl) = match item {
            ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(export)) => {
                (export.span.lo, &export.decl)
            }
            ModuleItem::Stmt(Stmt::Decl(decl)) => (decl.span().lo, decl),
            _ => continue,
        };
        if !annotated.contains(&span_lo) {
            continue;
        }
        names.extend(crate::dts::emit::analysis::decl_names(decl));
    }
    names
}

#[derive(Default)]
struct SpecifierCollector {
    found: Vec<(String, Span)>,
}

impl Visit for SpecifierCollector {
    fn visit_module_decl(&mut self, n: &ModuleDecl) {
        let source = match n {
            ModuleDecl::Import(import) => Some(&import.src),
            ModuleDecl::ExportAll(export) => Some(&export.src),
            ModuleDecl::ExportNamed(export) => export.src.as_ref(),
            _ => None,
        };
        if let Some(source) = source {
            self.found
                .push((source.value.to_string_lossy().into_owned(), source.span));
        }
        n.visit_children_with(self);
    }

    fn visit_ts_import_type(&mut self, n: &TsImportType) {
        self.found
            .push((n.arg.value.to_string_lossy().into_owned(), n.arg.span));
        n.visit_children_with(self);
    }
}

/// A hand-written `.d.ts` module: its items are already declarations.
pub fn declaration_file(
    program: Program,
    comments: &SingleThreadedComments,
    top_level_mark: Mark,
) -> ModuleDeclarations {
    let items = match program {
        Program::Module(module) => module.body,
        Program::Script(script) => script.body.into_iter().map(ModuleItem::Stmt).collect(),
        #[allow(unreachable_patterns)]
        _ => Vec::new(),
    };
    let mut specifiers = SpecifierCollector::default();
    for item in &items {
        item.visit_with(&mut specifiers);
    }
    ModuleDeclarations {
        items,
        top_level_ctxt: SyntaxContext::empty().apply_mark(top_level_mark),
        comments: jsdoc_comments(comments),
        specifiers: specifiers.found,
        warnings: Vec::new(),
        internal_names: Vec::new(),
        read_inputs: Vec::new(),
    }
}

fn jsdoc_comments(comments: &SingleThreadedComments) -> Vec<(BytePos, Vec<Comment>)> {
    let (leading, _) = comments.borrow_all();
    leading
        .iter()
        .filter_map(|(pos, list)| {
            let docs: Vec<Comment> = list
                .iter()
                .filter(|c| c.kind == CommentKind::Block && c.text.starts_with('*'))
                .cloned()
                .collect();
            (!docs.is_empty()).then_some((*pos, docs))
        })
        .collect()
}

/// Whether the declarations refer to the overload helper type.
fn uses_call_helper(items: &[ModuleItem]) -> bool {
    struct Finder(bool);
    impl Visit for Finder {
        fn visit_ts_entity_name(&mut self, n: &TsEntityName) {
            if let TsEntityName::Ident(ident) = n {
                self.0 |= &*ident.sym == infer::CALL_HELPER;
            }
            n.visit_children_with(self);
        }
    }
    let mut finder = Finder(false);
    for item in items {
        item.visit_with(&mut finder);
    }
    finder.0
}

/// The helper's declarations, parsed once, with spans removed so they cannot pick up comments.
fn call_helper_items() -> &'static [ModuleItem] {
    static ITEMS: OnceLock<Vec<ModuleItem>> = OnceLock::new();
    ITEMS.get_or_init(|| {
        let cm = SourceMap::default();
        let fm = cm.new_source_file(
            Lrc::new(FileName::Anon),
            infer::CALL_HELPER_SOURCE.to_string(),
        );
        let mut errors = Vec::new();
        let module = parse_file_as_module(
            &fm,
            Syntax::Typescript(TsSyntax::default()),
            EsVersion::EsNext,
            None,
            &mut errors,
        );
        match module {
            Ok(mut module) => {
                module.visit_mut_with(&mut DropSpans);
                module.body
            }
            Err(_) => Vec::new(),
        }
    })
}

struct DropSpans;

impl VisitMut for DropSpans {
    fn visit_mut_span(&mut self, span: &mut Span) {
        *span = DUMMY_SP;
    }
}

/// The emitter leaves a shorthand property (`{ flag }`) out of the object type it infers, with a
/// warning that says `any`: a type without the member. Written `flag: flag`, the member is kept,
/// typed `any` when its value cannot be inferred (with the same kind of warning).
struct ExpandShorthand;

impl VisitMut for ExpandShorthand {
    fn visit_mut_prop(&mut self, n: &mut Prop) {
        n.visit_mut_children_with(self);
        if let Prop::Shorthand(ident) = n {
            *n = Prop::KeyValue(KeyValueProp {
                key: PropName::Ident(IdentName::new(ident.sym.clone(), ident.span)),
                value: Box::new(Expr::Ident(ident.clone())),
            });
        }
    }
}

/// A `declare const` initializer is printed from the value tsc computed, not from
/// the source text: a string in double quotes (`= "pagerduty.com/service-id"`), as API reports
/// show it.
struct PrintedInitializers;

impl VisitMut for PrintedInitializers {
    fn visit_mut_var_declarator(&mut self, n: &mut VarDeclarator) {
        if let Some(Expr::Lit(Lit::Str(text))) = n.init.as_deref_mut() {
            text.raw = None;
        }
    }
}

/// Where neither the source nor the inference gives a type, the emitter leaves none; under `strict`
/// that is an implicit-any error in the consumer's compilation. Write the `any` out (the warning for
/// it was already given).
struct FillAny;

fn any_annotation() -> Option<Box<TsTypeAnn>> {
    Some(crate::dts::type_nodes::type_ann(Box::new(
        TsType::TsKeywordType(TsKeywordType {
            span: DUMMY_SP,
            kind: TsKeywordTypeKind::TsAnyKeyword,
        }),
    )))
}

impl VisitMut for FillAny {
    fn visit_mut_class_method(&mut self, n: &mut ClassMethod) {
        n.visit_mut_children_with(self);
        let private = n.accessibility == Some(Accessibility::Private);
        if !private && n.kind != MethodKind::Setter && n.function.return_type.is_none() {
            n.function.return_type = any_annotation();
        }
    }

    fn visit_mut_class_prop(&mut self, n: &mut ClassProp) {
        if n.accessibility != Some(Accessibility::Private)
            && n.type_ann.is_none()
            && n.value.is_none()
        {
            n.type_ann = any_annotation();
        }
    }

    fn visit_mut_auto_accessor(&mut self, n: &mut AutoAccessor) {
        if n.type_ann.is_none() {
            n.type_ann = any_annotation();
        }
    }

    fn visit_mut_fn_decl(&mut self, n: &mut FnDecl) {
        n.visit_mut_children_with(self);
        if n.function.return_type.is_none() {
            n.function.return_type = any_annotation();
        }
    }

    /// A member of an object type inferred from a literal (`return { a: f() }`) whose value has no
    /// type the emitter can write.
    fn visit_mut_ts_property_signature(&mut self, n: &mut TsPropertySignature) {
        n.visit_mut_children_with(self);
        if n.type_ann.is_none() {
            n.type_ann = any_annotation();
        }
    }

    fn visit_mut_var_declarator(&mut self, n: &mut VarDeclarator) {
        // The type may hold members without one (`const f: () => { a; }`).
        n.visit_mut_children_with(self);
        if let Pat::Ident(binding) = &mut n.name {
            if binding.type_ann.is_none() && n.init.is_none() {
                binding.type_ann = any_annotation();
            }
        }
    }
}

/// The emitter drops the declarations that `export = name` refers to as unused; exporting them
/// keeps them (the roll-up emits only the `export =` for such a module).
/// `fast_dts` follows `export type { C }` only into C's type meaning, so a class or enum exported that
/// way keeps its declaration but loses the imports and local types its members refer to. The lists
/// are treated as value exports while it runs (their spans are returned) and marked type-only again
/// afterwards.
fn unmark_type_only_export_lists(module: &mut Module) -> Vec<Span> {
    let mut spans = Vec::new();
    for item in module.body.iter_mut() {
        if let ModuleItem::ModuleDecl(ModuleDecl::ExportNamed(export)) = item {
            if export.type_only && export.src.is_none() {
                export.type_only = false;
                spans.push(export.span);
            }
        }
    }
    spans
}

fn remark_type_only_export_lists(module: &mut Module, spans: &[Span]) {
    if spans.is_empty() {
        return;
    }
    for item in module.body.iter_mut() {
        if let ModuleItem::ModuleDecl(ModuleDecl::ExportNamed(export)) = item {
            if export.src.is_none() && spans.contains(&export.span) {
                export.type_only = true;
            }
        }
    }
}

/// A member of a type literal or interface whose computed key names one of the module's constants
/// with a type that is neither a literal nor a `unique symbol` (`const k = 'k' as 'k' & Brand`) is
/// not a property tsc can name: tsc's declarations leave it out, and a `.d.ts` that kept it would not
/// type-check (TS1170). Constants whose type is not written down here are kept. Collected before the
/// emitter runs (it may remove an `@internal` constant while the member that uses it stays).
fn unbindable_key_constants(module: &Module) -> std::collections::HashSet<swc_core::atoms::Atom> {
    let mut unbindable = std::collections::HashSet::new();
    for declarator in crate::dts::emit::analysis::top_level_consts(module) {
        let Pat::Ident(binding) = &declarator.name else {
            continue;
        };
        let Some(ann) = &binding.type_ann else {
            continue;
        };
        let bindable = match &*ann.type_ann {
            TsType::TsLitType(_) | TsType::TsTypeQuery(_) | TsType::TsTypeRef(_) => true,
            TsType::TsTypeOperator(op) => op.op == TsTypeOperatorOp::Unique,
            _ => false,
        };
        if !bindable {
            unbindable.insert(binding.id.sym.clone());
        }
    }
    unbindable
}

struct UnbindableKeyRemover(std::collections::HashSet<swc_core::atoms::Atom>);

impl UnbindableKeyRemover {
    fn keeps(&self, member: &TsTypeElement) -> bool {
        let (computed, key) = match member {
            TsTypeElement::TsPropertySignature(p) => (p.computed, &p.key),
            TsTypeElement::TsMethodSignature(m) => (m.computed, &m.key),
            TsTypeElement::TsGetterSignature(g) => (g.computed, &g.key),
            TsTypeElement::TsSetterSignature(s) => (s.computed, &s.key),
            _ => return true,
        };
        !(computed && matches!(&**key, Expr::Ident(ident) if self.0.contains(&ident.sym)))
    }
}

impl VisitMut for UnbindableKeyRemover {
    fn visit_mut_ts_type_lit(&mut self, n: &mut TsTypeLit) {
        n.members.retain(|member| self.keeps(member));
        n.visit_mut_children_with(self);
    }

    fn visit_mut_ts_interface_body(&mut self, n: &mut TsInterfaceBody) {
        n.body.retain(|member| self.keeps(member));
        n.visit_mut_children_with(self);
    }
}

fn keep_export_assignment_target(module: &mut Module) {
    let target = module.body.iter().find_map(|item| match item {
        ModuleItem::ModuleDecl(ModuleDecl::TsExportAssignment(assignment)) => {
            match &*assignment.expr {
                Expr::Ident(ident) => Some(ident.sym.clone()),
                _ => None,
            }
        }
        _ => None,
    });
    let Some(target) = target else { return };
    for item in module.body.iter_mut() {
        let named = match item {
            ModuleItem::Stmt(Stmt::Decl(Decl::Fn(f))) => f.ident.sym == target,
            ModuleItem::Stmt(Stmt::Decl(Decl::Class(c))) => c.ident.sym == target,
            ModuleItem::Stmt(Stmt::Decl(Decl::TsModule(m))) => {
                matches!(&m.id, TsModuleName::Ident(ident) if ident.sym == target)
            }
            ModuleItem::Stmt(Stmt::Decl(Decl::Var(v))) => v
                .decls
                .iter()
                .any(|d| d.name.as_ident().is_some_and(|b| b.id.sym == target)),
            _ => false,
        };
        if !named {
            continue;
        }
        let ModuleItem::Stmt(Stmt::Decl(decl)) = std::mem::replace(item, ModuleItem::dummy())
        else {
            continue;
        };
        *item = ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(ExportDecl {
            span: decl.span(),
            decl,
        }));
    }
}
