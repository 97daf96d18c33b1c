//! What the methods of `Set`, `Map` and `string` return, as lib.es*.d.ts declares them, for calls
//! with arguments on a receiver whose type the inference wrote as one of those
//! (`activeItems.has(item)` of `activeItems: Set<T>`). None of these methods is generic, so the
//! arguments decide nothing but the overload, and each listed method has one return type.

use swc_core::ecma::ast::*;

use crate::dts::type_nodes::{keyword, union};

/// The return type of `receiver.method(...)`, or None when the receiver or method is not listed.
pub(crate) fn builtin_method_result(receiver: &TsType, method: &str) -> Option<Box<TsType>> {
    let boolean = || keyword(TsKeywordTypeKind::TsBooleanKeyword);
    let number = || keyword(TsKeywordTypeKind::TsNumberKeyword);
    let string = || keyword(TsKeywordTypeKind::TsStringKeyword);
    let void = || keyword(TsKeywordTypeKind::TsVoidKeyword);
    match receiver {
        TsType::TsParenthesizedType(inner) => builtin_method_result(&inner.type_ann, method),
        TsType::TsKeywordType(k) if k.kind == TsKeywordTypeKind::TsNumberKeyword => match method {
            "toString" | "toFixed" | "toPrecision" | "toExponential" | "toLocaleString" => {
                Some(string())
            }
            _ => None,
        },
        // `(annotations?.[key] || '').startsWith(...)`: a union with `string` whose other members
        // are written in terms the inference cannot reduce (an `Exclude` of an indexed access).
        // In code that type-checks every member has the method, so they are strings too.
        TsType::TsUnionOrIntersectionType(TsUnionOrIntersectionType::TsUnionType(_)) => {
            let members =
                crate::dts::infer::return_unions::union_members(Box::new(receiver.clone()));
            let string_member = |t: &TsType| {
                is_keyword(t, TsKeywordTypeKind::TsStringKeyword)
                    || matches!(
                        t,
                        TsType::TsLitType(TsLitType {
                            lit: TsLit::Str(_),
                            ..
                        })
                    )
            };
            if members.iter().any(|t| string_member(t))
                && members.iter().all(|t| string_member(t) || is_opaque(t))
            {
                builtin_method_result(&string(), method)
            } else {
                None
            }
        }
        TsType::TsKeywordType(k) if k.kind == TsKeywordTypeKind::TsStringKeyword => match method {
            "includes" | "startsWith" | "endsWith" => Some(boolean()),
            "indexOf" | "lastIndexOf" | "charCodeAt" | "localeCompare" | "search" => Some(number()),
            "slice" | "substring" | "trim" | "trimStart" | "trimEnd" | "toLowerCase"
            | "toUpperCase" | "replace" | "replaceAll" | "padStart" | "padEnd" | "repeat"
            | "charAt" | "concat" | "normalize" | "toLocaleLowerCase" | "toLocaleUpperCase" => {
                Some(string())
            }
            "split" => Some(Box::new(TsType::TsArrayType(TsArrayType {
                span: swc_core::common::DUMMY_SP,
                elem_type: string(),
            }))),
            _ => None,
        },
        TsType::TsTypeRef(_) => match generic_reference(receiver).map(|(n, a)| (n, a, method))? {
            ("Set" | "ReadonlySet", [_], "has") => Some(boolean()),
            ("Set", [_], "delete") => Some(boolean()),
            ("Set", [_], "add") => Some(Box::new(receiver.clone())),
            ("Set" | "ReadonlySet", [_], "forEach") | ("Set", [_], "clear") => Some(void()),
            ("Map" | "ReadonlyMap", [_, _], "has") => Some(boolean()),
            ("Map", [_, _], "delete") => Some(boolean()),
            ("Map" | "ReadonlyMap", [_, value], "get") => union(vec![
                value.clone(),
                keyword(TsKeywordTypeKind::TsUndefinedKeyword),
            ]),
            ("Map", [_, _], "set") => Some(Box::new(receiver.clone())),
            ("Map" | "ReadonlyMap", [_, _], "forEach") | ("Map", [_, _], "clear") => Some(void()),
            _ => None,
        },
        _ => None,
    }
}

fn is_keyword(ty: &TsType, kind: TsKeywordTypeKind) -> bool {
    matches!(ty, TsType::TsKeywordType(k) if k.kind == kind)
}

/// A type written in terms of others (an `Exclude`, an indexed access, a conditional type): what
/// it is cannot be read off it.
pub(crate) fn is_opaque(ty: &TsType) -> bool {
    match ty {
        TsType::TsParenthesizedType(inner) => is_opaque(&inner.type_ann),
        TsType::TsTypeRef(TsTypeRef {
            type_name: TsEntityName::Ident(name),
            ..
        }) => matches!(&*name.sym, "Exclude" | "Extract" | "NonNullable"),
        TsType::TsIndexedAccessType(_) | TsType::TsConditionalType(_) => true,
        _ => false,
    }
}

/// `Array.from(x)` with one argument (the global `Array`): an array of `x`'s elements when `x` is an
/// array, a `Set<T>`, or a `Map<K, V>`'s `keys()`, `values()` or `entries()`.
pub(crate) fn array_from(call: &CallExpr) -> Option<Box<TsType>> {
    let Callee::Expr(callee) = &call.callee else {
        return None;
    };
    let Expr::Member(MemberExpr {
        obj,
        prop: MemberProp::Ident(from),
        ..
    }) = callee.unwrap_parens()
    else {
        return None;
    };
    let Expr::Ident(array) = obj.unwrap_parens() else {
        return None;
    };
    if array.sym != "Array" || from.sym != "from" || !crate::dts::infer::scope::is_global(array) {
        return None;
    }
    match call.args.as_slice() {
        [ExprOrSpread { spread: None, expr }] => {
            Some(crate::dts::type_nodes::array_of(iterated_element(expr)?))
        }
        [ExprOrSpread {
            spread: None,
            expr: source,
        }, ExprOrSpread {
            spread: None,
            expr: map,
        }] => mapped_from(source, map),
        _ => None,
    }
}

