//! Reading one declaration file's syntax: which top-level declaration has a name, a class's or
//! type literal's members, and the call signatures of functions and function types.

use std::collections::HashMap;
use std::path::Path;

use swc_core::atoms::Atom;
use swc_core::common::{sync::Lrc, FileName, SourceMap, DUMMY_SP};
use swc_core::ecma::ast::*;
use swc_core::ecma::parser::{parse_file_as_module, Syntax, TsSyntax};
use swc_core::ecma::visit::{Visit, VisitMut, VisitMutWith, VisitWith};

use crate::dts::dependencies::{Signature, SignatureParam, Value};

/// A dependency's declaration file, parsed (None when it cannot be read or parsed).
pub(crate) fn parse_declaration_file(file: &Path) -> Option<Module> {
    let text = std::fs::read_to_string(file).ok()?;
    let cm = SourceMap::default();
    let fm = cm.new_source_file(Lrc::new(FileName::Real(file.to_path_buf())), text);
    // A workspace package's sources are read for their declarations' types as well.
    let name = file.to_string_lossy();
    let syntax = Syntax::Typescript(TsSyntax {
        dts: !crate::dts::dependencies::external::is_typescript_source(&name),
        tsx: name.ends_with(".tsx"),
        ..Default::default()
    });
    let mut module =
        parse_file_as_module(&fm, syntax, EsVersion::EsNext, None, &mut Vec::new()).ok()?;
    export_assigned_namespace(&mut module);
    named_default_exports(&mut module);
    Some(module)
}

/// `export default function makeStyles<...>(...)` (and a named default class): read as the
/// declaration `makeStyles` and `export default makeStyles;`, so the default export has a name
/// whose overloads and members are found like any other declaration's.
fn named_default_exports(module: &mut Module) {
    let mut named = Vec::new();
    for item in &mut module.body {
        let ModuleItem::ModuleDecl(ModuleDecl::ExportDefaultDecl(default)) = item else {
            continue;
        };
        let decl = match &default.decl {
            DefaultDecl::Fn(FnExpr {
                ident: Some(ident),
                function,
            }) => Decl::Fn(FnDecl {
                ident: ident.clone(),
                declare: true,
                function: function.clone(),
            }),
            DefaultDecl::Class(ClassExpr {
                ident: Some(ident),
                class,
            }) => Decl::Class(ClassDecl {
                ident: ident.clone(),
                declare: true,
                class: class.clone(),
            }),
            _ => continue,
        };
        let name = match &decl {
            Decl::Fn(f) => f.ident.clone(),
            Decl::Class(c) => c.ident.clone(),
            _ => continue,
        };
        *item = ModuleItem::Stmt(Stmt::Decl(decl));
        if !named.iter().any(|n: &Ident| n.sym == name.sym) {
            named.push(name);
        }
    }
    for name in named {
        module
            .body
            .push(ModuleItem::ModuleDecl(ModuleDecl::ExportDefaultExpr(
                ExportDefaultExpr {
                    span: DUMMY_SP,
                    expr: Box::new(Expr::Ident(name)),
                },
            )));
    }
}

/// `export = React;` with `declare namespace React { function useState<S>(...): ...; }`
/// (@types/react): the namespace's members are the module's exports, so they are read as the
/// file's own exported declarations.
fn export_assigned_namespace(module: &mut Module) {
    let assigned = module.body.iter().find_map(|item| match item {
        ModuleItem::ModuleDecl(ModuleDecl::TsExportAssignment(assignment)) => {
            assignment.expr.as_ident().map(|ident| ident.sym.clone())
        }
        _ => None,
    });
    let Some(assigned) = assigned else {
        return;
    };
    let mut members = Vec::new();
    for decl in top_level_decls(module) {
        let Decl::TsModule(namespace) = decl else {
            continue;
        };
        let (TsModuleName::Ident(name), Some(TsNamespaceBody::TsModuleBlock(block))) =
            (&namespace.id, &namespace.body)
        else {
            continue;
        };
        if name.sym != assigned {
            continue;
        }
        for item in &block.body {
            let decl = match item {
                ModuleItem::Stmt(Stmt::Decl(decl)) => decl.clone(),
                ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(export)) => export.decl.clone(),
                _ => continue,
            };
            members.push(ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(ExportDecl {
                span: DUMMY_SP,
                decl,
            })));
        }
    }
    module.body.extend(members);
}

