//! A dependency's type, written where a consumer module can name it, as tsc writes a call's return
//! type when nothing is left to infer: `createBackendPlugin({...})` is
//! `import("@backstage/backend-plugin-api").BackendFeature`, not a helper over `typeof` the callee.
//!
//! The type is read in the scope of the dependency's declaration file. Each name it uses must be a
//! global (the file neither declares nor imports it: `Promise`, `Record`), a type parameter the
//! caller's explicit type arguments fill in, a parameter of a function type within it, or the same
//! declaration that the package the consumer imports from exports under that name; that name is
//! then written `import("pkg").Name`, or as the consumer's own import of it. Anything else
//! (`typeof`, `this`, conditional and mapped types, a name the package does not export) leaves the
//! call to the helper, which the consumer's checker resolves.

use std::collections::HashMap;
use std::path::Path;

use swc_core::atoms::Atom;
use swc_core::common::DUMMY_SP;
use swc_core::ecma::ast::*;
use swc_core::ecma::visit::{VisitMut, VisitMutWith};

use crate::dts::dependencies::{DependencyTypes, NameOrigin, Signature};
use crate::dts::infer::argument_types::mentions;
use crate::dts::infer::scope::DependencyContext;
use crate::dts::infer::type_arg_defaults::{is_never, mapped_over_literals, string_literals};
use crate::dts::infer::type_arg_places::Subst;
use crate::dts::type_nodes::{import_type, DoubleQuoted};

/// Where a type is read and where it is written.
pub(crate) struct Portability<'a> {
    pub types: &'a DependencyTypes,
    /// The declaration file the type is written in.
    pub file: &'a Path,
    /// The consumer module's folder and the package specifier it imports the callee from.
    pub dir: &'a Path,
    pub specifier: &'a str,
    /// The consumer's own imports: (specifier, imported name; `*` for a namespace) -> local binding.
    pub imported: HashMap<(String, Atom), Ident>,
    /// The signature's type parameters, by name, with the types the call gives them.
    pub substitutions: HashMap<Atom, Box<TsType>>,
    /// Conditional and mapped types the call does not decide are kept, for the consumer's checker
    /// to compute (`conditional_calls`), rather than failing the type.
    pub keep_computed: bool,
    /// The receiver's type, written in the consumer's scope, for `this` in a method's types.
    pub this_type: Option<Box<TsType>>,
}

impl<'a> Portability<'a> {
    /// A signature's types, written in the consumer module `context` describes, which imports the
    /// callee from `specifier`; no substitutions yet.
    pub(crate) fn for_signature(
        context: &'a DependencyContext,
        signature: &'a Signature,
        specifier: &'a str,
    ) -> Portability<'a> {
        let imported = context
            .imports
            .iter()
            .map(|((sym, ctxt), (from, name))| {
                let local = Ident::new(sym.clone(), DUMMY_SP, *ctxt);
                ((from.clone(), name.clone()), local)
            })
            .collect();
        Portability {
            types: &context.types,
            file: &signature.file,
            dir: &context.dir,
            specifier,
            imported,
            substitutions: HashMap::new(),
            keep_computed: false,
            this_type: None,
        }
    }
}

/// `ty` as the consumer module can write it, or None.
pub(crate) fn portable_type(portability: &Portability, ty: &TsType) -> Option<Box<TsType>> {
    let mut rewriter = Rewriter {
        portability,
        bound: Vec::new(),
        failed: false,
    };
    let mut ty = Box::new(ty.clone());
    ty.visit_mut_with(&mut rewriter);
    (!rewriter.failed).then_some(ty)
}

struct Rewriter<'p, 'a> {
    portability: &'p Portability<'a>,
    /// Type parameters of function types within the type, in scope where they are declared.
    bound: Vec<Atom>,
    failed: bool,
}

