//! Calls of a dependency's generic function whose type arguments plugbuild cannot read off the
//! arguments' syntax, but whose arguments' types it can write: a ref imported from another module
//! (`useApi(reportApiRef)`), a callback whose return type is itself a call's. The call's type is
//! written as a conditional type over the signature, and the consumer's checker infers the type
//! parameters from it as it infers them for the call:
//! `[typeof reportApiRef] extends [import("pkg").ApiRef<infer T>] ? T : never`.
//!
//! Only calls whose arguments are not literals are written so (a literal argument's type is widened
//! or kept by rules a conditional type does not follow), of a function with one signature (or the
//! one overload the arguments fit) without rest parameters.

use std::collections::HashMap;

use swc_core::atoms::Atom;
use swc_core::common::DUMMY_SP;
use swc_core::ecma::ast::*;

use crate::dts::dependencies::Signature;
use crate::dts::infer::argument_types::mentions;
use crate::dts::infer::portable_types::{package_specifier, portable_type, Portability};
use crate::dts::infer::scope::{is_visible, DependencyContext};
use crate::dts::infer::type_arg_places::Subst;
use crate::dts::type_nodes::{keyword, tuple, type_of};

/// `[A1, A2] extends [P1, P2] ? R : never` for `callee(a1, a2)`, with each type parameter of
/// `signature` an `infer` in the parameters' types and a reference in its return type. None when an
/// argument's type cannot be written, or a type of the signature cannot be written in the module.
pub(crate) fn inferred_by_conditional(
    call: &CallExpr,
    callee: &Expr,
    context: &DependencyContext,
    signature: &Signature,
) -> Option<Box<TsType>> {
    if call.type_args.is_some()
        || signature.params.iter().any(|p| p.rest)
        || call.args.len() > signature.params.len()
    {
        return None;
    }
    let returns = signature.returns.as_deref()?;
    let type_params: HashMap<Atom, Subst> = signature
        .type_params
        .iter()
        .map(|p| (p.name.sym.clone(), Subst::Mentions))
        .collect();
    // An argument for a parameter no type parameter is in gives no candidates: `any` relates.
    let arguments = call
        .args
        .iter()
        .zip(&signature.params)
        .map(|(arg, param)| match (arg.spread, param.ty.as_deref()) {
            (Some(_), _) => None,
            (None, Some(ty)) if !mentions(ty, &type_params) => {
                Some(keyword(TsKeywordTypeKind::TsAnyKeyword))
            }
            (None, _) => argument_type(&arg.expr),
        })
        .collect::<Option<Vec<_>>>()?;
    let specifier = package_specifier(context, callee)?;
    let inferred_name = |name: &Atom| Atom::from(format!("__Infer{name}"));
    // Each type parameter by its inferred name, as the result refers to it.
    let references: HashMap<Atom, Box<TsType>> = signature
        .type_params
        .iter()
        .map(|p| {
            let reference = TsType::TsTypeRef(TsTypeRef {
                span: DUMMY_SP,
                type_name: TsEntityName::Ident(Ident::new_no_ctxt(
                    inferred_name(&p.name.sym),
                    DUMMY_SP,
                )),
                type_params: None,
            });
            (p.name.sym.clone(), Box::new(reference))
        })
        .collect();
    let mut portability = Portability::for_signature(context, signature, specifier);
    portability.keep_computed = true;
    // `infer X extends C`, with the type parameter's constraint: the parameters' types that use
    // `X` may require it (`FieldProps<TValue, TProps extends {}>`). An `infer`'s constraint cannot
    // name the other `infer`s, so type parameters are `any` in it.
    portability.substitutions = signature
        .type_params
        .iter()
        .map(|p| (p.name.sym.clone(), keyword(TsKeywordTypeKind::TsAnyKeyword)))
        .collect();
    let mut inferred = HashMap::new();
    for param in &signature.type_params {
        let constraint = match param.constraint.as_deref() {
            Some(constraint) => Some(portable_type(&portability, constraint)?),
            None => None,
        };
        let infer = infer_of(inferred_name(&param.name.sym), constraint);
        inferred.insert(param.name.sym.clone(), infer);
    }
    portability.substitutions = inferred;
    let mut parameters = Vec::new();
    for param in signature.params.iter().take(arguments.len()) {
        parameters.push(portable_type(&portability, param.ty.as_deref()?)?);
    }
    // Every type parameter the result needs is inferred from a parameter the call gives.
    let given = signature.params.iter().take(arguments.len());
    let given: Vec<&TsType> = given.filter_map(|p| p.ty.as_deref()).collect();
    for param in &signature.type_params {
        let name = HashMap::from([(param.name.sym.clone(), Subst::Mentions)]);
        if mentions(returns, &name) && !given.iter().any(|ty| mentions(*ty, &name)) {
            return None;
        }
    }
    portability.substitutions = references;
    let result = portable_type(&portability, returns)?;
    Some(Box::new(TsType::TsConditionalType(TsConditionalType {
        span: DUMMY_SP,
        check_type: tuple(arguments),
        extends_type: tuple(parameters),
        true_type: result,
        false_type: keyword(TsKeywordTypeKind::TsNeverKeyword),
    })))
}

