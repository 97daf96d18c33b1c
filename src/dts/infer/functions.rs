//! The types of functions and of what they return: an arrow's or function expression's type from its
//! parameters and body, and the return type tsc infers from `return` statements.

use swc_core::common::DUMMY_SP;
use swc_core::ecma::ast::*;
use swc_core::ecma::visit::{Visit, VisitWith};

use crate::dts::infer::infer_expr;
use crate::dts::infer::narrowing::{
    exit_guard, failing_names, truthy_names, with_narrowed, Narrowing,
};
use crate::dts::infer::scope::with_frame;
use crate::dts::type_nodes::{keyword, type_ann, type_ref, union, widen_literal};

fn fn_params(params: &[Pat]) -> Option<Vec<TsFnParam>> {
    // A parameter with a default before a required one is not optional: tsc writes
    // `user: string | undefined` (an optional parameter cannot precede a required one).
    let last_required = params.iter().rposition(|pat| {
        matches!(pat, Pat::Ident(_) | Pat::Object(_) | Pat::Array(_))
            && !matches!(pat, Pat::Ident(binding) if binding.id.optional)
    });
    params
        .iter()
        .enumerate()
        .map(|(index, pat)| match pat {
            Pat::Ident(binding) if binding.type_ann.is_some() => {
                Some(TsFnParam::Ident(binding.clone()))
            }
            Pat::Rest(rest) if rest.type_ann.is_some() => Some(TsFnParam::Rest(rest.clone())),
            Pat::Assign(assign) => {
                let Pat::Ident(binding) = &*assign.left else {
                    return None;
                };
                let mut binding = binding.clone();
                if binding.type_ann.is_none() {
                    binding.type_ann = Some(type_ann(infer_expr(&assign.right, true)?));
                }
                if last_required.is_some_and(|last| last > index) {
                    let written = binding.type_ann.take()?.type_ann;
                    binding.type_ann = Some(type_ann(or_undefined(written)));
                } else {
                    binding.id.optional = true;
                }
                Some(TsFnParam::Ident(binding))
            }
            Pat::Object(object) if object.type_ann.is_some() => {
                let mut object = object.clone();
                strip_pattern_defaults(&mut object);
                Some(TsFnParam::Object(object))
            }
            _ => None,
        })
        .collect()
}

/// Defaults inside a destructuring pattern cannot appear in a type; `{ a = 1 }: T` becomes `{ a }: T`.
fn strip_pattern_defaults(object: &mut ObjectPat) {
    for prop in object.props.iter_mut() {
        if let ObjectPatProp::Assign(assign) = prop {
            assign.value = None;
        }
    }
}

/// `T | undefined`, with `undefined` once (`string | undefined` stays as it is).
pub(crate) fn or_undefined(ty: Box<TsType>) -> Box<TsType> {
    let mut members = crate::dts::infer::return_unions::union_members(ty.clone());
    members.push(keyword(TsKeywordTypeKind::TsUndefinedKeyword));
    union(members).unwrap_or(ty)
}

fn function_type(
    params: Vec<TsFnParam>,
    type_params: Option<Box<TsTypeParamDecl>>,
    returns: Box<TsType>,
) -> Box<TsType> {
    Box::new(TsType::TsFnOrConstructorType(
        TsFnOrConstructorType::TsFnType(TsFnType {
            span: DUMMY_SP,
            params,
            type_params,
            type_ann: type_ann(returns),
        }),
    ))
}

pub(crate) fn infer_arrow(arrow: &ArrowExpr) -> Option<Box<TsType>> {
    let params = fn_params(&arrow.params)?;
    let returns = match &arrow.return_type {
        Some(ann) => ann.type_ann.clone(),
        None => infer_arrow_return(arrow)?,
    };
    Some(function_type(params, arrow.type_params.clone(), returns))
}

pub(crate) fn infer_function_type(function: &Function) -> Option<Box<TsType>> {
    let pats: Vec<Pat> = function.params.iter().map(|p| p.pat.clone()).collect();
    let params = fn_params(&pats)?;
    let returns = match &function.return_type {
        Some(ann) => ann.type_ann.clone(),
        None => infer_function_return(function)?,
    };
    Some(function_type(params, function.type_params.clone(), returns))
}

pub(crate) fn infer_arrow_return(arrow: &ArrowExpr) -> Option<Box<TsType>> {
    if arrow.is_generator {
        return None;
    }
    let params: Vec<&Pat> = arrow.params.iter().collect();
    let only_returned = match &*arrow.body {
        ArrowFunctionBody::Expr(expr) => Some(&**expr),
        ArrowFunctionBody::FunctionBody(block) => only_return(&block.stmts),
    };
    if let Some(predicate) = only_returned
        .filter(|_| !arrow.is_async)
        .and_then(|returned| inferred_type_predicate(&params, returned))
    {
        return Some(predicate);
    }
    let returned = match &*arrow.body {
        ArrowFunctionBody::Expr(expr) => with_frame(&params, &[], || infer_expr(expr, true))?,
        ArrowFunctionBody::FunctionBody(block) => {
            with_frame(&params, &block.stmts, || infer_returns(&block.stmts))?
        }
    };
    Some(wrap_async(returned, arrow.is_async))
}

