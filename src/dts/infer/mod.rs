//! The types tsc would infer, written in forms that let the consumer's tsc compute the exact type:
//! `__PlugbuildCall<typeof f, [args]>` (the return type of the overload tsc would pick),
//! instantiation expressions (`typeof f<T>`), `InstanceType<typeof C>`, `typeof x`, widened literal
//! types, object and function types built from those, return types of function bodies. What cannot
//! be written this way is left alone; the emitter then reports it.

pub mod argument_types;
pub mod array_methods;
pub mod builtin_methods;
pub mod conditional_calls;
pub mod constant_values;
pub mod destructuring;
pub mod dynamic_imports;
pub mod functions;
pub mod inferred_places;
pub mod json_types;
pub mod literal_types;
pub mod narrowing;
pub mod object_literals;
pub mod operators;
pub mod portable_types;
pub mod return_unions;
pub mod scope;
pub mod sibling_modules;
pub mod type_arg_defaults;
pub mod type_arg_places;
pub mod type_args;
pub mod type_templates;
pub mod zod_schemas;

use swc_core::common::DUMMY_SP;
use swc_core::ecma::ast::*;

use crate::dts::infer::array_methods::{array_method_result, element_type, ArrayResult};
use crate::dts::infer::functions::{infer_arrow, infer_function_type, literal_type};
pub(crate) use crate::dts::infer::functions::{infer_arrow_return, infer_function_return};
pub(crate) use crate::dts::infer::object_literals::property_key;
use crate::dts::infer::object_literals::{infer_array, infer_object};
pub(crate) use crate::dts::infer::operators::{
    infer_binary, infer_branch, infer_conditional, infer_optional_chain, infer_unary,
    without_empty_arrays, without_nullish,
};
pub(crate) use crate::dts::infer::scope::with_module_scope;
use crate::dts::infer::scope::{declared_non_literal, is_global, is_visible, local, Local};
use crate::dts::type_nodes::{
    indexed, is_any, keyword, literal, parenthesize_union, property_of, tuple, type_ann, type_of,
    type_ref, widen_literal,
};

/// `unique symbol` for `Symbol()`, `Symbol('x')` or `Symbol.for('x')` (the global `Symbol`): the type
/// tsc gives a `const` (or `static readonly` field) initialised that way.
pub(crate) fn unique_symbol(expr: &Expr) -> Option<Box<TsType>> {
    let Expr::Call(call) = expr.unwrap_parens() else {
        return None;
    };
    let callee = call.callee.as_expr()?;
    let symbol = match &**callee {
        Expr::Ident(ident) => ident,
        Expr::Member(member) if member.prop.as_ident().is_some_and(|p| &*p.sym == "for") => {
            member.obj.as_ident()?
        }
        _ => return None,
    };
    (&*symbol.sym == "Symbol" && is_global(symbol)).then(|| {
        Box::new(TsType::TsTypeOperator(TsTypeOperator {
            span: DUMMY_SP,
            op: TsTypeOperatorOp::Unique,
            type_ann: keyword(TsKeywordTypeKind::TsSymbolKeyword),
        }))
    })
}

/// `receiver().method()` with no arguments and no type arguments (builder chains such as
/// `stringType().optional()`): `__PlugbuildCall<(R)["method"], []>` where R is the receiver's type.
/// With no arguments tsc infers no type arguments from them either, so the type is exact; calls
/// with arguments are left alone (a generic method would silently fall back to its constraints),
/// but on a receiver only the consumer's checker can type.
fn infer_method_call(call: &CallExpr, callee: &Expr) -> Option<Box<TsType>> {
    let Expr::Member(member) = callee.unwrap_parens() else {
        return None;
    };
    let MemberProp::Ident(method) = &member.prop else {
        return None;
    };
    let receiver = infer_expr(&member.obj, false)?;
    // A method of `any`, or of a type from a package whose declarations are missing, is `any`.
    if is_any(&receiver) || crate::dts::infer::scope::names_unresolved_package_type(&receiver) {
        return Some(keyword(TsKeywordTypeKind::TsAnyKeyword));
    }
    method_result(call, method, receiver)
}

