//! Per-module declarations: the resolved TypeScript AST, annotated where tsc would infer
//! (`infer.rs`), through swc's isolated-declarations emitter (`fast_dts`). Runs on the same parse as
//! the JavaScript.

use std::path::Path;
use std::sync::Arc;

use swc_core::common::comments::{Comment, CommentKind, SingleThreadedComments};
use swc_core::common::{BytePos, FileName, Mark, SourceFile, Span, SyntaxContext};
use swc_core::ecma::ast::{ModuleDecl, ModuleItem, Program, TsImportType};
use swc_core::ecma::visit::{Visit, VisitWith};
use swc_core::typescript::fast_dts::{FastDts, FastDtsOptions};

use super::infer;
use crate::diagnostics::{self, Diagnostic, Location};

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
}

pub struct EmitSettings {
    pub strip_internal: bool,
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
    if let Program::Module(module) = &mut program {
        infer::annotate_module(module);
    }
    let internal_annotations = settings
        .strip_internal
        .then(|| FastDts::get_internal_annotations(comments));
    let mut emitter = FastDts::new(
        Arc::new(FileName::Real(path.to_path_buf())),
        unresolved_mark,
        FastDtsOptions {
            internal_annotations,
        },
    );
    let issues = emitter.transform(&mut program);
    let warnings = issues
        .into_iter()
        .map(|issue| {
            let span = issue.range.span;
            let start = span.lo.0.saturating_sub(fm.start_pos.0) as usize;
            let length = span.hi.0.saturating_sub(span.lo.0) as usize;
            let location = Location::at_offset(path, fm.src.as_str(), start, length);
            diagnostics::uninferable_declaration(location, &issue.message)
        })
        .collect();
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
        warnings,
    }
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
