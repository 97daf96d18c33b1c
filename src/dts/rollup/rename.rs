//! The roll-up's renaming pass: every reference to a module's top-level name becomes that name's
//! name in the roll-up (pulling the declaration in), enum members keyed by constants are kept only
//! when writable, and calls of generic functions whose type arguments tsc would infer are reported.

use swc_core::atoms::Atom;
use swc_core::common::{SyntaxContext, DUMMY_SP};
use swc_core::ecma::ast::*;
use swc_core::ecma::visit::{Visit, VisitMut, VisitMutWith, VisitWith};

use crate::diagnostics;
use crate::dts::rollup::reprint::Answer;
use crate::dts::rollup::RollUpState;

/// Renames references to a module's top-level names to their names in the roll-up.
pub(crate) struct Renamer<'s, 'a> {
    pub(crate) state: &'s mut RollUpState<'a>,
    pub(crate) module: usize,
    pub(crate) ctxt: SyntaxContext,
    /// The questions asked of the roll-up, in order, with their answers (see `reprint`).
    pub(crate) answers: Vec<Answer>,
}

impl Renamer<'_, '_> {
    /// `__PlugbuildCall<typeof f, ...>` or `InstanceType<typeof C>` for one of the package's generic
    /// functions or classes, called without type arguments: tsc would infer them from the arguments,
    /// which cannot be written here. The type falls back to the constraints: say so at the call.
    fn check_inferred_type_arguments(&mut self, n: &TsType) {
        let Some((callee, has_arguments)) = crate::dts::facts::generic_calls::inferred_call(n)
        else {
            return;
        };
        let generic =
            self.state
                .leaves_type_arguments_inferred(self.module, &callee.sym, has_arguments);
        self.answers.push(Answer::InferredArguments {
            callee: callee.sym.clone(),
            has_arguments,
            inferred: generic,
        });
        if generic {
            if let Some(location) = self.state.location(callee.span) {
                self.state
                    .diagnostics
                    .push(diagnostics::inferred_type_arguments(location, &callee.sym));
            }
        }
    }

    /// `__PlugbuildWiden<typeof E.M>` -> `E` for one of the package's enums, else `typeof E.M`.
    fn widen(&mut self, n: &TsType) -> Option<TsType> {
        let TsType::TsTypeRef(reference) = n else {
            return None;
        };
        let TsEntityName::Ident(name) = &reference.type_name else {
            return None;
        };
        if &*name.sym != crate::dts::infer::WIDEN_HELPER {
            return None;
        }
        let query = reference.type_params.as_ref()?.params.first()?.clone();
        if let TsType::TsTypeQuery(TsTypeQuery {
            expr_name: TsTypeQueryExpr::TsEntityName(TsEntityName::TsQualifiedName(qualified)),
            ..
        }) = &*query
        {
            if let TsEntityName::Ident(container) = &qualified.left {
                let is_enum = self.state.refers_to_enum(self.module, &container.sym);
                self.answers.push(Answer::Enum {
                    container: container.sym.clone(),
                    is_enum,
                });
                if is_enum {
                    return Some(TsType::TsTypeRef(TsTypeRef {
                        span: DUMMY_SP,
                        type_name: TsEntityName::Ident(container.clone()),
                        type_params: None,
                    }));
                }
            }
        }
        Some(*query)
    }
}

impl VisitMut for Renamer<'_, '_> {
    fn visit_mut_ident(&mut self, ident: &mut Ident) {
        if ident.ctxt != self.ctxt && ident.ctxt != SyntaxContext::empty() {
            return;
        }
        let renamed = self.state.rename_reference(self.module, &ident.sym);
        self.answers.push(Answer::Name {
            reference: ident.sym.clone(),
            renamed: renamed.clone(),
        });
        if let Some(renamed) = renamed {
            ident.sym = renamed;
        }
    }

    // Property names in type literals and enum members are not references.
    fn visit_mut_ts_property_signature(&mut self, n: &mut TsPropertySignature) {
        if n.computed {
            n.key.visit_mut_with(self);
        }
        n.type_ann.visit_mut_with(self);
    }

    fn visit_mut_ts_method_signature(&mut self, n: &mut TsMethodSignature) {
        if n.computed {
            n.key.visit_mut_with(self);
        }
        n.params.visit_mut_with(self);
        n.type_params.visit_mut_with(self);
        n.type_ann.visit_mut_with(self);
    }

    fn visit_mut_ts_getter_signature(&mut self, n: &mut TsGetterSignature) {
        if n.computed {
            n.key.visit_mut_with(self);
        }
        n.type_ann.visit_mut_with(self);
    }

    fn visit_mut_ts_setter_signature(&mut self, n: &mut TsSetterSignature) {
        if n.computed {
            n.key.visit_mut_with(self);
        }
        n.param.visit_mut_with(self);
    }

    fn visit_mut_ts_type(&mut self, n: &mut TsType) {
        if let Some(widened) = self.widen(n) {
            *n = widened;
        }
        self.check_inferred_type_arguments(n);
        n.visit_mut_children_with(self);
    }

    // `import("pkg").A.B`: names in the package, not references to the module's.
    fn visit_mut_ts_import_type(&mut self, n: &mut TsImportType) {
        n.type_args.visit_mut_with(self);
    }