/// The result of `call`, a call of the method `method` on a value of type `receiver`.
pub(crate) fn method_result(
    call: &CallExpr,
    method: &IdentName,
    receiver: Box<TsType>,
) -> Option<Box<TsType>> {
    // A receiver written in terms the inference does not reduce (`data ?? []` of a dependency's
    // type), called with a method only arrays have: in code that type-checks it is an array, and
    // `(R)[number]` is its element type.
    let element = element_type(&receiver).or_else(|| {
        let array_only = matches!(
            &*method.sym,
            "filter" | "map" | "find" | "findLast" | "some" | "every" | "join" | "findIndex"
        );
        (array_only && crate::dts::infer::builtin_methods::is_opaque(&receiver)).then(|| {
            indexed(
                Box::new(TsType::TsParenthesizedType(TsParenthesizedType {
                    span: DUMMY_SP,
                    type_ann: receiver.clone(),
                })),
                keyword(TsKeywordTypeKind::TsNumberKeyword),
            )
        })
    });
    if let Some(element) = element.filter(|_| call.type_args.is_none()) {
        match array_method_result(element.clone(), &method.sym, call, &declared_non_literal) {
            ArrayResult::Known(ty) => return Some(ty),
            ArrayResult::Mapped(mut arrow) => {
                if let Some(Pat::Ident(binding)) = arrow.params.first_mut() {
                    binding.type_ann = Some(type_ann(element));
                }
                let mapped = crate::dts::infer::functions::infer_arrow_return(&arrow)?;
                return Some(Box::new(TsType::TsArrayType(TsArrayType {
                    span: DUMMY_SP,
                    elem_type: parenthesize_union(mapped),
                })));
            }
            ArrayResult::Unknown => {}
        }
    }
    if call.type_args.is_none() && call.args.iter().all(|a| a.spread.is_none()) {
        if let Some(ty) =
            crate::dts::infer::builtin_methods::builtin_method_result(&receiver, &method.sym)
        {
            return Some(ty);
        }
    }
    if call.type_args.is_some() {
        return None;
    }
    // With arguments, only on a receiver whose type the consumer's checker computes (a call's
    // type the conditional `conditional_calls` writes: `useApi(ref).getReports(ns)`), and with no
    // callbacks (whose types would give a generic method's type arguments).
    let picks = match call.args.is_empty() {
        true => Vec::new(),
        false
            if crate::dts::infer::builtin_methods::is_opaque(&receiver)
                && call.args.iter().all(|a| {
                    a.spread.is_none()
                        && !matches!(a.expr.unwrap_parens(), Expr::Arrow(_) | Expr::Fn(_))
                }) =>
        {
            call.args.iter().map(|a| infer_argument(&a.expr)).collect()
        }
        false => return None,
    };
    let method_type = property_of(receiver, method.sym.as_str());
    Some(type_ref(CALL_HELPER, vec![method_type, tuple(picks)]))
}

/// `(typeof obj)[K]` for `obj[key]`, where the key is a literal or a local whose type is written
/// down (an annotated parameter); `obj` is named, or its type is inferred (`items[0]` of a parameter
/// `items: Item[]` is `(Item[])[0]`).
fn indexed_access(member: &MemberExpr) -> Option<Box<TsType>> {
    let MemberProp::Computed(computed) = &member.prop else {
        return None;
    };
    let object = match entity_name(&member.obj) {
        Some(entity) => type_of(entity, None),
        None => infer_expr(&member.obj, false)?,
    };
    let index = match computed.expr.unwrap_parens() {
        key @ Expr::Lit(Lit::Str(_) | Lit::Num(_)) => literal_type(key)?,
        // A module-level name (`annotations[ANNOTATION_KEY]`): its type, as a query.
        Expr::Ident(ident) if is_visible(ident) => {
            type_of(TsEntityName::Ident(ident.clone()), None)
        }
        Expr::Ident(ident) => match local(ident)? {
            Local::Typed(ty) => ty,
            Local::Initialised(..) | Local::Destructured(..) => return None,
        },
        _ => return None,
    };
    Some(indexed(object, index))
}

/// `a`, `a.b.c` as a type-level name.
pub(crate) fn entity_name(expr: &Expr) -> Option<TsEntityName> {
    match expr {
        Expr::Ident(ident) if is_visible(ident) => Some(TsEntityName::Ident(ident.clone())),
        Expr::Member(member) => {
            let MemberProp::Ident(prop) = &member.prop else {
                return None;
            };
            Some(TsEntityName::TsQualifiedName(Box::new(TsQualifiedName {
                span: DUMMY_SP,
                left: entity_name(&member.obj)?,
                right: prop.clone(),
            })))
        }
        Expr::Paren(paren) => entity_name(&paren.expr),
        _ => None,
    }
}

