//! The output type of a zod schema written with zod's builders (`z.object({ kinds:
//! z.array(z.string()) })` is `{ kinds: string[]; }`), as tsc reads it off zod's declarations: the
//! type argument a signature's `z.ZodSchema<TParams>` takes from such an argument
//! (`createPermissionRule({ paramsSchema: z.object(...) })`).
//!
//! Only the builders whose output is a plain type are known: primitives, literals, enums, arrays,
//! objects, unions, and the modifiers (`optional`, `nullable`, `default`, refinements such as
//! `min` or `describe` that keep the type). Anything else leaves the schema unknown.

use swc_core::common::DUMMY_SP;
use swc_core::ecma::ast::*;

use crate::dts::infer::argument_types::prop_key;
use crate::dts::infer::scope::DependencyContext;
use crate::dts::type_nodes::{array_of, keyword, literal, property_signature, union};

/// Which zod API a builder expression's root comes from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum ZodApi {
    /// `zod/v3`, or `zod` when the installed package is zod 3.
    V3,
    /// `zod` 4 (or `zod/v4`).
    V4,
}

/// The zod API `expr` (a chain of builder calls) is written with, when its root is zod's `z` (or
/// the namespace import of zod).
pub(crate) fn zod_api(context: &DependencyContext, expr: &Expr) -> Option<ZodApi> {
    let mut root = expr.unwrap_parens();
    loop {
        root = match root {
            Expr::Call(call) => call.callee.as_expr()?.unwrap_parens(),
            Expr::Member(member) => member.obj.unwrap_parens(),
            Expr::Ident(_) => break,
            _ => return None,
        };
    }
    let Expr::Ident(ident) = root else {
        return None;
    };
    let (specifier, imported) = context.imports.get(&ident.to_id())?;
    if !matches!(&**imported, "z" | "*") {
        return None;
    }
    match specifier.as_str() {
        "zod/v3" => Some(ZodApi::V3),
        "zod/v4" => Some(ZodApi::V4),
        "zod" => Some(
            match *context.zod_major.get_or_init(|| installed_major(context)) {
                Some(3) => ZodApi::V3,
                _ => ZodApi::V4,
            },
        ),
        _ => None,
    }
}

/// The major version of the `zod` package the module resolves (read once per module).
fn installed_major(context: &DependencyContext) -> Option<u64> {
    let mut dir = context.dir.as_path();
    loop {
        let manifest = dir.join("node_modules/zod/package.json");
        if let Ok(text) = std::fs::read_to_string(&manifest) {
            let json: serde_json::Value = serde_json::from_str(&text).ok()?;
            let version = json.get("version")?.as_str()?;
            return version.split('.').next()?.parse().ok();
        }
        dir = dir.parent()?;
    }
}

/// The last name of a type reference (`ZodSchema` of `z.ZodSchema<T>`) with its type arguments.
pub(crate) fn referenced_name(ty: &TsType) -> Option<(&str, Option<&TsTypeParamInstantiation>)> {
    let TsType::TsTypeRef(TsTypeRef {
        type_name,
        type_params,
        ..
    }) = ty
    else {
        return None;
    };
    let name = crate::dts::infer::inferred_places::last_name(type_name);
    Some((name, type_params.as_deref()))
}

/// Which of a schema's types a type parameter is inferred from.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Side {
    Output,
    /// What the schema accepts: `z.ZodSchema<T>` is `ZodType<T, ZodTypeDef, T>`, and tsc takes the
    /// input, the wider of the two candidates (`mode: z.enum([...]).default('any')` is optional).
    Input,
}

/// The output or input type of the schema `expr` builds, when every builder in it is known.
pub(crate) fn zod_type(
    context: &DependencyContext,
    expr: &Expr,
    side: Side,
) -> Option<Box<TsType>> {
    zod_api(context, expr)?;
    output(expr, side)
}

fn output(expr: &Expr, side: Side) -> Option<Box<TsType>> {
    let Expr::Call(call) = expr.unwrap_parens() else {
        return None;
    };
    let Expr::Member(member) = call.callee.as_expr()?.unwrap_parens() else {
        return None;
    };
    let method = &*member.prop.as_ident()?.sym;
    let args: Vec<&Expr> = call.args.iter().map(|a| &*a.expr).collect();
    if let Expr::Ident(_) = member.obj.unwrap_parens() {
        return builder(method, &args, side);
    }
    let inner = output(&member.obj, side)?;
    modifier(inner, method, &args, side)
}

