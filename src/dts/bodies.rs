//! Function bodies a module's declarations cannot depend on, emptied before the resolver runs when
//! only declarations are wanted (`plugbuild tsc`): the resolver, the annotation pass and the
//! declaration emitter then walk signatures instead of whole programs.
//!
//! A body matters to a declaration only when a type is inferred from it: the return type of a
//! function or arrow without a written one. So a body is emptied when its function has a written
//! return type, or its declaration prints no type at all (private members), or no return type
//! exists (constructors and setters of a TypeScript class; a JavaScript constructor's `this.x =`
//! assignments declare properties, so JavaScript is left alone).

use swc_core::common::Spanned;
use swc_core::ecma::ast::{
    Accessibility, ArrowExpr, ArrowFunctionBody, ClassMember, Constructor, Function, FunctionBody,
    MethodKind, Module, PrivateMethod,
};
use swc_core::ecma::visit::{VisitMut, VisitMutWith};

/// Empties the bodies of a TypeScript module's functions whose declarations do not read them.
pub fn empty_unread_bodies(module: &mut Module) {
    module.visit_mut_with(&mut BodyEmptier);
}

struct BodyEmptier;

fn empty(body: &mut Option<FunctionBody>) {
    // An overload signature has no body; an implementation keeps an (empty) one.
    if let Some(block) = body {
        block.stmts.clear();
    }
}

impl VisitMut for BodyEmptier {
    fn visit_mut_function(&mut self, n: &mut Function) {
        if n.return_type.is_some() {
            n.params.visit_mut_with(self);
            empty(&mut n.body);
        } else {
            n.visit_mut_children_with(self);
        }
    }

    fn visit_mut_arrow_expr(&mut self, n: &mut ArrowExpr) {
        if n.return_type.is_some() {
            n.params.visit_mut_with(self);
            if let ArrowFunctionBody::FunctionBody(block) = &mut *n.body {
                block.stmts.clear();
            } else {
                *n.body = ArrowFunctionBody::FunctionBody(FunctionBody {
                    span: n.body.span(),
                    stmts: Vec::new(),
                });
            }
        } else {
            n.visit_mut_children_with(self);
        }
    }

    fn visit_mut_class_member(&mut self, n: &mut ClassMember) {
        match n {
            ClassMember::Method(method)
                if method.accessibility == Some(Accessibility::Private)
                    || method.kind == MethodKind::Setter =>
            {
                empty(&mut method.function.body);
            }
            ClassMember::PrivateMethod(PrivateMethod { function, .. }) => {
                empty(&mut function.body);
            }
            ClassMember::Constructor(Constructor { body, params, .. }) => {
                params.visit_mut_with(self);
                empty(body);
            }
            _ => n.visit_mut_children_with(self),
        }
    }
}
