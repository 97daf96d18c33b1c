//! tsc reduces the union of an inferred return type by subtypes: a member that is a subtype of
//! another is left out. Only what React components meet is modelled here: with `JSX.Element` (an
//! interface extending `React.ReactElement<any, any>`) among the members, any `ReactElement` is a
//! subtype of it, so `cond ? children : <>{fallback}</>` returns `JSX.Element`.

use std::collections::HashMap;

use swc_core::atoms::Atom;
use swc_core::common::EqIgnoreSpan;
use swc_core::ecma::ast::*;

use crate::dts::infer::scope::dependency_context;

/// The properties of the module's own top-level interfaces and type-literal aliases without type
/// parameters or heritage, by type name: their written types.
pub type OwnShapes = HashMap<Atom, HashMap<Atom, Box<TsType>>>;

/// `OwnShapes` of a module.
pub(crate) fn own_shapes(module: &Module) -> OwnShapes {
    let mut shapes = OwnShapes::new();
    for item in &module.body {
        let decl = match item {
            ModuleItem::Stmt(Stmt::Decl(decl)) => decl,
            ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(export)) => &export.decl,
            _ => continue,
        };
        let (name, members) = match decl {
            Decl::TsInterface(i) if i.type_params.is_none() && i.extends.is_empty() => {
                (&i.id.sym, &i.body.body)
            }
            Decl::TsTypeAlias(alias) if alias.type_params.is_none() => {
                let TsType::TsTypeLit(literal) = &*alias.type_ann else {
                    continue;
                };
                (&alias.id.sym, &literal.members)
            }
            _ => continue,
        };
        let properties = members
            .iter()
            .filter_map(|member| {
                let TsTypeElement::TsPropertySignature(property) = member else {
                    return None;
                };
                let key = crate::dts::infer::argument_types::prop_key(&property.key)?;
                Some((key, property.type_ann.as_ref()?.type_ann.clone()))
            })
            .collect();
        shapes.insert(name.clone(), properties);
    }
    shapes
}

/// `types` (the members of a return type's union) without those that are subtypes of the JSX
/// element type `element`, when it is among them.
pub(crate) fn without_element_subtypes(
    types: Vec<Box<TsType>>,
    element: &TsType,
) -> Vec<Box<TsType>> {
    let members: Vec<Box<TsType>> = types.into_iter().flat_map(union_members).collect();
    if !members.iter().any(|m| (**m).eq_ignore_span(element)) {
        return members;
    }
    // tsc prints the reduced union with `null` and `undefined` last (`JSX.Element | null`).
    let (nullish, mut kept): (Vec<_>, Vec<_>) = members
        .into_iter()
        .filter(|m| (**m).eq_ignore_span(element) || !is_react_element(m, 0))
        .partition(|m| {
            matches!(&**m, TsType::TsKeywordType(k) if matches!(k.kind,
                TsKeywordTypeKind::TsNullKeyword | TsKeywordTypeKind::TsUndefinedKeyword))
        });
    kept.extend(nullish);
    kept
}

pub(crate) fn union_members(ty: Box<TsType>) -> Vec<Box<TsType>> {
    match *ty {
        TsType::TsUnionOrIntersectionType(TsUnionOrIntersectionType::TsUnionType(union)) => {
            union.types.into_iter().flat_map(union_members).collect()
        }
        TsType::TsParenthesizedType(inner) => union_members(inner.type_ann),
        other => vec![Box::new(other)],
    }
}

/// Whether `ty` is React's `ReactElement` (any type arguments) or `JSX.Element`: written so
/// (`React.ReactElement`, `ReactElement` imported from `react`), or a property of one of the
/// module's own shapes written so (`(Props)["children"]`).
fn is_react_element(ty: &TsType, depth: usize) -> bool {
    if depth > 4 {
        return false;
    }
    match ty {
        TsType::TsParenthesizedType(inner) => is_react_element(&inner.type_ann, depth + 1),
        TsType::TsTypeRef(reference) => names_react_element(&reference.type_name),
        TsType::TsIndexedAccessType(access) => {
            let TsType::TsLitType(TsLitType {
                lit: TsLit::Str(key),
                ..
            }) = &*access.index_type
            else {
                return false;
            };
            let TsType::TsTypeRef(TsTypeRef {
                type_name: TsEntityName::Ident(shape),
                type_params: None,
                ..
            }) = strip_parens(&access.obj_type)
            else {
                return false;
            };
            let Some(context) = dependency_context() else {
                return false;
            };
            let Some(key) = key.value.as_str() else {
                return false;
            };
            context
                .own_shapes
                .get(&shape.sym)
                .and_then(|properties| properties.get(&Atom::from(key)))
                .is_some_and(|property| is_react_element(property, depth + 1))
        }
        _ => false,
    }
}