/// `(infer Name)`, or `(infer Name extends Constraint)`.
fn infer_of(name: Atom, constraint: Option<Box<TsType>>) -> Box<TsType> {
    Box::new(TsType::TsParenthesizedType(TsParenthesizedType {
        span: DUMMY_SP,
        type_ann: Box::new(TsType::TsInferType(TsInferType {
            span: DUMMY_SP,
            type_param: TsTypeParam {
                span: DUMMY_SP,
                name: Ident::new_no_ctxt(name, DUMMY_SP),
                is_in: false,
                is_out: false,
                is_const: false,
                constraint,
                default: None,
            },
        })),
    }))
}

/// The type of an argument as the checker would relate it to its parameter: a module-level name's
/// `typeof`, or its inferred type. Literals (whose types a call widens or keeps by rules of its
/// own) give None.
fn argument_type(expr: &Expr) -> Option<Box<TsType>> {
    match expr.unwrap_parens() {
        Expr::Lit(_) | Expr::Array(_) | Expr::Tpl(_) => None,
        Expr::Object(object) => object_argument(object),
        Expr::Ident(ident) if &*ident.sym != "undefined" && is_visible(ident) => {
            Some(type_of(TsEntityName::Ident(ident.clone()), None))
        }
        other => crate::dts::infer::infer_expr(other, false),
    }
}

/// An object literal argument's type, its properties widened as tsc widens a fresh object
/// literal's. A callback whose type cannot be written (its parameters are typed by the signature)
/// is `never` there: it gives no candidates, as tsc leaves such callbacks out of its first
/// inference pass.
fn object_argument(object: &ObjectLit) -> Option<Box<TsType>> {
    use crate::dts::infer::object_literals::property_key;
    let callback = |typed: Option<Box<TsType>>| {
        typed.unwrap_or_else(|| keyword(TsKeywordTypeKind::TsNeverKeyword))
    };
    let mut members = Vec::new();
    for prop in &object.props {
        let PropOrSpread::Prop(prop) = prop else {
            return None;
        };
        let (key, ty) = match &**prop {
            Prop::KeyValue(kv) => {
                let ty = match kv.value.unwrap_parens() {
                    value @ (Expr::Arrow(_) | Expr::Fn(_)) => {
                        callback(crate::dts::infer::infer_expr(value, true))
                    }
                    value => crate::dts::infer::operators::infer_branch(value, true)?,
                };
                (property_key(&kv.key)?, ty)
            }
            Prop::Shorthand(ident) => (
                Box::new(Expr::Ident(Ident::new_no_ctxt(ident.sym.clone(), DUMMY_SP))),
                crate::dts::infer::infer_expr(&Expr::Ident(ident.clone()), true)?,
            ),
            Prop::Method(method) => (
                property_key(&method.key)?,
                callback(crate::dts::infer::functions::infer_function_type(
                    &method.function,
                )),
            ),
            _ => return None,
        };
        members.push(TsTypeElement::TsPropertySignature(TsPropertySignature {
            span: DUMMY_SP,
            readonly: false,
            key,
            computed: false,
            optional: false,
            type_ann: Some(crate::dts::type_nodes::type_ann(ty)),
        }));
    }
    Some(Box::new(TsType::TsTypeLit(TsTypeLit {
        span: DUMMY_SP,
        members,
    })))
}
