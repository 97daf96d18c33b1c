//! Types written as TypeScript text with placeholders (`__A`, `__B`), parsed once and filled in
//! with inferred types: for the forms too long to build node by node, such as the falsy part of a
//! type that `a && b` keeps.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use swc_core::common::sync::Lrc;
use swc_core::common::{FileName, SourceMap, Span, DUMMY_SP};
use swc_core::ecma::ast::*;
use swc_core::ecma::parser::{parse_file_as_module, Syntax, TsSyntax};
use swc_core::ecma::visit::{VisitMut, VisitMutWith};

/// The falsy part of `__A`, as tsc extracts it for `a && b` (`extractDefinitelyFalsyTypes`):
/// `""` of `string`, `0` of `number`, `false` of `boolean`, a falsy literal itself, `null` and
/// `undefined`; nothing of object types or truthy literals. Distributed over `__A`'s members
/// through `infer`.
pub(crate) const FALSY_PART: &str = "__A extends infer X ? X extends string ? string extends X ? \"\" : X extends \"\" ? X : never : X extends number ? number extends X ? 0 : X extends 0 ? X : never : X extends boolean ? X extends false ? X : never : X extends null | undefined ? X : never : never";

/// `a?.b`: the member `__K` of `__A` without `null` and `undefined`, and `undefined` when `__A`
/// has either (the chain stops there).
pub(crate) const OPTIONAL_MEMBER: &str = "Exclude<__A, null | undefined>[__K] | ([Extract<__A, null | undefined>] extends [never] ? never : undefined)";

/// `a?.m()`: `undefined` when `__A` has `null` or `undefined` (the chain stops there), else
/// nothing.
pub(crate) const UNDEFINED_IF_NULLISH: &str =
    "[Extract<__A, null | undefined>] extends [never] ? never : undefined";

/// `__A | never[]` as tsc reduces it for `a ?? []`: `__A` itself when it is an array type. (The
/// plain conditional type `__A extends readonly unknown[] ? __A : ...` resolves to `__A` too, but
/// the checker then gives a `map` callback's parameter `unknown`; the indexed form does not.)
pub(crate) const OR_EMPTY_ARRAY: &str =
    "{ array: __A; other: __A | never[] }[__A extends readonly unknown[] ? \"array\" : \"other\"]";

/// `{ ...l, ...r }`: the properties of `__R`, then those of `__L` it does not have, none of them
/// readonly, as tsc's spread type lists them (the mapped type over the intersection keeps that
/// order and each property's optionality; the checker prints it resolved).
pub(crate) const SPREAD: &str = "{ -readonly [__PlugbuildKey in keyof (__R & __L)]: __PlugbuildKey extends keyof __R ? __R[__PlugbuildKey] : __L[__PlugbuildKey & keyof __L] }";

/// `{ ...l }` alone: the properties of `__L`, none of them readonly.
pub(crate) const SPREAD_ONE: &str =
    "{ -readonly [__PlugbuildKey in keyof __L]: __L[__PlugbuildKey] }";

/// `template` with each placeholder name replaced by its type.
pub(crate) fn fill(template: &'static str, with: &[(&str, Box<TsType>)]) -> Option<Box<TsType>> {
    let mut ty = parsed(template)?;
    ty.visit_mut_with(&mut Fill { with });
    Some(ty)
}

fn parsed(template: &'static str) -> Option<Box<TsType>> {
    static CACHE: OnceLock<Mutex<HashMap<&'static str, Option<Box<TsType>>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut cache = cache.lock().unwrap_or_else(|p| p.into_inner());
    cache
        .entry(template)
        .or_insert_with(|| parse_type_text(template))
        .clone()
}

/// A type written as TypeScript text, parsed, without positions.
pub(crate) fn parse_type_text(text: &str) -> Option<Box<TsType>> {
    let cm = SourceMap::default();
    let fm = cm.new_source_file(Lrc::new(FileName::Anon), format!("type __T = {text};"));
    let module = parse_file_as_module(
        &fm,
        Syntax::Typescript(TsSyntax::default()),
        EsVersion::EsNext,
        None,
        &mut Vec::new(),
    )
    .ok()?;
    let Some(ModuleItem::Stmt(Stmt::Decl(Decl::TsTypeAlias(alias)))) =
        module.body.into_iter().next()
    else {
        return None;
    };
    let mut ty = alias.type_ann;
    ty.visit_mut_with(&mut DropSpans);
    Some(ty)
}

struct DropSpans;

impl VisitMut for DropSpans {
    fn visit_mut_span(&mut self, span: &mut Span) {
        *span = DUMMY_SP;
    }
}

struct Fill<'a> {
    with: &'a [(&'a str, Box<TsType>)],
}

impl VisitMut for Fill<'_> {
    fn visit_mut_ts_type(&mut self, ty: &mut TsType) {
        if let TsType::TsTypeRef(TsTypeRef {
            type_name: TsEntityName::Ident(name),
            type_params: None,
            ..
        }) = ty
        {
            if let Some((_, filled)) = self.with.iter().find(|(n, _)| *n == &*name.sym) {
                *ty = TsType::TsParenthesizedType(TsParenthesizedType {
                    span: DUMMY_SP,
                    type_ann: filled.clone(),
                });
                return;
            }
        }
        ty.visit_mut_children_with(self);
    }
}