/// The type of `expr` as tsc would infer it, written so that a type checker can compute it from the
/// declarations it refers to. `widen`: the position widens literal types (`let`, object properties).
pub fn infer_expr(expr: &Expr, widen: bool) -> Option<Box<TsType>> {
    if matches!(expr, Expr::Ident(_) | Expr::Member(_)) {
        if let Some(ty) = json_access(expr) {
            return Some(ty);
        }
    }
    match expr {
        Expr::Paren(paren) => infer_expr(&paren.expr, widen),
        // The asserted type as tsc prints a type it computed: strings in double quotes.
        Expr::TsAs(as_expr) => Some(printed_as_computed(&as_expr.type_ann)),
        Expr::TsTypeAssertion(assertion) => Some(printed_as_computed(&assertion.type_ann)),
        // `x as const`: literal types, readonly members and tuples, wherever it is.
        Expr::TsConstAssertion(assertion) => {
            crate::dts::infer::literal_types::const_assertion_type(&assertion.expr)
        }
        Expr::TsSatisfies(satisfies) => infer_expr(&satisfies.expr, widen),
        Expr::TsNonNull(non_null) => Some(without_nullish(infer_expr(&non_null.expr, widen)?)),
        Expr::TsInstantiation(_) => None,
        Expr::Call(call) => infer_call(call),
        Expr::New(new) => infer_new(new),
        Expr::Await(await_expr) => Some(type_ref(
            "Awaited",
            vec![infer_expr(&await_expr.arg, widen)?],
        )),
        Expr::Ident(ident) if &*ident.sym == "undefined" => {
            Some(keyword(TsKeywordTypeKind::TsUndefinedKeyword))
        }
        Expr::Ident(ident) if !is_visible(ident) => match local(ident)? {
            Local::Typed(ty) => Some(ty),
            Local::Initialised(init, mutable) => infer_expr(&init, widen || mutable),
            Local::Destructured(init, path) => destructuring::destructured_type(&init, &path),
        },
        Expr::Member(member) if matches!(member.prop, MemberProp::Computed(_)) => {
            indexed_access(member)
        }
        Expr::Ident(ident) => infer_global_ident(expr, ident, widen),
        Expr::Member(member) => infer_member(expr, member, widen),
        Expr::Lit(lit) => infer_literal(lit, widen),
        // A `const` keeps a substitution-free template's literal type; the emitter prints it as
        // tsc does (`= "abc"`).
        Expr::Tpl(tpl) if tpl.exprs.is_empty() && !widen => None,
        Expr::Tpl(tpl) => Some(crate::dts::infer::constant_values::template_type(
            tpl, widen,
        )),
        Expr::Unary(unary) => infer_unary(unary, widen),
        Expr::Bin(bin) => infer_binary(bin, widen),
        Expr::Array(array) => infer_array(array),
        Expr::Object(object) => infer_object(object),
        Expr::Arrow(arrow) => infer_arrow(arrow),
        Expr::Fn(f) => infer_function_type(&f.function),
        Expr::Cond(cond) => infer_conditional(cond, widen),
        Expr::Seq(seq) => infer_expr(seq.exprs.last()?, widen),
        Expr::Assign(assign) if assign.op == AssignOp::Assign => infer_expr(&assign.right, widen),
        Expr::JSXElement(_) | Expr::JSXFragment(_) => Some(jsx_element_type()),
        Expr::OptChain(chain) => infer_optional_chain(chain, widen),
        _ => None,
    }
}

