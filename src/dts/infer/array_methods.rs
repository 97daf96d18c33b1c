//! Calls of the built-in array methods on a receiver whose type is written as an array (`T[]`,
//! `Array<T>`, `readonly T[]`, `ReadonlyArray<T>`): most have result types that do not depend on the
//! arguments (`includes` is a `boolean`, `indexOf` a `number`, `at` a `T | undefined`). `find` and
//! `filter` have a second signature for type-guard callbacks, which tsc also infers from a callback
//! that narrows its parameter; they are written only for callbacks that cannot narrow it (comparing
//! a property of the parameter with a value of a declared non-literal type). `map` gives the
//! callback's result type, inferred with its parameter typed as the element.

use swc_core::ecma::ast::*;

use crate::dts::type_nodes::{keyword, parenthesize_union, union};

/// The element type of an array type as written, or None.
pub(crate) fn element_type(ty: &TsType) -> Option<Box<TsType>> {
    match ty {
        TsType::TsArrayType(array) => Some(array.elem_type.clone()),
        TsType::TsTypeOperator(TsTypeOperator {
            op: TsTypeOperatorOp::ReadOnly,
            type_ann,
            ..
        }) => element_type(type_ann),
        TsType::TsParenthesizedType(paren) => element_type(&paren.type_ann),
        TsType::TsTypeRef(TsTypeRef {
            type_name: TsEntityName::Ident(name),
            type_params: Some(params),
            ..
        }) if matches!(&*name.sym, "Array" | "ReadonlyArray") && params.params.len() == 1 => {
            Some(params.params[0].clone())
        }
        _ => None,
    }
}

/// How the result of a method call is typed, given the receiver's element type.
pub(crate) enum ArrayResult {
    Known(Box<TsType>),
    /// `map`: the callback's result type with its one parameter typed as the element.
    Mapped(Box<ArrowExpr>),
    /// `find` and `filter` with a callback that may narrow its parameter: not writable.
    Unknown,
}

pub(crate) fn array_method_result(
    element: Box<TsType>,
    method: &str,
    call: &CallExpr,
    is_declared_non_literal: &dyn Fn(&Ident) -> bool,
) -> ArrayResult {
    let or_undefined = |element: Box<TsType>| {
        union(vec![
            parenthesize_union(element),
            keyword(TsKeywordTypeKind::TsUndefinedKeyword),
        ])
    };
    let array_of = |element: Box<TsType>| {
        Box::new(TsType::TsArrayType(TsArrayType {
            span: Default::default(),
            elem_type: parenthesize_union(element),
        }))
    };
    let known = match method {
        "includes" | "some" | "every" => keyword(TsKeywordTypeKind::TsBooleanKeyword),
        "indexOf" | "lastIndexOf" | "findIndex" | "findLastIndex" => {
            keyword(TsKeywordTypeKind::TsNumberKeyword)
        }
        "join" => keyword(TsKeywordTypeKind::TsStringKeyword),
        // `reduce(f, {} as Record<K, V>)`: the initial value's asserted type is `U`.
        "reduce" | "reduceRight" => match call.args.get(1).map(|a| a.expr.unwrap_parens()) {
            Some(initial @ (Expr::TsAs(_) | Expr::TsTypeAssertion(_)))
                if call.args.len() == 2 && call.args.iter().all(|a| a.spread.is_none()) =>
            {
                match crate::dts::infer::infer_expr(initial, true) {
                    Some(ty) => ty,
                    None => return ArrayResult::Unknown,
                }
            }
            _ => return ArrayResult::Unknown,
        },
        "at" => match or_undefined(element) {
            Some(ty) => ty,
            None => return ArrayResult::Unknown,
        },
        // `sort` and `reverse` return the array itself (`this`), an array of its elements.
        "slice" | "toSorted" | "toReversed" | "sort" | "reverse" => array_of(element),
        "find" | "findLast" | "filter" => {
            let one_object = is_one_object_type(&element);
            let narrowing = call
                .args
                .first()
                .is_none_or(|arg| may_narrow(&arg.expr, one_object, is_declared_non_literal));
            if narrowing || call.args.iter().any(|a| a.spread.is_some()) {
                return ArrayResult::Unknown;
            }
            let result = if method == "filter" {
                Some(array_of(element))
            } else {
                or_undefined(element)
            };
            match result {
                Some(ty) => ty,
                None => return ArrayResult::Unknown,
            }
        }
        "map" => {
            let Some(callback) = call.args.first().filter(|a| a.spread.is_none()) else {
                return ArrayResult::Unknown;
            };
            return match single_parameter_arrow(&callback.expr) {
                Some(arrow) => ArrayResult::Mapped(arrow),
                None => ArrayResult::Unknown,
            };
        }
        _ => return ArrayResult::Unknown,
    };
    ArrayResult::Known(known)
}

/// `x => expr`, `(x) => { ...; return expr; }` (no type annotations, no `async`).
fn single_parameter_arrow(callback: &Expr) -> Option<Box<ArrowExpr>> {
    let Expr::Arrow(arrow) = callback.unwrap_parens() else {
        return None;
    };
    if arrow.is_async || arrow.is_generator || arrow.return_type.is_some() {
        return None;
    }
    let [Pat::Ident(_)] = arrow.params.as_slice() else {
        return None;
    };
    Some(Box::new(arrow.clone()))
}