pub(crate) fn infer_function_return(function: &Function) -> Option<Box<TsType>> {
    if function.is_generator {
        return None;
    }
    let body = function.body.as_ref()?;
    let params: Vec<&Pat> = function.params.iter().map(|p| &p.pat).collect();
    if let Some(predicate) = only_return(&body.stmts)
        .filter(|_| !function.is_async)
        .and_then(|returned| inferred_type_predicate(&params, returned))
    {
        return Some(predicate);
    }
    let returned = with_frame(&params, &body.stmts, || infer_returns(&body.stmts))?;
    Some(wrap_async(returned, function.is_async))
}

/// The expression a body's one statement returns.
fn only_return(stmts: &[Stmt]) -> Option<&Expr> {
    match stmts {
        [Stmt::Return(ReturnStmt { arg: Some(arg), .. })] => Some(arg),
        _ => None,
    }
}

/// The type predicate tsc (5.5 and later) infers for a function that returns a call of one of
/// the module's type guards on one of its parameters (`(value: unknown) => isRoute(value)` is
/// `value is Route`).
fn inferred_type_predicate(params: &[&Pat], returned: &Expr) -> Option<Box<TsType>> {
    let Expr::Call(CallExpr {
        callee: Callee::Expr(callee),
        args,
        ..
    }) = returned.unwrap_parens()
    else {
        return None;
    };
    let Expr::Ident(guard) = callee.unwrap_parens() else {
        return None;
    };
    let context = crate::dts::infer::scope::own_declaration_context(guard)?;
    let signature = context.own_returns.get(&guard.sym)?;
    let TsType::TsTypePredicate(TsTypePredicate {
        asserts: false,
        param_name: TsThisTypeOrIdent::Ident(guarded_param),
        type_ann: Some(guarded),
        ..
    }) = &*signature.returns
    else {
        return None;
    };
    let position = signature
        .params
        .iter()
        .position(|name| name.as_ref() == Some(&guarded_param.sym))?;
    let ExprOrSpread { spread: None, expr } = args.get(position)? else {
        return None;
    };
    let Expr::Ident(argument) = expr.unwrap_parens() else {
        return None;
    };
    let param = params.iter().find_map(|pat| match pat {
        Pat::Ident(binding) if binding.id.to_id() == argument.to_id() => Some(&binding.id),
        _ => None,
    })?;
    Some(Box::new(TsType::TsTypePredicate(TsTypePredicate {
        span: DUMMY_SP,
        asserts: false,
        // The parameter's own binding, so that renaming it in the roll-up renames this too.
        param_name: TsThisTypeOrIdent::Ident(param.clone()),
        type_ann: Some(type_ann(guarded.type_ann.clone())),
    })))
}

fn wrap_async(returned: Box<TsType>, is_async: bool) -> Box<TsType> {
    if !is_async {
        return returned;
    }
    type_ref("Promise", vec![awaited_type(returned)])
}

/// What awaiting a value of type `ty` gives, as tsc writes it: `Promise<X>` awaits to what `X`
/// does, a union to the union of what its members await to; a type that cannot be a thenable is
/// itself; anything else is `Awaited<ty>`.
pub(crate) fn awaited_type(ty: Box<TsType>) -> Box<TsType> {
    if let Some(promised) = promised_type(&ty) {
        return awaited_type(promised);
    }
    match *ty {
        TsType::TsKeywordType(_)
        | TsType::TsLitType(_)
        | TsType::TsTypeLit(_)
        | TsType::TsArrayType(_) => ty,
        _ if is_not_thenable(&ty) => ty,
        // `Awaited` distributes over a union: each member that awaits to a plain type does.
        TsType::TsUnionOrIntersectionType(TsUnionOrIntersectionType::TsUnionType(_)) => {
            let members = crate::dts::infer::return_unions::union_members(ty)
                .into_iter()
                .map(awaited_type)
                .collect();
            union(members).unwrap_or_else(|| keyword(TsKeywordTypeKind::TsNeverKeyword))
        }
        _ => type_ref("Awaited", vec![ty]),
    }
}

/// `X` of the global `Promise<X>`.
fn promised_type(ty: &TsType) -> Option<Box<TsType>> {
    let TsType::TsTypeRef(TsTypeRef {
        type_name: TsEntityName::Ident(name),
        type_params: Some(args),
        ..
    }) = ty
    else {
        return None;
    };
    match &args.params[..] {
        [promised] if &*name.sym == "Promise" && is_global_type(name) => Some(promised.clone()),
        _ => None,
    }
}

/// Whether the type name `name` is the global one: the module imports no value of that name.
fn is_global_type(name: &Ident) -> bool {
    crate::dts::infer::scope::dependency_context()
        .is_none_or(|context| !context.imports.keys().any(|(sym, _)| *sym == name.sym))
}

