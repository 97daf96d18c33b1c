//! Calls of generic functions that dependencies declare, with the type arguments tsc infers from the
//! arguments written out: `createTemplateAction({ schema: { input: { path: z => z.string() } } })`
//! becomes `__PlugbuildCall<typeof createTemplateAction<{ path: (z: Z) => ... }, C>, [...]>`.
//!
//! The signature comes from the dependency's declaration file (`dependency_types`). Each type
//! parameter is looked for where an argument can give it directly: a parameter of that type, a
//! property of an object type (also through a type alias), for object-literal arguments. Its type
//! argument is then the type of the argument found there, written the way tsc infers it (literal
//! types kept under a primitive constraint, tuples under a tuple constraint, callbacks typed by the
//! parameter types the signature gives them). A parameter no argument gives gets its constraint
//! (or `unknown`), as tsc does; a trailing one with a default is left out. Anything else that could
//! give a type parameter a candidate (a nested generic type, an annotated callback, a spread)
//! leaves the call to the caller's fallback, which warns.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use swc_core::atoms::Atom;
use swc_core::common::DUMMY_SP;
use swc_core::ecma::ast::*;
use swc_core::ecma::visit::{Visit, VisitWith};

use super::dependency_types::{Signature, Value};
use super::infer::{entity_name, infer_argument, infer_expr, CALL_HELPER};
use super::infer_scope::{
    contextual_value, dependency_context, helper_value, is_visible, local, with_contextual,
    DependencyContext, Local,
};
use super::type_nodes::{
    indexed, keyword, literal, property_of, tuple, type_ann, type_of, type_ref,
};

/// How far into nested types and aliases the search for type parameters goes.
const MAX_DEPTH: usize = 12;