pub(crate) fn top_level_decls(module: &Module) -> impl Iterator<Item = &Decl> {
    module.body.iter().filter_map(|item| match item {
        ModuleItem::Stmt(Stmt::Decl(decl)) => Some(decl),
        ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(export)) => Some(&export.decl),
        _ => None,
    })
}

pub(crate) fn declares(decl: &Decl, name: &str) -> bool {
    match decl {
        Decl::Fn(f) => f.ident.sym == name,
        Decl::Class(c) => c.ident.sym == name,
        Decl::TsInterface(i) => i.id.sym == name,
        Decl::TsTypeAlias(a) => a.id.sym == name,
        Decl::TsEnum(e) => e.id.sym == name,
        Decl::Var(var) => var
            .decls
            .iter()
            .any(|d| matches!(&d.name, Pat::Ident(b) if b.id.sym == name)),
        Decl::TsModule(namespace) => {
            matches!(&namespace.id, TsModuleName::Ident(id) if id.sym == name)
        }
        _ => false,
    }
}

/// Whether the module declares or imports anything called `name` at its top level (a namespace, a
/// re-export list and `declare global` included, so that only a name it cannot mean is a global).
pub(crate) fn binds_name(module: &Module, name: &str) -> bool {
    module.body.iter().any(|item| match item {
        ModuleItem::Stmt(Stmt::Decl(decl))
        | ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(ExportDecl { decl, .. })) => {
            declares(decl, name)
                || matches!(decl, Decl::TsModule(m) if match &m.id {
                    TsModuleName::Ident(id) => id.sym == name,
                    TsModuleName::Str(_) => false,
                })
        }
        ModuleItem::ModuleDecl(ModuleDecl::Import(import)) => {
            import.specifiers.iter().any(|specifier| match specifier {
                ImportSpecifier::Named(named) => named.local.sym == name,
                ImportSpecifier::Default(default) => default.local.sym == name,
                ImportSpecifier::Namespace(namespace) => namespace.local.sym == name,
            })
        }
        ModuleItem::ModuleDecl(ModuleDecl::TsImportEquals(import)) => import.id.sym == name,
        _ => false,
    })
}

pub(crate) fn find_class<'m>(module: &'m Module, name: &str) -> Option<&'m Class> {
    top_level_decls(module).find_map(|decl| match decl {
        Decl::Class(c) if c.ident.sym == name => Some(&*c.class),
        _ => None,
    })
}

pub(crate) fn key_is(key: &PropName, name: &str) -> bool {
    match key {
        PropName::Ident(ident) => ident.sym == name,
        PropName::Str(s) => s.value.as_str() == Some(name),
        _ => false,
    }
}

/// A class's own member `name` (static or instance): a property's type, or its methods as a type
/// literal of call signatures (one per overload).
pub(crate) fn class_member(
    file: &Path,
    class: &Class,
    name: &str,
    is_static: bool,
) -> Option<Value> {
    let mut calls = Vec::new();
    for member in &class.body {
        match member {
            ClassMember::ClassProp(prop)
                if prop.is_static == is_static && key_is(&prop.key, name) =>
            {
                let ty = prop.type_ann.as_ref()?.type_ann.clone();
                return Some(Value::Typed(file.to_path_buf(), ty));
            }
            ClassMember::Method(method)
                if method.is_static == is_static
                    && method.kind == MethodKind::Method
                    && key_is(&method.key, name) =>
            {
                calls.push(TsTypeElement::TsCallSignatureDecl(TsCallSignatureDecl {
                    span: DUMMY_SP,
                    params: method
                        .function
                        .params
                        .iter()
                        .filter_map(|p| fn_param(&p.pat))
                        .collect(),
                    type_ann: method.function.return_type.clone(),
                    type_params: method.function.type_params.clone(),
                }));
            }
            _ => {}
        }
    }
    (!calls.is_empty()).then(|| call_signatures(file, calls))
}

