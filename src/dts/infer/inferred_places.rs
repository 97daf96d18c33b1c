//! Type parameters given by an argument whose type the inference computes rather than reads off
//! the syntax: `provide(createRoutableExtension({...}))` gives `provide<T>(e: Extension<T>)`'s `T`
//! from the inner call's type `Extension<typeof Page>`, and a callback returning
//! `import('./Page').then(m => m.Page)` gives `() => Promise<T>` its `T`. The parameter's type and
//! the argument's are matched structurally: the same generic type (by name) argument by argument,
//! type literals property by property, a module namespace's members. Anything else is not modelled.

use std::collections::HashMap;

use swc_core::atoms::Atom;
use swc_core::ecma::ast::*;

use crate::dts::infer::argument_types::{mentions, prop_key};
use crate::dts::infer::dynamic_imports::module_member;
use crate::dts::infer::scope::declared_type;
use crate::dts::infer::type_arg_defaults::is_never;
use crate::dts::infer::type_arg_places::{
    argument_at, arrow_returned_expr, ArgumentAt, Search, Step, Subst,
};
use crate::dts::infer::type_args::MAX_DEPTH;
use crate::dts::infer::zod_schemas::{zod_type, Side};
use crate::dts::infer::{infer_arrow_return, infer_expr};

impl Search<'_> {
    /// The candidates the argument at `path` gives the type parameters in `ty`, from its inferred
    /// type; Err when the argument is not an expression whose type is computed, or the types do not
    /// match in a modelled way.
    pub(crate) fn walk_inferred(
        &mut self,
        ty: &TsType,
        path: &[Step],
        subst: &HashMap<Atom, Subst>,
    ) -> Result<(), ()> {
        // `paramsSchema: z.ZodSchema<TParams>` given `z.object({...})`: the schema's output.
        if let (Some((param, side)), ArgumentAt::Expr(expr)) =
            (zod_schema_param(ty, subst), argument_at(self.args, path))
        {
            let output = zod_type(self.context, expr, side).ok_or(())?;
            self.typed.push((param, output));
            return Ok(());
        }
        let given = match argument_at(self.args, path) {
            // What a callback returns: its return type (a promise for an async one).
            ArgumentAt::Expr(Expr::Arrow(arrow)) if matches!(path.last(), Some(Step::Return)) => {
                if !returned_expr_is_computed(arrow) {
                    return Err(());
                }
                infer_arrow_return(arrow).ok_or(())?
            }
            ArgumentAt::Expr(expr) if computed(expr.unwrap_parens()) => {
                infer_expr(expr, false).ok_or(())?
            }
            // A callback with its return type written: `async (): Promise<Data> => {...}`.
            ArgumentAt::Expr(Expr::Arrow(arrow)) if arrow.return_type.is_some() => {
                return self.annotated_callback(ty, arrow, subst);
            }
            _ => return Err(()),
        };
        // `typeof ref` of the module's own `const`: the type it is declared with.
        let given = match &*given {
            TsType::TsTypeQuery(TsTypeQuery {
                expr_name: TsTypeQueryExpr::TsEntityName(TsEntityName::Ident(name)),
                type_args: None,
                ..
            }) => declared_type(name).unwrap_or(given),
            _ => given,
        };
        let mut typed = Vec::new();
        match_types(ty, &given, subst, 0, &mut typed)?;
        self.typed.extend(typed);
        Ok(())
    }
}

impl Search<'_> {
    /// A callback given where the signature has a function type: its written return type gives
    /// the type parameters of the function type's return type; its annotated parameters those of
    /// the parameter types (unannotated ones give none: tsc types them from the signature).
    fn annotated_callback(
        &mut self,
        ty: &TsType,
        arrow: &ArrowExpr,
        subst: &HashMap<Atom, Subst>,
    ) -> Result<(), ()> {
        let TsType::TsFnOrConstructorType(TsFnOrConstructorType::TsFnType(function)) =
            strip_parens(ty)
        else {
            return Err(());
        };
        let returned = arrow.return_type.as_ref().ok_or(())?;
        let mut typed = Vec::new();
        for (param, given) in function.params.iter().zip(&arrow.params) {
            let (
                TsFnParam::Ident(BindingIdent {
                    type_ann: Some(declared),
                    ..
                }),
                Pat::Ident(BindingIdent {
                    type_ann: Some(written),
                    ..
                }),
            ) = (param, given)
            else {
                if mentions(param, subst) && !matches!(given, Pat::Ident(b) if b.type_ann.is_none())
                {
                    return Err(());
                }
                continue;
            };
            match_types(&declared.type_ann, &written.type_ann, subst, 0, &mut typed)?;
        }
        match_types(
            &function.type_ann.type_ann,
            &returned.type_ann,
            subst,
            0,
            &mut typed,
        )?;
        self.typed.extend(typed);
        Ok(())
    }
}

/// Whether an expression's type is computed from other types (a call, a name, an assertion)
/// rather than read off its syntax as the written walk does (object literals, functions).
fn computed(expr: &Expr) -> bool {
    matches!(
        expr,
        Expr::Call(_)
            | Expr::New(_)
            | Expr::Member(_)
            | Expr::Ident(_)
            | Expr::Await(_)
            | Expr::TsAs(_)
            | Expr::TsTypeAssertion(_)
    )
}

/// Whether the value an arrow function returns (its body, or its one `return`) is computed.
fn returned_expr_is_computed(arrow: &ArrowExpr) -> bool {
    arrow_returned_expr(arrow).is_some_and(computed)
}