/// Whether a `find`/`filter` callback may be a type guard, explicit or inferred: anything but an
/// arrow `p => p.a === v` (or `!==`, `==`, `!=`, joined with `&&`/`||`) where the other side is a
/// name with a declared type that is not a literal type.
fn may_narrow(
    callback: &Expr,
    one_object: bool,
    is_declared_non_literal: &dyn Fn(&Ident) -> bool,
) -> bool {
    let Expr::Arrow(arrow) = callback.unwrap_parens() else {
        return true;
    };
    if arrow.return_type.is_some() {
        // Only an explicit `p is T` narrows, and `boolean` or anything else does not.
        return arrow
            .return_type
            .as_ref()
            .is_some_and(|r| matches!(&*r.type_ann, TsType::TsTypePredicate(_)));
    }
    let Some(Pat::Ident(param)) = arrow.params.first() else {
        return true;
    };
    let ArrowFunctionBody::Expr(body) = &*arrow.body else {
        return true;
    };
    // A comparison of a property narrows the parameter only when its type is a union (by a
    // discriminant); one object type stays as it is, whatever the other side.
    let other_side = |i: &Ident| one_object || is_declared_non_literal(i);
    !comparisons_only(body, &param.id, one_object, &other_side) && !never_narrows(body, &param.id)
}

/// Whether an element type is one object type, never a union: a type literal, or one of the
/// module's own plain interfaces and type-literal aliases.
fn is_one_object_type(element: &TsType) -> bool {
    match element {
        TsType::TsTypeLit(_) => true,
        TsType::TsParenthesizedType(inner) => is_one_object_type(&inner.type_ann),
        TsType::TsTypeRef(TsTypeRef {
            type_name: TsEntityName::Ident(name),
            type_params: None,
            ..
        }) => crate::dts::infer::scope::dependency_context()
            .is_some_and(|context| context.own_shapes.contains_key(&name.sym)),
        _ => false,
    }
}

/// A callback body that cannot narrow its parameter, so tsc infers no type predicate from it: a
/// boolean literal, or a method call on a property of the parameter that is not given the
/// parameter (`trace => trace.id.includes(query)`), or the negation or `&&`/`||` of those.
fn never_narrows(expr: &Expr, param: &Ident) -> bool {
    match expr.unwrap_parens() {
        Expr::Lit(Lit::Bool(_)) => true,
        Expr::Unary(UnaryExpr {
            op: UnaryOp::Bang,
            arg,
            ..
        }) => never_narrows(arg, param),
        Expr::Bin(bin) if matches!(bin.op, BinaryOp::LogicalAnd | BinaryOp::LogicalOr) => {
            never_narrows(&bin.left, param) && never_narrows(&bin.right, param)
        }
        Expr::Call(call) => {
            let Some(Expr::Member(method)) = call.callee.as_expr().map(|c| c.unwrap_parens())
            else {
                return false;
            };
            let is_param = |e: &Expr| matches!(e.unwrap_parens(), Expr::Ident(i) if i.to_id() == param.to_id());
            // The receiver is reached from the parameter through properties and method calls
            // (`trace.id`, `trace.id.toLowerCase()`), not the parameter itself.
            let mut root = &*method.obj;
            let mut steps = 0;
            loop {
                root = match root.unwrap_parens() {
                    Expr::Member(inner) => &inner.obj,
                    Expr::Call(inner) => match inner.callee.as_expr().map(|c| c.unwrap_parens()) {
                        Some(Expr::Member(callee)) => &callee.obj,
                        _ => return false,
                    },
                    _ => break,
                };
                steps += 1;
            }
            steps > 0 && is_param(root) && !call.args.iter().any(|a| is_param(&a.expr))
        }
        _ => false,
    }
}

fn comparisons_only(
    expr: &Expr,
    param: &Ident,
    any_other_side: bool,
    is_declared_non_literal: &dyn Fn(&Ident) -> bool,
) -> bool {
    let Expr::Bin(bin) = expr.unwrap_parens() else {
        return false;
    };
    match bin.op {
        BinaryOp::LogicalAnd | BinaryOp::LogicalOr => {
            comparisons_only(&bin.left, param, any_other_side, is_declared_non_literal)
                && comparisons_only(&bin.right, param, any_other_side, is_declared_non_literal)
        }
        BinaryOp::EqEqEq | BinaryOp::NotEqEq | BinaryOp::EqEq | BinaryOp::NotEq => {
            let property_of_param = |e: &Expr| {
                matches!(e.unwrap_parens(), Expr::Member(m)
                    if matches!(&*m.obj, Expr::Ident(o) if o.to_id() == param.to_id())
                        && matches!(m.prop, MemberProp::Ident(_)))
            };
            let is_param = |e: &Expr| matches!(e.unwrap_parens(), Expr::Ident(i) if i.to_id() == param.to_id());
            let declared = |e: &Expr| match e.unwrap_parens() {
                Expr::Ident(i) => i.to_id() != param.to_id() && is_declared_non_literal(i),
                other => any_other_side && !is_param(other),
            };
            (property_of_param(&bin.left) && declared(&bin.right))
                || (property_of_param(&bin.right) && declared(&bin.left))
        }
        _ => false,
    }
}
