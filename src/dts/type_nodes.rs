//! Builders of TypeScript type nodes for the declarations plugbuild writes: keywords, literals,
//! references, `typeof` queries, indexed access, tuples and unions.

use swc_core::common::{EqIgnoreSpan, DUMMY_SP};
use swc_core::ecma::ast::*;

/// `undefined | null | false | 0 | "" | 0n`: the types tsc removes from the left of `||`.
pub(crate) fn definitely_falsy() -> Box<TsType> {
    Box::new(TsType::TsUnionOrIntersectionType(
        TsUnionOrIntersectionType::TsUnionType(TsUnionType {
            span: DUMMY_SP,
            types: vec![
                keyword(TsKeywordTypeKind::TsUndefinedKeyword),
                keyword(TsKeywordTypeKind::TsNullKeyword),
                literal(TsLit::Bool(Bool {
                    span: DUMMY_SP,
                    value: false,
                })),
                literal(TsLit::Number(Number {
                    span: DUMMY_SP,
                    value: 0.0,
                    raw: None,
                })),
                literal(TsLit::Str(Str {
                    span: DUMMY_SP,
                    value: "".into(),
                    raw: None,
                })),
                literal(TsLit::BigInt(BigInt {
                    span: DUMMY_SP,
                    value: Box::new(0u32.into()),
                    raw: None,
                })),
            ],
        }),
    ))
}

/// `(T)["name"]`: the type of property `name` on `T`.
pub(crate) fn property_of(object: Box<TsType>, name: &str) -> Box<TsType> {
    if let Some(member) = crate::dts::infer::dynamic_imports::module_member(&object, name) {
        return member;
    }
    indexed(
        object,
        literal(TsLit::Str(Str {
            span: DUMMY_SP,
            value: name.into(),
            raw: None,
        })),
    )
}

pub fn type_ann(ty: Box<TsType>) -> Box<TsTypeAnn> {
    Box::new(TsTypeAnn {
        span: DUMMY_SP,
        type_ann: ty,
    })
}

/// `declare const name: T;`
pub(crate) fn declared_const(name: swc_core::atoms::Atom, ty: Box<TsType>) -> ModuleItem {
    ModuleItem::Stmt(Stmt::Decl(Decl::Var(Box::new(VarDecl {
        kind: VarDeclKind::Const,
        declare: true,
        decls: vec![VarDeclarator {
            span: DUMMY_SP,
            name: Pat::Ident(BindingIdent {
                id: Ident::new_no_ctxt(name, DUMMY_SP),
                type_ann: Some(type_ann(ty)),
            }),
            init: None,
            definite: false,
        }],
        ..Default::default()
    }))))
}

pub(crate) fn keyword(kind: TsKeywordTypeKind) -> Box<TsType> {
    Box::new(TsType::TsKeywordType(TsKeywordType {
        span: DUMMY_SP,
        kind,
    }))
}

pub(crate) fn type_ref(name: &str, params: Vec<Box<TsType>>) -> Box<TsType> {
    Box::new(TsType::TsTypeRef(TsTypeRef {
        span: DUMMY_SP,
        type_name: TsEntityName::Ident(Ident::new_no_ctxt(name.into(), DUMMY_SP)),
        type_params: (!params.is_empty()).then(|| {
            Box::new(TsTypeParamInstantiation {
                span: DUMMY_SP,
                params,
            })
        }),
    }))
}

pub(crate) fn type_of(
    entity: TsEntityName,
    type_args: Option<Box<TsTypeParamInstantiation>>,
) -> Box<TsType> {
    Box::new(TsType::TsTypeQuery(TsTypeQuery {
        span: DUMMY_SP,
        expr_name: TsTypeQueryExpr::TsEntityName(entity),
        type_args,
    }))
}

/// `import("specifier").qualifier<args>`: a package's type named where the module need not import it.
pub(crate) fn import_type(
    specifier: &str,
    qualifier: Option<TsEntityName>,
    type_args: Option<Box<TsTypeParamInstantiation>>,
) -> Box<TsType> {
    Box::new(TsType::TsImportType(TsImportType {
        span: DUMMY_SP,
        arg: Str {
            span: DUMMY_SP,
            value: specifier.into(),
            raw: None,
        },
        qualifier,
        type_args,
        attributes: None,
    }))
}

