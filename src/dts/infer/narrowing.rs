//! What a test tells of the names it mentions: the types of a function's parameters and locals
//! in the branch an `if` or `?:` takes, and after an early `return` or `throw`.

use swc_core::ecma::ast::*;

use crate::dts::infer::infer_expr;
use crate::dts::infer::scope::with_frame;
use crate::dts::type_nodes::{type_ann, type_ref};

/// What an early exit tells of a name after it.
#[derive(Clone, Copy)]
pub(crate) enum Narrowing {
    /// `if (!x) throw`: `x` is truthy.
    Truthy,
    /// `if (x == null) throw`: `x` is not nullish.
    NotNullish,
    /// `if (x === null) throw`, `x === undefined`: `x` is not that.
    Not(TsKeywordTypeKind),
    /// `typeof x === 'string'`: whether `x`'s `typeof` is the tag (true) or is not (false).
    TypeOf(TypeofTag, bool),
}

/// What `typeof` says of a value.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum TypeofTag {
    String,
    Number,
    Boolean,
    Bigint,
    Symbol,
    Undefined,
    Object,
    Function,
}

impl TypeofTag {
    fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "string" => Self::String,
            "number" => Self::Number,
            "boolean" => Self::Boolean,
            "bigint" => Self::Bigint,
            "symbol" => Self::Symbol,
            "undefined" => Self::Undefined,
            "object" => Self::Object,
            "function" => Self::Function,
            _ => return None,
        })
    }

    /// The type whose values have this tag, for the primitive tags.
    fn primitive(self) -> Option<TsKeywordTypeKind> {
        Some(match self {
            Self::String => TsKeywordTypeKind::TsStringKeyword,
            Self::Number => TsKeywordTypeKind::TsNumberKeyword,
            Self::Boolean => TsKeywordTypeKind::TsBooleanKeyword,
            Self::Bigint => TsKeywordTypeKind::TsBigIntKeyword,
            Self::Symbol => TsKeywordTypeKind::TsSymbolKeyword,
            Self::Undefined => TsKeywordTypeKind::TsUndefinedKeyword,
            Self::Object | Self::Function => return None,
        })
    }

    /// The tag of every value of type `ty`, when one type of a union's members tells it.
    fn of(ty: &TsType) -> Option<Self> {
        use TsKeywordTypeKind as K;
        match ty {
            TsType::TsKeywordType(k) => match k.kind {
                K::TsStringKeyword => Some(Self::String),
                K::TsNumberKeyword => Some(Self::Number),
                K::TsBooleanKeyword => Some(Self::Boolean),
                K::TsBigIntKeyword => Some(Self::Bigint),
                K::TsSymbolKeyword => Some(Self::Symbol),
                K::TsUndefinedKeyword | K::TsVoidKeyword => Some(Self::Undefined),
                K::TsNullKeyword => Some(Self::Object),
                _ => None,
            },
            TsType::TsLitType(TsLitType { lit, .. }) => Some(match lit {
                TsLit::Str(_) | TsLit::Tpl(_) => Self::String,
                TsLit::Number(_) => Self::Number,
                TsLit::Bool(_) => Self::Boolean,
                TsLit::BigInt(_) => Self::Bigint,
            }),
            TsType::TsArrayType(_) | TsType::TsTupleType(_) => Some(Self::Object),
            TsType::TsFnOrConstructorType(_) => Some(Self::Function),
            TsType::TsTypeLit(lit)
                if !lit.members.iter().any(|m| {
                    matches!(
                        m,
                        TsTypeElement::TsCallSignatureDecl(_)
                            | TsTypeElement::TsConstructSignatureDecl(_)
                    )
                }) =>
            {
                Some(Self::Object)
            }
            TsType::TsParenthesizedType(inner) => Self::of(&inner.type_ann),
            _ => None,
        }
    }
}

/// `typeof x === 'tag'` (`holds`) or its negation, read off a declared type member by member:
/// `string | string[] | undefined` is `string` where the tag is `string` and `string[] |
/// undefined` where it is not. A member whose tag is not plain keeps an `Extract` or `Exclude` of
/// its own with the tag's primitive type, or stays as it is for `object` and `function`.
fn typeof_narrowed(declared: Box<TsType>, tag: TypeofTag, holds: bool) -> Box<TsType> {
    use crate::dts::type_nodes::keyword;
    let mut kept = Vec::new();
    for member in crate::dts::infer::return_unions::union_members(declared) {
        let any_or_unknown = matches!(&*member, TsType::TsKeywordType(k)
            if matches!(k.kind, TsKeywordTypeKind::TsAnyKeyword | TsKeywordTypeKind::TsUnknownKeyword));
        match (TypeofTag::of(&member), tag.primitive()) {
            (Some(member_tag), _) => {
                if (member_tag == tag) == holds {
                    kept.push(member);
                }
            }
            (None, Some(primitive)) if any_or_unknown && holds => kept.push(keyword(primitive)),
            (None, _) if any_or_unknown => kept.push(member),
            (None, Some(primitive)) => {
                let operator = if holds { "Extract" } else { "Exclude" };
                kept.push(type_ref(operator, vec![member, keyword(primitive)]));
            }
            (None, None) => kept.push(member),
        }
    }
    crate::dts::type_nodes::union(kept)
        .unwrap_or_else(|| keyword(TsKeywordTypeKind::TsNeverKeyword))
}

/// `typeof x === 'tag'`, `'tag' !== typeof x`: `x`, the tag, and whether the comparison is an
/// equality.
fn typeof_comparison(test: &Expr) -> Option<(Ident, TypeofTag, bool)> {
    let Expr::Bin(BinExpr {
        op, left, right, ..
    }) = test.unwrap_parens()
    else {
        return None;
    };
    let equal = match op {
        BinaryOp::EqEq | BinaryOp::EqEqEq => true,
        BinaryOp::NotEq | BinaryOp::NotEqEq => false,
        _ => return None,
    };
    let typeof_of = |expr: &Expr| match expr.unwrap_parens() {
        Expr::Unary(UnaryExpr {
            op: UnaryOp::TypeOf,
            arg,
            ..
        }) => arg.unwrap_parens().as_ident().cloned(),
        _ => None,
    };
    let tag_of = |expr: &Expr| match expr.unwrap_parens() {
        Expr::Lit(Lit::Str(text)) => TypeofTag::parse(text.value.as_str()?),
        _ => None,
    };
    let (ident, tag) = match (typeof_of(left), tag_of(right)) {
        (Some(ident), Some(tag)) => (ident, tag),
        _ => (typeof_of(right)?, tag_of(left)?),
    };
    Some((ident, tag, equal))
}

/// The names a top-level `if (<test>) throw/return` narrows for the statements after it.
pub(crate) fn exit_guard(stmt: &Stmt) -> Vec<(Ident, Narrowing)> {
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
    if let Some((ident, tag, equal)) = typeof_comparison(test) {
        found.push((ident, Narrowing::TypeOf(tag, !equal)));
        return;
    }
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
                Narrowing::TypeOf(tag, holds) => typeof_narrowed(declared, *tag, *holds),
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

/// The names a test being true leaves truthy: `x`, and `&&` of those.
pub(crate) fn truthy_names(test: &Expr, found: &mut Vec<(Ident, Narrowing)>) {
    if let Some((ident, tag, equal)) = typeof_comparison(test) {
        found.push((ident, Narrowing::TypeOf(tag, equal)));
        return;
    }
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
