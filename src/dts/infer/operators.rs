//! The types of operator expressions: `?:`, `?.`, unary and binary operators (`&&`, `||`, `??`,
//! comparisons, arithmetic), `x!`, as tsc types them, and the reductions tsc applies to their
//! unions (`never[]` next to another array, falsy members of `a || b`).

use swc_core::common::DUMMY_SP;
use swc_core::ecma::ast::*;

use crate::dts::infer::array_methods::element_type;
use crate::dts::infer::functions::literal_type;
use crate::dts::infer::infer_expr;
use crate::dts::type_nodes::{
    definitely_falsy, is_any, keyword, literal, type_ref, union, widen_literal,
};

/// `test ? a : b`: both branches, with a name the test checks narrowed in the branch where it is
/// truthy (`error ? error.message : null`, `!data ? [] : data.items`).
pub(crate) fn infer_conditional(cond: &CondExpr, widen: bool) -> Option<Box<TsType>> {
    use crate::dts::infer::narrowing::{failing_names, truthy_names, with_narrowed};
    // The consequent sees the names the test narrows when true, the alternate those it narrows
    // when false (`x !== undefined ? x : []`, `!error ? null : error.message`).
    let mut in_cons = Vec::new();
    truthy_names(&cond.test, &mut in_cons);
    let mut in_alt = Vec::new();
    failing_names(&cond.test, &mut in_alt);
    let branch = |expr: &Expr, narrowed: &[(Ident, crate::dts::infer::narrowing::Narrowing)]| {
        with_narrowed(narrowed, || infer_branch(expr, widen))
    };
    union(without_empty_arrays(vec![
        branch(&cond.cons, &in_cons)?,
        branch(&cond.alt, &in_alt)?,
    ]))
}

/// The type of one of several results (a conditional's branch, a `return`): an empty array literal
/// is `never[]` there, as tsc types it before reducing the union.
pub(crate) fn infer_branch(expr: &Expr, widen: bool) -> Option<Box<TsType>> {
    match expr.unwrap_parens() {
        Expr::Array(array) if array.elems.is_empty() => Some(crate::dts::type_nodes::array_of(
            keyword(TsKeywordTypeKind::TsNeverKeyword),
        )),
        _ => infer_expr(expr, widen),
    }
}

/// `never[]` is a subtype of every array type: tsc's union of the results leaves it out when
/// another result is an array (`cond ? items : []` is `Item[]`).
pub(crate) fn without_empty_arrays(types: Vec<Box<TsType>>) -> Vec<Box<TsType>> {
    let other_array = types
        .iter()
        .any(|t| !is_never_array(t) && element_type(t).is_some());
    if !other_array {
        return types;
    }
    types.into_iter().filter(|t| !is_never_array(t)).collect()
}

/// `never[]`: the type of an empty array literal among several results.
pub(crate) fn is_never_array(ty: &TsType) -> bool {
    element_type(ty).is_some_and(
        |e| matches!(&*e, TsType::TsKeywordType(k) if k.kind == TsKeywordTypeKind::TsNeverKeyword),
    )
}

/// `a?.b`, `a?.[k]` (and the members after it in the chain, `a?.b.c`): the member of `a` without
/// `null` and `undefined`, or `undefined` where the chain stops; a method call in a chain by
/// `optional_call`.
pub(crate) fn infer_optional_chain(chain: &OptChainExpr, widen: bool) -> Option<Box<TsType>> {
    let member = match &*chain.base {
        OptChainBase::Member(member) => member,
        // `f?.()` calls a function that may be missing: not a method's result.
        OptChainBase::Call(_) if chain.optional => return None,
        OptChainBase::Call(call) => return optional_call(call),
    };
    let key = match &member.prop {
        MemberProp::Ident(name) => crate::dts::infer::type_args::string_literal(&name.sym),
        // `annotations?.[KEY]`: the key's type (`typeof KEY` of a constant, a literal).
        MemberProp::Computed(computed) => match computed.expr.unwrap_parens() {
            key @ Expr::Lit(Lit::Str(_) | Lit::Num(_)) => literal_type(key)?,
            key => infer_expr(key, false)?,
        },
        MemberProp::PrivateName(_) => return None,
    };
    let object = infer_expr(&member.obj, false)?;
    // A member of `any` (a value from a package whose types are missing) is `any`.
    if is_any(&object) {
        return Some(object);
    }
    let ty = crate::dts::infer::type_templates::fill(
        crate::dts::infer::type_templates::OPTIONAL_MEMBER,
        &[("__A", object), ("__K", key)],
    )?;
    match widen {
        true => Some(widen_literal(&ty).unwrap_or(ty)),
        false => Some(ty),
    }
}