impl Rewriter<'_, '_> {
    /// The reference `name<args>` rewritten, or None to keep it as it is.
    fn rewrite_reference(&mut self, reference: &TsTypeRef) -> Option<TsType> {
        let root = root_ident(&reference.type_name);
        if self.bound.contains(&root.sym) {
            return None;
        }
        if &*root.sym == crate::dts::dependencies::UNBOUND_TYPE_PARAM {
            self.failed = true;
            return None;
        }
        let p = self.portability;
        if let (TsEntityName::Ident(_), Some(substitute)) =
            (&reference.type_name, p.substitutions.get(&root.sym))
        {
            // Written in the consumer's scope already: only printed as tsc prints it.
            let mut substitute = substitute.clone();
            substitute.visit_mut_with(&mut DoubleQuoted);
            return Some(*substitute);
        }
        match p.types.name_origin(p.file, &root.sym, p.dir, p.specifier) {
            NameOrigin::Global => None,
            NameOrigin::Exported => {
                let key = (p.specifier.to_string(), root.sym.clone());
                if let Some(local) = p.imported.get(&key) {
                    return Some(renamed_root(reference, local));
                }
                let qualifier = Some(without_context(reference.type_name.clone()));
                Some(*import_type(
                    p.specifier,
                    qualifier,
                    reference.type_params.clone(),
                ))
            }
            NameOrigin::Package(specifier, imported) => {
                // The consumer's own import of the same name (or namespace) from that package.
                let key = (
                    specifier.clone(),
                    imported.clone().unwrap_or_else(|| "*".into()),
                );
                if let Some(local) = p.imported.get(&key) {
                    return Some(renamed_root(reference, local));
                }
                // `ns.Widget` of a namespace import, where the consumer imports `Widget` itself.
                if let (None, TsEntityName::TsQualifiedName(qualified)) =
                    (&imported, &reference.type_name)
                {
                    let key = (specifier.clone(), qualified.right.sym.clone());
                    if let (TsEntityName::Ident(_), Some(local)) =
                        (&qualified.left, p.imported.get(&key))
                    {
                        return Some(TsType::TsTypeRef(TsTypeRef {
                            span: DUMMY_SP,
                            type_name: TsEntityName::Ident(local.clone()),
                            type_params: reference.type_params.clone(),
                        }));
                    }
                }
                let qualifier = match imported {
                    Some(imported) => {
                        let mut name = without_context(reference.type_name.clone());
                        root_ident_mut(&mut name).sym = imported;
                        Some(name)
                    }
                    // `ns.A.B` -> `import("pkg").A.B`; `ns` alone is not a type.
                    None => match &reference.type_name {
                        TsEntityName::TsQualifiedName(qualified) => {
                            Some(without_root(qualified).map(without_context)?)
                        }
                        _ => {
                            self.failed = true;
                            return None;
                        }
                    },
                };
                Some(*import_type(
                    &specifier,
                    qualifier,
                    reference.type_params.clone(),
                ))
            }
            NameOrigin::Other => {
                self.failed = true;
                None
            }
        }
    }

    /// The branch a conditional type takes when the call decides it: `keyof Props extends never`
    /// with `Props` given an object type literal (MUI's `makeStyles` returns `(props?: any) => ...`
    /// when its styles take no props).
    fn evaluate(&self, conditional: &TsConditionalType) -> Option<TsType> {
        if let Some(branch) = self.evaluate_never_test(conditional) {
            return Some(branch);
        }
        let is_never = matches!(&*conditional.extends_type,
            TsType::TsKeywordType(k) if k.kind == TsKeywordTypeKind::TsNeverKeyword);
        let TsType::TsTypeOperator(TsTypeOperator {
            op: TsTypeOperatorOp::KeyOf,
            type_ann,
            ..
        }) = &*conditional.check_type
        else {
            return None;
        };
        let TsType::TsTypeRef(TsTypeRef {
            type_name: TsEntityName::Ident(name),
            type_params: None,
            ..
        }) = &**type_ann
        else {
            return None;
        };
        let given = self.portability.substitutions.get(&name.sym)?;
        let TsType::TsTypeLit(literal) = &**given else {
            return None;
        };
        // The keys of a literal of property and method signatures are never only when it has none.
        let named_members = literal.members.iter().all(|m| {
            matches!(
                m,
                TsTypeElement::TsPropertySignature(_) | TsTypeElement::TsMethodSignature(_)
            )
        });
        if !is_never || !named_members {
            return None;
        }
        let branch = if literal.members.is_empty() {
            &conditional.true_type
        } else {
            &conditional.false_type
        };
        Some((**branch).clone())
    }

