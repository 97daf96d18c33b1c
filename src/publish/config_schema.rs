//! `config.schema.json` from a package's `config.d.ts`, as backstage-cli's prepack writes it (through
//! ts-json-schema-generator with Backstage's settings): the `Config` type as a draft-07 JSON schema,
//! every type it refers to inlined (declared in the file, or imported from other modules and
//! packages, as `config_types` finds them), JSDoc descriptions and the tags the app reads (`@visibility`,
//! `@deepVisibility`, `@items.visibility`, `@deprecated`, `@default`, ...) as keywords. The app
//! decides from `visibility` which configuration reaches the browser, so a type this compiler cannot
//! turn into what backstage-cli would write (a generic, a mapped type, an import that does not
//! resolve) is an error, never a guess.

use std::path::Path;
use std::rc::Rc;

use serde_json::{Map, Value};
use swc_core::common::comments::Comments;
use swc_core::common::{BytePos, Spanned};
use swc_core::ecma::ast::*;

use crate::diagnostics::{self, Diagnostic, Location};
use crate::dts::dependencies::declarations::binds_name;
use crate::publish::config_jsdoc::{json5_or_text, parse_jsdoc, place_nested_items, NESTED_ITEMS};
use crate::publish::config_types::{FoundType, TypeDecl, TypeFile, TypeFiles};

/// The schema backstage-cli's prepack writes for the `config.d.ts` at `path`.
pub fn config_schema(path: &Path) -> Result<Value, Diagnostic> {
    // Imports resolve through the folders above the file, so it needs a full path.
    let path = &std::path::absolute(path).map_err(|e| diagnostics::cannot_read(path, &e))?;
    let files = TypeFiles::new();
    let file = files.load(path)?;
    let reader = SchemaReader { files: &files };
    let Some(config) = files.find(&file, "Config") else {
        return Err(diagnostics::config_schema_unsupported(
            Location::at_offset(path, &file.text, 0, 0),
            "the file declares no `Config` interface or type",
        ));
    };
    let mut schema = Map::new();
    schema.insert(
        "$schema".into(),
        Value::String("http://json-schema.org/draft-07/schema#".into()),
    );
    let body = reader.declaration_schema(&config, 0)?;
    schema.extend(body);
    let mut schema = Value::Object(schema);
    place_nested_items(&mut schema);
    Ok(schema)
}

/// How deep types may refer to each other (a recursive type cannot be inlined).
const MAX_DEPTH: usize = 32;

/// Schemas of the types in the files `files` reads; every method takes the file its type is in.
struct SchemaReader<'a> {
    files: &'a TypeFiles,
}

type Schema = Result<Map<String, Value>, Diagnostic>;

