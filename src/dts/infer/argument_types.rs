//! The type argument an argument gives a type parameter, written as tsc infers it (`type_args`
//! finds where each type parameter sits in the arguments): literal types kept under a primitive
//! constraint, tuples under a tuple constraint, callbacks typed by the parameter types the
//! signature gives them, methods of object literals as function types.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use swc_core::atoms::Atom;
use swc_core::common::DUMMY_SP;
use swc_core::ecma::ast::*;
use swc_core::ecma::visit::{Visit, VisitWith};

use crate::dts::dependencies::Value;
use crate::dts::infer::infer_expr;
use crate::dts::infer::scope::{helper_value, with_contextual, DependencyContext};
use crate::dts::type_nodes::{indexed, keyword, literal, tuple, type_ann, type_of, type_ref};

use crate::dts::infer::type_arg_places::Subst;
use crate::dts::infer::type_args::{string_literal, Cx, MAX_DEPTH};

/// The type tsc infers for a type parameter from the argument `expr`, under the parameter's
/// `constraint` (in the dependency's scope). `position`: the type of the argument's position,
/// written in this module's terms, for the parameter types of callbacks.
pub(crate) fn argument_type(
    cx: &Cx,
    expr: &Expr,
    constraint: Option<&(PathBuf, Box<TsType>)>,
    position: Option<Box<TsType>>,
) -> Option<Box<TsType>> {
    let context = cx.context;
    let keeps_literals = constraint.is_some_and(|(f, c)| keeps_literals(cx, f, c, 0));
    match expr.unwrap_parens() {
        Expr::Lit(Lit::Str(s)) if keeps_literals => Some(literal(TsLit::Str(s.clone()))),
        Expr::Lit(Lit::Num(n)) if keeps_literals => Some(literal(TsLit::Number(n.clone()))),
        Expr::Lit(Lit::Bool(b)) if keeps_literals => Some(literal(TsLit::Bool(*b))),
        Expr::Array(array) => {
            let (file, constraint) = constraint?;
            let Some(element) = tuple_element(cx, file, constraint, 0) else {
                let element = array_element(cx, file, constraint, 0)?;
                return array_type(cx, array, (file.clone(), element));
            };
            let element = Some((file.clone(), element));
            let elements = array
                .elems
                .iter()
                .map(|item| match item {
                    Some(ExprOrSpread { spread: None, expr }) => {
                        argument_type(cx, expr, element.as_ref(), None)
                    }
                    _ => None,
                })
                .collect::<Option<Vec<_>>>()?;
            Some(tuple(elements))
        }
        Expr::Object(object) => {
            let mut members = Vec::new();
            for prop in &object.props {
                let PropOrSpread::Prop(prop) = prop else {
                    return None;
                };
                let (key, value) = match &**prop {
                    Prop::KeyValue(kv) => {
                        let key = match &kv.key {
                            PropName::Ident(i) => i.sym.clone(),
                            PropName::Str(s) => s.value.as_str()?.into(),
                            _ => return None,
                        };
                        let member =
                            constraint.and_then(|(f, c)| member_constraint(context, f, c, &key, 0));
                        let member_position = position.as_ref().map(|p| {
                            let object = match constraint {
                                Some((f, c)) if function_member(context, f, c, 0).is_some() => {
                                    type_ref(
                                        "Exclude",
                                        vec![non_nullable(p.clone()), any_function()],
                                    )
                                }
                                _ => non_nullable(p.clone()),
                            };
                            // Every key of a mapped type or index signature has the same type.
                            let index = match member {
                                Some((_, _, true)) => keyword(TsKeywordTypeKind::TsStringKeyword),
                                _ => string_literal(&key),
                            };
                            indexed(object, index)
                        });
                        let member = member.map(|(f, t, _)| (f, t));
                        (
                            key,
                            argument_type(cx, &kv.value, member.as_ref(), member_position)?,
                        )
                    }
                    Prop::Shorthand(ident) => (
                        ident.sym.clone(),
                        infer_expr(&Expr::Ident(ident.clone()), true)?,
                    ),
                    _ => return None,
                };
                members.push(crate::dts::type_nodes::property_signature(&key, value));
            }
            Some(Box::new(TsType::TsTypeLit(TsTypeLit {
                span: DUMMY_SP,
                members,
            })))
        }
        // A callback whose parameters are all annotated needs no context (`useCallback`'s `T`).
        Expr::Arrow(arrow) if arrow.params.iter().all(is_annotated) => infer_expr(expr, false),
        Expr::Arrow(arrow) => typed_callback(context, arrow, constraint?, position?),
        Expr::Fn(_) => None,
        other => infer_expr(other, !keeps_literals),
    }
}