/// `a?.b?.trim()`, `a?.b.trim()`: the method's result on the receiver without `null` and
/// `undefined`, and `undefined` when the receiver has either.
fn optional_call(call: &OptCall) -> Option<Box<TsType>> {
    let member = match call.callee.unwrap_parens() {
        Expr::Member(member) => member,
        Expr::OptChain(OptChainExpr { base, .. }) => match &**base {
            OptChainBase::Member(member) => member,
            OptChainBase::Call(_) => return None,
        },
        _ => return None,
    };
    let MemberProp::Ident(method) = &member.prop else {
        return None;
    };
    let receiver = infer_expr(&member.obj, false)?;
    if is_any(&receiver) {
        return Some(receiver);
    }
    let as_call = CallExpr {
        span: call.span,
        ctxt: call.ctxt,
        callee: Callee::Expr(call.callee.clone()),
        args: call.args.clone(),
        type_args: call.type_args.clone(),
    };
    let result =
        crate::dts::infer::method_result(&as_call, method, without_nullish(receiver.clone()))?;
    let stopped = crate::dts::infer::type_templates::fill(
        crate::dts::infer::type_templates::UNDEFINED_IF_NULLISH,
        &[("__A", receiver)],
    )?;
    union(vec![result, stopped])
}

pub(crate) fn infer_unary(unary: &UnaryExpr, widen: bool) -> Option<Box<TsType>> {
    match unary.op {
        UnaryOp::Bang | UnaryOp::Delete => Some(keyword(TsKeywordTypeKind::TsBooleanKeyword)),
        UnaryOp::TypeOf => Some(keyword(TsKeywordTypeKind::TsStringKeyword)),
        UnaryOp::Void => Some(keyword(TsKeywordTypeKind::TsUndefinedKeyword)),
        UnaryOp::Minus | UnaryOp::Plus | UnaryOp::Tilde if widen => {
            Some(keyword(TsKeywordTypeKind::TsNumberKeyword))
        }
        _ => None,
    }
}

pub(crate) fn infer_binary(bin: &BinExpr, widen: bool) -> Option<Box<TsType>> {
    match bin.op {
        BinaryOp::EqEq
        | BinaryOp::NotEq
        | BinaryOp::EqEqEq
        | BinaryOp::NotEqEq
        | BinaryOp::Lt
        | BinaryOp::LtEq
        | BinaryOp::Gt
        | BinaryOp::GtEq
        | BinaryOp::In
        | BinaryOp::InstanceOf => Some(keyword(TsKeywordTypeKind::TsBooleanKeyword)),
        BinaryOp::NullishCoalescing if is_empty_array(&bin.right) => {
            or_empty_array(without_nullish(infer_expr(&bin.left, widen)?))
        }
        BinaryOp::NullishCoalescing => union(vec![
            without_nullish(infer_expr(&bin.left, widen)?),
            // A literal on the right is widened: `m.get(k) ?? 0` is a `number`.
            infer_expr(&bin.right, true)?,
        ]),
        // `a && b`: what of A is definitely falsy, or B.
        BinaryOp::LogicalAnd => union(vec![
            Box::new(TsType::TsParenthesizedType(TsParenthesizedType {
                span: DUMMY_SP,
                type_ann: crate::dts::infer::type_templates::fill(
                    crate::dts::infer::type_templates::FALSY_PART,
                    &[("__A", infer_expr(&bin.left, widen)?)],
                )?,
            })),
            // In `b`, `a` is truthy (`entity && entity.name`).
            match bin.left.unwrap_parens() {
                Expr::Ident(ident) => crate::dts::infer::narrowing::with_narrowed(
                    &[(
                        ident.clone(),
                        crate::dts::infer::narrowing::Narrowing::Truthy,
                    )],
                    || infer_expr(&bin.right, widen),
                )?,
                _ => infer_expr(&bin.right, widen)?,
            },
        ]),
        // `m.get(k) || []`: as `??`, an array's part is kept whole (an empty array is truthy).
        BinaryOp::LogicalOr if is_empty_array(&bin.right) => or_empty_array(without_members(
            infer_expr(&bin.left, widen)?,
            definitely_falsy(),
        )),
        // `a || b`: what of A is not definitely falsy, or B.
        BinaryOp::LogicalOr => union(vec![
            without_members(infer_expr(&bin.left, widen)?, definitely_falsy()),
            // Under a `const`, a literal operand keeps its literal type (`name || ''` is
            // `string | ""`, that is `string`).
            infer_expr(&bin.right, widen)
                .or_else(|| crate::dts::infer::functions::literal_type(&bin.right))?,
        ]),
        BinaryOp::Sub
        | BinaryOp::Mul
        | BinaryOp::Div
        | BinaryOp::Mod
        | BinaryOp::Exp
        | BinaryOp::BitAnd
        | BinaryOp::BitOr
        | BinaryOp::BitXor
        | BinaryOp::LShift
        | BinaryOp::RShift
        | BinaryOp::ZeroFillRShift => Some(keyword(TsKeywordTypeKind::TsNumberKeyword)),
        BinaryOp::Add => crate::dts::infer::literal_types::plus_type(bin),
    }
}