pub(crate) fn tuple(elements: Vec<Box<TsType>>) -> Box<TsType> {
    Box::new(TsType::TsTupleType(TsTupleType {
        span: DUMMY_SP,
        elem_types: elements
            .into_iter()
            .map(|ty| TsTupleElement {
                span: DUMMY_SP,
                label: None,
                ty,
            })
            .collect(),
    }))
}

/// Whether `ty` is the `any` keyword.
pub(crate) fn is_any(ty: &TsType) -> bool {
    matches!(
        ty,
        TsType::TsKeywordType(TsKeywordType {
            kind: TsKeywordTypeKind::TsAnyKeyword,
            ..
        })
    )
}

/// A union of distinct types (one type when they are all the same).
pub(crate) fn union(types: Vec<Box<TsType>>) -> Option<Box<TsType>> {
    // `any` absorbs every other member, as in tsc (`void | any` is `any`).
    if let Some(any) = types.iter().find(|ty| is_any(ty)) {
        return Some(any.clone());
    }
    let mut distinct: Vec<Box<TsType>> = Vec::new();
    for ty in types {
        if !distinct.iter().any(|d| d.eq_ignore_span(&ty)) {
            distinct.push(ty);
        }
    }
    match distinct.len() {
        0 => None,
        1 => distinct.pop(),
        _ => Some(Box::new(TsType::TsUnionOrIntersectionType(
            TsUnionOrIntersectionType::TsUnionType(TsUnionType {
                span: DUMMY_SP,
                types: distinct.into_iter().map(union_member).collect(),
            }),
        ))),
    }
}

/// A member of a union, in parentheses where it would take the rest of the union into itself
/// when printed (a conditional or function type).
fn union_member(ty: Box<TsType>) -> Box<TsType> {
    match &*ty {
        TsType::TsConditionalType(_) | TsType::TsFnOrConstructorType(_) => {
            Box::new(TsType::TsParenthesizedType(TsParenthesizedType {
                span: DUMMY_SP,
                type_ann: ty,
            }))
        }
        _ => ty,
    }
}

/// `T[]`, with `T` in parentheses when it is a union or a function type.
pub(crate) fn array_of(element: Box<TsType>) -> Box<TsType> {
    Box::new(TsType::TsArrayType(TsArrayType {
        span: DUMMY_SP,
        elem_type: parenthesize_union(element),
    }))
}

pub(crate) fn parenthesize_union(ty: Box<TsType>) -> Box<TsType> {
    match &*ty {
        TsType::TsUnionOrIntersectionType(_) | TsType::TsFnOrConstructorType(_) => {
            Box::new(TsType::TsParenthesizedType(TsParenthesizedType {
                span: DUMMY_SP,
                type_ann: ty,
            }))
        }
        _ => ty,
    }
}

pub(crate) fn widen_literal(ty: &TsType) -> Option<Box<TsType>> {
    let TsType::TsLitType(literal) = ty else {
        return None;
    };
    Some(keyword(match literal.lit {
        TsLit::Str(_) | TsLit::Tpl(_) => TsKeywordTypeKind::TsStringKeyword,
        TsLit::Number(_) => TsKeywordTypeKind::TsNumberKeyword,
        TsLit::Bool(_) => TsKeywordTypeKind::TsBooleanKeyword,
        TsLit::BigInt(_) => TsKeywordTypeKind::TsBigIntKeyword,
        #[allow(unreachable_patterns)]
        _ => return None,
    }))
}

/// A literal type (`"a"`, `1`, `false`).
pub(crate) fn literal(lit: TsLit) -> Box<TsType> {
    Box::new(TsType::TsLitType(TsLitType {
        span: DUMMY_SP,
        lit,
    }))
}

/// `(T)[I]`; `any` when `T` is `any` or a type from a package whose declarations do not resolve
/// (tsc's error type), whose every member is `any`.
pub(crate) fn indexed(object: Box<TsType>, index: Box<TsType>) -> Box<TsType> {
    if is_any(&object) || crate::dts::infer::scope::names_unresolved_package_type(&object) {
        return keyword(TsKeywordTypeKind::TsAnyKeyword);
    }
    Box::new(TsType::TsIndexedAccessType(TsIndexedAccessType {
        span: DUMMY_SP,
        readonly: false,
        obj_type: Box::new(TsType::TsParenthesizedType(TsParenthesizedType {
            span: DUMMY_SP,
            type_ann: object,
        })),
        index_type: index,
    }))
}

