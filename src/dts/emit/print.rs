//! Printing declarations as tsc writes a `.d.ts`: JSDoc on their own lines, `export {};` where a
//! file needs it to stay a module, widened enum members resolved.

use swc_core::common::comments::Comments;
use swc_core::common::comments::SingleThreadedComments;
use swc_core::common::sync::Lrc;
use swc_core::common::{SourceMap, DUMMY_SP};
use swc_core::ecma::ast::{
    Decl, EsVersion, ExportDecl, Module, ModuleDecl, ModuleItem, Stmt, TsEntityName, TsType,
};
use swc_core::ecma::ast::{TsTypeQuery, TsTypeQueryExpr, TsTypeRef};
use swc_core::ecma::codegen::{text_writer::JsWriter, Emitter};
use swc_core::ecma::visit::{VisitMut, VisitMutWith};

use crate::dts::infer;

use crate::dts::emit::ModuleDeclarations;

/// Prints declarations as a `.d.ts` file (with the JSDoc `comments` holds), ending in a newline.
pub fn print_declarations(
    items: Vec<ModuleItem>,
    comments: &SingleThreadedComments,
    cm: &Lrc<SourceMap>,
) -> String {
    let module = Module {
        span: DUMMY_SP,
        body: items,
        shebang: None,
    };
    // Without comments the printer need not look for some at every node.
    let has_comments = {
        let (leading, trailing) = comments.borrow_all();
        !leading.is_empty() || !trailing.is_empty()
    };
    let mut buffer = Vec::with_capacity(4096);
    {
        let writer = JsWriter::new(cm.clone(), "\n", &mut buffer, None);
        let mut emitter = Emitter {
            cfg: swc_core::ecma::codegen::Config::default().with_target(EsVersion::EsNext),
            cm: cm.clone(),
            comments: has_comments.then_some(comments),
            wr: writer,
        };
        // Writing into a Vec cannot fail.
        let _ = emitter.emit_module(&module);
    }
    let printed = String::from_utf8(buffer)
        .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned());
    let mut text = if printed.contains("/**") {
        doc_comments_on_their_own_lines(&printed)
    } else {
        printed
    };
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

/// One module's declarations as its own `.d.ts` file (what `plugbuild tsc` writes per source file).
pub fn print_module_declarations(declarations: ModuleDeclarations, cm: &Lrc<SourceMap>) -> String {
    let comments = SingleThreadedComments::default();
    for (pos, list) in declarations.comments {
        comments.add_leading_comments(pos, list);
    }
    let mut items = declarations.items;
    let enums = local_enums(&items);
    for item in items.iter_mut() {
        item.visit_mut_with(&mut ResolveWiden { enums: &enums });
    }
    // An empty `export {}` is printed as tsc writes it, at the end, when the module needs one.
    let had_marker = items.iter().any(is_empty_export);
    items.retain(|item| !is_empty_export(item));
    let scope_marker = had_marker || items.is_empty() || needs_scope_marker(&items);
    let mut text = print_declarations(items, &comments, cm);
    if scope_marker {
        // As tsc writes it (swc's printer would write `export { };`).
        text.push_str("export {};\n");
    }
    text
}

fn is_empty_export(item: &ModuleItem) -> bool {
    matches!(item, ModuleItem::ModuleDecl(ModuleDecl::ExportNamed(named))
        if named.specifiers.is_empty() && named.src.is_none())
}

/// tsc's rule for ending a module's `.d.ts` with `export {};`: in a declaration file, a module whose
/// statements include no export list, `export *` or export assignment exports every top-level
/// declaration, so a file that declares a local (an interface it does not export, the call
/// helper types) needs the empty export list to keep its locals local.
fn needs_scope_marker(items: &[ModuleItem]) -> bool {
    let is_module = items
        .iter()
        .any(|item| matches!(item, ModuleItem::ModuleDecl(_)));
    let has_scope_marker = items.iter().any(|item| {
        matches!(
            item,
            ModuleItem::ModuleDecl(
                ModuleDecl::ExportNamed(_)
                    | ModuleDecl::ExportAll(_)
                    | ModuleDecl::ExportDefaultExpr(_)
                    | ModuleDecl::TsExportAssignment(_)
            )
        )
    });
    let has_local = items.iter().any(|item| match item {
        // `declare global` and `declare module "x"` augment other scopes; they are not locals.
        ModuleItem::Stmt(Stmt::Decl(decl)) => !crate::dts::emit::analysis::is_augmentation(decl),
        ModuleItem::Stmt(_) => true,
        ModuleItem::ModuleDecl(_) => false,
    });
    is_module && has_local && !has_scope_marker
}

/// swc's printer puts a block comment and the declaration after it on one line; a `.d.ts` reads
/// better (and like tsc's) with the JSDoc above the declaration, at its indentation.
fn doc_comments_on_their_own_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut indent: Option<String> = None;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if indent.is_none() && trimmed.starts_with("/**") {
            indent = Some(line[..line.len() - trimmed.len()].to_string());
        }
        match (&indent, line.find("*/ ")) {
            (Some(prefix), Some(end)) if !line[end + 3..].trim().is_empty() => {
                out.push_str(&line[..end + 2]);
                out.push('\n');
                out.push_str(prefix);
                out.push_str(&line[end + 3..]);
                indent = None;
            }
            (Some(_), Some(_)) => {
                out.push_str(line);
                indent = None;
            }
            _ => out.push_str(line),
        }
    }
    out
}

fn local_enums(items: &[ModuleItem]) -> Vec<swc_core::atoms::Atom> {
    items
        .iter()
        .filter_map(|item| match item {
            ModuleItem::Stmt(Stmt::Decl(Decl::TsEnum(e))) => Some(e.id.sym.clone()),
            ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(ExportDecl {
                decl: Decl::TsEnum(e),
                ..
            })) => Some(e.id.sym.clone()),
            _ => None,
        })
        .collect()
}

/// In a file of its own, `__PlugbuildWiden<typeof E.M>` becomes `E` for an enum of the same file and
/// `typeof E.M` otherwise (the roll-up also sees enums of other modules).
struct ResolveWiden<'a> {
    enums: &'a [swc_core::atoms::Atom],
}

impl VisitMut for ResolveWiden<'_> {
    fn visit_mut_ts_type(&mut self, n: &mut TsType) {
        n.visit_mut_children_with(self);
        let TsType::TsTypeRef(reference) = n else {
            return;
        };
        let TsEntityName::Ident(name) = &reference.type_name else {
            return;
        };
        if &*name.sym != infer::WIDEN_HELPER {
            return;
        }
        let Some(query) = reference
            .type_params
            .as_ref()
            .and_then(|p| p.params.first())
            .cloned()
        else {
            return;
        };
        let container = match &*query {
            TsType::TsTypeQuery(TsTypeQuery {
                expr_name: TsTypeQueryExpr::TsEntityName(TsEntityName::TsQualifiedName(qualified)),
                ..
            }) => match &qualified.left {
                TsEntityName::Ident(container) if self.enums.contains(&container.sym) => {
                    Some(container.clone())
                }
                _ => None,
            },
            _ => None,
        };
        *n = match container {
            Some(container) => TsType::TsTypeRef(TsTypeRef {
                span: DUMMY_SP,
                type_name: TsEntityName::Ident(container),
                type_params: None,
            }),
            None => *query,
        };
    }
}