/// `A` without `null` and `undefined`, as tsc types `a!` and the left of `a ?? b`:
/// `Exclude<A, null | undefined>`. (`NonNullable<A>` is `A & {}`, which the checker leaves as
/// `Item[] & {}` for an array, where a callback of `map` loses its parameter's type.)
pub(crate) fn without_nullish(ty: Box<TsType>) -> Box<TsType> {
    let nullish = union(vec![
        keyword(TsKeywordTypeKind::TsNullKeyword),
        keyword(TsKeywordTypeKind::TsUndefinedKeyword),
    ])
    .expect("two members");
    without_members(ty, nullish)
}

/// `Exclude<A, E>`, with `E` null, undefined and falsy literals, worked out member by member where
/// a member is one whose answer is plain: `string | undefined` without nullish types is `string`,
/// `boolean` without falsy ones is `true`. Other members keep an `Exclude` of their own (it
/// distributes over a union, so the type is the same).
pub(crate) fn without_members(ty: Box<TsType>, excluded: Box<TsType>) -> Box<TsType> {
    use swc_core::common::EqIgnoreSpan;
    let removed = |member: &TsType| match excluded.as_ref() {
        TsType::TsUnionOrIntersectionType(TsUnionOrIntersectionType::TsUnionType(u)) => {
            u.types.iter().any(|e| (**e).eq_ignore_span(member))
        }
        other => other.eq_ignore_span(member),
    };
    let falsy_literals = removed(&TsType::TsLitType(TsLitType {
        span: DUMMY_SP,
        lit: TsLit::Bool(Bool {
            span: DUMMY_SP,
            value: false,
        }),
    }));
    let mut kept = Vec::new();
    for member in crate::dts::infer::return_unions::union_members(ty) {
        match &*member {
            _ if removed(&member) => {}
            TsType::TsKeywordType(k) => match k.kind {
                TsKeywordTypeKind::TsNullKeyword
                    if removed(&keyword(TsKeywordTypeKind::TsNullKeyword)) => {}
                TsKeywordTypeKind::TsNullKeyword => kept.push(member),
                TsKeywordTypeKind::TsUndefinedKeyword | TsKeywordTypeKind::TsVoidKeyword
                    if removed(&keyword(TsKeywordTypeKind::TsUndefinedKeyword)) => {}
                TsKeywordTypeKind::TsUndefinedKeyword => kept.push(member),
                TsKeywordTypeKind::TsBooleanKeyword if falsy_literals => {
                    kept.push(literal(TsLit::Bool(Bool {
                        span: DUMMY_SP,
                        value: true,
                    })))
                }
                TsKeywordTypeKind::TsStringKeyword
                | TsKeywordTypeKind::TsNumberKeyword
                | TsKeywordTypeKind::TsBigIntKeyword
                | TsKeywordTypeKind::TsBooleanKeyword
                | TsKeywordTypeKind::TsSymbolKeyword
                | TsKeywordTypeKind::TsObjectKeyword
                | TsKeywordTypeKind::TsAnyKeyword => kept.push(member),
                _ => kept.push(type_ref("Exclude", vec![member, excluded.clone()])),
            },
            TsType::TsArrayType(_)
            | TsType::TsTupleType(_)
            | TsType::TsTypeLit(_)
            | TsType::TsFnOrConstructorType(_) => kept.push(member),
            TsType::TsLitType(TsLitType { lit, .. }) => {
                let falsy = match lit {
                    TsLit::Str(text) => text.value.is_empty(),
                    TsLit::Number(number) => number.value == 0.0,
                    TsLit::Bool(flag) => !flag.value,
                    TsLit::BigInt(_) | TsLit::Tpl(_) => true,
                };
                match lit {
                    _ if falsy_literals && falsy => {
                        kept.push(type_ref("Exclude", vec![member, excluded.clone()]))
                    }
                    _ => kept.push(member),
                }
            }
            _ => kept.push(type_ref("Exclude", vec![member, excluded.clone()])),
        }
    }
    // Nothing kept: `never`.
    union(kept).unwrap_or_else(|| keyword(TsKeywordTypeKind::TsNeverKeyword))
}

fn is_empty_array(expr: &Expr) -> bool {
    matches!(expr.unwrap_parens(), Expr::Array(array) if array.elems.is_empty())
}

/// `A | never[]` as tsc reduces it for `a ?? []`: `never[]` is a subtype of any array type, so an
/// array `A` stays `A` (`data ?? []` of `data: Item[] | undefined` is `Item[]`). Written for the
/// consumer's checker to resolve (`type_templates::OR_EMPTY_ARRAY`).
fn or_empty_array(left: Box<TsType>) -> Option<Box<TsType>> {
    // An array type written as one: `T[] | never[]` is `T[]`.
    if element_type(&left).is_some() {
        return Some(left);
    }
    crate::dts::infer::type_templates::fill(
        crate::dts::infer::type_templates::OR_EMPTY_ARRAY,
        &[("__A", left)],
    )
}