/// A call's type: a primitive conversion, a dependency's call tsc's inference can be repeated for,
/// or `__PlugbuildCall<typeof f, [arguments]>` for the consumer's tsc to resolve.
fn infer_call(call: &CallExpr) -> Option<Box<TsType>> {
    let Callee::Expr(callee) = &call.callee else {
        return crate::dts::infer::dynamic_imports::dynamic_import(call);
    };
    if let Some(ty) = primitive_conversion(callee) {
        return Some(ty);
    }
    if let Some(ty) = crate::dts::infer::builtin_methods::array_from(call) {
        return Some(ty);
    }
    if let Some(ty) = crate::dts::infer::builtin_methods::promise_constructor_call(call) {
        return Some(ty);
    }
    if let Expr::Member(MemberExpr {
        obj,
        prop: MemberProp::Ident(method),
        ..
    }) = callee.unwrap_parens()
    {
        if &*method.sym == "then" {
            if let Some(ty) = crate::dts::infer::dynamic_imports::promise_then(call, obj) {
                return Some(ty);
            }
        }
    }
    if let Some(ty) = crate::dts::infer::type_args::infer_dependency_call(call, callee) {
        return Some(ty);
    }
    if let Some(ty) = local_function_result(call, callee) {
        return Some(ty);
    }
    if let Some(ty) = own_function_result(callee) {
        return Some(ty);
    }
    if crate::dts::infer::scope::from_unresolved_package(callee) {
        return Some(keyword(TsKeywordTypeKind::TsAnyKeyword));
    }
    let Some(entity) = entity_name(callee) else {
        return infer_method_call(call, callee);
    };
    let arguments = call
        .args
        .iter()
        .map(|arg| match arg.spread {
            Some(_) => keyword(TsKeywordTypeKind::TsNeverKeyword),
            None => infer_argument(&arg.expr),
        })
        .collect();
    Some(type_ref(
        CALL_HELPER,
        vec![type_of(entity, call.type_args.clone()), tuple(arguments)],
    ))
}

/// A call of a name whose inferred type is a function type that is not generic (a local
/// `const show = useCallback((message: string) => {...}, [])`): its return type. A `typeof` query
/// of a local could not be written outside the function.
fn local_function_result(call: &CallExpr, callee: &Expr) -> Option<Box<TsType>> {
    let Expr::Ident(ident) = callee.unwrap_parens() else {
        return None;
    };
    local(ident)?;
    match *infer_expr(callee, false)? {
        TsType::TsFnOrConstructorType(TsFnOrConstructorType::TsFnType(TsFnType {
            type_params: None,
            type_ann,
            ..
        })) => Some(type_ann.type_ann),
        // A call of `any` (destructured from a value of a package whose types are missing).
        any if is_any(&any) => Some(Box::new(any)),
        // A type the consumer's checker computes (`refetch` destructured from a call's result),
        // called without arguments: what its signature returns.
        opaque
            if call.args.is_empty() && crate::dts::infer::builtin_methods::is_opaque(&opaque) =>
        {
            Some(type_ref(
                CALL_HELPER,
                vec![Box::new(opaque), tuple(Vec::new())],
            ))
        }
        _ => None,
    }
}

/// A call of one of the module's top-level functions with one signature, no type parameters and
/// a written return type: that type, as tsc writes it (`Promise<express.Router>`). A type
/// predicate's call is a `boolean`, an assertion's `void`.
fn own_function_result(callee: &Expr) -> Option<Box<TsType>> {
    let Expr::Ident(ident) = callee.unwrap_parens() else {
        return None;
    };
    let context = crate::dts::infer::scope::own_declaration_context(ident)?;
    let written = &context.own_returns.get(&ident.sym)?.returns;
    match &**written {
        TsType::TsTypePredicate(predicate) if predicate.asserts => {
            Some(keyword(TsKeywordTypeKind::TsVoidKeyword))
        }
        TsType::TsTypePredicate(_) => Some(keyword(TsKeywordTypeKind::TsBooleanKeyword)),
        ty if is_printed_as_written(ty) => Some(printed_as_computed(ty)),
        _ => None,
    }
}

/// `new C()`: `C` for a plain class or with type arguments, else `InstanceType<typeof C>`; `any`
/// for a class imported from a package whose declarations do not resolve.
fn infer_new(new: &NewExpr) -> Option<Box<TsType>> {
    if crate::dts::infer::scope::from_unresolved_package(&new.callee) {
        return Some(keyword(TsKeywordTypeKind::TsAnyKeyword));
    }
    let entity = entity_name(&new.callee)?;
    match &new.type_args {
        Some(args) => Some(Box::new(TsType::TsTypeRef(TsTypeRef {
            span: DUMMY_SP,
            type_name: entity,
            type_params: Some(args.clone()),
        }))),
        None if constructs_plain_class(&new.callee) => {
            Some(Box::new(TsType::TsTypeRef(TsTypeRef {
                span: DUMMY_SP,
                type_name: entity,
                type_params: None,
            })))
        }
        None => {
            global_set(new).or_else(|| Some(type_ref("InstanceType", vec![type_of(entity, None)])))
        }
    }
}