/// A type literal's or interface's member `name`.
pub(crate) fn members_value(file: &Path, members: &[TsTypeElement], name: &str) -> Option<Value> {
    let mut calls = Vec::new();
    for member in members {
        match member {
            TsTypeElement::TsPropertySignature(prop) if prop_key_is(&prop.key, name) => {
                let ty = prop.type_ann.as_ref()?.type_ann.clone();
                return Some(Value::Typed(file.to_path_buf(), ty));
            }
            TsTypeElement::TsMethodSignature(method) if prop_key_is(&method.key, name) => {
                calls.push(TsTypeElement::TsCallSignatureDecl(TsCallSignatureDecl {
                    span: DUMMY_SP,
                    params: method.params.clone(),
                    type_ann: method.type_ann.clone(),
                    type_params: method.type_params.clone(),
                }));
            }
            _ => {}
        }
    }
    (!calls.is_empty()).then(|| call_signatures(file, calls))
}

pub(crate) fn prop_key_is(key: &Expr, name: &str) -> bool {
    match key {
        Expr::Ident(ident) => ident.sym == name,
        Expr::Lit(Lit::Str(s)) => s.value.as_str() == Some(name),
        _ => false,
    }
}

pub(crate) fn call_signatures(file: &Path, members: Vec<TsTypeElement>) -> Value {
    Value::Typed(
        file.to_path_buf(),
        Box::new(TsType::TsTypeLit(TsTypeLit {
            span: DUMMY_SP,
            members,
        })),
    )
}

pub(crate) fn fn_param(pat: &Pat) -> Option<TsFnParam> {
    match pat {
        Pat::Ident(binding) => Some(TsFnParam::Ident(binding.clone())),
        Pat::Rest(rest) => Some(TsFnParam::Rest(rest.clone())),
        Pat::Object(object) => Some(TsFnParam::Object(object.clone())),
        Pat::Array(array) => Some(TsFnParam::Array(array.clone())),
        // `x: T = value` in a source file: an optional parameter of type T.
        Pat::Assign(assign) => match fn_param(&assign.left)? {
            TsFnParam::Ident(mut binding) => {
                binding.id.optional = true;
                Some(TsFnParam::Ident(binding))
            }
            TsFnParam::Object(mut object) => {
                object.optional = true;
                Some(TsFnParam::Object(object))
            }
            TsFnParam::Array(mut array) => {
                array.optional = true;
                Some(TsFnParam::Array(array))
            }
            TsFnParam::Rest(_) => None,
        },
        _ => None,
    }
}

/// The module's own generic function `functions` (its overloads, or its one declaration) as a
/// value with their call signatures. `file` names nothing on disk: type aliases in the signatures
/// are not looked up (the module's text may be newer than any file read).
pub fn local_functions_value(functions: &[&Function]) -> Value {
    let calls = functions
        .iter()
        .map(|function| {
            TsTypeElement::TsCallSignatureDecl(TsCallSignatureDecl {
                span: DUMMY_SP,
                params: function
                    .params
                    .iter()
                    .filter_map(|p| fn_param(&p.pat))
                    .collect(),
                type_ann: function.return_type.clone(),
                type_params: function.type_params.clone(),
            })
        })
        .collect();
    call_signatures(Path::new("<the module itself>"), calls)
}

pub(crate) fn signature_of_function<'p>(
    file: &Path,
    type_params: &Option<Box<TsTypeParamDecl>>,
    params: impl Iterator<Item = &'p Pat>,
    returns: &Option<Box<TsTypeAnn>>,
) -> Signature {
    let params: Vec<TsFnParam> = params.filter_map(fn_param).collect();
    signature_of_fn_type(file, type_params, &params, returns.as_deref())
}

pub(crate) fn signature_of_fn_type(
    file: &Path,
    type_params: &Option<Box<TsTypeParamDecl>>,
    params: &[TsFnParam],
    returns: Option<&TsTypeAnn>,
) -> Signature {
    Signature {
        file: file.to_path_buf(),
        type_params: type_params
            .as_ref()
            .map(|decl| decl.params.clone())
            .unwrap_or_default(),
        params: params
            .iter()
            .map(|param| match param {
                TsFnParam::Ident(binding) => SignatureParam {
                    ty: binding.type_ann.as_ref().map(|a| a.type_ann.clone()),
                    optional: binding.optional,
                    rest: false,
                },
                TsFnParam::Rest(rest) => SignatureParam {
                    ty: rest.type_ann.as_ref().map(|a| a.type_ann.clone()),
                    optional: true,
                    rest: true,
                },
                TsFnParam::Object(object) => SignatureParam {
                    ty: object.type_ann.as_ref().map(|a| a.type_ann.clone()),
                    optional: object.optional,
                    rest: false,
                },
                TsFnParam::Array(array) => SignatureParam {
                    ty: array.type_ann.as_ref().map(|a| a.type_ann.clone()),
                    optional: array.optional,
                    rest: false,
                },
            })
            .collect(),
        returns: returns.map(|ann| ann.type_ann.clone()),
    }
}