/// The types of the names an annotated object pattern binds (`{ a, b: c }: { a: A; b: B }`): each
/// property's declared type when the annotation is a type literal that declares it (required, not
/// optional), else `(T)["a"]`. Bindings with defaults or nested patterns are left out.
pub(crate) fn destructured_types(pattern: &ObjectPat) -> Vec<(Id, Box<TsType>)> {
    let Some(annotation) = &pattern.type_ann else {
        return Vec::new();
    };
    let declared = |name: &str| -> Box<TsType> {
        if let TsType::TsTypeLit(literal) = &*annotation.type_ann {
            for member in &literal.members {
                let TsTypeElement::TsPropertySignature(property) = member else {
                    continue;
                };
                let key = match &*property.key {
                    Expr::Ident(ident) => ident.sym.to_string(),
                    Expr::Lit(Lit::Str(s)) => s.value.to_string_lossy().into_owned(),
                    _ => continue,
                };
                if key == name && !property.optional && !property.computed {
                    if let Some(ann) = &property.type_ann {
                        return ann.type_ann.clone();
                    }
                }
            }
        }
        property_of(annotation.type_ann.clone(), name)
    };
    let mut bound = Vec::new();
    for prop in &pattern.props {
        match prop {
            ObjectPatProp::Assign(AssignPatProp {
                key, value: None, ..
            }) => bound.push((key.id.to_id(), declared(&key.id.sym))),
            ObjectPatProp::KeyValue(KeyValuePatProp { key, value, .. }) => {
                let name = match key {
                    PropName::Ident(ident) => ident.sym.to_string(),
                    PropName::Str(s) => s.value.to_string_lossy().into_owned(),
                    _ => continue,
                };
                if let Pat::Ident(binding) = &**value {
                    bound.push((binding.id.to_id(), declared(&name)));
                }
            }
            _ => {}
        }
    }
    bound
}

/// Names a declaration cannot have (an export can still be called so: `export { f as function }`).
pub(crate) fn is_reserved(name: &swc_core::atoms::Atom) -> bool {
    matches!(
        name.as_str(),
        "break"
            | "case"
            | "catch"
            | "class"
            | "const"
            | "continue"
            | "debugger"
            | "default"
            | "delete"
            | "do"
            | "else"
            | "enum"
            | "export"
            | "extends"
            | "false"
            | "finally"
            | "for"
            | "function"
            | "if"
            | "import"
            | "in"
            | "instanceof"
            | "new"
            | "null"
            | "return"
            | "super"
            | "switch"
            | "this"
            | "throw"
            | "true"
            | "try"
            | "typeof"
            | "var"
            | "void"
            | "while"
            | "with"
            | "yield"
            | "let"
            | "static"
            | "implements"
            | "interface"
            | "package"
            | "private"
            | "protected"
            | "public"
            | "await"
            | "undefined"
            | "arguments"
            | "eval"
    )
}

/// Whether `text` can be written as an identifier (a property key without quotes).
pub(crate) fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    chars
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '$')
}

/// tsc prints the type it computed, not the text: string literals in double quotes.
pub(crate) struct DoubleQuoted;

impl swc_core::ecma::visit::VisitMut for DoubleQuoted {
    fn visit_mut_ts_lit(&mut self, n: &mut TsLit) {
        if let TsLit::Str(text) = n {
            text.raw = None;
        }
    }
}

/// `name: ty` as a property of a type literal; the key is written as a string when it is not an
/// identifier.
pub(crate) fn property_signature(name: &str, ty: Box<TsType>) -> TsTypeElement {
    let key = if is_identifier(name) {
        Expr::Ident(Ident::new_no_ctxt(name.into(), DUMMY_SP))
    } else {
        Expr::Lit(Lit::Str(Str {
            span: DUMMY_SP,
            value: name.into(),
            raw: None,
        }))
    };
    TsTypeElement::TsPropertySignature(TsPropertySignature {
        span: DUMMY_SP,
        readonly: false,
        key: Box::new(key),
        computed: false,
        optional: false,
        type_ann: Some(type_ann(ty)),
    })
}
