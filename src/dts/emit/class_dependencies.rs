//! fast_dts keeps a module's non-exported class when something refers to it, but not what the
//! class's members refer to: its reachability graph has one node for the class declaration (a value
//! and a type) and others for the references to it (a value, or a type), with no edge between them.
//! `class Methods { get(o?: Options): void }` used by `export class Api extends Methods` left
//! `Options` (and the imports its members use) out of the declarations, which then do not
//! type-check.
//!
//! Before fast_dts runs, each such class gets two marker declarations of its own name, a type alias
//! and a variable, whose types are the tuple of the types its members are written with: whichever
//! way the class is referred to, the graph reaches them. They are removed afterwards.

use swc_core::common::DUMMY_SP;
use swc_core::ecma::ast::*;
use swc_core::ecma::visit::{Visit, VisitWith};

/// The first element of a marker's tuple type, by which it is found again.
const MARKER: &str = "__plugbuild_class_dependencies";

/// Adds the markers after each top-level class declaration that is not exported.
pub(crate) fn add_markers(module: &mut Module) {
    let mut body = Vec::with_capacity(module.body.len());
    for item in module.body.drain(..) {
        let markers = match &item {
            ModuleItem::Stmt(Stmt::Decl(Decl::Class(class))) => markers(class),
            _ => Vec::new(),
        };
        body.push(item);
        body.extend(markers);
    }
    module.body = body;
}

/// Removes what `add_markers` added (and fast_dts kept).
pub(crate) fn remove_markers(module: &mut Module) {
    module.body.retain(|item| !is_marker(item));
}

fn markers(class: &ClassDecl) -> Vec<ModuleItem> {
    let mut collector = MemberTypes(vec![crate::dts::type_nodes::literal(TsLit::Str(Str {
        span: DUMMY_SP,
        value: MARKER.into(),
        raw: None,
    }))]);
    for member in &class.class.body {
        if !is_private(member) {
            member.visit_with(&mut collector);
        }
    }
    if let Some(super_class) = &class.class.super_class {
        if let Some(entity) = crate::dts::infer::entity_name(super_class) {
            collector
                .0
                .push(crate::dts::type_nodes::type_of(entity, None));
        }
    }
    class.class.super_type_params.visit_with(&mut collector);
    class.class.implements.visit_with(&mut collector);
    let tuple = crate::dts::type_nodes::tuple(collector.0);
    let alias = Decl::TsTypeAlias(Box::new(TsTypeAliasDecl {
        span: DUMMY_SP,
        declare: false,
        id: class.ident.clone(),
        type_params: class.class.type_params.clone(),
        type_ann: tuple.clone(),
    }));
    let variable = Decl::Var(Box::new(VarDecl {
        span: DUMMY_SP,
        ctxt: Default::default(),
        kind: VarDeclKind::Const,
        declare: true,
        decls: vec![VarDeclarator {
            span: DUMMY_SP,
            name: Pat::Ident(BindingIdent {
                id: class.ident.clone(),
                type_ann: Some(crate::dts::type_nodes::type_ann(tuple)),
            }),
            init: None,
            definite: false,
        }],
    }));
    vec![
        ModuleItem::Stmt(Stmt::Decl(alias)),
        ModuleItem::Stmt(Stmt::Decl(variable)),
    ]
}

fn is_private(member: &ClassMember) -> bool {
    match member {
        ClassMember::Method(m) => m.accessibility == Some(Accessibility::Private),
        ClassMember::ClassProp(p) => p.accessibility == Some(Accessibility::Private),
        ClassMember::Constructor(c) => c.accessibility == Some(Accessibility::Private),
        ClassMember::PrivateMethod(_) | ClassMember::PrivateProp(_) => true,
        _ => false,
    }
}

fn is_marker(item: &ModuleItem) -> bool {
    let ty = match item {
        ModuleItem::Stmt(Stmt::Decl(Decl::TsTypeAlias(alias))) => Some(&alias.type_ann),
        ModuleItem::Stmt(Stmt::Decl(Decl::Var(var))) => var
            .decls
            .first()
            .and_then(|d| d.name.as_ident())
            .and_then(|b| b.type_ann.as_ref())
            .map(|ann| &ann.type_ann),
        _ => None,
    };
    let Some(TsType::TsTupleType(tuple)) = ty.map(|t| &**t) else {
        return false;
    };
    matches!(
        tuple.elem_types.first().map(|e| &*e.ty),
        Some(TsType::TsLitType(TsLitType { lit: TsLit::Str(s), .. })) if s.value == *MARKER
    )
}

/// The outermost types written in a class member (its type annotations, parameter and return
/// types), each whole.
struct MemberTypes(Vec<Box<TsType>>);

impl Visit for MemberTypes {
    fn visit_ts_type(&mut self, n: &TsType) {
        self.0.push(Box::new(n.clone()));
    }

    // Bodies and initialisers are not declarations.
    fn visit_block_stmt(&mut self, _: &BlockStmt) {}
    fn visit_expr(&mut self, _: &Expr) {}
}