/// Matches the parameter's type `pattern` (the dependency's) against the argument's type `given`
/// (the consumer's), collecting what each type parameter meets.
fn match_types(
    pattern: &TsType,
    given: &TsType,
    subst: &HashMap<Atom, Subst>,
    depth: usize,
    typed: &mut Vec<(Atom, Box<TsType>)>,
) -> Result<(), ()> {
    if !mentions(pattern, subst) {
        return Ok(());
    }
    if depth > MAX_DEPTH {
        return Err(());
    }
    let given = strip_parens(given);
    // A call's type the consumer's checker infers (`conditional_calls`): matched in the branch it
    // takes, each candidate under the same condition.
    if let TsType::TsConditionalType(conditional) = given {
        if is_never(&conditional.false_type) {
            let mut within = Vec::new();
            match_types(
                pattern,
                &conditional.true_type,
                subst,
                depth + 1,
                &mut within,
            )?;
            typed.extend(within.into_iter().map(|(param, ty)| {
                let mut branch = conditional.clone();
                branch.true_type = ty;
                (param, Box::new(TsType::TsConditionalType(branch)))
            }));
            return Ok(());
        }
    }
    match strip_parens(pattern) {
        TsType::TsTypeRef(TsTypeRef {
            type_name: TsEntityName::Ident(name),
            type_params: None,
            ..
        }) if subst.contains_key(&name.sym) => match &subst[&name.sym] {
            Subst::Exact(param) => {
                typed.push((param.clone(), Box::new(given.clone())));
                Ok(())
            }
            Subst::Mentions => Err(()),
        },
        TsType::TsTypeRef(TsTypeRef {
            type_name,
            type_params: Some(pattern_args),
            ..
        }) => {
            let (given_name, given_args) = generic_reference(given).ok_or(())?;
            // The pattern may leave out type arguments that have defaults.
            if last_name(type_name) != given_name
                || given_args.params.len() < pattern_args.params.len()
            {
                return Err(());
            }
            for (p, g) in pattern_args.params.iter().zip(&given_args.params) {
                match_types(p, g, subst, depth + 1, typed)?;
            }
            Ok(())
        }
        TsType::TsTypeLit(lit) => {
            for member in &lit.members {
                let TsTypeElement::TsPropertySignature(prop) = member else {
                    if mentions(member, subst) {
                        return Err(());
                    }
                    continue;
                };
                let (Some(key), Some(ann)) = (prop_key(&prop.key), &prop.type_ann) else {
                    continue;
                };
                if !mentions(&*ann.type_ann, subst) {
                    continue;
                }
                match property_type(given, &key) {
                    Some(value) => match_types(&ann.type_ann, &value, subst, depth + 1, typed)?,
                    None if prop.optional => {}
                    None => return Err(()),
                }
            }
            Ok(())
        }
        _ => Err(()),
    }
}

fn strip_parens(ty: &TsType) -> &TsType {
    match ty {
        TsType::TsParenthesizedType(inner) => strip_parens(&inner.type_ann),
        other => other,
    }
}

/// `Name<args>` or `import("pkg").Name<args>`: the name and the type arguments.
fn generic_reference(ty: &TsType) -> Option<(&Atom, &TsTypeParamInstantiation)> {
    match ty {
        TsType::TsTypeRef(TsTypeRef {
            type_name,
            type_params: Some(args),
            ..
        }) => Some((last_name(type_name), args)),
        TsType::TsImportType(TsImportType {
            qualifier: Some(qualifier),
            type_args: Some(args),
            ..
        }) => Some((last_name(qualifier), args)),
        _ => None,
    }
}

pub(crate) fn last_name(entity: &TsEntityName) -> &Atom {
    match entity {
        TsEntityName::Ident(ident) => &ident.sym,
        TsEntityName::TsQualifiedName(qualified) => &qualified.right.sym,
    }
}

/// The type of the property `key` of `ty`: a type literal's member, or a module namespace's export.
fn property_type(ty: &TsType, key: &Atom) -> Option<Box<TsType>> {
    if let Some(member) = module_member(ty, key) {
        return Some(member);
    }
    let TsType::TsTypeLit(lit) = ty else {
        return None;
    };
    lit.members.iter().find_map(|member| match member {
        TsTypeElement::TsPropertySignature(prop)
            if !prop.optional && prop_key(&prop.key).as_ref() == Some(key) =>
        {
            prop.type_ann.as_ref().map(|ann| ann.type_ann.clone())
        }
        _ => None,
    })
}

/// The type parameter a zod schema type is written with (`z.ZodSchema<T>`, `ZodType<T>`), and
/// which of the schema's types gives it: the input when it is also the input type (by default).
fn zod_schema_param(ty: &TsType, subst: &HashMap<Atom, Subst>) -> Option<(Atom, Side)> {
    let (name, Some(args)) = crate::dts::infer::zod_schemas::referenced_name(ty)? else {
        return None;
    };
    if !matches!(name, "ZodSchema" | "ZodType") {
        return None;
    }
    let TsType::TsTypeRef(TsTypeRef {
        type_name: TsEntityName::Ident(output),
        type_params: None,
        ..
    }) = &**args.params.first()?
    else {
        return None;
    };
    let input_too = match args.params.get(2).map(|t| &**t) {
        None => true,
        Some(TsType::TsTypeRef(TsTypeRef {
            type_name: TsEntityName::Ident(input),
            type_params: None,
            ..
        })) => input.sym == output.sym,
        Some(_) => false,
    };
    match subst.get(&output.sym)? {
        Subst::Exact(param) if input_too => Some((param.clone(), Side::Input)),
        Subst::Exact(param) => Some((param.clone(), Side::Output)),
        Subst::Mentions => None,
    }
}