/// `z.method(args)`.
fn builder(method: &str, args: &[&Expr], side: Side) -> Option<Box<TsType>> {
    use TsKeywordTypeKind::*;
    Some(match (method, args) {
        ("string", _) => keyword(TsStringKeyword),
        ("number", _) => keyword(TsNumberKeyword),
        ("boolean", _) => keyword(TsBooleanKeyword),
        ("bigint", _) => keyword(TsBigIntKeyword),
        ("any", _) => keyword(TsAnyKeyword),
        ("unknown", _) => keyword(TsUnknownKeyword),
        ("null", _) => keyword(TsNullKeyword),
        ("undefined", _) => keyword(TsUndefinedKeyword),
        ("literal", [value]) => match value.unwrap_parens() {
            Expr::Lit(Lit::Str(s)) => literal(TsLit::Str(s.clone())),
            Expr::Lit(Lit::Num(n)) => literal(TsLit::Number(n.clone())),
            Expr::Lit(Lit::Bool(b)) => literal(TsLit::Bool(*b)),
            _ => return None,
        },
        ("enum", [Expr::Array(values)]) => union(
            values
                .elems
                .iter()
                .map(|e| match e.as_ref().map(|e| e.expr.unwrap_parens()) {
                    Some(Expr::Lit(Lit::Str(s))) if e.as_ref()?.spread.is_none() => {
                        Some(literal(TsLit::Str(s.clone())))
                    }
                    _ => None,
                })
                .collect::<Option<Vec<_>>>()?,
        )?,
        ("array", [element]) => array_of(output(element, side)?),
        ("union", [Expr::Array(members)]) => union(
            members
                .elems
                .iter()
                .map(|e| output(&e.as_ref().filter(|e| e.spread.is_none())?.expr, side))
                .collect::<Option<Vec<_>>>()?,
        )?,
        ("object", [Expr::Object(shape)]) => object_output(shape, side)?,
        _ => return None,
    })
}

/// `schema.method(args)` of a schema whose output is `inner`.
fn modifier(inner: Box<TsType>, method: &str, args: &[&Expr], side: Side) -> Option<Box<TsType>> {
    use TsKeywordTypeKind::*;
    Some(match method {
        "optional" => union(vec![inner, keyword(TsUndefinedKeyword)])?,
        "nullable" => union(vec![inner, keyword(TsNullKeyword)])?,
        "nullish" => union(vec![
            inner,
            keyword(TsNullKeyword),
            keyword(TsUndefinedKeyword),
        ])?,
        "array" if args.is_empty() => array_of(inner),
        // A default removes `undefined` from the output, and makes the input optional.
        "default" if side == Side::Output => without_undefined(inner),
        "default" => union(vec![inner, keyword(TsUndefinedKeyword)])?,
        // Refinements and metadata: the same output.
        "describe" | "min" | "max" | "length" | "email" | "url" | "uuid" | "regex" | "trim"
        | "int" | "positive" | "negative" | "nonnegative" | "nonpositive" | "startsWith"
        | "endsWith" | "toLowerCase" | "toUpperCase" | "refine" | "datetime" | "cuid"
        | "finite" | "step" | "multipleOf" | "meta" | "strict" | "strip" => inner,
        _ => return None,
    })
}

fn without_undefined(ty: Box<TsType>) -> Box<TsType> {
    match *ty {
        TsType::TsUnionOrIntersectionType(TsUnionOrIntersectionType::TsUnionType(u)) => {
            let kept = u
                .types
                .into_iter()
                .filter(|t| !is_undefined(t))
                .collect::<Vec<_>>();
            union(kept).unwrap_or_else(|| keyword(TsKeywordTypeKind::TsNeverKeyword))
        }
        other => Box::new(other),
    }
}

fn is_undefined(ty: &TsType) -> bool {
    matches!(
        ty,
        TsType::TsKeywordType(TsKeywordType {
            kind: TsKeywordTypeKind::TsUndefinedKeyword,
            ..
        })
    )
}

fn may_be_undefined(ty: &TsType) -> bool {
    match ty {
        TsType::TsUnionOrIntersectionType(TsUnionOrIntersectionType::TsUnionType(u)) => {
            u.types.iter().any(|t| may_be_undefined(t))
        }
        TsType::TsKeywordType(TsKeywordType { kind, .. }) => matches!(
            kind,
            TsKeywordTypeKind::TsUndefinedKeyword
                | TsKeywordTypeKind::TsAnyKeyword
                | TsKeywordTypeKind::TsUnknownKeyword
        ),
        _ => false,
    }
}

/// `z.object({ ... })`: zod's `addQuestionMarks` puts the keys whose output cannot be `undefined`
/// first, then those that can, as optional properties.
fn object_output(shape: &ObjectLit, side: Side) -> Option<Box<TsType>> {
    let mut required = Vec::new();
    let mut optional = Vec::new();
    for prop in &shape.props {
        let PropOrSpread::Prop(prop) = prop else {
            return None;
        };
        let Prop::KeyValue(KeyValueProp { key, value }) = &**prop else {
            return None;
        };
        let key = prop_key(&*crate::dts::infer::property_key(key)?)?;
        let ty = output(value, side)?;
        let mut member = property_signature(&key, ty.clone());
        if may_be_undefined(&ty) {
            if let TsTypeElement::TsPropertySignature(signature) = &mut member {
                signature.optional = true;
            }
            optional.push(member);
        } else {
            required.push(member);
        }
    }
    required.extend(optional);
    Some(Box::new(TsType::TsTypeLit(TsTypeLit {
        span: DUMMY_SP,
        members: required,
    })))
}