/// `new Set(['a', 'b'])`: tsc infers `Set<string>` from the array's widened element type.
fn global_set(new: &NewExpr) -> Option<Box<TsType>> {
    let Expr::Ident(callee) = &*new.callee else {
        return None;
    };
    if &*callee.sym != "Set" || !is_global(callee) {
        return None;
    }
    let [ExprOrSpread { spread: None, expr }] = new.args.as_deref()? else {
        return None;
    };
    let Expr::Array(array) = expr.unwrap_parens() else {
        return None;
    };
    if array.elems.is_empty() {
        return None;
    }
    let TsType::TsArrayType(elements) = *infer_array(array)? else {
        return None;
    };
    Some(type_ref("Set", vec![elements.elem_type]))
}

/// An identifier neither local nor `undefined`: its declared type, or `typeof` it.
fn infer_global_ident(expr: &Expr, ident: &Ident, widen: bool) -> Option<Box<TsType>> {
    let declared = crate::dts::infer::scope::declared_type(ident);
    match declared.filter(|ty| is_printed_as_written(ty)) {
        // `b = a` with `a: Foo`: tsc prints `Foo`, widened where literals widen.
        Some(ty) => {
            let ty = printed_as_computed(&ty);
            match widen {
                true => Some(widen_literal(&ty).unwrap_or(ty)),
                false => Some(ty),
            }
        }
        // `debounceMs = DEFAULT_DEBOUNCE_MS` of `const DEFAULT_DEBOUNCE_MS = 1000`: `number`.
        None if widen => crate::dts::infer::scope::widened_literal(ident)
            .or_else(|| Some(type_of(entity_name(expr)?, None))),
        None => Some(type_of(entity_name(expr)?, None)),
    }
}

/// `a.b`: `typeof a.b` (widened where literals widen), or the property's type on the receiver's type.
fn infer_member(expr: &Expr, member: &MemberExpr, widen: bool) -> Option<Box<TsType>> {
    match entity_name(expr) {
        // A member of an enum another module of the package declares: the enum.
        Some(_) if widen && member_of_imported_enum(member) => {
            let Expr::Ident(container) = member.obj.unwrap_parens() else {
                return None;
            };
            Some(type_ref_to(container))
        }
        Some(entity) if widen => Some(type_ref(WIDEN_HELPER, vec![type_of(entity, None)])),
        Some(entity) => Some(type_of(entity, None)),
        // `param.name`, `make().name`: the property's type on the receiver's type.
        None => {
            let MemberProp::Ident(name) = &member.prop else {
                return None;
            };
            let receiver = infer_expr(&member.obj, false)?;
            Some(property_of(accessed(receiver), name.sym.as_str()))
        }
    }
}

/// The receiver of a member access, as the checker sees it there: in code that type-checks under
/// `strictNullChecks`, a value whose member is read is neither `null` nor `undefined` (control flow
/// narrowed it), so a receiver type that may include them is written without them. Written types
/// that cannot include them are left as they are.
fn accessed(receiver: Box<TsType>) -> Box<TsType> {
    let plain = match &*receiver {
        TsType::TsKeywordType(_)
        | TsType::TsLitType(_)
        | TsType::TsTypeLit(_)
        | TsType::TsArrayType(_)
        | TsType::TsTupleType(_)
        | TsType::TsFnOrConstructorType(_) => true,
        TsType::TsTypeQuery(TsTypeQuery {
            expr_name: TsTypeQueryExpr::Import(_),
            ..
        }) => true,
        TsType::TsTypeRef(TsTypeRef {
            type_name: TsEntityName::Ident(name),
            ..
        }) => matches!(
            &*name.sym,
            "Exclude" | "Promise" | "Array" | "Set" | "Map" | "ReadonlyArray" | "Record"
        ),
        _ => false,
    };
    match plain {
        true => receiver,
        false => without_nullish(receiver),
    }
}

/// `E.M` where `E` is imported from another module of the package that declares it as an enum.
fn member_of_imported_enum(member: &MemberExpr) -> bool {
    match member.obj.unwrap_parens() {
        Expr::Ident(container) => crate::dts::infer::sibling_modules::imported_enum(container),
        _ => false,
    }
}