    fn visit_mut_ts_enum_member(&mut self, n: &mut TsEnumMember) {
        n.init.visit_mut_with(self);
    }

    fn visit_mut_ts_module_decl(&mut self, n: &mut TsModuleDecl) {
        // The names declared inside a namespace have their own scope; only its own name is renamed.
        if let TsModuleName::Ident(ident) = &mut n.id {
            self.visit_mut_ident(ident);
        }
        n.body.visit_mut_with(self);
    }
}

/// After renaming, a parameter of a signature may have the name an outer reference in the same
/// signature was renamed to (`(z: typeof zz) => ...` with the import `zz` now `z`: the parameter
/// would shadow it). Such a parameter is renamed (`z_1`), with its own references.
pub(crate) fn unshadow_parameters(stmt: &mut Stmt) {
    stmt.visit_mut_with(&mut Unshadow);
}

struct Unshadow;

impl VisitMut for Unshadow {
    fn visit_mut_ts_fn_type(&mut self, n: &mut TsFnType) {
        n.visit_mut_children_with(self);
        let params = fn_param_ids(&n.params);
        unshadow(n, params);
    }

    fn visit_mut_ts_constructor_type(&mut self, n: &mut TsConstructorType) {
        n.visit_mut_children_with(self);
        let params = fn_param_ids(&n.params);
        unshadow(n, params);
    }

    fn visit_mut_ts_call_signature_decl(&mut self, n: &mut TsCallSignatureDecl) {
        n.visit_mut_children_with(self);
        let params = fn_param_ids(&n.params);
        unshadow(n, params);
    }

    fn visit_mut_ts_construct_signature_decl(&mut self, n: &mut TsConstructSignatureDecl) {
        n.visit_mut_children_with(self);
        let params = fn_param_ids(&n.params);
        unshadow(n, params);
    }

    fn visit_mut_ts_method_signature(&mut self, n: &mut TsMethodSignature) {
        n.visit_mut_children_with(self);
        let params = fn_param_ids(&n.params);
        unshadow(n, params);
    }

    fn visit_mut_function(&mut self, n: &mut Function) {
        n.visit_mut_children_with(self);
        let params = n.params.iter().filter_map(|p| pat_id(&p.pat)).collect();
        unshadow(n, params);
    }
}

fn fn_param_ids(params: &[TsFnParam]) -> Vec<Id> {
    params
        .iter()
        .filter_map(|param| match param {
            TsFnParam::Ident(binding) => Some(binding.id.to_id()),
            TsFnParam::Rest(rest) => pat_id(&rest.arg),
            _ => None,
        })
        .collect()
}

fn pat_id(pat: &Pat) -> Option<Id> {
    match pat {
        Pat::Ident(binding) => Some(binding.id.to_id()),
        Pat::Rest(rest) => pat_id(&rest.arg),
        _ => None,
    }
}

fn unshadow<N>(node: &mut N, params: Vec<Id>)
where
    N: for<'a> VisitWith<IdentsIn<'a>> + VisitMutWith<RenameId>,
{
    if params.is_empty() {
        return;
    }
    let mut idents = Vec::new();
    node.visit_with(&mut IdentsIn(&mut idents));
    for (name, ctxt) in params {
        let shadows = idents.iter().any(|(s, c)| *s == name && *c != ctxt);
        if !shadows {
            continue;
        }
        let fresh = (1..)
            .map(|n| Atom::from(format!("{name}_{n}")))
            .find(|candidate| idents.iter().all(|(s, _)| s != candidate))
            .unwrap_or_else(|| name.clone());
        node.visit_mut_with(&mut RenameId {
            from: (name.clone(), ctxt),
            to: fresh.clone(),
        });
        idents.push((fresh, ctxt));
    }
}

struct IdentsIn<'a>(&'a mut Vec<Id>);

impl Visit for IdentsIn<'_> {
    fn visit_ident(&mut self, n: &Ident) {
        self.0.push(n.to_id());
    }

    // A member's name (`{ flag: boolean }`) is not a reference, unless it is computed.
    fn visit_ts_property_signature(&mut self, n: &TsPropertySignature) {
        if n.computed {
            n.key.visit_with(self);
        }
        n.type_ann.visit_with(self);
    }

    fn visit_ts_method_signature(&mut self, n: &TsMethodSignature) {
        if n.computed {
            n.key.visit_with(self);
        }
        n.type_params.visit_with(self);
        n.params.visit_with(self);
        n.type_ann.visit_with(self);
    }

    fn visit_ts_getter_signature(&mut self, n: &TsGetterSignature) {
        if n.computed {
            n.key.visit_with(self);
        }
        n.type_ann.visit_with(self);
    }

    fn visit_ts_setter_signature(&mut self, n: &TsSetterSignature) {
        if n.computed {
            n.key.visit_with(self);
        }
        n.param.visit_with(self);
    }
}

struct RenameId {
    from: Id,
    to: Atom,
}

impl VisitMut for RenameId {
    fn visit_mut_ident(&mut self, n: &mut Ident) {
        if n.sym == self.from.0 && n.ctxt == self.from.1 {
            n.sym = self.to.clone();
        }
    }
}
