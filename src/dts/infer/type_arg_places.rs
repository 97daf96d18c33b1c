//! Where a generic signature's type parameters sit in its parameter types, and what the call's
//! arguments hold there: a parameter of type `T`, a property of an object type (also through a
//! type alias), the keys of a `Record<K, V>`, what a callback returns. `type_args` turns each
//! place's argument into a type argument.

use std::collections::HashMap;
use std::path::Path;

use swc_core::atoms::Atom;
use swc_core::ecma::ast::*;

use crate::dts::infer::argument_types::{
    is_annotated, is_nullish, mentions, mentions_inferably, prop_key,
};
use crate::dts::infer::portable_types::{object_fits_keys, zod_schemas_fit};
use crate::dts::infer::scope::DependencyContext;
use crate::dts::infer::type_args::MAX_DEPTH;

/// One step from a call's arguments to where a type parameter sits.
#[derive(Clone, Debug)]
pub(crate) enum Step {
    Param(usize),
    Prop(Atom),
    /// What the arrow function there returns: the arrow itself as the last step (its return
    /// type is the candidate), else the returned expression.
    Return,
    /// The keys of the object literal there (`Record<K, V>`'s `K`); always the last step.
    Keys,
    /// The type annotation of the arrow function's parameter there; always the last step.
    Annotation(usize),
    /// The elements of the array literal there (`T[]`'s `T`); always the last step.
    Elements,
}

/// A type parameter of the signature, or the type parameters a type mentions.
#[derive(Clone)]
pub(crate) enum Subst {
    Exact(Atom),
    Mentions,
}

