//! Calls of generic functions that dependencies declare, with the type arguments tsc infers from the
//! arguments written out: `createTemplateAction({ schema: { input: { path: z => z.string() } } })`
//! becomes `__PlugbuildCall<typeof createTemplateAction<{ path: (z: Z) => ... }, C>, [...]>`.
//!
//! The signature comes from the dependency's declaration file (`dts::dependencies`). Each type
//! parameter is looked for where an argument can give it directly: a parameter of that type, a
//! property of an object type (also through a type alias), for object-literal arguments. Its type
//! argument is then the type of the argument found there, written the way tsc infers it (literal
//! types kept under a primitive constraint, tuples under a tuple constraint, callbacks typed by the
//! parameter types the signature gives them). A parameter no argument gives gets its constraint
//! (or `unknown`), as tsc does; a trailing one with a default is left out. Anything else that could
//! give a type parameter a candidate (a nested generic type, an annotated callback, a spread)
//! leaves the call to the caller's fallback, which warns.

use std::collections::HashMap;

use swc_core::atoms::Atom;
use swc_core::common::DUMMY_SP;
use swc_core::ecma::ast::*;

use crate::dts::dependencies::{Signature, Value};
use crate::dts::infer::argument_types::{
    argument_type, at_top_level, callback_return, is_annotated, member_type, mentions,
    self_contained,
};
use crate::dts::infer::functions::infer_arrow_return;
use crate::dts::infer::portable_types::{
    declared_call_type, fitting_overload, instantiated_return_type,
};
use crate::dts::infer::scope::{
    contextual_value, dependency_context, helper_value, is_visible, local, DependencyContext, Local,
};
use crate::dts::infer::type_arg_defaults::resolve_from_declarations;
use crate::dts::infer::type_arg_places::{argument_at, ArgumentAt, Search, Step, Subst};
use crate::dts::infer::{entity_name, infer_argument, infer_expr, CALL_HELPER};
use crate::dts::type_nodes::{indexed, keyword, literal, property_of, tuple, type_of, type_ref};

/// How far into nested types and aliases the search for type parameters goes.
pub(crate) const MAX_DEPTH: usize = 12;

/// The type of `callee(args)` when the callee is a dependency's function or method: for a generic
/// one, with the type arguments inferred; for a method that is not generic, the return type of the
/// overload the arguments pick. A call that leaves nothing to infer gets the declared return type
/// (`portable_types`). None leaves the call to the caller.
pub(crate) fn infer_dependency_call(call: &CallExpr, callee: &Expr) -> Option<Box<TsType>> {
    if call.args.iter().any(|a| a.spread.is_some()) {
        return None;
    }
    let context = dependency_context()?;
    let callee = callee.unwrap_parens();
    let (_, value) = callee_value(&context, callee)?;
    let signatures = context.types.signatures(&value);
    if let Some(ty) = declared_call_type(call, callee, &context, &signatures) {
        return Some(ty);
    }
    let matching: Vec<&Signature> = signatures
        .iter()
        .filter(|s| s.accepts(call.args.len()))
        .collect();
    if matching.is_empty() {
        return None;
    }
    // With its type arguments given, one signature's return type with them; else the call goes to
    // the caller's helper. With no arguments, the type parameters take their defaults or
    // constraints.
    if let Some(written) = &call.type_args {
        return match matching[..] {
            [signature] if signatures.len() == 1 => {
                let given: Vec<Option<Box<TsType>>> =
                    written.params.iter().cloned().map(Some).collect();
                instantiated_return_type(callee, &context, signature, &given)
            }
            _ => None,
        };
    }
    let picks = tuple(call.args.iter().map(|a| infer_argument(&a.expr)).collect());
    if matching.iter().all(|s| s.type_params.is_empty()) {
        // Not generic: `typeof f` is exact; a method's type is read off its receiver's.
        let Expr::Member(member) = callee else {
            return None;
        };
        let name = member.prop.as_ident()?;
        let receiver_type = infer_expr(&member.obj, false)?;
        return Some(type_ref(
            CALL_HELPER,
            vec![property_of(receiver_type, &name.sym), picks],
        ));
    }
    // Overloads the arguments' count allows: tsc takes the first whose parameters accept the
    // arguments. With the same type parameters, one instantiation serves them all and the call
    // helper picks among them as tsc would. Overloads with other type parameters are told apart
    // by the object literals the call gives (`createPermission` with or without `resourceType`).
    let fitting = fitting_overload(&context, call, &signatures);
    let signature = fitting.unwrap_or(matching[0]);
    let arity = signature.type_params.len();
    if fitting.is_none() && matching.iter().any(|s| s.type_params.len() != arity) {
        return None;
    }
    let callee_name = written_callee(callee);
    let single = signatures.len() == 1;
    let package = crate::dts::infer::portable_types::package_specifier(&context, callee)
        .filter(|specifier| !specifier.starts_with('.'))
        .map(|specifier| package_name(specifier).to_string());
    let Some(inferred) = infer_type_args(
        &context,
        signature,
        &call.args,
        (callee_name.as_ref(), package.as_deref()),
        single,
    ) else {
        // The arguments' types, where they can be written, let the consumer's checker infer.
        return (fitting.is_some() || matching.len() == 1)
            .then(|| {
                crate::dts::infer::conditional_calls::inferred_by_conditional(
                    call, callee, &context, signature,
                )
            })
            .flatten();
    };
    // One overload fits: its return type, instantiated, is what tsc writes.
    if fitting.is_some() {
        if let Some(ty) = instantiated_return_type(callee, &context, signature, &inferred.values) {
            return Some(ty);
        }
    }
    let args = inferred.written()?;
    Some(type_ref(
        CALL_HELPER,
        vec![
            type_of(
                callee_name?,
                Some(Box::new(TsTypeParamInstantiation {
                    span: DUMMY_SP,
                    params: args,
                })),
            ),
            picks,
        ],
    ))
}