/// `z => z.string()` where the signature types `z`: `(z: Parameters<F>[0]) => R`, with `R` inferred
/// while `z` is known to be what the signature says it is.
fn typed_callback(
    context: &DependencyContext,
    arrow: &ArrowExpr,
    constraint: &(PathBuf, Box<TsType>),
    position: Box<TsType>,
) -> Option<Box<TsType>> {
    if arrow.is_async || arrow.is_generator {
        return None;
    }
    let (file, function, in_union) = function_member(context, &constraint.0, &constraint.1, 0)?;
    let function_type = if in_union {
        type_ref("Extract", vec![non_nullable(position), any_function()])
    } else {
        non_nullable(position)
    };
    let mut typed = arrow.clone();
    let mut bindings = Vec::new();
    for (index, param) in typed.params.iter_mut().enumerate() {
        let Pat::Ident(binding) = param else {
            return None;
        };
        if binding.type_ann.is_some() {
            continue;
        }
        // Typed through a declared value, so that the parameter's type is written once per
        // module and generic methods can be named on it (`typeof __plugbuild_context_0.object<T>`).
        let declared = indexed(
            type_ref("Parameters", vec![function_type.clone()]),
            literal(TsLit::Number(Number {
                span: DUMMY_SP,
                value: index as f64,
                raw: None,
            })),
        );
        let helper = Ident::new_no_ctxt(helper_value(&declared), DUMMY_SP);
        binding.type_ann = Some(type_ann(type_of(TsEntityName::Ident(helper), None)));
        if let Some(TsFnParam::Ident(declared)) = function.params.get(index) {
            if let Some(ann) = &declared.type_ann {
                bindings.push((
                    binding.id.to_id(),
                    Value::Typed(file.clone(), ann.type_ann.clone()),
                ));
            }
        }
    }
    with_contextual(bindings, || infer_expr(&Expr::Arrow(typed), false))
}

/// What the callback `arrow` returns, its parameters typed by the function type `declared` (at
/// `position`, written in this module's terms), as `typed_callback` types them.
pub(crate) fn callback_return(
    context: &DependencyContext,
    arrow: &ArrowExpr,
    declared: &(PathBuf, Box<TsType>),
    position: Box<TsType>,
) -> Option<Box<TsType>> {
    let typed = typed_callback(context, arrow, declared, position)?;
    match *typed {
        TsType::TsFnOrConstructorType(TsFnOrConstructorType::TsFnType(function)) => {
            Some(function.type_ann.type_ann)
        }
        _ => None,
    }
}

/// The type of the property `key` of the type `ty` (in `file`'s scope), as `member_constraint`
/// finds it.
pub(crate) fn member_type(
    context: &DependencyContext,
    file: &Path,
    ty: &TsType,
    key: &str,
) -> Option<(PathBuf, Box<TsType>)> {
    member_constraint(context, file, ty, key, 0).map(|(file, ty, _)| (file, ty))
}