    /// `[K] extends [never] ? A : B` with `K` given `never` (A) or string literal types (B), as
    /// `createRouteRef`'s result tests its parameter keys.
    fn evaluate_never_test(&self, conditional: &TsConditionalType) -> Option<TsType> {
        let (TsType::TsTupleType(check), TsType::TsTupleType(extends)) =
            (&*conditional.check_type, &*conditional.extends_type)
        else {
            return None;
        };
        let ([checked], [against]) = (&check.elem_types[..], &extends.elem_types[..]) else {
            return None;
        };
        if !is_never(&against.ty) {
            return None;
        }
        let given = self.given(&checked.ty)?;
        let branch = if is_never(given) {
            &conditional.true_type
        } else {
            string_literals(given)?;
            &conditional.false_type
        };
        Some((**branch).clone())
    }

    /// The type argument the call gives, when `ty` names one of the signature's type parameters.
    fn given(&self, ty: &TsType) -> Option<&TsType> {
        let TsType::TsTypeRef(TsTypeRef {
            type_name: TsEntityName::Ident(name),
            type_params: None,
            ..
        }) = ty
        else {
            return None;
        };
        self.portability
            .substitutions
            .get(&name.sym)
            .map(|given| &**given)
    }

    /// `{ [param in K]: string }` with `K` given string literal types: `{ a: string; b: string }`,
    /// its properties in the order the call gave the keys (the checker's own order for a union
    /// is that of the literal types' creation).
    fn mapped_over_given(&self, mapped: &TsMappedType) -> Option<TsType> {
        let given = self.given(mapped.type_param.constraint.as_deref()?)?;
        let mut instantiated = mapped.clone();
        instantiated.type_param.constraint = Some(Box::new(given.clone()));
        let members = mapped_over_literals(&instantiated)?;
        Some(TsType::TsTypeLit(TsTypeLit {
            span: DUMMY_SP,
            members,
        }))
    }

    /// A conditional type kept as written: the names its `infer`s bind are in scope in its
    /// `extends` clause and its true branch.
    fn keep_conditional(&mut self, conditional: &mut TsConditionalType) {
        conditional.check_type.visit_mut_with(self);
        let mut inferred = InferNames(Vec::new());
        swc_core::ecma::visit::VisitWith::visit_with(&*conditional.extends_type, &mut inferred);
        let bound = TsTypeParamDecl {
            span: DUMMY_SP,
            params: inferred.0,
        };
        self.with_bound(Some(&bound), |this| {
            conditional.extends_type.visit_mut_with(this);
            conditional.true_type.visit_mut_with(this);
        });
        conditional.false_type.visit_mut_with(self);
    }

    fn with_bound(&mut self, params: Option<&TsTypeParamDecl>, f: impl FnOnce(&mut Self)) {
        let before = self.bound.len();
        if let Some(params) = params {
            self.bound
                .extend(params.params.iter().map(|p| p.name.sym.clone()));
        }
        f(self);
        self.bound.truncate(before);
    }
}

impl VisitMut for Rewriter<'_, '_> {
    fn visit_mut_ts_type(&mut self, n: &mut TsType) {
        if self.failed {
            return;
        }
        match n {
            TsType::TsThisType(_) => match &self.portability.this_type {
                Some(receiver) => {
                    *n = TsType::TsParenthesizedType(TsParenthesizedType {
                        span: DUMMY_SP,
                        type_ann: receiver.clone(),
                    })
                }
                None => self.failed = true,
            },
            TsType::TsTypeRef(reference) => {
                // Type arguments first: they are written in the same scope.
                reference.type_params.visit_mut_with(self);
                if let Some(rewritten) = self.rewrite_reference(reference) {
                    *n = rewritten;
                }
            }
            TsType::TsConditionalType(conditional) => match self.evaluate(conditional) {
                Some(branch) => {
                    *n = branch;
                    self.visit_mut_ts_type(n);
                }
                None if self.portability.keep_computed => self.keep_conditional(conditional),
                None => self.failed = true,
            },
            TsType::TsMappedType(mapped) => match self.mapped_over_given(mapped) {
                Some(literal) => {
                    *n = literal;
                    self.visit_mut_ts_type(n);
                }
                None if self.portability.keep_computed => {
                    let bound = TsTypeParamDecl {
                        span: DUMMY_SP,
                        params: vec![mapped.type_param.clone()],
                    };
                    mapped.type_param.constraint.visit_mut_with(self);
                    self.with_bound(Some(&bound), |this| {
                        mapped.name_type.visit_mut_with(this);
                        mapped.type_ann.visit_mut_with(this);
                    });
                }
                None => self.failed = true,
            },
            TsType::TsInferType(infer) if self.portability.keep_computed => {
                infer.type_param.constraint.visit_mut_with(self);
            }
            TsType::TsTypeQuery(_) | TsType::TsInferType(_) | TsType::TsTypePredicate(_) => {
                self.failed = true
            }
            TsType::TsImportType(import) => {
                if import.arg.value.starts_with(".") {
                    self.failed = true;
                } else {
                    import.type_args.visit_mut_with(self);
                }
            }
            _ => n.visit_mut_children_with(self),
        }
    }