/// What the callee is in its dependency, and its receiver's value for a method.
fn callee_value(context: &DependencyContext, callee: &Expr) -> Option<(Option<Value>, Value)> {
    match callee {
        Expr::Member(member) => {
            let name = member.prop.as_ident()?;
            let receiver = dependency_value(context, &member.obj)?;
            let value = context.types.member(&receiver, &name.sym)?;
            Some((Some(receiver), value))
        }
        Expr::Ident(_) => Some((None, dependency_value(context, callee)?)),
        _ => None,
    }
}

/// What `expr` is in a dependency: an import from a package, a callback parameter a dependency's
/// signature typed, a member of one, or what a call of one returns.
fn dependency_value(context: &DependencyContext, expr: &Expr) -> Option<Value> {
    match expr {
        Expr::Paren(paren) => dependency_value(context, &paren.expr),
        Expr::Ident(ident) => {
            if let Some(value) = contextual_value(ident) {
                return Some(value);
            }
            if !is_visible(ident) {
                // A parameter annotated `typeof x`, `x` imported from a package.
                let Some(Local::Typed(ty)) = local(ident) else {
                    return None;
                };
                let TsType::TsTypeQuery(TsTypeQuery {
                    expr_name: TsTypeQueryExpr::TsEntityName(TsEntityName::Ident(named)),
                    type_args: None,
                    ..
                }) = &*ty
                else {
                    return None;
                };
                return is_visible(named)
                    .then(|| dependency_value(context, &Expr::Ident(named.clone())))
                    .flatten();
            }
            match context.imports.get(&ident.to_id()) {
                // Another module of the package: read from its source, as tsc reads it.
                Some((specifier, _)) if specifier.ends_with(".json") => None,
                Some((specifier, imported)) => {
                    context.types.import(&context.dir, specifier, imported)
                }
                // The module's own generic function.
                None => context.own_functions.get(&ident.sym).cloned().or_else(|| {
                    let init = context.own_values.get(&ident.sym)?;
                    dependency_value(context, init)
                }),
            }
        }
        Expr::Member(member) => {
            let name = member.prop.as_ident()?;
            let object = dependency_value(context, &member.obj)?;
            context.types.member(&object, &name.sym)
        }
        Expr::Call(call) if call.args.iter().all(|a| a.spread.is_none()) => {
            let callee = call.callee.as_expr()?.unwrap_parens();
            let (receiver, value) = callee_value(context, callee)?;
            // Only what the result's members are is needed here: the first overload the
            // arguments' count allows tells (`z.enum`'s overloads both return a `ZodEnum`).
            let signatures = context.types.signatures(&value);
            let signature = signatures.iter().find(|s| s.accepts(call.args.len()))?;
            // Type arguments written on the call are put in place where its result's method is
            // called (`receiver_type_args`).
            let bound = call.type_args.is_none();
            context
                .types
                .call_result(signature, receiver.as_ref(), bound)
        }
        _ => None,
    }
}