/// A parameter written with its type, or with a default value its type is inferred from.
pub(crate) fn is_annotated(param: &Pat) -> bool {
    match param {
        Pat::Ident(binding) => binding.type_ann.is_some(),
        Pat::Assign(assign) => match &*assign.left {
            Pat::Ident(binding) => {
                binding.type_ann.is_some() || matches!(&*assign.right, Expr::Lit(_))
            }
            _ => false,
        },
        Pat::Object(object) => object.type_ann.is_some(),
        Pat::Array(array) => array.type_ann.is_some(),
        Pat::Rest(rest) => rest.type_ann.is_some(),
        _ => false,
    }
}

fn non_nullable(ty: Box<TsType>) -> Box<TsType> {
    type_ref("NonNullable", vec![ty])
}

/// `(...args: any) => any`.
fn any_function() -> Box<TsType> {
    Box::new(TsType::TsFnOrConstructorType(
        TsFnOrConstructorType::TsFnType(TsFnType {
            span: DUMMY_SP,
            params: vec![TsFnParam::Rest(RestPat {
                span: DUMMY_SP,
                dot3_token: DUMMY_SP,
                arg: Box::new(Pat::Ident(BindingIdent {
                    id: Ident::new_no_ctxt("args".into(), DUMMY_SP),
                    type_ann: None,
                })),
                type_ann: Some(type_ann(keyword(TsKeywordTypeKind::TsAnyKeyword))),
            })],
            type_params: None,
            type_ann: type_ann(keyword(TsKeywordTypeKind::TsAnyKeyword)),
        }),
    ))
}

/// The function type a constraint gives a callback (the one function member of a union), its file,
/// and whether it is one member of a union.
fn function_member(
    context: &DependencyContext,
    file: &Path,
    ty: &TsType,
    depth: usize,
) -> Option<(PathBuf, TsFnType, bool)> {
    if depth > MAX_DEPTH {
        return None;
    }
    match ty {
        TsType::TsParenthesizedType(inner) => {
            function_member(context, file, &inner.type_ann, depth + 1)
        }
        TsType::TsFnOrConstructorType(TsFnOrConstructorType::TsFnType(f)) => {
            Some((file.to_path_buf(), f.clone(), false))
        }
        TsType::TsUnionOrIntersectionType(TsUnionOrIntersectionType::TsUnionType(u)) => {
            let mut functions = u
                .types
                .iter()
                .filter_map(|t| function_member(context, file, t, depth + 1));
            let (found_file, found, _) = functions.next()?;
            functions
                .next()
                .is_none()
                .then_some((found_file, found, true))
        }
        TsType::TsTypeRef(TsTypeRef {
            type_name: TsEntityName::Ident(name),
            type_params: None,
            ..
        }) => {
            let (alias_file, alias) = context.types.type_alias(file, &name.sym)?;
            function_member(context, &alias_file, &alias.type_ann, depth + 1)
        }
        _ => None,
    }
}

/// The constraint a property `key` of an object argument gets from the parameter's constraint, and
/// whether it is every key's (a mapped type's or an index signature's).
fn member_constraint(
    context: &DependencyContext,
    file: &Path,
    ty: &TsType,
    key: &str,
    depth: usize,
) -> Option<(PathBuf, Box<TsType>, bool)> {
    if depth > MAX_DEPTH {
        return None;
    }
    match ty {
        TsType::TsParenthesizedType(inner) => {
            member_constraint(context, file, &inner.type_ann, key, depth + 1)
        }
        TsType::TsUnionOrIntersectionType(TsUnionOrIntersectionType::TsUnionType(u)) => u
            .types
            .iter()
            .find_map(|t| member_constraint(context, file, t, key, depth + 1)),
        TsType::TsMappedType(mapped) => mapped
            .type_ann
            .clone()
            .map(|t| (file.to_path_buf(), t, true)),
        TsType::TsTypeLit(lit) => lit.members.iter().find_map(|member| match member {
            TsTypeElement::TsPropertySignature(prop)
                if prop_key(&prop.key).is_some_and(|k| k == key) =>
            {
                prop.type_ann
                    .as_ref()
                    .map(|a| (file.to_path_buf(), a.type_ann.clone(), false))
            }
            TsTypeElement::TsIndexSignature(index) => index
                .type_ann
                .as_ref()
                .map(|a| (file.to_path_buf(), a.type_ann.clone(), true)),
            _ => None,
        }),
        TsType::TsTypeRef(TsTypeRef {
            type_name: TsEntityName::Ident(name),
            type_params: None,
            ..
        }) => {
            let (alias_file, alias) = context.types.type_alias(file, &name.sym)?;
            member_constraint(context, &alias_file, &alias.type_ann, key, depth + 1)
        }
        _ => None,
    }
}