/// The type of `callee(args)` when the callee is a dependency's function or method: for a generic
/// one, with the type arguments inferred; for a method that is not generic, the return type of the
/// overload the arguments pick. None leaves the call to the caller.
pub(super) fn infer_dependency_call(call: &CallExpr, callee: &Expr) -> Option<Box<TsType>> {
    if call.type_args.is_some() || call.args.iter().any(|a| a.spread.is_some()) {
        return None;
    }
    let context = dependency_context()?;
    let callee = callee.unwrap_parens();
    let (_, value) = callee_value(&context, callee)?;
    let signatures = context.types.signatures(&value);
    let matching: Vec<&Signature> = signatures
        .iter()
        .filter(|s| s.accepts(call.args.len()))
        .collect();
    if matching.is_empty() {
        return None;
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
    // helper picks among them as tsc would.
    let signature = matching[0];
    let arity = signature.type_params.len();
    if matching.iter().any(|s| s.type_params.len() != arity) {
        return None;
    }
    let callee_name = written_callee(callee)?;
    let single = signatures.len() == 1;
    let args = infer_type_args(&context, signature, &call.args, &callee_name, single)?;
    Some(type_ref(
        CALL_HELPER,
        vec![
            type_of(
                callee_name,
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
pub(super) fn callee_value(
    context: &DependencyContext,
    callee: &Expr,
) -> Option<(Option<Value>, Value)> {
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
                Some((specifier, _)) if specifier.starts_with('.') => None,
                Some((specifier, imported)) => {
                    context.types.import(&context.dir, specifier, imported)
                }
                // The module's own generic function.
                None => context.own_functions.get(&ident.sym).cloned(),
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
            context.types.call_result(signature, receiver.as_ref())
        }
        _ => None,
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

/// One step from a call's arguments to where a type parameter sits.
#[derive(Clone, Debug)]
enum Step {
    Param(usize),
    Prop(Atom),
}

/// A type parameter of the signature, or the type parameters a type mentions.
#[derive(Clone)]
enum Subst {
    Exact(Atom),
    Mentions,
}

/// What the call's arguments hold at a path.
enum ArgumentAt<'a> {
    Absent,
    Expr(&'a Expr),
    Method(&'a Function),
    /// Something whose properties cannot be read off the syntax (an identifier, a spread).
    Opaque,
}

fn argument_at<'a>(args: &'a [ExprOrSpread], path: &[Step]) -> ArgumentAt<'a> {
    let Some(Step::Param(index)) = path.first() else {
        return ArgumentAt::Opaque;
    };
    let mut current = match args.get(*index) {
        Some(arg) => ArgumentAt::Expr(&arg.expr),
        None => ArgumentAt::Absent,
    };
    for step in &path[1..] {
        let Step::Prop(key) = step else {
            return ArgumentAt::Opaque;
        };
        current = match current {
            ArgumentAt::Absent => ArgumentAt::Absent,
            ArgumentAt::Expr(expr) => match expr.unwrap_parens() {
                Expr::Object(object) => property(object, key),
                _ => ArgumentAt::Opaque,
            },
            _ => ArgumentAt::Opaque,
        };
    }
    current
}

fn property<'a>(object: &'a ObjectLit, key: &str) -> ArgumentAt<'a> {
    let mut found = ArgumentAt::Absent;
    for prop in &object.props {
        let PropOrSpread::Prop(prop) = prop else {
            return ArgumentAt::Opaque;
        };
        found = match &**prop {
            Prop::KeyValue(kv) if prop_name_is(&kv.key, key) => ArgumentAt::Expr(&kv.value),
            Prop::Method(method) if prop_name_is(&method.key, key) => {
                ArgumentAt::Method(&method.function)
            }
            Prop::Shorthand(ident) if ident.sym == key => ArgumentAt::Opaque,
            Prop::Getter(g) if prop_name_is(&g.key, key) => ArgumentAt::Opaque,
            Prop::Setter(s) if prop_name_is(&s.key, key) => ArgumentAt::Opaque,
            _ => continue,
        };
    }
    found
}

fn prop_name_is(key: &PropName, name: &str) -> bool {
    match key {
        PropName::Ident(ident) => ident.sym == name,
        PropName::Str(s) => s.value.as_str() == Some(name),
        _ => false,
    }
}

fn is_present(args: &[ExprOrSpread], path: &[Step]) -> bool {
    !matches!(argument_at(args, path), ArgumentAt::Absent)
}

/// Where each type parameter sits in the parameter types (`found`), for the arguments the call has.
/// Err: a type parameter appears where an argument could give it a candidate that is not modelled.
struct Search<'a> {
    context: &'a DependencyContext,
    args: &'a [ExprOrSpread],
    found: Vec<(Atom, Vec<Step>)>,
}

impl Search<'_> {
    fn walk(
        &mut self,
        file: &Path,
        ty: &TsType,
        path: &[Step],
        subst: &HashMap<Atom, Subst>,
        depth: usize,
    ) -> Result<(), ()> {
        if !mentions(ty, subst) {
            return Ok(());
        }
        let present = is_present(self.args, path);
        if depth > MAX_DEPTH {
            return if present { Err(()) } else { Ok(()) };
        }
        match ty {
            TsType::TsParenthesizedType(inner) => {
                self.walk(file, &inner.type_ann, path, subst, depth + 1)
            }
            TsType::TsTypeRef(TsTypeRef {
                type_name: TsEntityName::Ident(name),
                type_params,
                ..
            }) => {
                if let (Some(found), None) = (subst.get(&name.sym), type_params) {
                    return match found {
                        Subst::Exact(param) => {
                            self.found.push((param.clone(), path.to_vec()));
                            Ok(())
                        }
                        Subst::Mentions if present => Err(()),
                        Subst::Mentions => Ok(()),
                    };
                }
                let Some((alias_file, alias)) = self.context.types.type_alias(file, &name.sym)
                else {
                    return if present { Err(()) } else { Ok(()) };
                };
                let args = type_params.as_ref().map(|t| &t.params[..]).unwrap_or(&[]);
                let mut inner = HashMap::new();
                if let Some(params) = &alias.type_params {
                    for (param, arg) in params.params.iter().zip(args) {
                        let bound = match &**arg {
                            TsType::TsTypeRef(TsTypeRef {
                                type_name: TsEntityName::Ident(arg_name),
                                type_params: None,
                                ..
                            }) => subst.get(&arg_name.sym).cloned(),
                            other => mentions(other, subst).then_some(Subst::Mentions),
                        };
                        if let Some(bound) = bound {
                            inner.insert(param.name.sym.clone(), bound);
                        }
                    }
                }
                self.walk(&alias_file, &alias.type_ann, path, &inner, depth + 1)
            }
            TsType::TsTypeLit(lit) => {
                for member in &lit.members {
                    match member {
                        TsTypeElement::TsPropertySignature(prop) => {
                            let (Some(key), Some(ann)) = (prop_key(&prop.key), &prop.type_ann)
                            else {
                                continue;
                            };
                            let mut inner_path = path.to_vec();
                            inner_path.push(Step::Prop(key));
                            self.walk(file, &ann.type_ann, &inner_path, subst, depth + 1)?;
                        }
                        TsTypeElement::TsMethodSignature(method) => {
                            let Some(key) = prop_key(&method.key) else {
                                continue;
                            };
                            let mut inner_path = path.to_vec();
                            inner_path.push(Step::Prop(key));
                            let params = method.params.iter().any(|p| mentions(p, subst));
                            let returns = method
                                .type_ann
                                .as_ref()
                                .is_some_and(|r| mentions(&r.type_ann, subst));
                            self.callback(&inner_path, params, returns)?;
                        }
                        other if present && mentions(other, subst) => return Err(()),
                        _ => {}
                    }
                }
                Ok(())
            }
            TsType::TsFnOrConstructorType(TsFnOrConstructorType::TsFnType(f)) => {
                let params = f.params.iter().any(|p| mentions(p, subst));
                self.callback(path, params, mentions(&f.type_ann.type_ann, subst))
            }
            TsType::TsUnionOrIntersectionType(TsUnionOrIntersectionType::TsUnionType(u)) => {
                let mut rest = u.types.iter().filter(|t| !is_nullish(t));
                match (rest.next(), rest.next()) {
                    (Some(only), None) => self.walk(file, only, path, subst, depth + 1),
                    _ if present => Err(()),
                    _ => Ok(()),
                }
            }
            _ if present => Err(()),
            _ => Ok(()),
        }
    }

    /// A function-typed position: its parameters give no candidates when the argument's callback
    /// leaves its parameters unannotated (tsc types them from the signature afterwards); its
    /// return type is not modelled.
    fn callback(&self, path: &[Step], params: bool, returns: bool) -> Result<(), ()> {
        fn annotated<'p>(mut ps: impl Iterator<Item = &'p Pat>) -> bool {
            ps.any(|p| !matches!(p, Pat::Ident(b) if b.type_ann.is_none()))
        }
        let gives_candidates = match argument_at(self.args, path) {
            ArgumentAt::Absent => false,
            ArgumentAt::Expr(Expr::Arrow(arrow)) => {
                (params && annotated(arrow.params.iter())) || returns
            }
            ArgumentAt::Expr(Expr::Fn(f)) => {
                (params && annotated(f.function.params.iter().map(|p| &p.pat))) || returns
            }
            ArgumentAt::Method(function) => {
                (params && annotated(function.params.iter().map(|p| &p.pat))) || returns
            }
            _ => params || returns,
        };
        if gives_candidates {
            Err(())
        } else {
            Ok(())
        }
    }
}