    fn visit_mut_ts_fn_type(&mut self, n: &mut TsFnType) {
        let params = n.type_params.clone();
        self.with_bound(params.as_deref(), |this| {
            n.params.visit_mut_with(this);
            n.type_ann.visit_mut_with(this);
        });
    }

    fn visit_mut_ts_constructor_type(&mut self, n: &mut TsConstructorType) {
        let params = n.type_params.clone();
        self.with_bound(params.as_deref(), |this| {
            n.params.visit_mut_with(this);
            n.type_ann.visit_mut_with(this);
        });
    }

    fn visit_mut_ts_method_signature(&mut self, n: &mut TsMethodSignature) {
        let params = n.type_params.clone();
        self.with_bound(params.as_deref(), |this| {
            n.params.visit_mut_with(this);
            n.type_ann.visit_mut_with(this);
        });
    }

    fn visit_mut_ts_call_signature_decl(&mut self, n: &mut TsCallSignatureDecl) {
        let params = n.type_params.clone();
        self.with_bound(params.as_deref(), |this| {
            n.params.visit_mut_with(this);
            n.type_ann.visit_mut_with(this);
        });
    }

    fn visit_mut_ts_lit(&mut self, n: &mut TsLit) {
        n.visit_mut_with(&mut DoubleQuoted);
    }

    // A computed key names a value in the dependency's scope.
    fn visit_mut_ts_property_signature(&mut self, n: &mut TsPropertySignature) {
        if n.computed {
            self.failed = true;
        }
        n.type_ann.visit_mut_with(self);
    }
}

/// The type parameters `infer` declares in a conditional type's `extends` clause.
struct InferNames(Vec<TsTypeParam>);

impl swc_core::ecma::visit::Visit for InferNames {
    fn visit_ts_infer_type(&mut self, n: &TsInferType) {
        self.0.push(n.type_param.clone());
    }
}

/// `reference` with its first name replaced by the consumer's binding `local`.
fn renamed_root(reference: &TsTypeRef, local: &Ident) -> TsType {
    let mut renamed = reference.clone();
    *root_ident_mut(&mut renamed.type_name) = local.clone();
    TsType::TsTypeRef(renamed)
}

/// `a.b.c` without its first name: `b.c`.
fn without_root(qualified: &TsQualifiedName) -> Option<TsEntityName> {
    let right = Ident::new_no_ctxt(qualified.right.sym.clone(), DUMMY_SP);
    match &qualified.left {
        TsEntityName::Ident(_) => Some(TsEntityName::Ident(right)),
        TsEntityName::TsQualifiedName(inner) => {
            Some(TsEntityName::TsQualifiedName(Box::new(TsQualifiedName {
                span: DUMMY_SP,
                left: without_root(inner)?,
                right: qualified.right.clone(),
            })))
        }
        #[allow(unreachable_patterns)]
        _ => None,
    }
}

fn root_ident(name: &TsEntityName) -> &Ident {
    match name {
        TsEntityName::Ident(ident) => ident,
        TsEntityName::TsQualifiedName(qualified) => root_ident(&qualified.left),
        #[allow(unreachable_patterns)]
        _ => unreachable!("an entity name is an identifier or qualified"),
    }
}

fn root_ident_mut(name: &mut TsEntityName) -> &mut Ident {
    match name {
        TsEntityName::Ident(ident) => ident,
        TsEntityName::TsQualifiedName(qualified) => root_ident_mut(&mut qualified.left),
        #[allow(unreachable_patterns)]
        _ => unreachable!("an entity name is an identifier or qualified"),
    }
}