/// `f<A, B>().method`: the type arguments written on the call that made the method's receiver (or
/// the function called), by the names of the type parameters of that callee's one signature. The method's return type
/// mentions them (`createPermissionResourceRef<Entity, {}>().with(...)` returns a
/// `PermissionResourceRef<TResource, TQuery, ...>`).
pub(crate) fn receiver_type_args(
    context: &DependencyContext,
    callee: &Expr,
) -> Vec<(Atom, Box<TsType>)> {
    // The call that made the method's receiver, or the module's own function
    // (`const createRule = makeCreatePermissionRule<Entity, Filter, Type>()`).
    let made_by = match callee {
        Expr::Member(member) => &*member.obj,
        Expr::Ident(ident) if !context.imports.contains_key(&ident.to_id()) => {
            match context.own_values.get(&ident.sym) {
                Some(init) => &**init,
                None => return Vec::new(),
            }
        }
        _ => return Vec::new(),
    };
    let Expr::Call(CallExpr {
        callee: Callee::Expr(inner),
        type_args: Some(written),
        ..
    }) = made_by.unwrap_parens()
    else {
        return Vec::new();
    };
    let Some((_, value)) = callee_value(context, inner.unwrap_parens()) else {
        return Vec::new();
    };
    match &context.types.signatures(&value)[..] {
        [signature] if signature.type_params.len() == written.params.len() => signature
            .type_params
            .iter()
            .zip(&written.params)
            .map(|(param, ty)| (param.name.sym.clone(), ty.clone()))
            .collect(),
        _ => Vec::new(),
    }
}

/// The callee as a `typeof` query can name it: an imported function (`f`, `z.object`), or a method
/// of a callback parameter, through a value declared with the parameter's type.
fn written_callee(callee: &Expr) -> Option<TsEntityName> {
    if let Some(entity) = entity_name(callee) {
        return Some(entity);
    }
    let Expr::Member(member) = callee else {
        return None;
    };
    let name = member.prop.as_ident()?;
    let Expr::Ident(receiver) = member.obj.unwrap_parens() else {
        return None;
    };
    let Some(Local::Typed(ty)) = local(receiver) else {
        return None;
    };
    // `typeof x` names `x` (a callback parameter's helper value, or an import); any other type
    // gets a helper value of its own.
    let left = match &*ty {
        TsType::TsTypeQuery(TsTypeQuery {
            expr_name: TsTypeQueryExpr::TsEntityName(entity),
            type_args: None,
            ..
        }) => entity.clone(),
        _ => TsEntityName::Ident(Ident::new_no_ctxt(helper_value(&ty), DUMMY_SP)),
    };
    Some(TsEntityName::TsQualifiedName(Box::new(TsQualifiedName {
        span: DUMMY_SP,
        left,
        right: name.clone(),
    })))
}

