//! Passes plugbuild adds to swc's to match tsc's emit where swc's own passes differ.

use std::collections::HashSet;
use std::path::Path;

use swc_core::common::sync::Lrc;
use swc_core::common::DUMMY_SP;
use swc_core::common::{Mark, SourceFile, SyntaxContext};
use swc_core::ecma::ast::{
    AssignExpr, AssignOp, BindingIdent, Callee, Class, ClassExpr, ClassMember, ComputedPropName,
    Constructor, Decl, ExportDecl, Expr, ExprOrSpread, ExprStmt, FunctionBody, Id, Ident,
    IdentName, MemberExpr, MemberProp, ModuleDecl, ModuleItem, Param, ParamOrTsParamProp, Pat,
    PropName, RestPat, SimpleAssignTarget, Stmt, ThisExpr, VarDecl, VarDeclKind, VarDeclarator,
};
use swc_core::ecma::ast::{CallExpr, ExportAll, ImportDecl, Lit, NamedExport, Str};
use swc_core::ecma::visit::{VisitMut, VisitMutWith};

use crate::bundle::transform::{Compiler, ImportKind, ImportTarget, LAZY_IMPORT_FUNCTION};
use crate::diagnostics::Location;

/// `useDefineForClassFields: false`: instance fields become assignments in the constructor (after
/// `super()` and parameter properties), and field declarations without initialiser disappear, the way
/// tsc emits them. swc's TypeScript pass only does this for classes with parameter properties.
pub struct AssignClassFields;

impl VisitMut for AssignClassFields {
    fn visit_mut_class(&mut self, class: &mut Class) {
        class.visit_mut_children_with(self);
        let mut assignments = Vec::new();
        class.body.retain_mut(|member| match member {
            ClassMember::ClassProp(prop) if !prop.is_static && prop.decorators.is_empty() => {
                if let Some(value) = prop.value.take() {
                    assignments.push(assign_to_this(prop.key.clone(), value));
                }
                false
            }
            _ => true,
        });
        if assignments.is_empty() {
            return;
        }
        let derived = class.super_class.is_some();
        let constructor = class.body.iter_mut().find_map(|member| match member {
            ClassMember::Constructor(constructor) if constructor.body.is_some() => {
                Some(constructor)
            }
            _ => None,
        });
        match constructor {
            Some(constructor) => {
                let body = constructor.body.as_mut().map(|b| &mut b.stmts);
                if let Some(stmts) = body {
                    let at = if derived {
                        stmts
                            .iter()
                            .position(starts_with_super_call)
                            .map(|i| i + 1)
                            .unwrap_or(0)
                    } else {
                        0
                    };
                    stmts.splice(at..at, assignments);
                }
            }
            None => class.body.insert(
                0,
                ClassMember::Constructor(new_constructor(derived, assignments)),
            ),
        }
    }
}

fn this_member(key: PropName) -> MemberExpr {
    let prop = match key {
        PropName::Ident(name) => MemberProp::Ident(name),
        PropName::Computed(computed) => MemberProp::Computed(computed),
        PropName::Str(s) => computed(Expr::Lit(s.into())),
        PropName::Num(n) => computed(Expr::Lit(n.into())),
        PropName::BigInt(b) => computed(Expr::Lit(b.into())),
        #[allow(unreachable_patterns)]
        _ => computed(Expr::Ident(Ident::from("undefined"))),
    };
    MemberExpr {
        span: DUMMY_SP,
        obj: Box::new(Expr::This(ThisExpr { span: DUMMY_SP })),
        prop,
    }
}

fn computed(expr: Expr) -> MemberProp {
    MemberProp::Computed(ComputedPropName {
        span: DUMMY_SP,
        expr: Box::new(expr),
    })
}

fn assign_to_this(key: PropName, value: Box<Expr>) -> Stmt {
    Stmt::Expr(ExprStmt {
        span: DUMMY_SP,
        expr: Box::new(Expr::Assign(AssignExpr {
            span: DUMMY_SP,
            op: AssignOp::Assign,
            left: SimpleAssignTarget::Member(this_member(key)).into(),
            right: value,
        })),
    })
}