/// The name with no syntax context: in `import("pkg").Name` it names the package's export, not a
/// binding of the consumer module the roll-up could rename.
fn without_context(mut name: TsEntityName) -> TsEntityName {
    let root = root_ident_mut(&mut name);
    *root = Ident::new_no_ctxt(root.sym.clone(), DUMMY_SP);
    name
}

/// The type of `callee(args)` read off the dependency's declaration, when the call leaves nothing
/// to infer: one overload accepts as many arguments, and it is not generic or the call gives its
/// type arguments (a missing one taking its default). None leaves the call to the caller.
/// `signatures` are the callee's, as `type_args` read them.
pub(crate) fn declared_call_type(
    call: &CallExpr,
    callee: &Expr,
    context: &DependencyContext,
    signatures: &[Signature],
) -> Option<Box<TsType>> {
    let signature = fitting_overload(context, call, signatures)?;
    let explicit: &[Box<TsType>] = call.type_args.as_ref().map_or(&[], |a| &a.params);
    if explicit.is_empty() && !signature.type_params.is_empty() {
        return None;
    }
    let explicit: Vec<Option<Box<TsType>>> = explicit.iter().cloned().map(Some).collect();
    instantiated_return_type(callee, context, signature, &explicit)
}

/// The one overload that accepts the call's arguments as far as their count and object literals
/// tell, or None.
pub(crate) fn fitting_overload<'s>(
    context: &DependencyContext,
    call: &CallExpr,
    signatures: &'s [Signature],
) -> Option<&'s Signature> {
    // With more than one overload, tsc first tries each against the arguments by the subtype
    // relation (see `lacks_optional_properties`).
    let subtype_pass = signatures.len() > 1;
    let mut matching = signatures.iter().filter(|s| {
        s.accepts(call.args.len()) && fits_object_arguments(context, s, &call.args, subtype_pass)
    });
    match (matching.next(), matching.next()) {
        (Some(signature), None) => Some(signature),
        _ => None,
    }
}

/// `signature`'s return type with its type parameters given `type_args` (types written in the
/// consumer's scope: explicit ones, or what the call's arguments infer; a missing one takes its
/// default, or its constraint), as the consumer module can write it. None when a name cannot be
/// written.
pub(crate) fn instantiated_return_type(
    callee: &Expr,
    context: &DependencyContext,
    signature: &Signature,
    type_args: &[Option<Box<TsType>>],
) -> Option<Box<TsType>> {
    let specifier = package_specifier(context, callee)?;
    let returns = signature.returns.as_deref()?;
    if type_args.len() > signature.type_params.len() {
        return None;
    }
    let mut portability = Portability::for_signature(context, signature, specifier);
    // `or(option: T): ZodUnion<[this, T]>`: the receiver's type.
    if let (Expr::Member(member), true) = (callee, mentions_this(returns)) {
        portability.this_type = Some(crate::dts::infer::infer_expr(&member.obj, false)?);
    }
    let mut substitutions: HashMap<Atom, Box<TsType>> =
        crate::dts::infer::type_args::receiver_type_args(context, callee)
            .into_iter()
            .collect();
    for (index, param) in signature.type_params.iter().enumerate() {
        let ty = match type_args.get(index).cloned().flatten() {
            Some(ty) => ty,
            // Only what the return type needs: `makeStyles`'s `Theme` defaults to a name its
            // declaration file imports from a sibling file.
            None if !mentions(
                returns,
                &HashMap::from([(param.name.sym.clone(), Subst::Mentions)]),
            ) =>
            {
                continue
            }
            None => {
                let declared = param.default.as_deref().or(param.constraint.as_deref())?;
                portable_type(&portability, declared)?
            }
        };
        substitutions.insert(param.name.sym.clone(), ty);
    }
    portability.substitutions = substitutions;
    portable_type(&portability, returns)
}

/// Whether a type mentions `this`.
fn mentions_this(ty: &TsType) -> bool {
    struct ThisFinder(bool);
    impl swc_core::ecma::visit::Visit for ThisFinder {
        fn visit_ts_this_type(&mut self, _: &TsThisType) {
            self.0 = true;
        }
    }
    let mut finder = ThisFinder(false);
    swc_core::ecma::visit::VisitWith::visit_with(ty, &mut finder);
    finder.0
}

