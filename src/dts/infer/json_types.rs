//! The types of JSON modules, as tsc gives them under `resolveJsonModule` (strict): every literal
//! widened (`"x"` is `string`, `1` is `number`, `true` is `boolean`), `null` kept, objects as type
//! literals with their keys in file order, arrays as arrays of the union of their elements (`[]` is
//! `never[]`). The union is tsc's for an array literal: objects of different shapes are normalised
//! (each gets the others' missing properties as `key?: undefined`), equal types appear once,
//! `string`, `number`, `boolean` come first in that order and `null` last.
//!
//! Inference types a JSON import's uses from the file's contents (`data.name` is `string`), and
//! the roll-up reads a JSON module's declarations (`json_module_declarations`) when a declaration
//! still names the import (`export { data }`, `typeof data`).

use std::path::PathBuf;

use serde_json::Value;
use swc_core::common::{EqIgnoreSpan, DUMMY_SP};
use swc_core::ecma::ast::*;

use crate::dts::type_nodes::{keyword, parenthesize_union, union};

/// The type tsc gives a JSON value.
pub fn json_type(value: &Value) -> Box<TsType> {
    match value {
        Value::Null => keyword(TsKeywordTypeKind::TsNullKeyword),
        Value::Bool(_) => keyword(TsKeywordTypeKind::TsBooleanKeyword),
        Value::Number(_) => keyword(TsKeywordTypeKind::TsNumberKeyword),
        Value::String(_) => keyword(TsKeywordTypeKind::TsStringKeyword),
        Value::Object(object) => type_literal(
            object
                .iter()
                .map(|(key, value)| property(key, json_type(value), false))
                .collect(),
        ),
        Value::Array(elements) => Box::new(TsType::TsArrayType(TsArrayType {
            span: DUMMY_SP,
            elem_type: parenthesize_union(element_type(elements)),
        })),
    }
}

/// The type of the value at `path` (property names; an array takes an index) in `value`.
pub fn json_path_type(value: &Value, path: &[&str]) -> Option<Box<TsType>> {
    let Some((step, rest)) = path.split_first() else {
        return Some(json_type(value));
    };
    match value {
        Value::Object(object) => json_path_type(object.get(*step)?, rest),
        Value::Array(elements) if step.parse::<usize>().is_ok() && rest.is_empty() => {
            Some(element_type(elements))
        }
        // An element of an array whose elements all give the same type there.
        Value::Array(elements) if step.parse::<usize>().is_ok() => {
            let ty = json_path_type(elements.first()?, rest)?;
            elements[1..]
                .iter()
                .all(|element| json_path_type(element, rest).is_some_and(|t| t.eq_ignore_span(&ty)))
                .then_some(ty)
        }
        _ => None,
    }
}

/// What an input file's bytes hash to (a JSON module, another module of the package), to tell whether a
/// declaration read from it is still current.
pub fn input_hash(bytes: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(bytes);
    hasher.finish()
}

/// Whether the files a module's declarations were typed from still hash as they did.
pub fn inputs_unchanged(inputs: &[(PathBuf, u64)]) -> bool {
    inputs
        .iter()
        .all(|(path, hash)| std::fs::read(path).is_ok_and(|bytes| input_hash(&bytes) == *hash))
}

/// The union of an array literal's element types, as tsc forms it.
fn element_type(elements: &[Value]) -> Box<TsType> {
    let objects: Vec<&serde_json::Map<String, Value>> =
        elements.iter().filter_map(Value::as_object).collect();
    let mut all_keys: Vec<&str> = Vec::new();
    for object in &objects {
        for key in object.keys() {
            if !all_keys.contains(&key.as_str()) {
                all_keys.push(key);
            }
        }
    }
    let shapes_differ = objects.iter().any(|object| object.len() != all_keys.len());
    let mut types: Vec<(u8, Box<TsType>)> = Vec::new();
    for element in elements {
        let ty = match (element, shapes_differ) {
            (Value::Object(object), true) => normalised_object(object, &all_keys),
            _ => json_type(element),
        };
        if !types.iter().any(|(_, known)| known.eq_ignore_span(&ty)) {
            types.push((union_rank(element), ty));
        }
    }
    // Subtype reduction: with only empty objects among the objects, `{}` takes in the primitives.
    if !shapes_differ && all_keys.is_empty() && !objects.is_empty() {
        types.retain(|(rank, _)| *rank > 2);
    }
    // A stable sort: objects keep the order they first appear in.
    types.sort_by_key(|(rank, _)| *rank);
    union(types.into_iter().map(|(_, ty)| ty).collect())
        .unwrap_or_else(|| keyword(TsKeywordTypeKind::TsNeverKeyword))
}

/// Where tsc prints an element's type in a union: primitives first (by how early the checker
/// creates them), arrays of primitives likewise, other objects as they come, `null` last.
fn union_rank(value: &Value) -> u8 {
    match value {
        Value::String(_) => 0,
        Value::Number(_) => 1,
        Value::Bool(_) => 2,
        Value::Array(elements) => match elements.first() {
            Some(Value::String(_)) => 3,
            Some(Value::Number(_)) => 4,
            Some(Value::Bool(_)) => 5,
            _ => 6,
        },
        Value::Object(_) => 6,
        Value::Null => 7,
    }
}

/// An object literal of an array whose objects differ in shape: its own properties, then the
/// others' as optional `undefined`.
fn normalised_object(object: &serde_json::Map<String, Value>, all_keys: &[&str]) -> Box<TsType> {
    let mut members: Vec<TsTypeElement> = object
        .iter()
        .map(|(key, value)| property(key, json_type(value), false))
        .collect();
    for key in all_keys.iter().filter(|key| !object.contains_key(**key)) {
        members.push(property(
            key,
            keyword(TsKeywordTypeKind::TsUndefinedKeyword),
            true,
        ));
    }
    type_literal(members)
}

fn type_literal(members: Vec<TsTypeElement>) -> Box<TsType> {
    Box::new(TsType::TsTypeLit(TsTypeLit {
        span: DUMMY_SP,
        members,
    }))
}

/// A property signature, its key written as tsc writes a JSON key: bare when it is an identifier,
/// quoted otherwise (numeric keys included).
fn property(key: &str, ty: Box<TsType>, optional: bool) -> TsTypeElement {
    let mut property = crate::dts::type_nodes::property_signature(key, ty);
    if let TsTypeElement::TsPropertySignature(signature) = &mut property {
        signature.optional = optional;
    }
    property
}