impl SchemaReader<'_> {
    fn location(&self, file: &TypeFile, node: &impl Spanned) -> Location {
        let span = node.span();
        let start = span.lo.0.saturating_sub(file.start.0) as usize;
        let length = span.hi.0.saturating_sub(span.lo.0) as usize;
        Location::at_offset(&file.path, &file.text, start, length)
    }

    fn unsupported(&self, file: &TypeFile, node: &impl Spanned, what: &str) -> Diagnostic {
        diagnostics::config_schema_unsupported(self.location(file, node), what)
    }

    /// An interface's or alias's schema, with its own JSDoc.
    fn declaration_schema(&self, found: &FoundType, depth: usize) -> Schema {
        let file = &found.file;
        let decl = found.decl();
        if depth > MAX_DEPTH {
            let node: &dyn Spanned = match decl {
                TypeDecl::Interface(i) => i,
                TypeDecl::Alias(a) => a,
            };
            return Err(self.unsupported(file, &node.span(), "a recursive type"));
        }
        let mut schema = match decl {
            TypeDecl::Interface(interface) => {
                if interface.type_params.is_some() {
                    return Err(self.unsupported(file, &interface.id, "a generic interface"));
                }
                let mut members = Vec::new();
                let parents = self.interface_ancestors(file, interface, depth)?;
                for parent in &parents {
                    let parent_members = object_members(parent.decl()).unwrap_or_default();
                    members.extend(parent_members.iter().map(|member| (&parent.file, member)));
                }
                members.extend(interface.body.body.iter().map(|member| (file, member)));
                self.object_schema(&members, depth)?
            }
            TypeDecl::Alias(alias) => {
                if alias.type_params.is_some() {
                    return Err(self.unsupported(file, &alias.id, "a generic type alias"));
                }
                self.type_schema(file, &alias.type_ann, depth)?
            }
        };
        schema.extend(self.annotations(file, found.docs_at)?);
        Ok(schema)
    }

    /// The interfaces (or object type aliases) an interface extends, wherever they are declared,
    /// each after its own ancestors: their members come before the interface's own.
    fn interface_ancestors(
        &self,
        file: &Rc<TypeFile>,
        interface: &TsInterfaceDecl,
        depth: usize,
    ) -> Result<Vec<FoundType>, Diagnostic> {
        let mut ancestors = Vec::new();
        for base in &interface.extends {
            let found = match &*base.expr {
                Expr::Ident(name) => self.files.find(file, &name.sym),
                Expr::Member(member) => match (&*member.obj, &member.prop) {
                    (Expr::Ident(ns), MemberProp::Ident(name)) => {
                        self.files.find_qualified(file, &ns.sym, &name.sym)
                    }
                    _ => None,
                },
                _ => None,
            };
            let Some(parent) = found.filter(|p| object_members(p.decl()).is_some()) else {
                return Err(self.unsupported(
                    file,
                    base,
                    "an interface extending something other than an interface or object type plugbuild can find",
                ));
            };
            if depth > MAX_DEPTH {
                return Err(self.unsupported(file, base, "a recursive type"));
            }
            if let TypeDecl::Interface(parent_interface) = parent.decl() {
                ancestors.extend(self.interface_ancestors(
                    &parent.file,
                    parent_interface,
                    depth + 1,
                )?);
            }
            ancestors.push(parent);
        }
        Ok(ancestors)
    }

    /// An object type's members, each with the file it is written in.
    fn object_schema(&self, members: &[(&Rc<TypeFile>, &TsTypeElement)], depth: usize) -> Schema {
        let mut properties = Map::new();
        let mut required = Vec::new();
        let mut additional = None;
        for &(file, member) in members {
            match member {
                TsTypeElement::TsPropertySignature(property) => {
                    let name = match &*property.key {
                        Expr::Ident(ident) => ident.sym.to_string(),
                        Expr::Lit(Lit::Str(s)) => s.value.to_string_lossy().into_owned(),
                        _ => {
                            return Err(self.unsupported(
                                file,
                                property,
                                "a computed property name",
                            ))
                        }
                    };
                    let mut schema = match &property.type_ann {
                        Some(ann) => self.type_schema(file, &ann.type_ann, depth + 1)?,
                        None => Map::new(),
                    };
                    schema.extend(self.annotations(file, property.span.lo)?);
                    if !property.optional {
                        required.push(Value::String(name.clone()));
                    }
                    properties.insert(name, Value::Object(schema));
                }
                TsTypeElement::TsIndexSignature(index) => {
                    let schema = match &index.type_ann {
                        Some(ann) => self.type_schema(file, &ann.type_ann, depth + 1)?,
                        None => Map::new(),
                    };
                    additional = Some(Value::Object(schema));
                }
                other => return Err(self.unsupported(file, other, "a method or call signature")),
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

    fn type_schema(&self, file: &Rc<TypeFile>, ty: &TsType, depth: usize) -> Schema {
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
                _ => return Err(self.unsupported(file, ty, "this keyword type")),
            },
            TsType::TsParenthesizedType(inner) => self.type_schema(file, &inner.type_ann, depth)?,
            TsType::TsTypeLit(literal) => {
                let members: Vec<_> = literal.members.iter().map(|m| (file, m)).collect();
                self.object_schema(&members, depth)?
            }
            TsType::TsArrayType(array) => self.array_schema(file, &array.elem_type, depth)?,
            TsType::TsTupleType(tuple) => self.tuple_schema(file, tuple, depth)?,
            TsType::TsLitType(literal) => {
                let (name, value) = literal_value(&literal.lit)
                    .ok_or_else(|| self.unsupported(file, ty, "a template literal type"))?;
                let mut schema = kind(name);
                schema.insert("const".into(), value);
                schema
            }
            TsType::TsUnionOrIntersectionType(TsUnionOrIntersectionType::TsUnionType(union)) => {
                self.union_schema(file, union, depth)?
            }
            TsType::TsTypeRef(reference) => self.reference_schema(file, reference, depth)?,
            _ => return Err(self.unsupported(file, ty, "this kind of type")),
        })
    }

    fn array_schema(&self, file: &Rc<TypeFile>, element: &TsType, depth: usize) -> Schema {
        let mut schema = Map::new();
        schema.insert("type".into(), Value::String("array".into()));
        schema.insert(
            "items".into(),
            Value::Object(self.type_schema(file, element, depth + 1)?),
        );
        Ok(schema)
    }

    /// `[A]`: an array of exactly that many items (one schema for one element, a list for more).
    fn tuple_schema(&self, file: &Rc<TypeFile>, tuple: &TsTupleType, depth: usize) -> Schema {
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
            return Err(self.unsupported(
                file,
                tuple,
                "a tuple with optional, rest or labelled elements",
            ));
        }
        let items: Vec<Value> = tuple
            .elem_types
            .iter()
            .map(|element| {
                self.type_schema(file, &element.ty, depth + 1)
                    .map(Value::Object)
            })
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

    /// `Array<T>`, `Record<string, T>`, or an interface or alias (inlined) declared in this file or
    /// imported into it.
    fn reference_schema(&self, file: &Rc<TypeFile>, reference: &TsTypeRef, depth: usize) -> Schema {
        let arguments: Vec<&TsType> = reference
            .type_params
            .iter()
            .flat_map(|params| params.params.iter().map(|p| &**p))
            .collect();
        let found = match (&reference.type_name, arguments.as_slice()) {
            (TsEntityName::Ident(name), _) => match (&*name.sym, arguments.as_slice()) {
                ("Array" | "ReadonlyArray", [element]) => {
                    return self.array_schema(file, element, depth)
                }
                ("Record", [TsType::TsKeywordType(key), value])
                    if key.kind == TsKeywordTypeKind::TsStringKeyword =>
                {
                    let mut schema = Map::new();
                    schema.insert("type".into(), Value::String("object".into()));
                    schema.insert(
                        "additionalProperties".into(),
                        Value::Object(self.type_schema(file, value, depth + 1)?),
                    );
                    return Ok(schema);
                }
                (name, []) => self.files.find(file, name),
                _ => return Err(self.unsupported(file, reference, "a generic type")),
            },
            (TsEntityName::TsQualifiedName(qualified), []) => match &qualified.left {
                TsEntityName::Ident(ns) => {
                    self.files
                        .find_qualified(file, &ns.sym, &qualified.right.sym)
                }
                _ => None,
            },
            _ => return Err(self.unsupported(file, reference, "a generic type")),
        };
        match found {
            Some(found) => self.declaration_schema(&found, depth + 1),
            None => Err(match self.files.import_source(file, &reference.type_name) {
                Some(source) => diagnostics::config_type_not_found(
                    self.location(file, reference),
                    &source,
                ),
                None => self.unsupported(
                    file,
                    reference,
                    "a type that is neither declared nor imported here (a global or a namespace member)",
                ),
            }),
        }
    }

    /// Unions as ts-json-schema-generator writes them: `undefined` dropped, literals of one kind as
    /// an `enum`, primitive types as a list of types, anything else as `anyOf`.
    fn union_schema(&self, file: &Rc<TypeFile>, union: &TsUnionType, depth: usize) -> Schema {
        let members: Vec<&TsType> = union
            .types
            .iter()
            .map(|t| &**t)
            .filter(|t| !matches!(t, TsType::TsKeywordType(k) if k.kind == TsKeywordTypeKind::TsUndefinedKeyword))
            .collect();
        if let [single] = members.as_slice() {
            return self.type_schema(file, single, depth);
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
            .map(|member| self.type_schema(file, member, depth + 1))
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
    fn annotations(&self, file: &TypeFile, at: BytePos) -> Schema {
        let mut annotations = Map::new();
        let Some(comments) = file.comments.get_leading(at) else {
            return Ok(annotations);
        };
        let Some(doc) = comments.iter().rev().find(|c| c.text.starts_with('*')) else {
            return Ok(annotations);
        };
        let (description, tags) = parse_jsdoc(&doc.text, &|name| binds_name(&file.module, name));
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

/// The members of an interface, or of an alias of an object type literal (what an interface may
/// extend).
fn object_members(decl: TypeDecl<'_>) -> Option<&[TsTypeElement]> {
    match decl {
        TypeDecl::Interface(interface) if interface.type_params.is_none() => {
            Some(&interface.body.body)
        }
        TypeDecl::Alias(alias) if alias.type_params.is_none() => {
            let mut ty = &*alias.type_ann;
            while let TsType::TsParenthesizedType(inner) = ty {
                ty = &inner.type_ann;
            }
            match ty {
                TsType::TsTypeLit(literal) => Some(&literal.members),
                _ => None,
            }
        }
        _ => None,
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