/// Whether the object literals among the arguments can be the overload's parameters where those are
/// written as type literals: every required property given, none that the type does not have (tsc
/// rejects an overload for either). Anything else is left to fit.
/// A parameter typed with an alias is read through it; a conditional type (`TRef extends ... ?
/// { ... } : never`) as its first branch, an intersection as each of its members, a union as any.
fn fits_object_arguments(
    context: &DependencyContext,
    signature: &Signature,
    args: &[ExprOrSpread],
    subtype_pass: bool,
) -> bool {
    args.iter().zip(&signature.params).all(|(arg, param)| {
        match (arg.expr.unwrap_parens(), param.ty.as_deref()) {
            (Expr::Arrow(_) | Expr::Fn(_), Some(ty)) if subtype_pass => {
                !has_optional_properties(context, &signature.file, ty, 0)
            }
            // A zod schema has none of the options' properties (`z.record(z.string(),
            // z.number())` is the overload of a key and a value schema, not of a value schema
            // and its options).
            (schema @ (Expr::Call(_) | Expr::Ident(_)), Some(ty))
                if subtype_pass
                    && !is_zod_schema_param(signature, ty)
                    && is_zod_schema(context, schema) =>
            {
                !has_optional_properties(context, &signature.file, ty, 0)
            }
            // A zod schema is never an object literal: `z.record(z.unknown(), { description })`
            // is the overload with one schema and its options.
            (Expr::Object(_), Some(ty)) if is_zod_schema_param(signature, ty) => false,
            (Expr::Object(object), Some(ty)) => {
                object_fits_type(context, &signature.file, object, ty, true, 0)
            }
            // A primitive literal is no array (`union(options, 'message')` is not the overload
            // of `union(options, pipe?: Pipe<...>)`).
            (Expr::Lit(Lit::Str(_) | Lit::Num(_) | Lit::Bool(_)), Some(ty)) => {
                !is_array_type(context, &signature.file, ty, 0)
            }
            _ => true,
        }
    })
}

/// Whether `ty` is written as an array or tuple type, also through aliases (`Pipe<T>`).
fn is_array_type(context: &DependencyContext, file: &Path, ty: &TsType, depth: usize) -> bool {
    if depth > 4 {
        return false;
    }
    match ty {
        TsType::TsArrayType(_) | TsType::TsTupleType(_) => true,
        TsType::TsParenthesizedType(inner) => {
            is_array_type(context, file, &inner.type_ann, depth + 1)
        }
        TsType::TsTypeOperator(TsTypeOperator {
            op: TsTypeOperatorOp::ReadOnly,
            type_ann,
            ..
        }) => is_array_type(context, file, type_ann, depth + 1),
        TsType::TsTypeRef(TsTypeRef {
            type_name: TsEntityName::Ident(name),
            ..
        }) => match &*name.sym {
            "Array" | "ReadonlyArray" => true,
            _ => context
                .types
                .type_alias(file, &name.sym)
                .is_some_and(|(declared_in, alias)| {
                    is_array_type(context, &declared_in, &alias.type_ann, depth + 1)
                }),
        },
        _ => false,
    }
}

/// A zod builder chain, or a module-level name it initialises.
fn is_zod_schema(context: &DependencyContext, expr: &Expr) -> bool {
    let expr = match expr {
        Expr::Ident(ident) => match context.own_values.get(&ident.sym) {
            Some(init) => &**init,
            None => return false,
        },
        other => other,
    };
    crate::dts::infer::zod_schemas::zod_api(context, expr).is_some()
}

/// Whether `ty` is an object type with optional properties (`FunctionComponent<P>`'s
/// `displayName?`). In tsc's subtype pass over overloads, a function expression is not a subtype
/// of such a type: it lacks the optional properties, and only object literals may
/// (`React.memo(arrow)` is the overload of `T extends ComponentType<any>`, `MemoExoticComponent<T>`).
fn has_optional_properties(
    context: &DependencyContext,
    file: &Path,
    ty: &TsType,
    depth: usize,
) -> bool {
    let TsType::TsTypeRef(TsTypeRef {
        type_name: TsEntityName::Ident(name),
        ..
    }) = ty
    else {
        return false;
    };
    if depth > 4 {
        return false;
    }
    let declared = context
        .types
        .interface_alias(file, &name.sym)
        .or_else(|| context.types.type_alias(file, &name.sym));
    let Some((declared_in, alias)) = declared else {
        return false;
    };
    has_optional_members(context, &declared_in, &alias.type_ann, depth + 1)
}