/// Whether tsc keeps literal types inferred under this constraint (a primitive in it).
fn keeps_literals(cx: &Cx, file: &Path, ty: &TsType, depth: usize) -> bool {
    if depth > MAX_DEPTH {
        return false;
    }
    match ty {
        TsType::TsKeywordType(k) => matches!(
            k.kind,
            TsKeywordTypeKind::TsStringKeyword
                | TsKeywordTypeKind::TsNumberKeyword
                | TsKeywordTypeKind::TsBooleanKeyword
                | TsKeywordTypeKind::TsBigIntKeyword
                | TsKeywordTypeKind::TsSymbolKeyword
        ),
        TsType::TsLitType(_) => true,
        TsType::TsTypeOperator(op) => op.op == TsTypeOperatorOp::KeyOf,
        TsType::TsParenthesizedType(inner) => keeps_literals(cx, file, &inner.type_ann, depth + 1),
        TsType::TsUnionOrIntersectionType(TsUnionOrIntersectionType::TsUnionType(u)) => u
            .types
            .iter()
            .any(|t| keeps_literals(cx, file, t, depth + 1)),
        TsType::TsTypeRef(TsTypeRef {
            type_name: TsEntityName::Ident(name),
            type_params: None,
            ..
        }) => match cx.type_param_constraint(&name.sym) {
            Some(constraint) => keeps_literals(cx, file, constraint, depth + 1),
            None => cx
                .context
                .types
                .type_alias(file, &name.sym)
                .is_some_and(|(f, alias)| keeps_literals(cx, &f, &alias.type_ann, depth + 1)),
        },
        _ => false,
    }
}

/// The constraint of an array argument's elements when it is inferred as a tuple (its constraint
/// is a tuple type): the tuple's first element type.
fn tuple_element(cx: &Cx, file: &Path, ty: &TsType, depth: usize) -> Option<Box<TsType>> {
    if depth > MAX_DEPTH {
        return None;
    }
    match ty {
        TsType::TsTupleType(tuple) => match tuple.elem_types.first() {
            Some(first) => match &*first.ty {
                TsType::TsRestType(rest) => match &*rest.type_ann {
                    TsType::TsArrayType(array) => Some(array.elem_type.clone()),
                    _ => None,
                },
                other => Some(Box::new(other.clone())),
            },
            None => Some(keyword(TsKeywordTypeKind::TsNeverKeyword)),
        },
        TsType::TsTypeOperator(op) => tuple_element(cx, file, &op.type_ann, depth + 1),
        TsType::TsParenthesizedType(inner) => tuple_element(cx, file, &inner.type_ann, depth + 1),
        TsType::TsUnionOrIntersectionType(TsUnionOrIntersectionType::TsUnionType(u)) => u
            .types
            .iter()
            .find_map(|t| tuple_element(cx, file, t, depth + 1)),
        TsType::TsTypeRef(TsTypeRef {
            type_name: TsEntityName::Ident(name),
            type_params,
            ..
        }) => match (&*name.sym, type_params) {
            ("Readonly", Some(args)) => tuple_element(cx, file, args.params.first()?, depth + 1),
            (_, None) => {
                if let Some(constraint) = cx.type_param_constraint(&name.sym) {
                    return tuple_element(cx, file, constraint, depth + 1);
                }
                let (alias_file, alias) = cx.context.types.type_alias(file, &name.sym)?;
                tuple_element(cx, &alias_file, &alias.type_ann, depth + 1)
            }
            _ => None,
        },
        _ => None,
    }
}