/// The type arguments of a call of `signature` (a generic function or method of a dependency).
fn infer_type_args(
    context: &DependencyContext,
    signature: &Signature,
    args: &[ExprOrSpread],
    callee: &TsEntityName,
    single: bool,
) -> Option<Vec<Box<TsType>>> {
    let subst: HashMap<Atom, Subst> = signature
        .type_params
        .iter()
        .map(|p| (p.name.sym.clone(), Subst::Exact(p.name.sym.clone())))
        .collect();
    let mut search = Search {
        context,
        args,
        found: Vec::new(),
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
    let mut written = Vec::new();
    let mut defaulted = false;
    for param in &signature.type_params {
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
        let constraint = param
            .constraint
            .as_ref()
            .map(|c| (signature.file.clone(), c.clone()));
        match candidates[..] {
            [] if param.default.is_some() => defaulted = true,
            _ if defaulted => return None,
            [] => match (&param.constraint, places.first()) {
                (None, _) => written.push(keyword(TsKeywordTypeKind::TsUnknownKeyword)),
                (Some(_), Some(path)) if single => written.push(written_at(callee, path)),
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
                    written.push(constraint.clone())
                }
                _ => return None,
            },
            [(path, expr)] => {
                let position = single.then(|| written_at(callee, path));
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
                let ty = match literal_kept {
                    Some(ty) => ty,
                    None => argument_type(&cx, expr, constraint.as_ref(), position)?,
                };
                written.push(ty);
            }
            _ => return None,
        }
    }
    (!written.is_empty()).then_some(written)
}

