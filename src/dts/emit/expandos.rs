//! Properties assigned to a function-valued constant after its declaration
//! (`Layout.Route = Route;`, `Viewer.displayName = 'Viewer';`): tsc declares the constant with an
//! object type that has the function's call signature and those properties, so
//! `<Layout.Route>` type-checks against the declarations.

use std::collections::HashMap;

use swc_core::atoms::Atom;
use swc_core::common::DUMMY_SP;
use swc_core::ecma::ast::*;

use crate::dts::infer::infer_expr;
use crate::dts::type_nodes::property_signature;

/// Rewrites the annotation of each top-level `const` that holds an arrow or function expression
/// and gets properties assigned at the top level, to a type literal of its call signature and
/// those properties. Runs after the annotations are written, in the module's inference scope.
pub(crate) fn attach_expando_properties(module: &mut Module) {
    let assigned = assigned_properties(module);
    if assigned.is_empty() {
        return;
    }
    for declarator in crate::dts::emit::analysis::top_level_consts_mut(module) {
        let Pat::Ident(binding) = &mut declarator.name else {
            continue;
        };
        let Some(properties) = assigned.get(&binding.id.to_id()) else {
            continue;
        };
        let is_function = declarator
            .init
            .as_deref()
            .is_some_and(|init| matches!(init.unwrap_parens(), Expr::Arrow(_) | Expr::Fn(_)));
        let Some(ann) = binding.type_ann.as_mut().filter(|_| is_function) else {
            continue;
        };
        if let Some(ty) = with_properties(&ann.type_ann, properties) {
            ann.type_ann = ty;
        }
    }
}

/// `X.name = value;` statements at the module's top level, by `X`, in order.
fn assigned_properties(module: &Module) -> HashMap<Id, Vec<(Atom, Box<Expr>)>> {
    let mut assigned: HashMap<Id, Vec<(Atom, Box<Expr>)>> = HashMap::new();
    for item in &module.body {
        let ModuleItem::Stmt(Stmt::Expr(ExprStmt { expr, .. })) = item else {
            continue;
        };
        let Expr::Assign(AssignExpr {
            op: AssignOp::Assign,
            left: AssignTarget::Simple(SimpleAssignTarget::Member(member)),
            right,
            ..
        }) = &**expr
        else {
            continue;
        };
        let (Expr::Ident(object), MemberProp::Ident(name)) = (&*member.obj, &member.prop) else {
            continue;
        };
        let properties = assigned.entry(object.to_id()).or_default();
        if !properties.iter().any(|(known, _)| *known == name.sym) {
            properties.push((name.sym.clone(), right.clone()));
        }
    }
    assigned
}

/// `{ (params): R; name: T; ... }` for the function type `ty` and the assigned properties, each
/// typed as tsc types an assignment's value (literals widened); None when one cannot be inferred.
fn with_properties(ty: &TsType, properties: &[(Atom, Box<Expr>)]) -> Option<Box<TsType>> {
    let TsType::TsFnOrConstructorType(TsFnOrConstructorType::TsFnType(function)) = ty else {
        return None;
    };
    let mut members = vec![TsTypeElement::TsCallSignatureDecl(TsCallSignatureDecl {
        span: DUMMY_SP,
        params: function.params.clone(),
        type_ann: Some(function.type_ann.clone()),
        type_params: function.type_params.clone(),
    })];
    for (name, value) in properties {
        members.push(property_signature(name, infer_expr(value, true)?));
    }
    Some(Box::new(TsType::TsTypeLit(TsTypeLit {
        span: DUMMY_SP,
        members,
    })))
}
