//! `config.schema.json` from a package's `config.d.ts`, as backstage-cli's prepack writes it (through
//! ts-json-schema-generator with Backstage's settings): the `Config` type as a draft-07 JSON schema,
//! local types inlined, JSDoc descriptions and the tags the app reads (`@visibility`,
//! `@deepVisibility`, `@items.visibility`, `@deprecated`, `@default`, ...) as keywords. The app
//! decides from `visibility` which configuration reaches the browser, so a type this compiler cannot
//! turn into what backstage-cli would write (an import from another package, a generic, a mapped
//! type) is an error, never a guess.

use std::collections::HashMap;
use std::path::Path;

use serde_json::{Map, Value};
use swc_core::common::comments::{Comments, SingleThreadedComments};
use swc_core::common::{sync::Lrc, BytePos, FileName, SourceMap, Spanned};
use swc_core::ecma::ast::*;
use swc_core::ecma::parser::{parse_file_as_module, Syntax, TsSyntax};

use crate::diagnostics::{self, Diagnostic, Location};
use crate::publish::config_jsdoc::{json5_or_text, parse_jsdoc, place_nested_items, NESTED_ITEMS};

/// The schema backstage-cli's prepack writes for the `config.d.ts` at `path`.
pub fn config_schema(path: &Path) -> Result<Value, Diagnostic> {
    let text = std::fs::read_to_string(path).map_err(|e| diagnostics::cannot_read(path, &e))?;
    let cm: Lrc<SourceMap> = Default::default();
    let fm = cm.new_source_file(Lrc::new(FileName::Real(path.to_path_buf())), text.clone());
    let comments = SingleThreadedComments::default();
    let syntax = Syntax::Typescript(TsSyntax {
        dts: true,
        ..Default::default()
    });
    let module = parse_file_as_module(
        &fm,
        syntax,
        EsVersion::EsNext,
        Some(&comments),
        &mut Vec::new(),
    )
    .map_err(|error| {
        let start = error.span().lo.0.saturating_sub(fm.start_pos.0) as usize;
        diagnostics::syntax_error(
            Location::at_offset(path, &text, start, 0),
            &error.kind().msg(),
        )
    })?;
    let reader = SchemaReader {
        path,
        text: &text,
        start: fm.start_pos,
        comments: &comments,
        types: local_types(&module),
    };
    let Some(config) = reader.types.get("Config") else {
        return Err(diagnostics::config_schema_unsupported(
            Location::at_offset(path, &text, 0, 0),
            "the file declares no `Config` interface or type",
        ));
    };
    let mut schema = Map::new();
    schema.insert(
        "$schema".into(),
        Value::String("http://json-schema.org/draft-07/schema#".into()),
    );
    let body = reader.declaration_schema(config, 0)?;
    schema.extend(body);
    let mut schema = Value::Object(schema);
    place_nested_items(&mut schema);
    Ok(schema)
}

/// A local interface or type alias.
#[derive(Clone, Copy)]
enum LocalType<'m> {
    Interface(&'m TsInterfaceDecl),
    Alias(&'m TsTypeAliasDecl),
}

/// The file's interfaces and type aliases, with where their JSDoc is (before `export` when exported).
fn local_types(module: &Module) -> HashMap<String, (LocalType<'_>, BytePos)> {
    let mut types = HashMap::new();
    for item in &module.body {
        let (decl, docs_at) = match item {
            ModuleItem::Stmt(Stmt::Decl(decl)) => (decl, decl.span().lo),
            ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(export)) => {
                (&export.decl, export.span.lo)
            }
            _ => continue,
        };
        match decl {
            Decl::TsInterface(interface) => {
                types.insert(
                    interface.id.sym.to_string(),
                    (LocalType::Interface(interface), docs_at),
                );
            }
            Decl::TsTypeAlias(alias) => {
                types.insert(alias.id.sym.to_string(), (LocalType::Alias(alias), docs_at));
            }
            _ => {}
        }
    }
    types
}

/// How deep local types may refer to each other (a recursive type cannot be inlined).
const MAX_DEPTH: usize = 32;

struct SchemaReader<'a> {
    path: &'a Path,
    text: &'a str,
    start: BytePos,
    comments: &'a SingleThreadedComments,
    types: HashMap<String, (LocalType<'a>, BytePos)>,
}