/// What typing an argument needs besides the argument: the dependencies, and the type parameters of
/// the signature being inferred (their constraints decide literal types and tuples).
struct Cx<'a> {
    context: &'a DependencyContext,
    type_params: &'a [TsTypeParam],
}

impl Cx<'_> {
    /// The constraint of the signature's type parameter `name`.
    fn type_param_constraint(&self, name: &str) -> Option<&TsType> {
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
        };
        ty = type_ref("NonNullable", vec![indexed(ty, index)]);
    }
    ty
}

fn string_literal(text: &str) -> Box<TsType> {
    literal(TsLit::Str(Str {
        span: DUMMY_SP,
        value: text.into(),
        raw: None,
    }))
}

/// The type tsc infers for a type parameter from the argument `expr`, under the parameter's
/// `constraint` (in the dependency's scope). `position`: the type of the argument's position,
/// written in this module's terms, for the parameter types of callbacks.
fn argument_type(
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
            let element = tuple_element(cx, file, constraint, 0)?;
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
                let key = if is_identifier(&key) {
                    Expr::Ident(Ident::new_no_ctxt(key, DUMMY_SP))
                } else {
                    Expr::Lit(Lit::Str(Str {
                        span: DUMMY_SP,
                        value: key.as_str().into(),
                        raw: None,
                    }))
                };
                members.push(TsTypeElement::TsPropertySignature(TsPropertySignature {
                    span: DUMMY_SP,
                    readonly: false,
                    key: Box::new(key),
                    computed: false,
                    optional: false,
                    type_ann: Some(type_ann(value)),
                }));
            }
            Some(Box::new(TsType::TsTypeLit(TsTypeLit {
                span: DUMMY_SP,
                members,
            })))
        }
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

fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

fn prop_key(key: &Expr) -> Option<Atom> {
    match key {
        Expr::Ident(ident) => Some(ident.sym.clone()),
        Expr::Lit(Lit::Str(s)) => s.value.as_str().map(Atom::from),
        _ => None,
    }
}

/// Whether `ty` is the type parameter `name`, or a union or intersection with it as a member.
fn at_top_level(ty: &TsType, name: &str) -> bool {
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
fn self_contained(ty: &TsType) -> bool {
    match ty {
        TsType::TsKeywordType(_) | TsType::TsLitType(_) => true,
        TsType::TsParenthesizedType(inner) => self_contained(&inner.type_ann),
        TsType::TsUnionOrIntersectionType(TsUnionOrIntersectionType::TsUnionType(u)) => {
            u.types.iter().all(|t| self_contained(t))
        }
        _ => false,
    }
}

fn is_nullish(ty: &TsType) -> bool {
    matches!(ty, TsType::TsKeywordType(k) if matches!(k.kind,
        TsKeywordTypeKind::TsUndefinedKeyword | TsKeywordTypeKind::TsNullKeyword))
}

/// Whether a type (or a parameter, or a type element) names one of the type parameters in `subst`.
fn mentions<'s, N: for<'m> VisitWith<Mentions<'m>>>(
    node: &N,
    subst: &'s HashMap<Atom, Subst>,
) -> bool {
    let mut finder = Mentions {
        subst,
        found: false,
    };
    node.visit_with(&mut finder);
    finder.found
}

struct Mentions<'a> {
    subst: &'a HashMap<Atom, Subst>,
    found: bool,
}

impl Visit for Mentions<'_> {
    fn visit_ts_type_ref(&mut self, n: &TsTypeRef) {
        if let TsEntityName::Ident(name) = &n.type_name {
            self.found |= self.subst.contains_key(&name.sym);
        }
        n.visit_children_with(self);
    }
    fn visit_ts_type_query(&mut self, n: &TsTypeQuery) {
        if let TsTypeQueryExpr::TsEntityName(TsEntityName::Ident(name)) = &n.expr_name {
            self.found |= self.subst.contains_key(&name.sym);
        }
        n.visit_children_with(self);
    }
}
