//! The types of array and object literals, as tsc infers them where literal types widen: element
//! unions, property types, getters and methods.

use swc_core::common::DUMMY_SP;
use swc_core::ecma::ast::*;

use crate::dts::infer::functions::infer_function_type;
use crate::dts::infer::infer_expr;
use crate::dts::infer::type_templates::{fill, SPREAD, SPREAD_ONE};
use crate::dts::type_nodes::{parenthesize_union, type_ann, union};

pub(crate) fn infer_array(array: &ArrayLit) -> Option<Box<TsType>> {
    let mut types = Vec::new();
    for element in &array.elems {
        let element = element.as_ref()?;
        if element.spread.is_some() {
            // `[...items]` of an array: its elements.
            let spread = infer_expr(&element.expr, false)?;
            types.push(crate::dts::infer::array_methods::element_type(&spread)?);
            continue;
        }
        types.push(infer_expr(&element.expr, true)?);
    }
    let elem_type = parenthesize_union(union(types)?);
    Some(Box::new(TsType::TsArrayType(TsArrayType {
        span: DUMMY_SP,
        elem_type,
    })))
}

pub(crate) fn property_key(key: &PropName) -> Option<Box<Expr>> {
    match key {
        PropName::Ident(ident) => Some(Box::new(Expr::Ident(Ident::new_no_ctxt(
            ident.sym.clone(),
            DUMMY_SP,
        )))),
        PropName::Str(s) => Some(Box::new(Expr::Lit(Lit::Str(s.clone())))),
        PropName::Num(n) => Some(Box::new(Expr::Lit(Lit::Num(n.clone())))),
        _ => None,
    }
}

/// An object literal with spreads (`{ ...config, defaultIde }`): its parts (the runs of properties
/// between spreads, and each spread's value) folded as tsc spreads them, left to right. None past
/// a few spreads (each fold writes the left side twice), or for a spread whose value may be
/// nullish or falsy in ways only a checker tells (`...(flag && { a })`).
fn infer_spread_object(object: &ObjectLit) -> Option<Box<TsType>> {
    let mut parts: Vec<Box<TsType>> = Vec::new();
    let mut run: Vec<PropOrSpread> = Vec::new();
    let close_run = |run: &mut Vec<PropOrSpread>, parts: &mut Vec<Box<TsType>>| {
        if run.is_empty() {
            return Some(());
        }
        let props = std::mem::take(run);
        parts.push(infer_object(&ObjectLit {
            span: DUMMY_SP,
            props,
        })?);
        Some(())
    };
    for prop in &object.props {
        match prop {
            PropOrSpread::Spread(spread) => {
                close_run(&mut run, &mut parts)?;
                if !matches!(
                    spread.expr.unwrap_parens(),
                    Expr::Ident(_) | Expr::Member(_) | Expr::Call(_) | Expr::Object(_)
                ) {
                    return None;
                }
                let spread = infer_expr(&spread.expr, true)?;
                // Spreading `any` (a value from a package whose types are missing) makes the
                // whole object `any`, as in tsc.
                if crate::dts::type_nodes::is_any(&spread) {
                    return Some(spread);
                }
                parts.push(spread);
            }
            prop => run.push(prop.clone()),
        }
    }
    close_run(&mut run, &mut parts)?;
    if parts.len() > 4 {
        return None;
    }
    let mut parts = parts.into_iter();
    let first = parts.next()?;
    let mut folded = match parts.len() {
        0 => return fill(SPREAD_ONE, &[("__L", first)]),
        _ => first,
    };
    for right in parts {
        folded = fill(SPREAD, &[("__L", folded), ("__R", right)])?;
    }
    Some(folded)
}

pub(crate) fn infer_object(object: &ObjectLit) -> Option<Box<TsType>> {
    if object
        .props
        .iter()
        .any(|p| matches!(p, PropOrSpread::Spread(_)))
    {
        return infer_spread_object(object);
    }
    let mut members = Vec::new();
    for prop in &object.props {
        let PropOrSpread::Prop(prop) = prop else {
            return None;
        };
        let (key, ty, readonly) = match &**prop {
            Prop::KeyValue(kv) => (
                property_key(&kv.key)?,
                crate::dts::infer::operators::infer_branch(&kv.value, true)?,
                false,
            ),
            Prop::Shorthand(ident) => (
                Box::new(Expr::Ident(Ident::new_no_ctxt(ident.sym.clone(), DUMMY_SP))),
                infer_expr(&Expr::Ident(ident.clone()), true)?,
                false,
            ),
            Prop::Method(method) => {
                // tsc prints an object literal's method as a method signature (`m(a: T): R`).
                let key = property_key(&method.key)?;
                let TsType::TsFnOrConstructorType(TsFnOrConstructorType::TsFnType(function)) =
                    *infer_function_type(&method.function)?
                else {
                    return None;
                };
                members.push(TsTypeElement::TsMethodSignature(TsMethodSignature {
                    span: DUMMY_SP,
                    key,
                    computed: false,
                    optional: false,
                    params: function.params,
                    type_ann: Some(function.type_ann),
                    type_params: function.type_params,
                }));
                continue;
            }
            Prop::Getter(getter) => (
                property_key(&getter.key)?,
                getter.function.return_type.as_ref()?.type_ann.clone(),
                true,
            ),
            _ => return None,
        };
        members.push(TsTypeElement::TsPropertySignature(TsPropertySignature {
            span: DUMMY_SP,
            readonly,
            key,
            computed: false,
            optional: false,
            type_ann: Some(type_ann(ty)),
        }));
    }
    Some(Box::new(TsType::TsTypeLit(TsTypeLit {
        span: DUMMY_SP,
        members,
    })))
}