/// The type arguments of a call of `signature` (a generic function or method of a dependency).
fn infer_type_args(
    context: &DependencyContext,
    signature: &Signature,
    args: &[ExprOrSpread],
    (callee, package): (Option<&TsEntityName>, Option<&str>),
    single: bool,
) -> Option<InferredTypeArgs> {
    let relevant = shaping_result(signature);
    let subst: HashMap<Atom, Subst> = signature
        .type_params
        .iter()
        .zip(&relevant)
        .filter(|(_, relevant)| **relevant)
        .map(|(p, _)| (p.name.sym.clone(), Subst::Exact(p.name.sym.clone())))
        .collect();
    let mut search = Search {
        context,
        args,
        found: Vec::new(),
        typed: Vec::new(),
    };
    for (index, param) in signature.params.iter().enumerate() {
        let Some(ty) = &param.ty else {
            continue;
        };
        if param.rest {
            if mentions(ty, &subst) && args.len() > index {
                return None;
            }
            continue;
        }
        search
            .walk(&signature.file, ty, &[Step::Param(index)], &subst, 0)
            .ok()?;
    }
    let cx = Cx {
        context,
        type_params: &signature.type_params,
    };
    let params = &signature.type_params;
    // Each type parameter's type argument, once known; `omittable`: nothing gave it a candidate
    // and it has a default, so a trailing one is left out of the written list.
    let mut values: Vec<Option<Box<TsType>>> = vec![None; params.len()];
    let mut omittable = vec![false; params.len()];
    // Type parameters nothing mentions but the result: tsc gives them their default, or their
    // constraint, instantiated with the other type arguments.
    let mut unconstrained = Vec::new();
    for (index, param) in params.iter().enumerate() {
        if !relevant[index] {
            // What tsc infers for it cannot change what the call returns.
            values[index] = Some(keyword(TsKeywordTypeKind::TsAnyKeyword));
            omittable[index] = param.default.is_some();
            continue;
        }
        let places: Vec<&Vec<Step>> = search
            .found
            .iter()
            .filter(|(name, _)| *name == param.name.sym)
            .map(|(_, path)| path)
            .collect();
        let candidates: Vec<(&Vec<Step>, &Expr)> = places
            .iter()
            .filter_map(|path| match argument_at(args, path) {
                ArgumentAt::Expr(expr) => Some(Ok((*path, expr))),
                ArgumentAt::Absent => None,
                _ => Some(Err(())),
            })
            .collect::<Result<_, _>>()
            .ok()?;
        // A candidate from an argument's inferred type: the type itself.
        let mut typed = search
            .typed
            .iter()
            .filter(|(name, _)| *name == param.name.sym)
            .map(|(_, ty)| ty);
        if let Some(first) = typed.next() {
            if !candidates.is_empty() || typed.any(|other| other != first) {
                return None;
            }
            values[index] = Some(first.clone());
            continue;
        }
        let constraint = param
            .constraint
            .as_ref()
            .map(|c| (signature.file.clone(), c.clone()));
        let mentioned_by_constraints = params.iter().any(|other| {
            other.constraint.as_ref().is_some_and(|c| {
                mentions(
                    c,
                    &HashMap::from([(param.name.sym.clone(), Subst::Mentions)]),
                )
            })
        });
        values[index] = match candidates[..] {
            [] if places.is_empty() && !mentioned_by_constraints => {
                omittable[index] = param.default.is_some();
                unconstrained.push(index);
                None
            }
            [] if param.default.is_some() => {
                omittable[index] = true;
                None
            }
            [] => match (&param.constraint, places.first()) {
                (None, _) => Some(keyword(TsKeywordTypeKind::TsUnknownKeyword)),
                // `TName extends string | undefined` with no `name` given is `string | undefined`.
                (Some(constraint), Some(_)) if self_contained(constraint) => {
                    Some(constraint.clone())
                }
                (Some(_), Some(path)) if single => Some(written_at(callee?, path)),
                // A parameter only other parameters' constraints mention (`U` of
                // `<U extends string, T extends [U, ...U[]]>`): its constraint, when that needs no
                // names of the dependency and the result does not depend on it.
                (Some(constraint), None)
                    if self_contained(constraint)
                        && !signature.returns.as_ref().is_some_and(|r| {
                            mentions(
                                r,
                                &HashMap::from([(param.name.sym.clone(), Subst::Mentions)]),
                            )
                        }) =>
                {
                    Some(constraint.clone())
                }
                _ => return None,
            },
            // Elements made by a dependency with its own copy of the callee's package: tsc
            // rejects the candidate (the copies' branded types differ) and takes the constraint.
            [(path, Expr::Array(array))]
                if package.is_some_and(|p| made_with_other_copy(context, array, p)) =>
            {
                match single {
                    true => Some(written_at(callee?, path)),
                    false => return None,
                }
            }
            [(path, expr)] => {
                let position = callee.filter(|_| single).map(|c| written_at(c, path));
                // tsc keeps a literal argument's type for a parameter typed `T` when `T` is (a
                // member of) the result (`identity('x')` is `'x'`); object literals widen theirs.
                let kept = path.len() == 1
                    && signature
                        .returns
                        .as_ref()
                        .is_some_and(|r| at_top_level(r, &param.name.sym));
                let literal_kept = match expr.unwrap_parens() {
                    Expr::Lit(Lit::Str(s)) if kept => Some(literal(TsLit::Str(s.clone()))),
                    Expr::Lit(Lit::Num(n)) if kept => Some(literal(TsLit::Number(n.clone()))),
                    Expr::Lit(Lit::Bool(b)) if kept => Some(literal(TsLit::Bool(*b))),
                    _ => None,
                };
                Some(match (literal_kept, expr.unwrap_parens()) {
                    (Some(ty), _) => ty,
                    (None, _) if matches!(path.last(), Some(Step::Keys)) => literal_keys(expr)?,
                    (None, Expr::Array(array)) if matches!(path.last(), Some(Step::Elements)) => {
                        let elements = array
                            .elems
                            .iter()
                            .flatten()
                            .map(|e| argument_type(&cx, &e.expr, constraint.as_ref(), None))
                            .collect::<Option<Vec<_>>>()?;
                        match elements.len() {
                            0 => keyword(TsKeywordTypeKind::TsNeverKeyword),
                            _ => crate::dts::type_nodes::union(elements)?,
                        }
                    }
                    (None, Expr::Arrow(arrow))
                        if matches!(path.last(), Some(Step::Annotation(_))) =>
                    {
                        let Some(Step::Annotation(index)) = path.last() else {
                            return None;
                        };
                        let Some(Pat::Ident(BindingIdent {
                            type_ann: Some(annotation),
                            ..
                        })) = arrow.params.get(*index)
                        else {
                            return None;
                        };
                        annotation.type_ann.clone()
                    }
                    (None, Expr::Arrow(arrow)) if matches!(path.last(), Some(Step::Return)) => {
                        if arrow.params.iter().all(is_annotated) {
                            infer_arrow_return(arrow)?
                        } else {
                            // `output: z => z.string()`: `z` is what the signature says.
                            let at = &path[..path.len() - 1];
                            let declared = declared_at(context, signature, at)?;
                            let position = written_at(callee?, at);
                            callback_return(context, arrow, &declared, position)?
                        }
                    }
                    (None, _) => argument_type(&cx, expr, constraint.as_ref(), position)?,
                })
            }
            _ => return None,
        };
    }
    resolve_from_declarations(params, &mut values, &unconstrained);
    Some(InferredTypeArgs { values, omittable })
}

