//! Declarations for JavaScript modules (`allowJs`), the way tsc reads them: `exports.name = ...`
//! assignments become exports, and JSDoc `@param {T} name` / `@returns {T}` give the types.
//! Parameters without a JSDoc type are `any`, as in tsc.

use swc_core::common::comments::{Comments, SingleThreadedComments};
use swc_core::common::{BytePos, Spanned, DUMMY_SP};
use swc_core::ecma::ast::*;

use crate::dts::type_nodes::type_ann;

/// Rewrites the module in place: CommonJS exports to ES exports, JSDoc types to annotations.
pub fn annotate_javascript(module: &mut Module, comments: &SingleThreadedComments) {
    for item in module.body.iter_mut() {
        let lo = item.span_lo();
        if let Some(export) = commonjs_export(item) {
            *item = export;
        }
        let docs = jsdoc_at(comments, lo);
        match item {
            ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(ExportDecl {
                decl: Decl::Fn(f),
                ..
            }))
            | ModuleItem::Stmt(Stmt::Decl(Decl::Fn(f))) => {
                annotate_function(&mut f.function, &docs)
            }
            ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(ExportDecl {
                decl: Decl::Var(var),
                ..
            }))
            | ModuleItem::Stmt(Stmt::Decl(Decl::Var(var))) => {
                for declarator in var.decls.iter_mut() {
                    match declarator.init.as_deref_mut() {
                        Some(Expr::Fn(f)) => annotate_function(&mut f.function, &docs),
                        Some(Expr::Arrow(arrow)) => annotate_arrow(arrow, &docs),
                        _ => {
                            if let (Pat::Ident(binding), Some(ty)) =
                                (&mut declarator.name, docs.type_tag.clone())
                            {
                                binding.type_ann = Some(type_ann(ty));
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// `exports.name = <value>` / `module.exports.name = <value>` as `export function name` (for a
/// function) or `export const name = <value>`.
fn commonjs_export(item: &ModuleItem) -> Option<ModuleItem> {
    let ModuleItem::Stmt(Stmt::Expr(ExprStmt { expr, span })) = item else {
        return None;
    };
    let Expr::Assign(assign) = &**expr else {
        return None;
    };
    let SimpleAssignTarget::Member(target) = assign.left.as_simple()? else {
        return None;
    };
    let MemberProp::Ident(name) = &target.prop else {
        return None;
    };
    let is_exports = match &*target.obj {
        Expr::Ident(obj) => &*obj.sym == "exports",
        Expr::Member(inner) => {
            matches!(&*inner.obj, Expr::Ident(m) if &*m.sym == "module")
                && matches!(&inner.prop, MemberProp::Ident(p) if &*p.sym == "exports")
        }
        _ => false,
    };
    if !is_exports {
        return None;
    }
    let ident = Ident::new_no_ctxt(name.sym.clone(), name.span);
    let decl = match &*assign.right {
        Expr::Fn(f) => Decl::Fn(FnDecl {
            ident,
            declare: false,
            function: f.function.clone(),
        }),
        value => Decl::Var(Box::new(VarDecl {
            span: *span,
            kind: VarDeclKind::Const,
            decls: vec![VarDeclarator {
                span: *span,
                name: Pat::Ident(BindingIdent::from(ident)),
                init: Some(Box::new(value.clone())),
                definite: false,
            }],
            ..Default::default()
        })),
    };
    Some(ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(ExportDecl {
        span: *span,
        decl,
    })))
}

#[derive(Default, Clone)]
struct JsDoc {
    params: Vec<(String, Box<TsType>, bool)>,
    returns: Option<Box<TsType>>,
    type_tag: Option<Box<TsType>>,
}

fn jsdoc_at(comments: &SingleThreadedComments, pos: BytePos) -> JsDoc {
    let mut doc = JsDoc::default();
    let Some(list) = comments.get_leading(pos) else {
        return doc;
    };
    let Some(comment) = list.iter().rev().find(|c| c.text.starts_with('*')) else {
        return doc;
    };
    for line in comment.text.lines() {
        let line = line.trim().trim_start_matches('*').trim();
        let (tag, rest) = match line.split_once(char::is_whitespace) {
            Some((tag, rest)) => (tag, rest.trim()),
            None => continue,
        };
        let Some((type_text, after)) = braced(rest) else {
            continue;
        };
        let Some(ty) = parse_type(type_text) else {
            continue;
        };
        match tag {
            "@param" | "@arg" | "@argument" => {
                let name = after.split_whitespace().next().unwrap_or("");
                let optional = name.starts_with('[') || type_text.ends_with('=');
                let name = name
                    .trim_start_matches('[')
                    .split(['=', ']'])
                    .next()
                    .unwrap_or("")
                    .to_string();
                doc.params.push((name, ty, optional));
            }
            "@returns" | "@return" => doc.returns = Some(ty),
            "@type" => doc.type_tag = Some(ty),
            _ => {}
        }
    }
    doc
}

/// `{T} rest` -> (`T`, `rest`), with nested braces inside `T`.
fn braced(text: &str) -> Option<(&str, &str)> {
    let inner = text.strip_prefix('{')?;
    let mut depth = 1;
    for (index, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some((&inner[..index], inner[index + 1..].trim()));
                }
            }
            _ => {}
        }
    }
    None
}

/// A JSDoc type as a TypeScript type: `*` is `any`, `?T` is `T | null`, `T=` is `T`.
fn parse_type(text: &str) -> Option<Box<TsType>> {
    let text = text.trim().trim_end_matches('=');
    let source = match text {
        "*" => "any".to_string(),
        nullable if nullable.starts_with('?') => format!("{} | null", &nullable[1..]),
        other => other.to_string(),
    };
    crate::dts::infer::type_templates::parse_type_text(&source)
}

fn any() -> Box<TsType> {
    Box::new(TsType::TsKeywordType(TsKeywordType {
        span: DUMMY_SP,
        kind: TsKeywordTypeKind::TsAnyKeyword,
    }))
}

fn annotate_pattern(pat: &mut Pat, doc: &JsDoc) {
    let (binding, optional_default) = match pat {
        Pat::Ident(binding) => (binding, false),
        Pat::Assign(assign) => match &mut *assign.left {
            Pat::Ident(binding) => (binding, true),
            _ => return,
        },
        _ => return,
    };
    if binding.type_ann.is_some() {
        return;
    }
    let documented = doc
        .params
        .iter()
        .find(|(name, _, _)| *name == *binding.id.sym);
    if let Some((_, _, true)) = documented {
        if !optional_default {
            binding.id.optional = true;
        }
    }
    match documented {
        Some((_, ty, _)) => binding.type_ann = Some(type_ann(ty.clone())),
        // A default value gives the type (the inference pass reads it), as in tsc.
        None if optional_default => {}
        None => binding.type_ann = Some(type_ann(any())),
    }
}

fn annotate_function(function: &mut Function, doc: &JsDoc) {
    for param in function.params.iter_mut() {
        annotate_pattern(&mut param.pat, doc);
    }
    if function.return_type.is_none() {
        function.return_type = doc.returns.clone().map(type_ann);
    }
}

fn annotate_arrow(arrow: &mut ArrowExpr, doc: &JsDoc) {
    for param in arrow.params.iter_mut() {
        annotate_pattern(param, doc);
    }
    if arrow.return_type.is_none() {
        arrow.return_type = doc.returns.clone().map(type_ann);
    }
}