impl SchemaReader<'_> {
    fn unsupported(&self, node: &impl Spanned, what: &str) -> Diagnostic {
        let span = node.span();
        let start = span.lo.0.saturating_sub(self.start.0) as usize;
        let length = span.hi.0.saturating_sub(span.lo.0) as usize;
        diagnostics::config_schema_unsupported(
            Location::at_offset(self.path, self.text, start, length),
            what,
        )
    }

    /// A local interface's or alias's schema, with its own JSDoc.
    fn declaration_schema(
        &self,
        (local, docs_at): &(LocalType, BytePos),
        depth: usize,
    ) -> Result<Map<String, Value>, Diagnostic> {
        if depth > MAX_DEPTH {
            let node: &dyn Spanned = match local {
                LocalType::Interface(i) => *i,
                LocalType::Alias(a) => *a,
            };
            return Err(self.unsupported(&node.span(), "a recursive type"));
        }
        let mut schema = match local {
            LocalType::Interface(interface) => {
                if interface.type_params.is_some() {
                    return Err(self.unsupported(&interface.id, "a generic interface"));
                }
                let mut members = Vec::new();
                for base in &interface.extends {
                    let Expr::Ident(name) = &*base.expr else {
                        return Err(
                            self.unsupported(base, "an interface extending a qualified name")
                        );
                    };
                    match self.types.get(&*name.sym) {
                        Some((LocalType::Interface(parent), _)) => {
                            members.extend(parent.body.body.iter());
                        }
                        _ => {
                            return Err(self
                                .unsupported(base, "an interface extending a type from elsewhere"))
                        }
                    }
                }
                members.extend(interface.body.body.iter());
                self.object_schema(&members, depth)?
            }
            LocalType::Alias(alias) => {
                if alias.type_params.is_some() {
                    return Err(self.unsupported(&alias.id, "a generic type alias"));
                }
                self.type_schema(&alias.type_ann, depth)?
            }
        };
        schema.extend(self.annotations(*docs_at)?);
        Ok(schema)
    }

    fn object_schema(
        &self,
        members: &[&TsTypeElement],
        depth: usize,
    ) -> Result<Map<String, Value>, Diagnostic> {
        let mut properties = Map::new();
        let mut required = Vec::new();
        let mut additional = None;
        for member in members {
            match member {
                TsTypeElement::TsPropertySignature(property) => {
                    let name = match &*property.key {
                        Expr::Ident(ident) => ident.sym.to_string(),
                        Expr::Lit(Lit::Str(s)) => s.value.to_string_lossy().into_owned(),
                        _ => return Err(self.unsupported(property, "a computed property name")),
                    };
                    let mut schema = match &property.type_ann {
                        Some(ann) => self.type_schema(&ann.type_ann, depth + 1)?,
                        None => Map::new(),
                    };
                    schema.extend(self.annotations(property.span.lo)?);
                    if !property.optional {
                        required.push(Value::String(name.clone()));
                    }
                    properties.insert(name, Value::Object(schema));
                }
                TsTypeElement::TsIndexSignature(index) => {
                    let schema = match &index.type_ann {
                        Some(ann) => self.type_schema(&ann.type_ann, depth + 1)?,
                        None => Map::new(),
                    };
                    additional = Some(Value::Object(schema));
                }
                other => return Err(self.unsupported(*other, "a method or call signature")),
            }
        }
        let mut schema = Map::new();
        schema.insert("type".into(), Value::String("object".into()));
        if !properties.is_empty() {
            schema.insert("properties".into(), Value::Object(properties));
        }
        if !required.is_empty() {
            schema.insert("required".into(), Value::Array(required));
        }
        if let Some(additional) = additional {
            schema.insert("additionalProperties".into(), additional);
        }
        Ok(schema)
    }

    fn type_schema(&self, ty: &TsType, depth: usize) -> Result<Map<String, Value>, Diagnostic> {
        let kind = |name: &str| -> Map<String, Value> {
            let mut schema = Map::new();
            schema.insert("type".into(), Value::String(name.into()));
            schema
        };
        Ok(match ty {
            TsType::TsKeywordType(keyword) => match keyword.kind {
                TsKeywordTypeKind::TsStringKeyword => kind("string"),
                TsKeywordTypeKind::TsNumberKeyword => kind("number"),
                TsKeywordTypeKind::TsBooleanKeyword => kind("boolean"),
                TsKeywordTypeKind::TsNullKeyword => kind("null"),
                TsKeywordTypeKind::TsObjectKeyword => kind("object"),
                TsKeywordTypeKind::TsAnyKeyword | TsKeywordTypeKind::TsUnknownKeyword => Map::new(),
                _ => return Err(self.unsupported(ty, "this keyword type")),
            },
            TsType::TsParenthesizedType(inner) => self.type_schema(&inner.type_ann, depth)?,
            TsType::TsTypeLit(literal) => {
                let members: Vec<&TsTypeElement> = literal.members.iter().collect();
                self.object_schema(&members, depth)?
            }
            TsType::TsArrayType(array) => self.array_schema(&array.elem_type, depth)?,
            TsType::TsTupleType(tuple) => self.tuple_schema(tuple, depth)?,
            TsType::TsLitType(literal) => {
                let (name, value) = literal_value(&literal.lit)
                    .ok_or_else(|| self.unsupported(ty, "a template literal type"))?;
                let mut schema = kind(name);
                schema.insert("const".into(), value);
                schema
            }
            TsType::TsUnionOrIntersectionType(TsUnionOrIntersectionType::TsUnionType(union)) => {
                self.union_schema(union, depth)?
            }
            TsType::TsTypeRef(reference) => self.reference_schema(reference, depth)?,
            _ => return Err(self.unsupported(ty, "this kind of type")),
        })
    }

    fn array_schema(
        &self,
        element: &TsType,
        depth: usize,
    ) -> Result<Map<String, Value>, Diagnostic> {
        let mut schema = Map::new();
        schema.insert("type".into(), Value::String("array".into()));
        schema.insert(
            "items".into(),
            Value::Object(self.type_schema(element, depth + 1)?),
        );
        Ok(schema)
    }

    /// `[A]`: an array of exactly that many items (one schema for one element, a list for more).
    fn tuple_schema(
        &self,
        tuple: &TsTupleType,
        depth: usize,
    ) -> Result<Map<String, Value>, Diagnostic> {
        if tuple.elem_types.iter().any(|e| {
            e.label.is_some()
                || !matches!(
                    &*e.ty,
                    TsType::TsTypeLit(_)
                        | TsType::TsKeywordType(_)
                        | TsType::TsTypeRef(_)
                        | TsType::TsArrayType(_)
                        | TsType::TsLitType(_)
                )
        }) {
            return Err(self.unsupported(tuple, "a tuple with optional, rest or labelled elements"));
        }
        let items: Vec<Value> = tuple
            .elem_types
            .iter()
            .map(|element| self.type_schema(&element.ty, depth + 1).map(Value::Object))
            .collect::<Result<_, _>>()?;
        let count = items.len();
        let mut schema = Map::new();
        schema.insert("type".into(), Value::String("array".into()));
        schema.insert(
            "items".into(),
            match <[Value; 1]>::try_from(items) {
                Ok([single]) => single,
                Err(items) => Value::Array(items),
            },
        );
        schema.insert("minItems".into(), Value::from(count));
        schema.insert("maxItems".into(), Value::from(count));
        Ok(schema)
    }

    /// `Array<T>`, `Record<string, T>`, or a local interface or alias (inlined).
    fn reference_schema(
        &self,
        reference: &TsTypeRef,
        depth: usize,
    ) -> Result<Map<String, Value>, Diagnostic> {
        let TsEntityName::Ident(name) = &reference.type_name else {
            return Err(self.unsupported(reference, "a qualified type name"));
        };
        let arguments: Vec<&TsType> = reference
            .type_params
            .iter()
            .flat_map(|params| params.params.iter().map(|p| &**p))
            .collect();
        match (&*name.sym, arguments.as_slice()) {
            ("Array" | "ReadonlyArray", [element]) => self.array_schema(element, depth),
            ("Record", [TsType::TsKeywordType(key), value])
                if key.kind == TsKeywordTypeKind::TsStringKeyword =>
            {
                let mut schema = Map::new();
                schema.insert("type".into(), Value::String("object".into()));
                schema.insert(
                    "additionalProperties".into(),
                    Value::Object(self.type_schema(value, depth + 1)?),
                );
                Ok(schema)
            }
            (local, []) => match self.types.get(local) {
                Some(found) => self.declaration_schema(found, depth + 1),
                None => Err(self.unsupported(
                    reference,
                    "a type declared in another file or package (backstage-cli resolves it through tsc)",
                )),
            },
            _ => Err(self.unsupported(reference, "a generic type")),
        }
    }

    /// Unions as ts-json-schema-generator writes them: `undefined` dropped, literals of one kind as
    /// an `enum`, primitive types as a list of types, anything else as `anyOf`.
    fn union_schema(
        &self,
        union: &TsUnionType,
        depth: usize,
    ) -> Result<Map<String, Value>, Diagnostic> {
        let members: Vec<&TsType> = union
            .types
            .iter()
            .map(|t| &**t)
            .filter(|t| !matches!(t, TsType::TsKeywordType(k) if k.kind == TsKeywordTypeKind::TsUndefinedKeyword))
            .collect();
        if let [single] = members.as_slice() {
            return self.type_schema(single, depth);
        }
        let literals: Option<Vec<(&str, Value)>> = members
            .iter()
            .map(|member| match member {
                TsType::TsLitType(literal) => literal_value(&literal.lit),
                _ => None,
            })
            .collect();
        if let Some(literals) = literals {
            let booleans = literals.iter().all(|(kind, _)| *kind == "boolean");
            if booleans && literals.len() == 2 {
                let mut schema = Map::new();
                schema.insert("type".into(), Value::String("boolean".into()));
                return Ok(schema);
            }
            let mut kinds: Vec<&str> = Vec::new();
            for (kind, _) in &literals {
                if !kinds.contains(kind) {
                    kinds.push(kind);
                }
            }
            let mut schema = Map::new();
            schema.insert(
                "type".into(),
                match kinds.as_slice() {
                    [one] => Value::String((*one).into()),
                    many => Value::Array(many.iter().map(|k| Value::String((*k).into())).collect()),
                },
            );
            schema.insert(
                "enum".into(),
                Value::Array(literals.into_iter().map(|(_, v)| v).collect()),
            );
            return Ok(schema);
        }
        let schemas: Vec<Map<String, Value>> = members
            .iter()
            .map(|member| self.type_schema(member, depth + 1))
            .collect::<Result<_, _>>()?;
        let primitive = |schema: &Map<String, Value>| {
            schema.len() == 1
                && matches!(schema.get("type"), Some(Value::String(t)) if t != "object" && t != "array")
        };
        let mut result = Map::new();
        if schemas.iter().all(primitive) {
            let types: Vec<Value> = schemas.into_iter().map(|s| s["type"].clone()).collect();
            result.insert("type".into(), Value::Array(types));
        } else {
            result.insert(
                "anyOf".into(),
                Value::Array(schemas.into_iter().map(Value::Object).collect()),
            );
        }
        Ok(result)
    }

    /// The JSDoc before `at` as schema keywords: the description, then each tag.
    fn annotations(&self, at: BytePos) -> Result<Map<String, Value>, Diagnostic> {
        let mut annotations = Map::new();
        let Some(comments) = self.comments.get_leading(at) else {
            return Ok(annotations);
        };
        let Some(doc) = comments.iter().rev().find(|c| c.text.starts_with('*')) else {
            return Ok(annotations);
        };
        let (description, tags) = parse_jsdoc(&doc.text);
        if !description.is_empty() {
            annotations.insert("description".into(), Value::String(description));
        }
        let examples: Vec<Value> = tags
            .iter()
            .filter(|(name, _)| name == "example")
            .map(|(_, text)| json5_or_text(text))
            .collect();
        if !examples.is_empty() {
            annotations.insert("examples".into(), Value::Array(examples));
        }
        let mut nested_items = Vec::new();
        for (name, text) in tags {
            match name.as_str() {
                "items" => {
                    // `@items.visibility frontend`: a keyword of the array's items.
                    let Some((key, value)) = text
                        .strip_prefix('.')
                        .and_then(|t| t.split_once(char::is_whitespace))
                    else {
                        continue;
                    };
                    nested_items.push((key.to_string(), json5_or_text(value.trim())));
                }
                "title" | "description" | "format" | "pattern" => {
                    annotations.insert(name, Value::String(text));
                }
                "visibility" | "deepVisibility" | "deprecated" | "default" | "examples"
                | "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum"
                | "multipleOf" | "minLength" | "maxLength" | "minItems" | "maxItems"
                | "uniqueItems" | "minProperties" | "maxProperties" | "const" | "readOnly"
                | "writeOnly" => {
                    let text = if text.is_empty() {
                        "true".to_string()
                    } else {
                        text
                    };
                    annotations.insert(name, json5_or_text(&text));
                }
                _ => {}
            }
        }
        if !nested_items.is_empty() {
            annotations.insert(
                NESTED_ITEMS.into(),
                Value::Object(nested_items.into_iter().collect()),
            );
        }
        Ok(annotations)
    }
}

/// A literal type's JSON type name and value.
fn literal_value(literal: &TsLit) -> Option<(&'static str, Value)> {
    match literal {
        TsLit::Str(s) => Some((
            "string",
            Value::String(s.value.to_string_lossy().into_owned()),
        )),
        TsLit::Number(n) => {
            serde_json::Number::from_f64(n.value).map(|v| ("number", Value::Number(v)))
        }
        TsLit::Bool(b) => Some(("boolean", Value::Bool(b.value))),
        _ => None,
    }
}