/// What tsc infers from an array literal under an array constraint (`readonly Extension[]`): an
/// array of its elements' types. Literal elements widen, as the element type is no type parameter.
fn array_type(cx: &Cx, array: &ArrayLit, element: (PathBuf, Box<TsType>)) -> Option<Box<TsType>> {
    let elements = array
        .elems
        .iter()
        .map(|item| match item {
            Some(ExprOrSpread { spread: None, expr }) => match expr.unwrap_parens() {
                Expr::Lit(_) | Expr::Tpl(_) => infer_expr(expr, true),
                _ => argument_type(cx, expr, Some(&element), None),
            },
            _ => None,
        })
        .collect::<Option<Vec<_>>>()?;
    let element = match elements.len() {
        0 => keyword(TsKeywordTypeKind::TsNeverKeyword),
        _ => crate::dts::type_nodes::union(elements)?,
    };
    Some(crate::dts::type_nodes::array_of(element))
}

/// The element type of an array type (`X[]`, `readonly X[]`, `Array<X>`, `ReadonlyArray<X>`),
/// through type parameters' constraints and type aliases.
fn array_element(cx: &Cx, file: &Path, ty: &TsType, depth: usize) -> Option<Box<TsType>> {
    if depth > MAX_DEPTH {
        return None;
    }
    match ty {
        TsType::TsArrayType(array) => Some(array.elem_type.clone()),
        TsType::TsTypeOperator(op) => array_element(cx, file, &op.type_ann, depth + 1),
        TsType::TsParenthesizedType(inner) => array_element(cx, file, &inner.type_ann, depth + 1),
        TsType::TsTypeRef(TsTypeRef {
            type_name: TsEntityName::Ident(name),
            type_params,
            ..
        }) => match (&*name.sym, type_params) {
            ("Array" | "ReadonlyArray", Some(args)) if args.params.len() == 1 => {
                Some(args.params[0].clone())
            }
            ("Readonly", Some(args)) if args.params.len() == 1 => {
                array_element(cx, file, &args.params[0], depth + 1)
            }
            (_, None) => {
                if let Some(constraint) = cx.type_param_constraint(&name.sym) {
                    return array_element(cx, file, constraint, depth + 1);
                }
                let (alias_file, alias) = cx.context.types.type_alias(file, &name.sym)?;
                array_element(cx, &alias_file, &alias.type_ann, depth + 1)
            }
            // A generic alias declared where it is used (`MaybeReadonly<BaseSchema[]>`).
            (_, Some(args)) => {
                let (alias_file, alias) = cx.context.types.type_alias(file, &name.sym)?;
                if alias_file != file {
                    return None;
                }
                let params = alias.type_params.as_deref()?;
                let body = crate::dts::dependencies::substitute_type_params(
                    &alias.type_ann,
                    params,
                    &args.params,
                );
                array_element(cx, file, &body, depth + 1)
            }
        },
        // `Readonly<T[]> | T[]`: the element of the first member that is an array.
        TsType::TsUnionOrIntersectionType(TsUnionOrIntersectionType::TsUnionType(union)) => union
            .types
            .iter()
            .find_map(|member| array_element(cx, file, member, depth + 1)),
        _ => None,
    }
}

pub(crate) fn prop_key(key: &Expr) -> Option<Atom> {
    match key {
        Expr::Ident(ident) => Some(ident.sym.clone()),
        Expr::Lit(Lit::Str(s)) => s.value.as_str().map(Atom::from),
        _ => None,
    }
}