/// Which of the signature's type parameters the result depends on: those its return type mentions,
/// and those their constraints or defaults mention. Without a written return type, all of them.
fn shaping_result(signature: &Signature) -> Vec<bool> {
    let params = &signature.type_params;
    let Some(returns) = &signature.returns else {
        return vec![true; params.len()];
    };
    let mentioned_by = |ty: &TsType, param: &TsTypeParam| {
        mentions(
            ty,
            &HashMap::from([(param.name.sym.clone(), Subst::Mentions)]),
        )
    };
    let mut relevant: Vec<bool> = params.iter().map(|p| mentioned_by(returns, p)).collect();
    loop {
        let mut grew = false;
        for (index, param) in params.iter().enumerate() {
            if relevant[index] {
                continue;
            }
            let needed = params.iter().zip(&relevant).any(|(other, used)| {
                *used
                    && [&other.constraint, &other.default]
                        .into_iter()
                        .flatten()
                        .any(|ty| mentioned_by(ty, param))
            });
            if needed {
                relevant[index] = true;
                grew = true;
            }
        }
        if !grew {
            return relevant;
        }
    }
}

/// `@backstage/plugin-catalog-react` of `@backstage/plugin-catalog-react/alpha`.
fn package_name(specifier: &str) -> &str {
    let parts = if specifier.starts_with('@') { 2 } else { 1 };
    match specifier.match_indices('/').nth(parts - 1) {
        Some((end, _)) => &specifier[..end],
        None => specifier,
    }
}

/// Whether an element of `array` is made by a call of a function declared with another copy of
/// `package` than the consumer's (directly, or through a local `const` it names).
fn made_with_other_copy(context: &DependencyContext, array: &ArrayLit, package: &str) -> bool {
    array.elems.iter().flatten().any(|element| {
        let mut expr = element.expr.unwrap_parens();
        if let Expr::Ident(ident) = expr {
            if let Some(init) = context.own_values.get(&ident.sym) {
                expr = init.unwrap_parens();
            }
        }
        let Expr::Call(call) = expr else {
            return false;
        };
        let Some(callee) = call.callee.as_expr() else {
            return false;
        };
        let file = match callee_value(context, callee.unwrap_parens()) {
            Some((
                _,
                Value::Typed(file, _) | Value::Functions(file, _) | Value::Class(file, _),
            )) => file,
            _ => return false,
        };
        context.types.other_copy(&file, &context.dir, package)
    })
}

/// The type a signature declares at `path` (parameters and properties only), in its file's scope.
fn declared_at(
    context: &DependencyContext,
    signature: &Signature,
    path: &[Step],
) -> Option<(std::path::PathBuf, Box<TsType>)> {
    let (Step::Param(index), rest) = path.split_first()? else {
        return None;
    };
    let mut at = (
        signature.file.clone(),
        signature.params.get(*index)?.ty.clone()?,
    );
    for step in rest {
        let Step::Prop(key) = step else {
            return None;
        };
        at = member_type(context, &at.0, &at.1, key)?;
    }
    Some(at)
}