/// What the call's arguments hold at a path.
pub(crate) enum ArgumentAt<'a> {
    Absent,
    Expr(&'a Expr),
    Method(&'a Function),
    /// Something whose properties cannot be read off the syntax (an identifier, a spread).
    Opaque,
}

pub(crate) fn argument_at<'a>(args: &'a [ExprOrSpread], path: &[Step]) -> ArgumentAt<'a> {
    let Some(Step::Param(index)) = path.first() else {
        return ArgumentAt::Opaque;
    };
    let mut current = match args.get(*index) {
        Some(arg) => ArgumentAt::Expr(&arg.expr),
        None => ArgumentAt::Absent,
    };
    for (index, step) in path.iter().enumerate().skip(1) {
        let last = index + 1 == path.len();
        let key = match (step, last) {
            (Step::Prop(key), _) => key,
            // The arrow itself, or the object literal: read by the caller.
            (Step::Return, true)
            | (Step::Keys, _)
            | (Step::Annotation(_), _)
            | (Step::Elements, _) => return current,
            (Step::Return, false) => {
                current = match current {
                    ArgumentAt::Expr(expr) => match returned_expr(expr) {
                        Some(returned) => ArgumentAt::Expr(returned),
                        None => ArgumentAt::Opaque,
                    },
                    other => other,
                };
                continue;
            }
            (Step::Param(_), _) => return ArgumentAt::Opaque,
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

/// What an arrow function returns: its expression body, or the value of a body that is one
/// `return` statement.
pub(crate) fn returned_expr(expr: &Expr) -> Option<&Expr> {
    let Expr::Arrow(arrow) = expr.unwrap_parens() else {
        return None;
    };
    arrow_returned_expr(arrow)
}

/// What an arrow function returns, as `returned_expr`.
pub(crate) fn arrow_returned_expr(arrow: &ArrowExpr) -> Option<&Expr> {
    match &*arrow.body {
        ArrowFunctionBody::Expr(body) => Some(body.unwrap_parens()),
        ArrowFunctionBody::FunctionBody(block) => match &block.stmts[..] {
            [Stmt::Return(ReturnStmt { arg: Some(arg), .. })] => Some(arg.unwrap_parens()),
            _ => None,
        },
    }
}

/// Whether a function expression appears anywhere in an object literal's values.
fn holds_function(expr: &Expr) -> bool {
    match expr.unwrap_parens() {
        Expr::Arrow(_) | Expr::Fn(_) => true,
        Expr::Object(object) => object.props.iter().any(|prop| match prop {
            PropOrSpread::Prop(prop) => match &**prop {
                Prop::KeyValue(kv) => holds_function(&kv.value),
                Prop::Shorthand(_) => false,
                _ => true,
            },
            PropOrSpread::Spread(_) => true,
        }),
        _ => false,
    }
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
pub(crate) struct Search<'a> {
    pub(crate) context: &'a DependencyContext,
    pub(crate) args: &'a [ExprOrSpread],
    pub(crate) found: Vec<(Atom, Vec<Step>)>,
    /// Type parameters given by an argument's inferred type (`inferred_places`), with that type.
    pub(crate) typed: Vec<(Atom, Box<TsType>)>,
}

impl Search<'_> {
    /// The places in `ty` (at `path` of the arguments) that give type parameters candidates: read
    /// off the arguments' syntax, or else off an argument's inferred type.
    pub(crate) fn walk(
        &mut self,
        file: &Path,
        ty: &TsType,
        path: &[Step],
        subst: &HashMap<Atom, Subst>,
        depth: usize,
    ) -> Result<(), ()> {
        let (found, typed) = (self.found.len(), self.typed.len());
        self.walk_written(file, ty, path, subst, depth)
            .or_else(|()| {
                self.found.truncate(found);
                self.typed.truncate(typed);
                self.walk_inferred(ty, path, subst)
            })
    }

    fn walk_written(
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
                let declared = self
                    .context
                    .types
                    .type_alias(file, &name.sym)
                    .or_else(|| self.context.types.interface_alias(file, &name.sym));
                let Some((alias_file, alias)) = declared else {
                    if &*name.sym == "Record" {
                        return self.record(path, type_params.as_deref(), subst, present);
                    }
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
                // Not an object literal (`ref: docRef`): its properties are read off its type.
                if let ArgumentAt::Expr(expr) = argument_at(self.args, path) {
                    if !matches!(expr.unwrap_parens(), Expr::Object(_)) {
                        return Err(());
                    }
                }
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
                            let params = method.params.iter().any(|p| mentions_inferably(p, subst));
                            let returns = method
                                .type_ann
                                .as_ref()
                                .is_some_and(|r| mentions_inferably(&r.type_ann, subst));
                            self.callback(&inner_path, params, returns)?;
                        }
                        other if present && mentions(other, subst) => return Err(()),
                        _ => {}
                    }
                }
                Ok(())
            }
            TsType::TsFnOrConstructorType(TsFnOrConstructorType::TsFnType(f)) => {
                let params = f.params.iter().any(|p| mentions_inferably(p, subst));
                // `factory: () => T` (React's useMemo) given an arrow that needs no context: `T`
                // is what the arrow returns.
                if let (false, TsType::TsTypeRef(returned), ArgumentAt::Expr(Expr::Arrow(arrow))) =
                    (params, &*f.type_ann.type_ann, argument_at(self.args, path))
                {
                    let exact = match (&returned.type_name, &returned.type_params) {
                        (TsEntityName::Ident(name), None) => match subst.get(&name.sym) {
                            Some(Subst::Exact(param)) => Some(param.clone()),
                            _ => None,
                        },
                        _ => None,
                    };
                    if let (Some(param), true) = (exact, arrow.params.iter().all(is_annotated)) {
                        let mut returned_path = path.to_vec();
                        returned_path.push(Step::Return);
                        self.found.push((param, returned_path));
                        return Ok(());
                    }
                }
                // `theme => ({ root: {...} })` for `(theme: Theme) => StyleRules<Props, K>`: the
                // returned object literal gives the return type's type parameters, while the
                // arrow's unannotated parameters give none.
                if let ArgumentAt::Expr(arrow @ Expr::Arrow(ArrowExpr { params: own, .. })) =
                    argument_at(self.args, path)
                {
                    let unannotated = own
                        .iter()
                        .all(|p| matches!(p, Pat::Ident(b) if b.type_ann.is_none()));
                    // `(theme: Theme) => ...` for `(theme: T) => ...`: `T` is the annotation.
                    let annotated =
                        !unannotated && params && self.annotations(f, own, path, subst).is_ok();
                    if (!params || unannotated || annotated) && returned_expr(arrow).is_some() {
                        let mut returned_path = path.to_vec();
                        returned_path.push(Step::Return);
                        return self.walk(
                            file,
                            &f.type_ann.type_ann,
                            &returned_path,
                            subst,
                            depth + 1,
                        );
                    }
                }
                self.callback(
                    path,
                    params,
                    mentions_inferably(&f.type_ann.type_ann, subst),
                )
            }
            // `keys: K[]` given an array literal: each element is a candidate for `K`.
            TsType::TsArrayType(TsArrayType { elem_type, .. }) => {
                let TsType::TsTypeRef(TsTypeRef {
                    type_name: TsEntityName::Ident(name),
                    type_params: None,
                    ..
                }) = &**elem_type
                else {
                    return if present { Err(()) } else { Ok(()) };
                };
                let given = match argument_at(self.args, path) {
                    ArgumentAt::Expr(expr) => match expr.unwrap_parens() {
                        Expr::Array(array) => Some(array),
                        _ => None,
                    },
                    ArgumentAt::Absent => None,
                    _ => return Err(()),
                };
                match (subst.get(&name.sym), given) {
                    (Some(Subst::Exact(param)), Some(array))
                        if array
                            .elems
                            .iter()
                            .all(|e| e.as_ref().is_some_and(|e| e.spread.is_none())) =>
                    {
                        let mut elements_path = path.to_vec();
                        elements_path.push(Step::Elements);
                        self.found.push((param.clone(), elements_path));
                        Ok(())
                    }
                    (Some(_), None) if !present => Ok(()),
                    _ => Err(()),
                }
            }
            TsType::TsUnionOrIntersectionType(TsUnionOrIntersectionType::TsUnionType(u)) => {
                // `S | (() => S)` (React's useState): an argument that is not a function can only
                // be inferred to the members that are not function types, and a function
                // expression only to those that are.
                let callable = match argument_at(self.args, path) {
                    ArgumentAt::Expr(expr) => is_function_syntax(expr),
                    ArgumentAt::Method(_) => Some(true),
                    _ => None,
                };
                // `{ lazy: ... } | { sync: ... }` given an object literal: the members its keys
                // fit.
                let object = match argument_at(self.args, path) {
                    ArgumentAt::Expr(expr) => match expr.unwrap_parens() {
                        Expr::Object(object) => Some(object),
                        _ => None,
                    },
                    _ => None,
                };
                let this = &*self;
                let fitting = |exact: bool| -> Vec<&Box<TsType>> {
                    u.types
                        .iter()
                        .filter(|t| {
                            !is_nullish(t)
                                && callable.is_none_or(|callable| {
                                    callable == this.is_function_type(file, t, depth)
                                })
                                && match (object, &***t) {
                                    (Some(object), TsType::TsTypeLit(shape)) => {
                                        object_fits_keys(object, shape, exact)
                                            && zod_schemas_fit(this.context, object, shape)
                                    }
                                    _ => true,
                                }
                        })
                        .collect()
                };
                // A union that is a member of an intersection (`{ name } & ({ a } | { b })`)
                // is given the other members' properties too: then only its own keys tell.
                let mut members = fitting(true);
                if members.is_empty() {
                    members = fitting(false);
                }
                let mut rest = members.into_iter();
                match (rest.next(), rest.next()) {
                    (Some(only), None) => self.walk(file, only, path, subst, depth + 1),
                    _ if present => Err(()),
                    _ => Ok(()),
                }
            }
            // `A & B`: the argument is both, and each gives what it can.
            TsType::TsUnionOrIntersectionType(TsUnionOrIntersectionType::TsIntersectionType(
                intersection,
            )) => {
                for member in &intersection.types {
                    self.walk(file, member, path, subst, depth + 1)?;
                }
                Ok(())
            }
            _ if present => Err(()),
            _ => Ok(()),
        }
    }

    /// The places of the type parameters a callback's parameters are typed with, where the arrow
    /// given annotates them: each must be exactly a type parameter (`theme: Theme`), and the
    /// arrow's parameter a plain name with a type.
    fn annotations(
        &mut self,
        f: &TsFnType,
        own: &[Pat],
        path: &[Step],
        subst: &HashMap<Atom, Subst>,
    ) -> Result<(), ()> {
        let mut found = Vec::new();
        for (index, param) in f.params.iter().enumerate() {
            if !mentions(param, subst) {
                continue;
            }
            let TsFnParam::Ident(BindingIdent {
                type_ann: Some(declared),
                ..
            }) = param
            else {
                return Err(());
            };
            let TsType::TsTypeRef(TsTypeRef {
                type_name: TsEntityName::Ident(name),
                type_params: None,
                ..
            }) = &*declared.type_ann
            else {
                return Err(());
            };
            let (
                Some(Subst::Exact(type_param)),
                Some(Pat::Ident(BindingIdent {
                    type_ann: Some(_), ..
                })),
            ) = (subst.get(&name.sym), own.get(index))
            else {
                return Err(());
            };
            let mut annotation_path = path.to_vec();
            annotation_path.push(Step::Annotation(index));
            found.push((type_param.clone(), annotation_path));
        }
        self.found.extend(found);
        Ok(())
    }

    /// The global `Record<K, V>` given an object literal: `K` is its keys (MUI's `makeStyles`
    /// class keys). Its values give no candidates while they hold no functions (style objects);
    /// anything else is not modelled.
    fn record(
        &mut self,
        path: &[Step],
        type_args: Option<&TsTypeParamInstantiation>,
        subst: &HashMap<Atom, Subst>,
        present: bool,
    ) -> Result<(), ()> {
        if !present {
            return Ok(());
        }
        let given = match argument_at(self.args, path) {
            // A path ending at a callback's return names the arrow: the object is what it returns.
            ArgumentAt::Expr(arrow) if matches!(path.last(), Some(Step::Return)) => {
                returned_expr(arrow)
            }
            ArgumentAt::Expr(expr) => Some(expr.unwrap_parens()),
            _ => None,
        };
        let (Some(args), Some(object @ Expr::Object(_))) = (type_args, given) else {
            return Err(());
        };
        let [keys, _] = &args.params[..] else {
            return Err(());
        };
        if holds_function(object) {
            return Err(());
        }
        match &**keys {
            TsType::TsTypeRef(TsTypeRef {
                type_name: TsEntityName::Ident(name),
                type_params: None,
                ..
            }) => match subst.get(&name.sym) {
                Some(Subst::Exact(param)) => {
                    let mut keys_path = path.to_vec();
                    keys_path.push(Step::Keys);
                    self.found.push((param.clone(), keys_path));
                    Ok(())
                }
                Some(Subst::Mentions) => Err(()),
                None => Ok(()),
            },
            other if mentions(other, subst) => Err(()),
            _ => Ok(()),
        }
    }

    /// A function-typed position: its parameters give no candidates when the argument's callback
    /// leaves its parameters unannotated (tsc types them from the signature afterwards); its
    /// return type is not modelled.
    fn callback(&self, path: &[Step], params: bool, returns: bool) -> Result<(), ()> {
        // A name or a destructuring pattern without a type gives no candidates: tsc types it
        // from the signature.
        fn annotated<'p>(mut ps: impl Iterator<Item = &'p Pat>) -> bool {
            ps.any(|p| match p {
                Pat::Ident(b) => b.type_ann.is_some(),
                Pat::Object(o) => o.type_ann.is_some(),
                Pat::Array(a) => a.type_ann.is_some(),
                _ => true,
            })
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

/// Whether an expression is a function (Some(true)), certainly not one (Some(false)), or could be
/// either (an identifier, a call).
fn is_function_syntax(expr: &Expr) -> Option<bool> {
    match expr.unwrap_parens() {
        Expr::Arrow(_) | Expr::Fn(_) => Some(true),
        Expr::Lit(_) | Expr::Tpl(_) | Expr::Array(_) | Expr::Object(_) => Some(false),
        Expr::Unary(_) | Expr::Bin(_) => Some(false),
        _ => None,
    }
}

impl Search<'_> {
    /// Whether a type is a function type, through the dependency's type aliases
    /// (`StyleRulesCallback<Theme, Props, K>`).
    fn is_function_type(&self, file: &Path, ty: &TsType, depth: usize) -> bool {
        match ty {
            TsType::TsParenthesizedType(inner) => {
                self.is_function_type(file, &inner.type_ann, depth)
            }
            TsType::TsFnOrConstructorType(_) => true,
            TsType::TsTypeRef(TsTypeRef {
                type_name: TsEntityName::Ident(name),
                ..
            }) if depth < MAX_DEPTH => {
                self.context
                    .types
                    .type_alias(file, &name.sym)
                    .is_some_and(|(alias_file, alias)| {
                        self.is_function_type(&alias_file, &alias.type_ann, depth + 1)
                    })
            }
            _ => false,
        }
    }
}