/// Whether the type written for a declaration is an object type with optional properties, or a
/// union of such types, `null` and `undefined` (`RawCreateParams`, `{ ... } | undefined`).
fn has_optional_members(
    context: &DependencyContext,
    file: &Path,
    ty: &TsType,
    depth: usize,
) -> bool {
    match ty {
        TsType::TsTypeLit(shape) => shape
            .members
            .iter()
            .any(|member| matches!(member, TsTypeElement::TsPropertySignature(p) if p.optional)),
        TsType::TsUnionOrIntersectionType(TsUnionOrIntersectionType::TsUnionType(union)) => {
            let nullish = |t: &TsType| {
                matches!(t, TsType::TsKeywordType(k) if matches!(k.kind,
                    TsKeywordTypeKind::TsUndefinedKeyword | TsKeywordTypeKind::TsNullKeyword))
            };
            union.types.iter().any(|t| !nullish(t))
                && union
                    .types
                    .iter()
                    .all(|t| nullish(t) || has_optional_members(context, file, t, depth + 1))
        }
        other => has_optional_properties(context, file, other, depth),
    }
}

/// A parameter typed with one of the signature's type parameters constrained to a zod schema
/// (`Value extends ZodTypeAny`).
fn is_zod_schema_param(signature: &Signature, ty: &TsType) -> bool {
    let TsType::TsTypeRef(TsTypeRef {
        type_name: TsEntityName::Ident(name),
        type_params: None,
        ..
    }) = ty
    else {
        return false;
    };
    signature
        .type_params
        .iter()
        .find(|p| p.name.sym == name.sym)
        .and_then(|p| p.constraint.as_deref())
        .is_some_and(names_zod_type)
}

fn object_fits_type(
    context: &DependencyContext,
    file: &Path,
    object: &ObjectLit,
    ty: &TsType,
    exact: bool,
    depth: usize,
) -> bool {
    if depth > 4 {
        return true;
    }
    match ty {
        TsType::TsTypeLit(shape) => {
            object_fits_keys(object, shape, exact) && zod_schemas_fit(context, object, shape)
        }
        TsType::TsParenthesizedType(inner) => {
            object_fits_type(context, file, object, &inner.type_ann, exact, depth + 1)
        }
        TsType::TsTypeRef(TsTypeRef {
            type_name: TsEntityName::Ident(name),
            ..
        }) => match context.types.type_alias(file, &name.sym) {
            Some((alias_file, alias)) => object_fits_type(
                context,
                &alias_file,
                object,
                &alias.type_ann,
                exact,
                depth + 1,
            ),
            None => true,
        },
        TsType::TsConditionalType(conditional) => object_fits_type(
            context,
            file,
            object,
            &conditional.true_type,
            exact,
            depth + 1,
        ),
        TsType::TsUnionOrIntersectionType(TsUnionOrIntersectionType::TsIntersectionType(i)) => i
            .types
            .iter()
            .all(|t| object_fits_type(context, file, object, t, false, depth + 1)),
        TsType::TsUnionOrIntersectionType(TsUnionOrIntersectionType::TsUnionType(u)) => u
            .types
            .iter()
            .any(|t| object_fits_type(context, file, object, t, exact, depth + 1)),
        _ => true,
    }
}

/// Whether the zod 3 schemas an object literal gives are where the type literal has zod's types:
/// a zod 3 schema is not a `StandardJSONSchemaV1` (which `createPermissionRule`'s first overload
/// asks for), so tsc goes on to the overload with `z.ZodSchema<TParams>`.
pub(crate) fn zod_schemas_fit(
    context: &DependencyContext,
    object: &ObjectLit,
    shape: &TsTypeLit,
) -> bool {
    use crate::dts::infer::zod_schemas::{zod_api, ZodApi};
    object.props.iter().all(|prop| {
        let Some(Prop::KeyValue(KeyValueProp { key, value })) = prop.as_prop().map(|p| &**p) else {
            return true;
        };
        if zod_api(context, value) != Some(ZodApi::V3) {
            return true;
        }
        let Some(key) = crate::dts::infer::property_key(key)
            .and_then(|k| crate::dts::infer::argument_types::prop_key(&k))
        else {
            return true;
        };
        shape.members.iter().all(|member| {
            let TsTypeElement::TsPropertySignature(property) = member else {
                return true;
            };
            if signature_key(property).as_ref() != Some(&key) {
                return true;
            }
            property
                .type_ann
                .as_ref()
                .is_none_or(|ann| names_zod_type(&ann.type_ann))
        })
    })
}