fn is_super_call(expr: &Expr) -> bool {
    matches!(expr, Expr::Call(call) if matches!(call.callee, Callee::Super(_)))
}

fn starts_with_super_call(stmt: &Stmt) -> bool {
    let Stmt::Expr(ExprStmt { expr, .. }) = stmt else {
        return false;
    };
    match &**expr {
        Expr::Seq(seq) => seq.exprs.first().is_some_and(|e| is_super_call(e)),
        other => is_super_call(other),
    }
}

fn new_constructor(derived: bool, assignments: Vec<Stmt>) -> Constructor {
    let mut stmts = Vec::new();
    let mut params = Vec::new();
    if derived {
        let args = Ident::from("args");
        params.push(ParamOrTsParamProp::Param(Param {
            span: DUMMY_SP,
            decorators: Vec::new(),
            pat: Pat::Rest(RestPat {
                span: DUMMY_SP,
                dot3_token: DUMMY_SP,
                arg: Box::new(Pat::Ident(BindingIdent::from(args.clone()))),
                type_ann: None,
            }),
        }));
        stmts.push(Stmt::Expr(ExprStmt {
            span: DUMMY_SP,
            expr: Box::new(Expr::Call(swc_core::ecma::ast::CallExpr {
                callee: Callee::Super(swc_core::ecma::ast::Super { span: DUMMY_SP }),
                args: vec![ExprOrSpread {
                    spread: Some(DUMMY_SP),
                    expr: Box::new(Expr::Ident(args)),
                }],
                ..Default::default()
            })),
        }));
    }
    stmts.extend(assignments);
    Constructor {
        span: DUMMY_SP,
        ctxt: Default::default(),
        key: PropName::Ident(IdentName::from("constructor")),
        params,
        body: Some(FunctionBody {
            span: DUMMY_SP,
            stmts,
        }),
        accessibility: None,
        is_optional: false,
    }
}

/// Legacy decorators replace a class (`C = __decorate([...], C)`); tsc makes references to `C` inside
/// the class body see the replacement. swc keeps a class declaration, whose inner name binding still
/// points at the undecorated class. Turning the declaration into `let C = class { ... }` makes every
/// reference use the outer, reassigned binding, as in tsc's output.
pub struct DecoratedClassBinding;

impl VisitMut for DecoratedClassBinding {
    fn visit_mut_module_items(&mut self, items: &mut Vec<ModuleItem>) {
        items.visit_mut_children_with(self);
        let replaced: HashSet<Id> = items
            .iter()
            .filter_map(|item| item.as_stmt().and_then(decorated_class_assignment))
            .collect();
        if replaced.is_empty() {
            return;
        }
        for item in items.iter_mut() {
            match item {
                ModuleItem::Stmt(stmt) => rebind(stmt, &replaced),
                ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(ExportDecl { decl, .. })) => {
                    rebind_decl(decl, &replaced)
                }
                _ => {}
            }
        }
    }

    fn visit_mut_stmts(&mut self, stmts: &mut Vec<Stmt>) {
        stmts.visit_mut_children_with(self);
        let replaced: HashSet<Id> = stmts
            .iter()
            .filter_map(decorated_class_assignment)
            .collect();
        for stmt in stmts.iter_mut() {
            rebind(stmt, &replaced);
        }
    }
}

fn decorated_class_assignment(stmt: &Stmt) -> Option<Id> {
    let Stmt::Expr(ExprStmt { expr, .. }) = stmt else {
        return None;
    };
    let Expr::Assign(assign) = &**expr else {
        return None;
    };
    let SimpleAssignTarget::Ident(target) = assign.left.as_simple()? else {
        return None;
    };
    let Expr::Call(call) = &*assign.right else {
        return None;
    };
    let Callee::Expr(callee) = &call.callee else {
        return None;
    };
    match &**callee {
        Expr::Ident(ident) if ident.sym.starts_with("_ts_decorate") => Some(target.id.to_id()),
        _ => None,
    }
}

