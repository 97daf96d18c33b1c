//! Type arguments that no argument gives: tsc takes the type parameter's default, or its constraint,
//! instantiated with the other type arguments (`createRouteRef({ id })`'s `Params` is
//! `{ [param in never]: string }`, that is `{}`).

use std::collections::HashMap;

use swc_core::atoms::Atom;
use swc_core::common::DUMMY_SP;
use swc_core::ecma::ast::*;
use swc_core::ecma::visit::{VisitMut, VisitMutWith};

use crate::dts::infer::argument_types::self_contained;
use crate::dts::type_nodes::keyword;

/// The type arguments of type parameters that no argument gives, from their defaults (or
/// constraints, or `unknown`) with the other type arguments substituted, when the result needs no
/// names of the dependency (`Params extends { [param in ParamKey]: string }` with `ParamKey`'s
/// default `never` is `{}`). Repeated while one resolves another.
pub(crate) fn resolve_from_declarations(
    params: &[TsTypeParam],
    values: &mut [Option<Box<TsType>>],
    unconstrained: &[usize],
) {
    loop {
        let mut progressed = false;
        for (index, param) in params.iter().enumerate() {
            if values[index].is_some() {
                continue;
            }
            let declared = if unconstrained.contains(&index) {
                param.default.as_ref().or(param.constraint.as_ref())
            } else {
                param.default.as_ref()
            };
            let resolved = match declared {
                None if unconstrained.contains(&index) => {
                    Some(keyword(TsKeywordTypeKind::TsUnknownKeyword))
                }
                None => None,
                Some(declared) => substituted(declared, params, values),
            };
            if resolved.is_some() {
                values[index] = resolved;
                progressed = true;
            }
        }
        if !progressed {
            return;
        }
    }
}

/// `declared` with the type parameters' known type arguments in place, or None when it names one
/// not known yet or anything of the dependency.
fn substituted(
    declared: &TsType,
    params: &[TsTypeParam],
    values: &[Option<Box<TsType>>],
) -> Option<Box<TsType>> {
    let known: HashMap<Atom, Box<TsType>> = params
        .iter()
        .zip(values)
        .filter_map(|(p, v)| Some((p.name.sym.clone(), v.clone()?)))
        .collect();
    let mut ty = Box::new(declared.clone());
    ty.visit_mut_with(&mut TypeParamSubstitution { known: &known });
    self_contained(&ty).then_some(ty)
}

struct TypeParamSubstitution<'a> {
    known: &'a HashMap<Atom, Box<TsType>>,
}

impl VisitMut for TypeParamSubstitution<'_> {
    fn visit_mut_ts_type(&mut self, ty: &mut TsType) {
        ty.visit_mut_children_with(self);
        match ty {
            TsType::TsTypeRef(TsTypeRef {
                type_name: TsEntityName::Ident(name),
                type_params: None,
                ..
            }) => {
                if let Some(value) = self.known.get(&name.sym) {
                    *ty = (**value).clone();
                }
            }
            // `{ [k in never]: X }` has no properties; `{ [k in "a" | "b"]: X }` is
            // `{ a: X; b: X }`.
            TsType::TsMappedType(mapped) => {
                if let Some(members) = mapped_over_literals(mapped) {
                    *ty = TsType::TsTypeLit(TsTypeLit {
                        span: DUMMY_SP,
                        members,
                    });
                }
            }
            _ => {}
        }
    }
}

pub(crate) fn is_never(ty: &TsType) -> bool {
    matches!(ty, TsType::TsKeywordType(k) if k.kind == TsKeywordTypeKind::TsNeverKeyword)
}

/// The properties of a mapped type over `never` or string literal keys, without an `as` clause or
/// modifiers: one per key, with the key's literal type in place of the key parameter.
pub(crate) fn mapped_over_literals(mapped: &TsMappedType) -> Option<Vec<TsTypeElement>> {
    if mapped.name_type.is_some() || mapped.readonly.is_some() || mapped.optional.is_some() {
        return None;
    }
    let keys: Vec<&Str> = match mapped.type_param.constraint.as_deref()? {
        never if is_never(never) => Vec::new(),
        keys => string_literals(keys)?,
    };
    let value = mapped.type_ann.as_deref()?;
    keys.into_iter()
        .map(|key| {
            let name: Atom = key.value.as_str()?.into();
            let mut value = Box::new(value.clone());
            let known = HashMap::from([(
                mapped.type_param.name.sym.clone(),
                Box::new(TsType::TsLitType(TsLitType {
                    span: DUMMY_SP,
                    lit: TsLit::Str(key.clone()),
                })),
            )]);
            value.visit_mut_with(&mut TypeParamSubstitution { known: &known });
            let key = if crate::dts::type_nodes::is_identifier(&name) {
                Expr::Ident(Ident::new_no_ctxt(name, DUMMY_SP))
            } else {
                Expr::Lit(Lit::Str(key.clone()))
            };
            Some(TsTypeElement::TsPropertySignature(TsPropertySignature {
                span: DUMMY_SP,
                readonly: false,
                key: Box::new(key),
                computed: false,
                optional: false,
                type_ann: Some(crate::dts::type_nodes::type_ann(value)),
            }))
        })
        .collect()
}

/// The string literal types of a literal type or a union of them.
pub(crate) fn string_literals(ty: &TsType) -> Option<Vec<&Str>> {
    match ty {
        TsType::TsLitType(TsLitType {
            lit: TsLit::Str(text),
            ..
        }) => Some(vec![text]),
        TsType::TsUnionOrIntersectionType(TsUnionOrIntersectionType::TsUnionType(union)) => union
            .types
            .iter()
            .map(|t| match &**t {
                TsType::TsLitType(TsLitType {
                    lit: TsLit::Str(text),
                    ..
                }) => Some(text),
                _ => None,
            })
            .collect(),
        _ => None,
    }
}
