//! Types of literals as tsc infers them where they keep their literal type: `as const` (readonly
//! members, readonly tuples, literal types all the way down), template literals without
//! substitutions, and the result of `+` (a string when either side is one, else a number).

use swc_core::common::DUMMY_SP;
use swc_core::ecma::ast::*;

use crate::dts::infer::{infer_expr, property_key};
use crate::dts::type_nodes::{keyword, literal, tuple};

/// The literal type of a string, number, boolean or substitution-free template literal.
pub(crate) fn literal_type(expr: &Expr) -> Option<Box<TsType>> {
    match expr {
        // Printed with double quotes, as tsc prints a string literal type.
        Expr::Lit(Lit::Str(s)) => Some(literal(TsLit::Str(Str {
            span: DUMMY_SP,
            value: s.value.clone(),
            raw: None,
        }))),
        Expr::Lit(Lit::Num(n)) => Some(literal(TsLit::Number(n.clone()))),
        Expr::Lit(Lit::Bool(b)) => Some(literal(TsLit::Bool(*b))),
        Expr::Tpl(tpl) if tpl.exprs.is_empty() => {
            let quasi = tpl.quasis.first()?;
            let cooked = quasi.cooked.as_ref()?;
            Some(literal(TsLit::Str(Str {
                span: DUMMY_SP,
                value: cooked.clone(),
                raw: None,
            })))
        }
        Expr::Paren(paren) => literal_type(&paren.expr),
        _ => None,
    }
}

/// The type of `<expr> as const`: literals keep their literal types, objects get readonly members
/// and arrays become readonly tuples, recursively; anything else has the type it has anywhere.
pub(crate) fn const_assertion_type(expr: &Expr) -> Option<Box<TsType>> {
    if let Some(ty) = literal_type(expr) {
        return Some(ty);
    }
    match expr {
        Expr::Paren(paren) => const_assertion_type(&paren.expr),
        Expr::Tpl(tpl) => crate::dts::infer::constant_values::const_template_type(tpl)
            .or_else(|| infer_expr(expr, false)),
        Expr::Object(object) => const_object(object),
        Expr::Array(array) => {
            let mut elements = Vec::new();
            for element in &array.elems {
                let element = element.as_ref()?;
                match element.spread {
                    Some(_) => elements.extend(spread_elements(&element.expr)?),
                    None => elements.push(const_assertion_type(&element.expr)?),
                }
            }
            Some(Box::new(TsType::TsTypeOperator(TsTypeOperator {
                span: DUMMY_SP,
                op: TsTypeOperatorOp::ReadOnly,
                type_ann: tuple(elements),
            })))
        }
        _ => infer_expr(expr, false),
    }
}

/// The elements `...xs` adds to a tuple: a tuple's own (`...CLUSTER_KINDS` of another `as const`
/// array), or a rest element of an array type.
fn spread_elements(expr: &Expr) -> Option<Vec<Box<TsType>>> {
    let mut spread = infer_expr(expr, false)?;
    if let TsType::TsTypeOperator(TsTypeOperator {
        op: TsTypeOperatorOp::ReadOnly,
        type_ann,
        ..
    }) = *spread
    {
        spread = type_ann;
    }
    match *spread {
        TsType::TsTupleType(tuple)
            if tuple.elem_types.iter().all(|e| {
                e.label.is_none()
                    && !matches!(&*e.ty, TsType::TsRestType(_) | TsType::TsOptionalType(_))
            }) =>
        {
            Some(tuple.elem_types.into_iter().map(|e| e.ty).collect())
        }
        array @ TsType::TsArrayType(_) => Some(vec![Box::new(TsType::TsRestType(TsRestType {
            span: DUMMY_SP,
            type_ann: Box::new(array),
        }))]),
        _ => None,
    }
}

fn const_object(object: &ObjectLit) -> Option<Box<TsType>> {
    let mut members = Vec::new();
    for prop in &object.props {
        let PropOrSpread::Prop(prop) = prop else {
            return None;
        };
        let (key, ty) = match &**prop {
            Prop::KeyValue(kv) => (property_key(&kv.key)?, const_assertion_type(&kv.value)?),
            Prop::Shorthand(ident) => (
                Box::new(Expr::Ident(Ident::new_no_ctxt(ident.sym.clone(), DUMMY_SP))),
                const_assertion_type(&Expr::Ident(ident.clone()))?,
            ),
            _ => return None,
        };
        members.push(TsTypeElement::TsPropertySignature(TsPropertySignature {
            span: DUMMY_SP,
            readonly: true,
            key,
            computed: false,
            optional: false,
            type_ann: Some(Box::new(TsTypeAnn {
                span: DUMMY_SP,
                type_ann: ty,
            })),
        }));
    }
    Some(Box::new(TsType::TsTypeLit(TsTypeLit {
        span: DUMMY_SP,
        members,
    })))
}

/// `a + b`: a string when either operand is a string, a number when both are numbers, else unknown
/// here (a bigint, or operands whose types are not written).
pub(crate) fn plus_type(bin: &BinExpr) -> Option<Box<TsType>> {
    let kinds = [operand_kind(&bin.left), operand_kind(&bin.right)];
    if kinds.contains(&Some(TsKeywordTypeKind::TsStringKeyword)) {
        return Some(keyword(TsKeywordTypeKind::TsStringKeyword));
    }
    (kinds == [Some(TsKeywordTypeKind::TsNumberKeyword); 2])
        .then(|| keyword(TsKeywordTypeKind::TsNumberKeyword))
}

/// Whether an operand of `+` is a string or a number, from its widened type.
fn operand_kind(expr: &Expr) -> Option<TsKeywordTypeKind> {
    match expr {
        Expr::Tpl(_) | Expr::Lit(Lit::Str(_)) => Some(TsKeywordTypeKind::TsStringKeyword),
        Expr::Lit(Lit::Num(_)) => Some(TsKeywordTypeKind::TsNumberKeyword),
        Expr::Paren(paren) => operand_kind(&paren.expr),
        _ => type_kind(&*infer_expr(expr, true)?),
    }
}

/// A string or a number type (a keyword or a literal), or an element of an array of one
/// (`items[0]` of `items: number[]` is written `(number[])[0]`).
fn type_kind(ty: &TsType) -> Option<TsKeywordTypeKind> {
    match ty {
        TsType::TsKeywordType(TsKeywordType { kind, .. })
            if matches!(
                kind,
                TsKeywordTypeKind::TsStringKeyword | TsKeywordTypeKind::TsNumberKeyword
            ) =>
        {
            Some(*kind)
        }
        TsType::TsLitType(TsLitType {
            lit: TsLit::Str(_) | TsLit::Tpl(_),
            ..
        }) => Some(TsKeywordTypeKind::TsStringKeyword),
        TsType::TsLitType(TsLitType {
            lit: TsLit::Number(_),
            ..
        }) => Some(TsKeywordTypeKind::TsNumberKeyword),
        TsType::TsIndexedAccessType(access)
            if type_kind(&access.index_type) == Some(TsKeywordTypeKind::TsNumberKeyword) =>
        {
            type_kind(&*crate::dts::infer::array_methods::element_type(
                &access.obj_type,
            )?)
        }
        _ => None,
    }
}