/// `Promise.resolve()` (`Promise<void>`), `Promise.resolve(x)` (a promise of what awaiting `x`
/// gives, its literal types widened) and `Promise.reject(reason)` (`Promise<never>`), of the
/// global `Promise`.
pub(crate) fn promise_constructor_call(call: &CallExpr) -> Option<Box<TsType>> {
    use crate::dts::type_nodes::{keyword, type_ref};
    let Expr::Member(MemberExpr {
        obj,
        prop: MemberProp::Ident(method),
        ..
    }) = call.callee.as_expr()?.unwrap_parens()
    else {
        return None;
    };
    let Expr::Ident(promise) = obj.unwrap_parens() else {
        return None;
    };
    if promise.sym != "Promise" || !crate::dts::infer::scope::is_global(promise) {
        return None;
    }
    let settled = match (&*method.sym, call.args.as_slice()) {
        ("resolve", []) => keyword(TsKeywordTypeKind::TsVoidKeyword),
        ("resolve", [ExprOrSpread { spread: None, expr }]) => {
            crate::dts::infer::functions::awaited_type(crate::dts::infer::infer_expr(expr, true)?)
        }
        ("reject", _) => keyword(TsKeywordTypeKind::TsNeverKeyword),
        _ => return None,
    };
    Some(type_ref("Promise", vec![settled]))
}

/// `Array.from(source, (element, index) => body)`: an array of what the body gives, the element
/// typed as `source`'s (`unknown` for an array-like `{ length: n }`), the index as `number`.
fn mapped_from(source: &Expr, map: &Expr) -> Option<Box<TsType>> {
    use crate::dts::type_nodes::{keyword, type_ann};
    let Expr::Arrow(ArrowExpr {
        params,
        body,
        is_async: false,
        is_generator: false,
        type_params: None,
        return_type: None,
        ..
    }) = map.unwrap_parens()
    else {
        return None;
    };
    let ArrowFunctionBody::Expr(body) = &**body else {
        return None;
    };
    let element = match source.unwrap_parens() {
        Expr::Object(_) => keyword(TsKeywordTypeKind::TsUnknownKeyword),
        other => iterated_element(other)?,
    };
    let mut typed = Vec::new();
    for (param, ty) in params
        .iter()
        .zip([element, keyword(TsKeywordTypeKind::TsNumberKeyword)])
    {
        let Pat::Ident(binding) = param else {
            return None;
        };
        let mut binding = binding.clone();
        if binding.type_ann.is_none() {
            binding.type_ann = Some(type_ann(ty));
        }
        typed.push(Pat::Ident(binding));
    }
    if params.len() > 2 {
        return None;
    }
    let typed: Vec<&Pat> = typed.iter().collect();
    let mapped = crate::dts::infer::scope::with_frame(&typed, &[], || {
        crate::dts::infer::infer_expr(body, true)
    })?;
    Some(crate::dts::type_nodes::array_of(mapped))
}

/// The element type of what `expr` iterates, when that is written down.
fn iterated_element(expr: &Expr) -> Option<Box<TsType>> {
    // `m.values()`, `m.keys()`, `m.entries()` of a `Map<K, V>` (or a `Set<T>`).
    if let Expr::Call(CallExpr {
        callee: Callee::Expr(callee),
        args,
        ..
    }) = expr.unwrap_parens()
    {
        let Expr::Member(MemberExpr {
            obj,
            prop: MemberProp::Ident(method),
            ..
        }) = callee.unwrap_parens()
        else {
            return None;
        };
        if !args.is_empty() {
            return None;
        }
        let receiver = crate::dts::infer::infer_expr(obj, false)?;
        let (name, type_args) = generic_reference(&receiver)?;
        return match (name, type_args, &*method.sym) {
            ("Map" | "ReadonlyMap", [key, _], "keys") => Some(key.clone()),
            ("Map" | "ReadonlyMap", [_, value], "values") => Some(value.clone()),
            ("Map" | "ReadonlyMap", [key, value], "entries") => {
                Some(crate::dts::type_nodes::tuple(vec![
                    key.clone(),
                    value.clone(),
                ]))
            }
            ("Set" | "ReadonlySet", [element], "values" | "keys") => Some(element.clone()),
            _ => None,
        };
    }
    let iterated = crate::dts::infer::infer_expr(expr, false)?;
    if let Some(element) = crate::dts::infer::array_methods::element_type(&iterated) {
        return Some(element);
    }
    match generic_reference(&iterated)? {
        ("Set" | "ReadonlySet", [element]) => Some(element.clone()),
        _ => None,
    }
}

/// `Name<A, B>`: the name and the type arguments.
fn generic_reference(ty: &TsType) -> Option<(&str, &[Box<TsType>])> {
    match ty {
        TsType::TsTypeRef(TsTypeRef {
            type_name: TsEntityName::Ident(name),
            type_params: Some(type_args),
            ..
        }) => Some((&*name.sym, &type_args.params[..])),
        _ => None,
    }
}