/// A reference to the type a value binding also names (an enum).
fn type_ref_to(name: &Ident) -> Box<TsType> {
    Box::new(TsType::TsTypeRef(TsTypeRef {
        span: DUMMY_SP,
        type_name: TsEntityName::Ident(name.clone()),
        type_params: None,
    }))
}

/// Marks `typeof E.M` in a position where tsc widens literal types (`let`, object properties): the
/// roll-up turns `__PlugbuildWiden<typeof E.M>` into `E` when `E` is one of the package's enums (tsc
/// widens an enum member to its enum there) and into `typeof E.M` otherwise.
pub const WIDEN_HELPER: &str = "__PlugbuildWiden";

/// The name of the helper type that picks the overload a call resolves to (see `CALL_HELPER_SOURCE`).
pub const CALL_HELPER: &str = "__PlugbuildCall";

/// `__PlugbuildCall<typeof f, [A1, A2]>`: the return type of the first overload of `f` whose
/// parameters accept the argument types (partially known: literal-valued properties only, `never`
/// for what cannot be written), so the consumer's tsc picks the overload tsc would have picked.
/// For a function with one signature it is `ReturnType<typeof f>`. A call of `any` (an import
/// whose package's types are not installed) is `any`, as in tsc.
pub const CALL_HELPER_SOURCE: &str = "type __PlugbuildCallArgs<P> = { [K in keyof P]: Partial<P[K]> };
type __PlugbuildCallPick<A, P, R, Otherwise> = A extends __PlugbuildCallArgs<P> ? R : Otherwise;
type __PlugbuildCall<F, A> = 0 extends 1 & F ? any : F extends {
    (...args: infer P1): infer R1;
    (...args: infer P2): infer R2;
    (...args: infer P3): infer R3;
    (...args: infer P4): infer R4;
} ? __PlugbuildCallPick<A, P1, R1, __PlugbuildCallPick<A, P2, R2, __PlugbuildCallPick<A, P3, R3, R4>>> : F extends (...args: any) => infer R ? R : never;
";

/// The type of a JSX expression, as tsc writes it with React's types: `React.JSX.Element` where the
/// module binds React's default or namespace import (under that name), else
/// `import("react").JSX.Element` (React 18 and 19 declare `JSX` in the `React` namespace; there
/// may be no global one). With React types that declare only the global `JSX` namespace
/// (`@types/react` before 18.2), the global `JSX.Element`, as tsc writes it there. With no React
/// types installed, `any`: tsc finds no `JSX` namespace and writes that.
pub(crate) fn jsx_element_type() -> Box<TsType> {
    let element = IdentName::new("Element".into(), DUMMY_SP);
    let jsx = IdentName::new("JSX".into(), DUMMY_SP);
    let qualified = |left, right| {
        TsEntityName::TsQualifiedName(Box::new(TsQualifiedName {
            span: DUMMY_SP,
            left,
            right,
        }))
    };
    let global_jsx = || TsEntityName::Ident(Ident::new_no_ctxt(jsx.sym.clone(), DUMMY_SP));
    let type_name = match react_jsx() {
        ReactJsx::Missing => {
            return crate::dts::type_nodes::keyword(TsKeywordTypeKind::TsAnyKeyword)
        }
        ReactJsx::Global => qualified(global_jsx(), element),
        ReactJsx::Namespace => match crate::dts::infer::scope::react_namespace() {
            Some(react) => qualified(qualified(TsEntityName::Ident(react), jsx.clone()), element),
            None => {
                return crate::dts::type_nodes::import_type(
                    "react",
                    Some(qualified(global_jsx(), element)),
                    None,
                )
            }
        },
    };
    Box::new(TsType::TsTypeRef(TsTypeRef {
        span: DUMMY_SP,
        type_name,
        type_params: None,
    }))
}

/// Where a module's React types declare the `JSX` namespace.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ReactJsx {
    /// In the `React` namespace (`@types/react` 18.2 and later); also assumed when the module is
    /// read with no dependency context.
    Namespace,
    /// Only globally (`@types/react` before 18.2).
    Global,
    /// Nowhere: no React types resolve from the module's folder.
    Missing,
}

/// Where the module's installed React types declare `JSX`. Looked up once per module.
fn react_jsx() -> ReactJsx {
    let Some(context) = crate::dts::infer::scope::dependency_context() else {
        return ReactJsx::Namespace;
    };
    *context.react_jsx.get_or_init(|| {
        if !context.types.resolves(&context.dir, "react") {
            ReactJsx::Missing
        } else if context.types.exports(&context.dir, "react", "JSX") {
            ReactJsx::Namespace
        } else {
            ReactJsx::Global
        }
    })
}