fn strip_parens(ty: &TsType) -> &TsType {
    match ty {
        TsType::TsParenthesizedType(inner) => strip_parens(&inner.type_ann),
        other => other,
    }
}

/// `React.ReactElement`, `React.JSX.Element`, `JSX.Element`, or `ReactElement` imported from
/// `react` under that name.
fn names_react_element(name: &TsEntityName) -> bool {
    match name {
        TsEntityName::Ident(ident) => {
            ident.sym == "ReactElement" && imported_from_react(&ident.sym, "ReactElement")
        }
        TsEntityName::TsQualifiedName(qualified) => {
            match (&qualified.left, &*qualified.right.sym) {
                (TsEntityName::Ident(left), "ReactElement") => left.sym == "React",
                (TsEntityName::Ident(left), "Element") => left.sym == "JSX",
                (TsEntityName::TsQualifiedName(inner), "Element") => {
                    inner.right.sym == "JSX"
                        && matches!(&inner.left, TsEntityName::Ident(react) if react.sym == "React")
                }
                _ => false,
            }
        }
    }
}

/// Whether the module imports `imported` from `react` as `local` (types included).
fn imported_from_react(local: &Atom, imported: &str) -> bool {
    dependency_context().is_some_and(|context| {
        context
            .react_types
            .iter()
            .any(|(l, i)| l == local && i == imported)
    })
}

/// `types` without the object types that another one has as a supertype by an empty array alone:
/// `{ ticks: never[]; n: number }` next to `{ ticks: number[]; n: number }` (an early
/// `return { ticks: [], n: 0 }`). tsc's subtype reduction leaves the first out. Only objects with
/// the same required properties are compared.
pub(crate) fn without_empty_array_objects(types: Vec<Box<TsType>>) -> Vec<Box<TsType>> {
    let keep: Vec<bool> = types
        .iter()
        .enumerate()
        .map(|(index, ty)| {
            !types
                .iter()
                .enumerate()
                .any(|(other, wider)| other != index && widens_empty_arrays(ty, wider))
        })
        .collect();
    types
        .into_iter()
        .zip(keep)
        .filter_map(|(ty, keep)| keep.then_some(ty))
        .collect()
}

/// Whether `wider` is `narrow` with some `never[]` properties given another array type.
fn widens_empty_arrays(narrow: &TsType, wider: &TsType) -> bool {
    let (Some(narrow), Some(wider)) = (required_properties(narrow), required_properties(wider))
    else {
        return false;
    };
    if narrow.len() != wider.len() {
        return false;
    }
    let mut widened = false;
    for ((key, ty), (other_key, other_ty)) in narrow.iter().zip(&wider) {
        if key != other_key {
            return false;
        }
        if ty.eq_ignore_span(other_ty) {
            continue;
        }
        if !crate::dts::infer::operators::is_never_array(ty)
            || crate::dts::infer::array_methods::element_type(other_ty).is_none()
        {
            return false;
        }
        widened = true;
    }
    widened
}

/// A type literal's properties by key, when each is required, not readonly and typed.
fn required_properties(ty: &TsType) -> Option<Vec<(Atom, &TsType)>> {
    let TsType::TsTypeLit(literal) = ty else {
        return None;
    };
    literal
        .members
        .iter()
        .map(|member| match member {
            TsTypeElement::TsPropertySignature(p) if !p.optional && !p.readonly => Some((
                crate::dts::infer::argument_types::prop_key(&p.key)?,
                &*p.type_ann.as_ref()?.type_ann,
            )),
            _ => None,
        })
        .collect()
}
