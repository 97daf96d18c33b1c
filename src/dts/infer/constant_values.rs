//! Template literals whose value tsc computes: since TypeScript 5.5 the checker evaluates a
//! template expression whose substitutions are constants (string and number literals, `const`s
//! without a type annotation initialised by such expressions, `+` and the arithmetic operators on
//! those), and its type is that string's literal type: `const url = \`${base}/api\`` with
//! `const base = 'http://localhost'` is `"http://localhost/api"`, not `string`. (`as` expressions,
//! `as const` included, and property reads are not evaluated.) Under `as const`, a template that is
//! not a constant has a template literal type built from its substitutions' types, which the
//! checker reduces to a literal when they are literals.

use swc_core::common::DUMMY_SP;
use swc_core::ecma::ast::*;

use crate::dts::infer::entity_name;
use crate::dts::infer::literal_types::literal_type;
use crate::dts::infer::scope::constant_initialiser;
use crate::dts::type_nodes::{keyword, literal, type_of};

/// How deep references to other constants are followed.
const MAX_DEPTH: usize = 16;

/// A value the checker computes from an expression.
enum Constant {
    Str(String),
    Num(f64),
}

impl Constant {
    /// The value as JavaScript converts it to a string; None for numbers whose conversion is not
    /// plain decimal notation.
    fn text(&self) -> Option<String> {
        match self {
            Constant::Str(text) => Some(text.clone()),
            Constant::Num(n) if n.is_finite() && n.fract() == 0.0 && n.abs() < 1e21 => {
                Some(format!("{}", *n as i128))
            }
            Constant::Num(n) if n.is_finite() && n.abs() >= 1e-6 && n.abs() < 1e21 => {
                Some(format!("{n}"))
            }
            Constant::Num(_) => None,
        }
    }
}

/// A template literal's type: its value's literal type where the checker evaluates it and the
/// position keeps literal types (`widen` false), else `string`.
pub(crate) fn template_type(tpl: &Tpl, widen: bool) -> Box<TsType> {
    match (widen, evaluated_template(tpl, 0)) {
        (false, Some(text)) => string_literal(text),
        _ => keyword(TsKeywordTypeKind::TsStringKeyword),
    }
}

/// A template literal's type under `as const`: its value's literal type where the checker
/// evaluates it, else the template literal type of its substitutions' types (literals, and
/// `typeof` of names). None when a substitution's type cannot be written so.
pub(crate) fn const_template_type(tpl: &Tpl) -> Option<Box<TsType>> {
    if let Some(text) = evaluated_template(tpl, 0) {
        return Some(string_literal(text));
    }
    let mut types = Vec::with_capacity(tpl.exprs.len());
    for expr in &tpl.exprs {
        let expr = expr.unwrap_parens();
        let ty = match expr {
            Expr::Lit(Lit::Str(_) | Lit::Num(_) | Lit::Bool(_)) => literal_type(expr)?,
            Expr::Tpl(inner) => const_template_type(inner)?,
            Expr::Ident(_) | Expr::Member(_) => type_of(entity_name(expr)?, None),
            _ => return None,
        };
        types.push(ty);
    }
    Some(Box::new(TsType::TsLitType(TsLitType {
        span: DUMMY_SP,
        lit: TsLit::Tpl(TsTplLitType {
            span: DUMMY_SP,
            types,
            quasis: tpl.quasis.clone(),
        }),
    })))
}

fn string_literal(text: String) -> Box<TsType> {
    literal(TsLit::Str(Str {
        span: DUMMY_SP,
        value: text.into(),
        raw: None,
    }))
}

fn evaluated_template(tpl: &Tpl, depth: usize) -> Option<String> {
    let mut text = String::new();
    for (index, quasi) in tpl.quasis.iter().enumerate() {
        text.push_str(quasi.cooked.as_ref()?.as_str()?);
        if let Some(expr) = tpl.exprs.get(index) {
            text.push_str(&constant_value(expr, depth + 1)?.text()?);
        }
    }
    Some(text)
}

/// The value the checker computes for `expr`, or None when it computes none.
fn constant_value(expr: &Expr, depth: usize) -> Option<Constant> {
    if depth > MAX_DEPTH {
        return None;
    }
    match expr {
        Expr::Lit(Lit::Str(s)) => Some(Constant::Str(s.value.as_str()?.to_string())),
        Expr::Lit(Lit::Num(n)) => Some(Constant::Num(n.value)),
        Expr::Paren(paren) => constant_value(&paren.expr, depth + 1),
        Expr::Tpl(tpl) => evaluated_template(tpl, depth + 1).map(Constant::Str),
        Expr::Ident(ident) => constant_value(&*constant_initialiser(ident)?, depth + 1),
        Expr::Unary(unary) => {
            let Constant::Num(n) = constant_value(&unary.arg, depth + 1)? else {
                return None;
            };
            match unary.op {
                UnaryOp::Minus => Some(Constant::Num(-n)),
                UnaryOp::Plus => Some(Constant::Num(n)),
                _ => None,
            }
        }
        Expr::Bin(bin) => {
            let left = constant_value(&bin.left, depth + 1)?;
            let right = constant_value(&bin.right, depth + 1)?;
            match (bin.op, left, right) {
                (BinaryOp::Add, Constant::Num(a), Constant::Num(b)) => Some(Constant::Num(a + b)),
                (BinaryOp::Add, a, b) => Some(Constant::Str(a.text()? + &b.text()?)),
                (op, Constant::Num(a), Constant::Num(b)) => match op {
                    BinaryOp::Sub => Some(Constant::Num(a - b)),
                    BinaryOp::Mul => Some(Constant::Num(a * b)),
                    BinaryOp::Div => Some(Constant::Num(a / b)),
                    BinaryOp::Mod => Some(Constant::Num(a % b)),
                    _ => None,
                },
                _ => None,
            }
        }
        _ => None,
    }
}
