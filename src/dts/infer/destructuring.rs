//! Names a `const` binds by destructuring (`const { conditions, createConditionalDecision } =
//! createConditionExports(...)`, `const [open, setOpen] = useState(false)`): each one's type is the
//! initialiser's type at its path of property keys and element indexes.

use swc_core::common::DUMMY_SP;
use swc_core::ecma::ast::*;

use crate::dts::infer::infer_expr;
use crate::dts::infer::scope::{destructured_paths, PartKey};
use crate::dts::infer::type_args;
use crate::dts::type_nodes::{indexed, keyword, literal};

/// The types of the names a top-level `const` pattern binds, for declaring each name with its type
/// (`declare const conditions: ...`); None when the pattern has a default, a rest element or a
/// name whose type is not known, or destructures an array literal (typed as a tuple by the
/// pattern; not modelled).
pub(crate) fn destructured_declarations(
    pattern: &Pat,
    init: &Expr,
) -> Option<Vec<(Id, Box<TsType>)>> {
    if matches!(init.unwrap_parens(), Expr::Array(_)) {
        return None;
    }
    let paths = destructured_paths(pattern);
    let mut bound: Vec<Id> = Vec::new();
    swc_core::ecma::utils::find_pat_ids::<_, Id>(pattern)
        .into_iter()
        .for_each(|id| bound.push(id));
    if paths.len() != bound.len() {
        return None;
    }
    paths
        .into_iter()
        .map(|(id, path)| Some((id, destructured_type(init, &path)?)))
        .collect()
}

/// The type of the part of `init`'s value a destructuring pattern binds: `T[0]`, `T["data"]`.
pub(crate) fn destructured_type(init: &Expr, path: &[PartKey]) -> Option<Box<TsType>> {
    let mut ty = infer_expr(init, false)?;
    for key in path {
        // `[boolean, Dispatch<...>][0]` is written `boolean`, as tsc prints it.
        if let (PartKey::Index(index), TsType::TsTupleType(tuple)) = (key, &*ty) {
            let element = tuple.elem_types.get(*index);
            if let Some(TsTupleElement {
                label: None,
                ty: element,
                ..
            }) = element
            {
                if !matches!(
                    &**element,
                    TsType::TsRestType(_) | TsType::TsOptionalType(_)
                ) {
                    ty = element.clone();
                    continue;
                }
            }
        }
        // An array's element, and its length, as tsc prints them.
        match (key, &*ty) {
            (PartKey::Index(_), TsType::TsArrayType(array)) => {
                ty = array.elem_type.clone();
                continue;
            }
            (PartKey::Key(key), TsType::TsArrayType(_) | TsType::TsTupleType(_))
                if &**key == "length" =>
            {
                ty = keyword(TsKeywordTypeKind::TsNumberKeyword);
                continue;
            }
            _ => {}
        }
        let index = match key {
            PartKey::Index(index) => literal(TsLit::Number(Number {
                span: DUMMY_SP,
                value: *index as f64,
                raw: None,
            })),
            PartKey::Key(key) => type_args::string_literal(key),
        };
        ty = indexed(ty, index);
    }
    Some(ty)
}