/// A written type as tsc prints it when it computed the type rather than reusing the annotation
/// (`x as T`, a use of a variable declared `T`): string literals in double quotes.
fn printed_as_computed(ty: &TsType) -> Box<TsType> {
    let mut ty = Box::new(ty.clone());
    swc_core::ecma::visit::VisitMutWith::visit_mut_with(
        &mut ty,
        &mut crate::dts::type_nodes::DoubleQuoted,
    );
    ty
}

/// Whether a declared type is what tsc prints for a use of the variable: nothing computed from
/// other values (`typeof`, the call helpers, `InstanceType`), no `unique symbol` (a use of that
/// prints as `typeof x`) and no `this`.
pub(crate) fn is_printed_as_written(ty: &TsType) -> bool {
    struct Computed(bool);
    impl swc_core::ecma::visit::Visit for Computed {
        fn visit_ts_type(&mut self, n: &TsType) {
            match n {
                TsType::TsTypeQuery(_) | TsType::TsThisType(_) => self.0 = true,
                TsType::TsTypeOperator(op) if op.op == TsTypeOperatorOp::Unique => self.0 = true,
                TsType::TsTypeRef(TsTypeRef {
                    type_name: TsEntityName::Ident(name),
                    ..
                }) if name.sym.starts_with("__Plugbuild") || &*name.sym == "InstanceType" => {
                    self.0 = true
                }
                _ => swc_core::ecma::visit::VisitWith::visit_children_with(n, self),
            }
        }
    }
    let mut computed = Computed(false);
    swc_core::ecma::visit::VisitWith::visit_with(ty, &mut computed);
    !computed.0
}

/// Whether `new callee()` makes an instance of a class that takes no type parameters, so that its
/// type is the class's name as tsc writes it (`C`, not `InstanceType<typeof C>`): one the module
/// declares, or one a package exports.
fn constructs_plain_class(callee: &Expr) -> bool {
    let Expr::Ident(ident) = callee.unwrap_parens() else {
        return false;
    };
    let Some(context) = crate::dts::infer::scope::dependency_context() else {
        return false;
    };
    if !is_visible(ident) {
        return false;
    }
    if context.plain_classes.contains(&ident.sym) {
        return true;
    }
    match context.imports.get(&ident.to_id()) {
        Some((specifier, imported)) if !specifier.starts_with('.') => {
            match context.types.import(&context.dir, specifier, imported) {
                Some(value @ crate::dts::dependencies::Value::Class(..)) => {
                    !context.types.is_generic(&value)
                }
                _ => false,
            }
        }
        _ => false,
    }
}

/// `String(x)`, `Number(x)`, `Boolean(x)`, `BigInt(x)` of the globals: the primitive type.
fn primitive_conversion(callee: &Expr) -> Option<Box<TsType>> {
    // `Math.random()`, `Math.max(...)`: every method of the global `Math` returns a number.
    if let Expr::Member(MemberExpr {
        obj,
        prop: MemberProp::Ident(_),
        ..
    }) = callee.unwrap_parens()
    {
        return match obj.unwrap_parens() {
            Expr::Ident(math) if math.sym == "Math" && is_global(math) => {
                Some(keyword(TsKeywordTypeKind::TsNumberKeyword))
            }
            _ => None,
        };
    }
    let Expr::Ident(ident) = callee.unwrap_parens() else {
        return None;
    };
    let kind = match &*ident.sym {
        "String" => TsKeywordTypeKind::TsStringKeyword,
        "Number" => TsKeywordTypeKind::TsNumberKeyword,
        "Boolean" => TsKeywordTypeKind::TsBooleanKeyword,
        "BigInt" => TsKeywordTypeKind::TsBigIntKeyword,
        _ => return None,
    };
    is_global(ident).then(|| keyword(kind))
}