fn rebind(stmt: &mut Stmt, replaced: &HashSet<Id>) {
    if let Stmt::Decl(decl) = stmt {
        rebind_decl(decl, replaced);
    }
}

fn rebind_decl(decl: &mut Decl, replaced: &HashSet<Id>) {
    let Decl::Class(class_decl) = decl else {
        return;
    };
    if !replaced.contains(&class_decl.ident.to_id()) {
        return;
    }
    let ident = class_decl.ident.clone();
    let class = std::mem::take(&mut class_decl.class);
    *decl = Decl::Var(Box::new(VarDecl {
        kind: VarDeclKind::Let,
        decls: vec![VarDeclarator {
            span: DUMMY_SP,
            name: Pat::Ident(BindingIdent::from(ident)),
            init: Some(Box::new(Expr::Class(ClassExpr { ident: None, class }))),
            definite: false,
        }],
        ..Default::default()
    }));
}

/// Rewrites the specifiers of the package's own modules to module ids, and `import()` of an own
/// module to the runtime's lazy loader. External specifiers stay as they are.
pub(crate) struct ImportRewriter<'a> {
    pub(crate) compiler: &'a Compiler,
    pub(crate) fm: &'a Lrc<SourceFile>,
    pub(crate) path: &'a Path,
    pub(crate) unresolved_mark: Mark,
    pub(crate) link: &'a mut dyn FnMut(&str, ImportKind, &dyn Fn() -> Location) -> ImportTarget,
}

impl ImportRewriter<'_> {
    /// `module.require` where `module` is node's (no binding of the file's own).
    fn is_free_module_require(&self, callee: &Expr) -> bool {
        let Expr::Member(MemberExpr { obj, prop, .. }) = callee else {
            return false;
        };
        let (Expr::Ident(object), MemberProp::Ident(property)) = (&**obj, prop) else {
            return false;
        };
        &*object.sym == "module"
            && object.ctxt.outer() == self.unresolved_mark
            && &*property.sym == "require"
    }

    fn rewrite(&mut self, source: &mut Str, kind: ImportKind) -> ImportTarget {
        let specifier = source.value.to_string_lossy().into_owned();
        let span = source.span;
        let location = || self.compiler.location(self.fm, self.path, span);
        let target = (self.link)(&specifier, kind, &location);
        if let ImportTarget::Internal(id) = &target {
            *source = Str::from(id.as_str());
        }
        target
    }
}

impl VisitMut for ImportRewriter<'_> {
    fn visit_mut_import_decl(&mut self, n: &mut ImportDecl) {
        if !n.type_only {
            self.rewrite(&mut n.src, ImportKind::Static);
        }
    }

    fn visit_mut_export_all(&mut self, n: &mut ExportAll) {
        if !n.type_only {
            self.rewrite(&mut n.src, ImportKind::Static);
        }
    }

    fn visit_mut_named_export(&mut self, n: &mut NamedExport) {
        if let (false, Some(src)) = (n.type_only, n.src.as_mut()) {
            self.rewrite(src, ImportKind::Static);
        }
    }

    fn visit_mut_call_expr(&mut self, n: &mut CallExpr) {
        n.visit_mut_children_with(self);
        // `module.require(x)` of node's own `module` is `require(x)`: the module ids of the bundle
        // are known to the `require` each module function receives.
        if let Callee::Expr(callee) = &n.callee {
            if self.is_free_module_require(callee) {
                let ctxt = SyntaxContext::empty().apply_mark(self.unresolved_mark);
                n.callee = Callee::Expr(Box::new(Expr::Ident(Ident::new(
                    "require".into(),
                    DUMMY_SP,
                    ctxt,
                ))));
            }
        }
        let kind = match &n.callee {
            Callee::Import(_) => ImportKind::Dynamic,
            Callee::Expr(callee) => match &**callee {
                Expr::Ident(ident)
                    if &*ident.sym == "require" && ident.ctxt.outer() == self.unresolved_mark =>
                {
                    ImportKind::Require
                }
                _ => return,
            },
            _ => return,
        };
        let Some(first) = n.args.first_mut() else {
            return;
        };
        let Expr::Lit(Lit::Str(source)) = &mut *first.expr else {
            return;
        };
        let target = self.rewrite(source, kind);
        // In the ES module layout, `import()` of an own module loads that module's file; in
        // CommonJS it goes through `__plugbuild_import` (tsc's `__importStar(require(...))`).
        let bundled = self.compiler.options.emits_commonjs(self.path);
        if let (true, ImportKind::Dynamic, ImportTarget::Internal(_)) = (bundled, kind, target) {
            let ctxt = SyntaxContext::empty().apply_mark(self.unresolved_mark);
            n.callee = Callee::Expr(Box::new(Expr::Ident(Ident::new(
                LAZY_IMPORT_FUNCTION.into(),
                n.span,
                ctxt,
            ))));
            n.args.truncate(1);
        }
    }
}