/// Whether a named type is known not to be a thenable: its declaration in the package it is
/// imported from says so, or that package's types do not resolve (tsc's type for it is then an
/// error, which awaits to itself).
fn is_not_thenable(ty: &TsType) -> bool {
    let TsType::TsTypeRef(TsTypeRef {
        type_name,
        type_params,
        ..
    }) = ty
    else {
        return false;
    };
    let Some(context) = crate::dts::infer::scope::dependency_context() else {
        return false;
    };
    // `Name` (a named import) or `ns.Name` (a member of a default or namespace import).
    let (root, named_import) = match type_name {
        TsEntityName::Ident(name) if type_params.is_none() => (name, true),
        TsEntityName::TsQualifiedName(qualified) => match &qualified.left {
            TsEntityName::Ident(root) => (root, false),
            _ => return false,
        },
        _ => return false,
    };
    if crate::dts::infer::scope::imported_from_unresolved_package(root) {
        return true;
    }
    match context.imports.get(&root.to_id()) {
        Some((specifier, imported)) if named_import && !specifier.starts_with('.') => {
            context
                .types
                .is_thenable_type(&context.dir, specifier, imported)
                == Some(false)
        }
        _ => false,
    }
}

/// The type of a function body's `return` statements (not those of nested functions); `void` when it
/// has none.
fn infer_returns(stmts: &[Stmt]) -> Option<Box<TsType>> {
    let mut collector = ReturnCollector::default();
    collector.visit_statements(stmts);
    if collector.returns.is_empty() {
        return Some(keyword(TsKeywordTypeKind::TsVoidKeyword));
    }
    if collector
        .returns
        .iter()
        .all(|(returned, _)| returned.is_none())
    {
        return Some(keyword(TsKeywordTypeKind::TsVoidKeyword));
    }
    let mut types = Vec::new();
    for (returned, narrowed) in &collector.returns {
        match returned {
            Some(expr) => types.push(literal_type(expr).or_else(|| {
                with_narrowed(narrowed, || crate::dts::infer::infer_branch(expr, true))
            })?),
            None => types.push(keyword(TsKeywordTypeKind::TsUndefinedKeyword)),
        }
    }
    let types = crate::dts::infer::without_empty_arrays(types);
    let types = crate::dts::infer::return_unions::without_empty_array_objects(types);
    let types = crate::dts::infer::return_unions::without_element_subtypes(
        types,
        &crate::dts::infer::jsx_element_type(),
    );
    // tsc keeps literal types in an inferred return type, except where the whole type is one
    // literal (`return 'a'` gives `string`, `return flag ? 'a' : undefined` keeps `"a"`).
    match union(types)? {
        single if matches!(&*single, TsType::TsLitType(_)) => widen_literal(&single),
        several => Some(several),
    }
}

/// The literal type of a literal expression (`'a'` -> `"a"`), without widening.
pub(crate) fn literal_type(expr: &Expr) -> Option<Box<TsType>> {
    let lit = match expr {
        Expr::Lit(Lit::Str(s)) => TsLit::Str(s.clone()),
        Expr::Lit(Lit::Num(n)) => TsLit::Number(n.clone()),
        Expr::Lit(Lit::Bool(b)) => TsLit::Bool(*b),
        Expr::Paren(paren) => return literal_type(&paren.expr),
        _ => return None,
    };
    Some(Box::new(TsType::TsLitType(TsLitType {
        span: DUMMY_SP,
        lit,
    })))
}

/// The `return`s of a function body, each with the names narrowed where it is: by an early exit
/// before it in its block (`if (!x) throw ...; return x;`) or by the `if` it is in
/// (`if (x) { return x.name; }`).
#[derive(Default)]
struct ReturnCollector {
    returns: Vec<(Option<Box<Expr>>, Vec<(Ident, Narrowing)>)>,
    narrowed: Vec<(Ident, Narrowing)>,
}

impl ReturnCollector {
    fn visit_statements(&mut self, stmts: &[Stmt]) {
        let outer = self.narrowed.len();
        for stmt in stmts {
            stmt.visit_with(self);
            self.narrowed.extend(exit_guard(stmt));
        }
        self.narrowed.truncate(outer);
    }

    fn visit_narrowed(&mut self, stmt: &Stmt, narrowed: Vec<(Ident, Narrowing)>) {
        let outer = self.narrowed.len();
        self.narrowed.extend(narrowed);
        stmt.visit_with(self);
        self.narrowed.truncate(outer);
    }
}

impl Visit for ReturnCollector {
    fn visit_return_stmt(&mut self, n: &ReturnStmt) {
        self.returns.push((n.arg.clone(), self.narrowed.clone()));
    }
    fn visit_block_stmt(&mut self, n: &BlockStmt) {
        self.visit_statements(&n.stmts);
    }
    fn visit_if_stmt(&mut self, n: &IfStmt) {
        let mut holds = Vec::new();
        truthy_names(&n.test, &mut holds);
        let mut fails = Vec::new();
        failing_names(&n.test, &mut fails);
        self.visit_narrowed(&n.cons, holds);
        if let Some(alt) = &n.alt {
            self.visit_narrowed(alt, fails);
        }
    }
    fn visit_function(&mut self, _: &Function) {}
    fn visit_arrow_expr(&mut self, _: &ArrowExpr) {}
    fn visit_class(&mut self, _: &Class) {}
}
