//! Dynamic imports and what `.then` makes of them: `import('./x')` is a
//! `Promise<typeof import("./x")>`, and `import('./X').then(m => m.X)` a
//! `Promise<typeof import("./X").X>`, as tsc types them. Lazy-loaded components are written this way
//! (`createRoutableExtension({ component: () => import(...).then(m => m.Page) })`, `React.lazy`),
//! and the generic calls around them infer their type arguments from these types.
//!
//! A relative module is written as tsc resolves it from the declaration file, which sits where the
//! source file sits; `emit::relative_imports` turns such a type into an import the roll-up follows.

use swc_core::common::DUMMY_SP;
use swc_core::ecma::ast::*;

use crate::dts::infer::infer_arrow_return;
use crate::dts::type_nodes::{import_type, type_ann, type_ref};

/// `import('spec')`: `Promise<typeof import("spec")>`. A specifier written with a TypeScript
/// extension is left alone (a declaration file cannot import it as written).
pub(crate) fn dynamic_import(call: &CallExpr) -> Option<Box<TsType>> {
    let Callee::Import(_) = &call.callee else {
        return None;
    };
    let [ExprOrSpread { spread: None, expr }] = &call.args[..] else {
        return None;
    };
    let Expr::Lit(Lit::Str(specifier)) = expr.unwrap_parens() else {
        return None;
    };
    let specifier = specifier.value.as_str()?;
    if [".ts", ".tsx", ".mts", ".cts"]
        .iter()
        .any(|ext| specifier.ends_with(ext))
    {
        return None;
    }
    Some(promise_of(module_type(specifier)))
}

/// `typeof import("spec")`.
fn module_type(specifier: &str) -> Box<TsType> {
    let TsType::TsImportType(import) = *import_type(specifier, None, None) else {
        unreachable!("import_type writes an import type");
    };
    Box::new(TsType::TsTypeQuery(TsTypeQuery {
        span: DUMMY_SP,
        expr_name: TsTypeQueryExpr::Import(import),
        type_args: None,
    }))
}

pub(crate) fn promise_of(ty: Box<TsType>) -> Box<TsType> {
    type_ref("Promise", vec![ty])
}

/// `A` of `Promise<A>`, as the inference writes it.
pub(crate) fn promised(ty: &TsType) -> Option<&TsType> {
    match ty {
        TsType::TsTypeRef(TsTypeRef {
            type_name: TsEntityName::Ident(name),
            type_params: Some(args),
            ..
        }) if &*name.sym == "Promise" && args.params.len() == 1 => Some(&args.params[0]),
        _ => None,
    }
}

/// `p.then(m => ...)` of a promise whose type the inference knows: the callback's parameter takes
/// the promised type, and the result is a promise of what the callback returns (a promise it
/// returns is flattened, as `then` does).
pub(crate) fn promise_then(call: &CallExpr, receiver: &Expr) -> Option<Box<TsType>> {
    let [ExprOrSpread { spread: None, expr }] = &call.args[..] else {
        return None;
    };
    if call.type_args.is_some() {
        return None;
    }
    let Expr::Arrow(callback) = expr.unwrap_parens() else {
        return None;
    };
    if callback.params.len() != 1 || callback.is_generator {
        return None;
    }
    let promised_type = promised(&*crate::dts::infer::infer_expr(receiver, false)?)?.clone();
    let mut callback = callback.clone();
    match &mut callback.params[0] {
        Pat::Ident(binding) if binding.type_ann.is_none() => {
            binding.type_ann = Some(type_ann(Box::new(promised_type)))
        }
        Pat::Object(pattern) if pattern.type_ann.is_none() => {
            pattern.type_ann = Some(type_ann(Box::new(promised_type)))
        }
        _ => return None,
    }
    let returned = infer_arrow_return(&callback)?;
    Some(match promised(&returned) {
        Some(_) => returned,
        None => promise_of(returned),
    })
}

/// The type of the member `name` of a module namespace's type: `typeof import("./x").name`.
pub(crate) fn module_member(module: &TsType, name: &str) -> Option<Box<TsType>> {
    let TsType::TsTypeQuery(TsTypeQuery {
        expr_name: TsTypeQueryExpr::Import(import),
        type_args: None,
        ..
    }) = module
    else {
        return None;
    };
    let name = IdentName::new(name.into(), DUMMY_SP);
    let qualifier = match &import.qualifier {
        None => TsEntityName::Ident(Ident::new_no_ctxt(name.sym, DUMMY_SP)),
        Some(left) => TsEntityName::TsQualifiedName(Box::new(TsQualifiedName {
            span: DUMMY_SP,
            left: left.clone(),
            right: name,
        })),
    };
    let mut import = import.clone();
    import.qualifier = Some(qualifier);
    Some(Box::new(TsType::TsTypeQuery(TsTypeQuery {
        span: DUMMY_SP,
        expr_name: TsTypeQueryExpr::Import(import),
        type_args: None,
    })))
}