/// The type arguments of a call, one per type parameter: None where the type parameter takes its
/// default (or its constraint) in terms of the dependency only. `omittable`: nothing gave it a
/// candidate and it has a default.
pub(crate) struct InferredTypeArgs {
    pub(crate) values: Vec<Option<Box<TsType>>>,
    omittable: Vec<bool>,
}

impl InferredTypeArgs {
    /// The type arguments to write, up to the last one that cannot be left to its default; all of
    /// them when every one could (the instantiation must still pick the generic overload).
    fn written(self) -> Option<Vec<Box<TsType>>> {
        let count = match self.omittable.iter().rposition(|o| !o) {
            Some(last) => last + 1,
            None => self.values.len(),
        };
        self.values.into_iter().take(count).collect()
    }
}

/// `"root" | "title"`: the keys of an object literal as a union of string literal types, or None
/// when a spread or computed key hides some.
fn literal_keys(expr: &Expr) -> Option<Box<TsType>> {
    let Expr::Object(object) = expr.unwrap_parens() else {
        return None;
    };
    let mut keys = Vec::new();
    for prop in &object.props {
        let PropOrSpread::Prop(prop) = prop else {
            return None;
        };
        let key = match &**prop {
            Prop::KeyValue(kv) => &kv.key,
            Prop::Method(method) => &method.key,
            Prop::Shorthand(ident) => {
                keys.push(string_literal(&ident.sym));
                continue;
            }
            _ => return None,
        };
        let text: Atom = match key {
            PropName::Ident(ident) => ident.sym.clone(),
            PropName::Str(text) => text.value.as_str()?.into(),
            _ => return None,
        };
        let literal = string_literal(&text);
        if !keys.contains(&literal) {
            keys.push(literal);
        }
    }
    Some(match keys.len() {
        0 => keyword(TsKeywordTypeKind::TsNeverKeyword),
        1 => keys.pop()?,
        _ => Box::new(TsType::TsUnionOrIntersectionType(
            TsUnionOrIntersectionType::TsUnionType(TsUnionType {
                span: DUMMY_SP,
                types: keys,
            }),
        )),
    })
}

/// What typing an argument needs besides the argument: the dependencies, and the type parameters of
/// the signature being inferred (their constraints decide literal types and tuples).
pub(crate) struct Cx<'a> {
    pub(crate) context: &'a DependencyContext,
    pub(crate) type_params: &'a [TsTypeParam],
}

impl Cx<'_> {
    /// The constraint of the signature's type parameter `name`.
    pub(crate) fn type_param_constraint(&self, name: &str) -> Option<&TsType> {
        self.type_params
            .iter()
            .find(|p| p.name.sym == name)
            .and_then(|p| p.constraint.as_deref())
    }
}

/// `NonNullable<Parameters<typeof f>[0]["schema"]>...`: the type at `path` of `f`'s parameters with
/// its type parameters at their constraints (tsc's type argument for a parameter nothing gives).
fn written_at(callee: &TsEntityName, path: &[Step]) -> Box<TsType> {
    let mut ty = type_ref("Parameters", vec![type_of(callee.clone(), None)]);
    for step in path {
        let index = match step {
            Step::Param(i) => literal(TsLit::Number(Number {
                span: DUMMY_SP,
                value: *i as f64,
                raw: None,
            })),
            Step::Prop(key) => string_literal(key),
            Step::Return => {
                ty = type_ref("ReturnType", vec![ty]);
                continue;
            }
            Step::Annotation(index) => {
                ty = indexed(
                    type_ref("Parameters", vec![ty]),
                    literal(TsLit::Number(Number {
                        span: DUMMY_SP,
                        value: *index as f64,
                        raw: None,
                    })),
                );
                continue;
            }
            Step::Elements => {
                ty = indexed(ty, keyword(TsKeywordTypeKind::TsNumberKeyword));
                continue;
            }
            Step::Keys => {
                ty = Box::new(TsType::TsTypeOperator(TsTypeOperator {
                    span: DUMMY_SP,
                    op: TsTypeOperatorOp::KeyOf,
                    type_ann: ty,
                }));
                continue;
            }
        };
        ty = type_ref("NonNullable", vec![indexed(ty, index)]);
    }
    ty
}

pub(crate) fn string_literal(text: &str) -> Box<TsType> {
    literal(TsLit::Str(Str {
        span: DUMMY_SP,
        value: text.into(),
        raw: None,
    }))
}