/// A use of a JSON import (`data`, `data.name`, `data.tags[0]`, `ns.default.name`): its type, read
/// from the file as tsc reads it.
fn json_access(expr: &Expr) -> Option<Box<TsType>> {
    let mut path: Vec<String> = Vec::new();
    let mut current = expr;
    let root = loop {
        match current {
            Expr::Paren(paren) => current = &paren.expr,
            Expr::Ident(ident) => break ident,
            Expr::Member(member) => {
                path.push(match &member.prop {
                    MemberProp::Ident(name) => name.sym.to_string(),
                    MemberProp::Computed(computed) => match computed.expr.unwrap_parens() {
                        Expr::Lit(Lit::Str(key)) => key.value.to_string_lossy().into_owned(),
                        Expr::Lit(Lit::Num(index)) => index.value.to_string(),
                        _ => return None,
                    },
                    MemberProp::PrivateName(_) => return None,
                });
                current = &member.obj;
            }
            _ => return None,
        }
    };
    path.reverse();
    let (value, imported) = crate::dts::infer::scope::json_import(root)?;
    match imported.as_deref() {
        None => {}
        // A namespace import: its `default` is the value, its other members the properties.
        Some("*") if path.first().is_some_and(|step| step == "default") => {
            path.remove(0);
        }
        Some("*") if path.is_empty() => return None,
        Some("*") => {}
        Some(name) => path.insert(0, name.to_string()),
    }
    let steps: Vec<&str> = path.iter().map(String::as_str).collect();
    crate::dts::infer::json_types::json_path_type(&value, &steps)
}

/// What an argument tells about the overload: literal types, objects of literal-valued properties,
/// `typeof` of names; `never` (accepted by every overload) for the rest.
pub(crate) fn infer_argument(expr: &Expr) -> Box<TsType> {
    match expr {
        Expr::Lit(Lit::Str(s)) => literal(TsLit::Str(s.clone())),
        Expr::Lit(Lit::Num(n)) => literal(TsLit::Number(n.clone())),
        Expr::Lit(Lit::Bool(b)) => literal(TsLit::Bool(*b)),
        Expr::Lit(Lit::Null(_)) => keyword(TsKeywordTypeKind::TsNullKeyword),
        Expr::Paren(paren) => infer_argument(&paren.expr),
        Expr::TsAs(as_expr) => as_expr.type_ann.clone(),
        Expr::TsConstAssertion(assertion) => infer_argument(&assertion.expr),
        Expr::TsSatisfies(satisfies) => infer_argument(&satisfies.expr),
        Expr::Ident(ident) if &*ident.sym != "undefined" && is_visible(ident) => {
            type_of(TsEntityName::Ident(ident.clone()), None)
        }
        // An annotated parameter or local of the function being inferred: its written type.
        Expr::Ident(ident) if &*ident.sym != "undefined" => match local(ident) {
            Some(Local::Typed(ty)) => ty,
            _ => keyword(TsKeywordTypeKind::TsNeverKeyword),
        },
        Expr::Object(object) => {
            let members = object
                .props
                .iter()
                .filter_map(|prop| {
                    let PropOrSpread::Prop(prop) = prop else { return None };
                    let Prop::KeyValue(kv) = &**prop else { return None };
                    let value = infer_argument(&kv.value);
                    if matches!(&*value, TsType::TsKeywordType(k) if k.kind == TsKeywordTypeKind::TsNeverKeyword) {
                        return None;
                    }
                    Some(TsTypeElement::TsPropertySignature(TsPropertySignature {
                        span: DUMMY_SP,
                        readonly: false,
                        key: property_key(&kv.key)?,
                        computed: false,
                        optional: false,
                        type_ann: Some(type_ann(value)),
                    }))
                })
                .collect();
            Box::new(TsType::TsTypeLit(TsTypeLit {
                span: DUMMY_SP,
                members,
            }))
        }
        _ => keyword(TsKeywordTypeKind::TsNeverKeyword),
    }
}

fn infer_literal(lit: &Lit, widen: bool) -> Option<Box<TsType>> {
    let kind = match lit {
        Lit::Null(_) => return Some(keyword(TsKeywordTypeKind::TsNullKeyword)),
        Lit::Regex(_) => return Some(type_ref("RegExp", Vec::new())),
        _ if !widen => return None,
        Lit::Str(_) => TsKeywordTypeKind::TsStringKeyword,
        Lit::Num(_) => TsKeywordTypeKind::TsNumberKeyword,
        Lit::Bool(_) => TsKeywordTypeKind::TsBooleanKeyword,
        Lit::BigInt(_) => TsKeywordTypeKind::TsBigIntKeyword,
        _ => return None,
    };
    Some(keyword(kind))
}