/// `z.ZodSchema<T>`, `ZodType<T>`, `z.ZodTypeAny`: a type named as zod names its schemas.
fn names_zod_type(ty: &TsType) -> bool {
    crate::dts::infer::zod_schemas::referenced_name(ty)
        .is_some_and(|(name, _)| name.starts_with("Zod"))
}

/// Whether an object literal gives every required property of a type literal, and with `exact`,
/// none the type does not have (a member of an intersection is given the others' properties too).
pub(crate) fn object_fits_keys(object: &ObjectLit, shape: &TsTypeLit, exact: bool) -> bool {
    let Some(given) = object_keys(object) else {
        return true;
    };
    let mut declared = Vec::new();
    for member in &shape.members {
        let TsTypeElement::TsPropertySignature(property) = member else {
            // Index signatures, methods, call signatures: not read here.
            if !matches!(member, TsTypeElement::TsMethodSignature(_)) {
                return true;
            }
            continue;
        };
        let Some(key) = signature_key(property) else {
            return true;
        };
        if !property.optional && !given.contains(&key) {
            return false;
        }
        declared.push(key);
    }
    let methods = shape.members.iter().filter_map(|m| match m {
        TsTypeElement::TsMethodSignature(method) => static_key(&method.key),
        _ => None,
    });
    declared.extend(methods);
    !exact || given.iter().all(|key| declared.contains(key))
}

/// The keys an object literal gives, or None when a spread or computed key hides some.
fn object_keys(object: &ObjectLit) -> Option<Vec<Atom>> {
    object
        .props
        .iter()
        .map(|prop| {
            let PropOrSpread::Prop(prop) = prop else {
                return None;
            };
            let key = match &**prop {
                Prop::Shorthand(ident) => return Some(ident.sym.clone()),
                Prop::KeyValue(kv) => &kv.key,
                Prop::Method(method) => &method.key,
                Prop::Getter(getter) => &getter.key,
                Prop::Setter(setter) => &setter.key,
                Prop::Assign(_) => return None,
            };
            match key {
                PropName::Ident(ident) => Some(ident.sym.clone()),
                PropName::Str(text) => Some(text.value.to_string_lossy().into()),
                _ => None,
            }
        })
        .collect()
}

fn signature_key(property: &TsPropertySignature) -> Option<Atom> {
    if property.computed {
        return None;
    }
    static_key(&property.key)
}

fn static_key(key: &Expr) -> Option<Atom> {
    match key {
        Expr::Ident(ident) => Some(ident.sym.clone()),
        Expr::Lit(Lit::Str(text)) => Some(text.value.to_string_lossy().into()),
        _ => None,
    }
}

/// The module the callee comes from: the specifier its root name is imported from, a package's or
/// another module of the package's (`./hooks`, whose types are written `import("./hooks").Name`).
pub(crate) fn package_specifier<'c>(
    context: &'c DependencyContext,
    callee: &Expr,
) -> Option<&'c String> {
    let mut root = callee;
    loop {
        root = match root {
            Expr::Member(member) => member.obj.unwrap_parens(),
            // `createRef<T>().with(...)`: the package of the call that made the receiver.
            Expr::Call(call) => call.callee.as_expr()?.unwrap_parens(),
            _ => break,
        };
    }
    let Expr::Ident(ident) = root else {
        return None;
    };
    let Some((specifier, _)) = context.imports.get(&ident.to_id()) else {
        // A module's `const plugin = createPlugin(...)`: the package of its initialiser's callee.
        let init = context.own_values.get(&ident.sym)?;
        let Expr::Call(call) = init.unwrap_parens() else {
            return None;
        };
        return package_specifier(context, call.callee.as_expr()?.unwrap_parens());
    };
    Some(specifier)
}