/// The name of the bundle runtime's function with tsc's `__importStar` semantics.
pub const IMPORT_STAR_FUNCTION: &str = "__plugbuild_import_star";

/// Points swc's inlined `_interop_require_wildcard` helper (a namespace import of CommonJS) at the
/// runtime's `__plugbuild_import_star`, which does what tsc's `__importStar` does under
/// `esModuleInterop`: every own property, enumerable or not, as a live getter, on a plain object
/// made for each import. swc's helper copies only enumerable properties, by value, onto a
/// prototype-less object it caches. Only the helper swc injected is replaced (`helper_mark`): a
/// function of the user's with the same name is left alone.
pub struct UseRuntimeImportStar {
    pub helper_mark: Mark,
    pub unresolved_mark: Mark,
}

impl UseRuntimeImportStar {
    fn is_helper(&self, ident: &Ident, name: &str) -> bool {
        &*ident.sym == name && ident.ctxt == SyntaxContext::empty().apply_mark(self.helper_mark)
    }

    /// `function _interop_require_wildcard(obj) { return __plugbuild_import_star(obj); }`
    fn delegate(&self, function: &mut swc_core::ecma::ast::Function) {
        let param = Ident::new(
            "obj".into(),
            DUMMY_SP,
            SyntaxContext::empty().apply_mark(Mark::new()),
        );
        let runtime = Ident::new(
            IMPORT_STAR_FUNCTION.into(),
            DUMMY_SP,
            SyntaxContext::empty().apply_mark(self.unresolved_mark),
        );
        let call = Expr::Call(CallExpr {
            callee: Callee::Expr(Box::new(Expr::Ident(runtime))),
            args: vec![ExprOrSpread {
                spread: None,
                expr: Box::new(Expr::Ident(param.clone())),
            }],
            ..Default::default()
        });
        function.params = vec![Param {
            span: DUMMY_SP,
            decorators: Vec::new(),
            pat: Pat::Ident(BindingIdent::from(param)),
        }];
        function.body = Some(FunctionBody {
            span: DUMMY_SP,
            stmts: vec![Stmt::Return(swc_core::ecma::ast::ReturnStmt {
                span: DUMMY_SP,
                arg: Some(Box::new(call)),
            })],
        });
    }

    fn visit_statement(&self, stmt: &mut Stmt) -> bool {
        let Stmt::Decl(Decl::Fn(declaration)) = stmt else {
            return true;
        };
        if self.is_helper(&declaration.ident, "_getRequireWildcardCache") {
            return false;
        }
        if self.is_helper(&declaration.ident, "_interop_require_wildcard") {
            self.delegate(&mut declaration.function);
        }
        true
    }
}

impl VisitMut for UseRuntimeImportStar {
    fn visit_mut_module_items(&mut self, items: &mut Vec<ModuleItem>) {
        items.retain_mut(|item| match item {
            ModuleItem::Stmt(stmt) => self.visit_statement(stmt),
            ModuleItem::ModuleDecl(_) => true,
        });
    }

    fn visit_mut_stmts(&mut self, stmts: &mut Vec<Stmt>) {
        stmts.retain_mut(|stmt| self.visit_statement(stmt));
    }
}