/// Whether `ty` is the type parameter `name`, or a union or intersection with it as a member.
pub(crate) fn at_top_level(ty: &TsType, name: &str) -> bool {
    match ty {
        TsType::TsTypeRef(TsTypeRef {
            type_name: TsEntityName::Ident(ident),
            type_params: None,
            ..
        }) => ident.sym == name,
        TsType::TsParenthesizedType(inner) => at_top_level(&inner.type_ann, name),
        TsType::TsUnionOrIntersectionType(TsUnionOrIntersectionType::TsUnionType(u)) => {
            u.types.iter().any(|t| at_top_level(t, name))
        }
        TsType::TsUnionOrIntersectionType(TsUnionOrIntersectionType::TsIntersectionType(i)) => {
            i.types.iter().any(|t| at_top_level(t, name))
        }
        _ => false,
    }
}

/// Whether a type is written with keywords and literals only (the same in any scope).
pub(crate) fn self_contained(ty: &TsType) -> bool {
    match ty {
        TsType::TsKeywordType(_) | TsType::TsLitType(_) => true,
        TsType::TsParenthesizedType(inner) => self_contained(&inner.type_ann),
        TsType::TsUnionOrIntersectionType(TsUnionOrIntersectionType::TsUnionType(u)) => {
            u.types.iter().all(|t| self_contained(t))
        }
        TsType::TsTypeLit(lit) => lit.members.iter().all(|member| match member {
            TsTypeElement::TsPropertySignature(prop) => {
                !prop.computed
                    && prop
                        .type_ann
                        .as_ref()
                        .is_some_and(|ann| self_contained(&ann.type_ann))
            }
            _ => false,
        }),
        _ => false,
    }
}

pub(crate) fn is_nullish(ty: &TsType) -> bool {
    matches!(ty, TsType::TsKeywordType(k) if matches!(k.kind,
        TsKeywordTypeKind::TsUndefinedKeyword | TsKeywordTypeKind::TsNullKeyword))
}

/// Whether a type (or a parameter, or a type element) names one of the type parameters in `subst`.
pub(crate) fn mentions<'s, N: for<'m> VisitWith<Mentions<'m>>>(
    node: &N,
    subst: &'s HashMap<Atom, Subst>,
) -> bool {
    find_mentions(node, subst, false)
}

/// Whether a type names one of the type parameters where tsc infers from: not inside `NoInfer<>`
/// or an indexed access (`TRef['TQuery']` gives `TRef` no candidate).
pub(crate) fn mentions_inferably<'s, N: for<'m> VisitWith<Mentions<'m>>>(
    node: &N,
    subst: &'s HashMap<Atom, Subst>,
) -> bool {
    find_mentions(node, subst, true)
}

fn find_mentions<'s, N: for<'m> VisitWith<Mentions<'m>>>(
    node: &N,
    subst: &'s HashMap<Atom, Subst>,
    inferable_only: bool,
) -> bool {
    let mut finder = Mentions {
        subst,
        found: false,
        inferable_only,
    };
    node.visit_with(&mut finder);
    finder.found
}

pub(crate) struct Mentions<'a> {
    subst: &'a HashMap<Atom, Subst>,
    found: bool,
    inferable_only: bool,
}

impl Visit for Mentions<'_> {
    fn visit_ts_type_ref(&mut self, n: &TsTypeRef) {
        if let TsEntityName::Ident(name) = &n.type_name {
            if self.inferable_only && &*name.sym == "NoInfer" {
                return;
            }
            self.found |= self.subst.contains_key(&name.sym);
        }
        n.visit_children_with(self);
    }
    fn visit_ts_indexed_access_type(&mut self, n: &TsIndexedAccessType) {
        if !self.inferable_only {
            n.visit_children_with(self);
        }
    }
    fn visit_ts_type_query(&mut self, n: &TsTypeQuery) {
        if let TsTypeQueryExpr::TsEntityName(TsEntityName::Ident(name)) = &n.expr_name {
            self.found |= self.subst.contains_key(&name.sym);
        }
        n.visit_children_with(self);
    }
}
