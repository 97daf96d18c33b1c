//! The types of functions and of what they return: an arrow's or function expression's type from its
//! parameters and body, and the return type tsc infers from `return` statements.

use swc_core::common::DUMMY_SP;
use swc_core::ecma::ast::*;
use swc_core::ecma::visit::{Visit, VisitWith};

use crate::dts::infer::infer_expr;
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
    let returned = with_frame(&params, &body.stmts, || infer_returns(&body.stmts))?;
    Some(wrap_async(returned, function.is_async))
}

fn wrap_async(returned: Box<TsType>, is_async: bool) -> Box<TsType> {
    if !is_async {
        return returned;
    }
    let awaited = match &*returned {
        TsType::TsKeywordType(_)
        | TsType::TsLitType(_)
        | TsType::TsTypeLit(_)
        | TsType::TsArrayType(_) => returned,
        _ if is_not_thenable(&returned) => returned,
        _ => type_ref("Awaited", vec![returned]),
    };
    type_ref("Promise", vec![awaited])
}

/// Whether `ty` names a package's interface or class that has no `then` member: awaiting it gives
/// itself, and tsc writes `Promise<Entity>` for an async function returning an `Entity`.
fn is_not_thenable(ty: &TsType) -> bool {
    let TsType::TsTypeRef(TsTypeRef {
        type_name: TsEntityName::Ident(name),
        type_params: None,
        ..
    }) = ty
    else {
        return false;
    };
    let Some(context) = crate::dts::infer::scope::dependency_context() else {
        return false;
    };
    match context.imports.get(&name.to_id()) {
        Some((specifier, imported)) if !specifier.starts_with('.') => {
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

/// What an early exit tells of a name after it.
#[derive(Clone, Copy)]
pub(crate) enum Narrowing {
    /// `if (!x) throw`: `x` is truthy.
    Truthy,
    /// `if (x == null) throw`: `x` is not nullish.
    NotNullish,
    /// `if (x === null) throw`, `x === undefined`: `x` is not that.
    Not(TsKeywordTypeKind),
}

/// The names a top-level `if (<test>) throw/return` narrows for the statements after it.
fn exit_guard(stmt: &Stmt) -> Vec<(Ident, Narrowing)> {
    let Stmt::If(IfStmt {
        test,
        cons,
        alt: None,
        ..
    }) = stmt
    else {
        return Vec::new();
    };
    let exits = match &**cons {
        Stmt::Throw(_) | Stmt::Return(_) => true,
        Stmt::Block(block) => matches!(block.stmts.last(), Some(Stmt::Throw(_) | Stmt::Return(_))),
        _ => false,
    };
    let mut found = Vec::new();
    if exits {
        failing_names(test, &mut found);
    }
    found
}

/// The names whose test fails after `test` was false: `!x`, `x == null`, `x === undefined`, and
/// `||` of those.
pub(crate) fn failing_names(test: &Expr, found: &mut Vec<(Ident, Narrowing)>) {
    match test.unwrap_parens() {
        Expr::Unary(UnaryExpr {
            op: UnaryOp::Bang,
            arg,
            ..
        }) => {
            if let Expr::Ident(ident) = arg.unwrap_parens() {
                found.push((ident.clone(), Narrowing::Truthy));
            }
        }
        Expr::Bin(BinExpr {
            op: BinaryOp::LogicalOr,
            left,
            right,
            ..
        }) => {
            failing_names(left, found);
            failing_names(right, found);
        }
        Expr::Bin(BinExpr {
            op: op @ (BinaryOp::EqEq | BinaryOp::EqEqEq),
            left,
            right,
            ..
        }) => {
            // `x === null` alone leaves `undefined` possible; `==` covers both.
            if let (Expr::Ident(ident), true) = (left.unwrap_parens(), is_nullish_literal(right)) {
                let narrowing = match (op, right.unwrap_parens()) {
                    (BinaryOp::EqEq, _) => Narrowing::NotNullish,
                    (_, Expr::Lit(Lit::Null(_))) => {
                        Narrowing::Not(TsKeywordTypeKind::TsNullKeyword)
                    }
                    _ => Narrowing::Not(TsKeywordTypeKind::TsUndefinedKeyword),
                };
                found.push((ident.clone(), narrowing));
            }
        }
        _ => {}
    }
}

fn is_nullish_literal(expr: &Expr) -> bool {
    match expr.unwrap_parens() {
        Expr::Lit(Lit::Null(_)) => true,
        Expr::Ident(ident) => &*ident.sym == "undefined",
        _ => false,
    }
}

/// Runs `f` with the names `narrowed` typed as what is left of them after the early exits.
pub(crate) fn with_narrowed(
    narrowed: &[(Ident, Narrowing)],
    f: impl FnOnce() -> Option<Box<TsType>>,
) -> Option<Box<TsType>> {
    let params: Vec<Pat> = narrowed
        .iter()
        .filter_map(|(ident, narrowing)| {
            let declared = infer_expr(&Expr::Ident(ident.clone()), false)?;
            let narrowed = match narrowing {
                Narrowing::Truthy => type_ref(
                    "Exclude",
                    vec![declared, crate::dts::type_nodes::definitely_falsy()],
                ),
                Narrowing::NotNullish => crate::dts::infer::without_nullish(declared),
                Narrowing::Not(kind) => crate::dts::infer::operators::without_members(
                    declared,
                    crate::dts::type_nodes::keyword(*kind),
                ),
            };
            Some(Pat::Ident(BindingIdent {
                id: ident.clone(),
                type_ann: Some(type_ann(narrowed)),
            }))
        })
        .collect();
    let params: Vec<&Pat> = params.iter().collect();
    with_frame(&params, &[], f)
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

/// The names a test being true leaves truthy: `x`, and `&&` of those.
pub(crate) fn truthy_names(test: &Expr, found: &mut Vec<(Ident, Narrowing)>) {
    match test.unwrap_parens() {
        Expr::Ident(ident) => found.push((ident.clone(), Narrowing::Truthy)),
        // `x != null`, `x !== undefined`: written as not nullish (`!==` leaves the other one
        // possible, but a member read after it is of the non-nullish part either way).
        Expr::Bin(BinExpr {
            op: BinaryOp::NotEq | BinaryOp::NotEqEq,
            left,
            right,
            ..
        }) if is_nullish_literal(right) => {
            if let Expr::Ident(ident) = left.unwrap_parens() {
                found.push((ident.clone(), Narrowing::NotNullish));
            }
        }
        Expr::Bin(BinExpr {
            op: BinaryOp::LogicalAnd,
            left,
            right,
            ..
        }) => {
            truthy_names(left, found);
            truthy_names(right, found);
        }
        _ => {}
    }
}