/// The name written for a type parameter of a generic class, interface or alias that a member's
/// type mentions where the instance's type arguments are not known (`ZodObject<T, ...>`'s
/// `passthrough()` read off a `ZodObject` whose `T` the call that made it inferred). A type that
/// mentions it cannot be written in a consumer's declarations.
pub const UNBOUND_TYPE_PARAM: &str = "__PlugbuildUnboundTypeParam";

/// A member `found` on an instance of a declaration with `params`: each type parameter its type
/// mentions replaced by the instance's type argument (`args`, written in the declaration's file),
/// else its default when that names no other type parameter, else `UNBOUND_TYPE_PARAM`. A type
/// parameter of the member's own signatures with the same name keeps it.
pub(crate) fn bind_type_params(
    found: Value,
    params: Option<&TsTypeParamDecl>,
    args: Option<&[Box<TsType>]>,
) -> Value {
    let (Some(params), Value::Typed(file, ty)) = (params, &found) else {
        return found;
    };
    let (file, mut ty) = (file.clone(), ty.clone());
    let names: Vec<Atom> = params.params.iter().map(|p| p.name.sym.clone()).collect();
    let mut own = OwnTypeParams(Vec::new());
    ty.visit_with(&mut own);
    let unbound = || {
        Box::new(TsType::TsTypeRef(TsTypeRef {
            span: DUMMY_SP,
            type_name: TsEntityName::Ident(Ident::new_no_ctxt(UNBOUND_TYPE_PARAM.into(), DUMMY_SP)),
            type_params: None,
        }))
    };
    let mut known = HashMap::new();
    for (index, param) in params.params.iter().enumerate() {
        if own.0.contains(&param.name.sym) {
            continue;
        }
        let given = args.and_then(|args| args.get(index)).cloned();
        let default = param.default.clone().filter(|d| {
            let mut mentioned = Vec::new();
            d.visit_with(&mut ReferencedNames(&mut mentioned));
            !mentioned.iter().any(|name| names.contains(name))
        });
        known.insert(
            param.name.sym.clone(),
            given.or(default).unwrap_or_else(unbound),
        );
    }
    ty.visit_mut_with(&mut BindTypeParams(&known));
    Value::Typed(file, ty)
}

/// The names of the type parameters declared within a type.
struct OwnTypeParams(Vec<Atom>);

impl Visit for OwnTypeParams {
    fn visit_ts_type_param(&mut self, param: &TsTypeParam) {
        self.0.push(param.name.sym.clone());
        param.visit_children_with(self);
    }
}

/// The names a type refers to by a plain identifier.
struct ReferencedNames<'a>(&'a mut Vec<Atom>);

impl Visit for ReferencedNames<'_> {
    fn visit_ts_type_ref(&mut self, reference: &TsTypeRef) {
        if let TsEntityName::Ident(name) = &reference.type_name {
            self.0.push(name.sym.clone());
        }
        reference.visit_children_with(self);
    }
}

/// `ty` with the type parameters `params` replaced by `args` (a missing one is kept).
pub(crate) fn substitute_type_params(
    ty: &TsType,
    params: &TsTypeParamDecl,
    args: &[Box<TsType>],
) -> Box<TsType> {
    let known: HashMap<Atom, Box<TsType>> = params
        .params
        .iter()
        .zip(args)
        .map(|(param, arg)| (param.name.sym.clone(), arg.clone()))
        .collect();
    let mut ty = Box::new(ty.clone());
    ty.visit_mut_with(&mut BindTypeParams(&known));
    ty
}

struct BindTypeParams<'a>(&'a HashMap<Atom, Box<TsType>>);

impl VisitMut for BindTypeParams<'_> {
    fn visit_mut_ts_type(&mut self, ty: &mut TsType) {
        if let TsType::TsTypeRef(TsTypeRef {
            type_name: TsEntityName::Ident(name),
            type_params: None,
            ..
        }) = ty
        {
            if let Some(value) = self.0.get(&name.sym) {
                *ty = (**value).clone();
                return;
            }
        }
        ty.visit_mut_children_with(self);
    }
}
