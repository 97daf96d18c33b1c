//! Inferred types that name another module of the package by an import type
//! (`typeof import("./components/Page").Page`, from a dynamic import) become imports of that module:
//! `import { Page as __PlugbuildImport_Page } from "./components/Page"` and `typeof
//! __PlugbuildImport_Page`. The checker sees the same type, and the roll-up follows the import as it
//! follows the module's own, so `dist/index.d.ts` declares what the type needs.

use swc_core::atoms::Atom;
use swc_core::common::DUMMY_SP;
use swc_core::ecma::ast::*;
use swc_core::ecma::visit::{VisitMut, VisitMutWith};

/// Rewrites the module's relative `typeof import("./x")...` types into imports, added at its top.
pub(crate) fn import_relative_module_types(module: &mut Module) {
    let mut rewriter = Rewriter::default();
    for item in module.body.iter_mut() {
        if !matches!(item, ModuleItem::ModuleDecl(ModuleDecl::Import(_))) {
            item.visit_mut_with(&mut rewriter);
        }
    }
    let imports: Vec<ModuleItem> = rewriter.imports.into_iter().map(import_item).collect();
    module.body.splice(0..0, imports);
}

/// One module member (or the namespace, `None`) the declarations import, and its local name.
struct Imported {
    specifier: String,
    name: Option<Atom>,
    local: Atom,
}

fn import_item(imported: Imported) -> ModuleItem {
    let local = Ident::new_no_ctxt(imported.local, DUMMY_SP);
    let specifier = match imported.name {
        None => ImportSpecifier::Namespace(ImportStarAsSpecifier {
            span: DUMMY_SP,
            local,
        }),
        Some(name) => ImportSpecifier::Named(ImportNamedSpecifier {
            span: DUMMY_SP,
            local,
            imported: Some(ModuleExportName::Ident(Ident::new_no_ctxt(name, DUMMY_SP))),
            is_type_only: false,
        }),
    };
    ModuleItem::ModuleDecl(ModuleDecl::Import(ImportDecl {
        span: DUMMY_SP,
        specifiers: vec![specifier],
        src: Box::new(Str {
            span: DUMMY_SP,
            value: imported.specifier.as_str().into(),
            raw: None,
        }),
        type_only: false,
        with: None,
        phase: Default::default(),
    }))
}

#[derive(Default)]
struct Rewriter {
    imports: Vec<Imported>,
}

impl Rewriter {
    /// The local name for `name` (or the namespace) of the module `specifier`.
    fn local(&mut self, specifier: &str, name: Option<&Atom>) -> Atom {
        if let Some(found) = self
            .imports
            .iter()
            .find(|i| i.specifier == specifier && i.name.as_ref() == name)
        {
            return found.local.clone();
        }
        let base = match name {
            Some(name) => format!("__PlugbuildImport_{name}"),
            None => "__PlugbuildModule".to_string(),
        };
        let mut local = base.clone();
        let mut counter = 1;
        while self.imports.iter().any(|i| *i.local == *local) {
            local = format!("{base}_{counter}");
            counter += 1;
        }
        let local: Atom = local.into();
        self.imports.push(Imported {
            specifier: specifier.to_string(),
            name: name.cloned(),
            local: local.clone(),
        });
        local
    }
}

impl VisitMut for Rewriter {
    /// `import("./hooks").Result<T>` (a type of another module of the package that inference
    /// wrote): the type of an import of `Result`.
    fn visit_mut_ts_type(&mut self, ty: &mut TsType) {
        ty.visit_mut_children_with(self);
        let TsType::TsImportType(import) = ty else {
            return;
        };
        let Some(specifier) = import.arg.value.as_str().filter(|s| s.starts_with('.')) else {
            return;
        };
        let Some(qualifier) = &import.qualifier else {
            return;
        };
        let specifier = specifier.to_string();
        let type_name = self.imported_entity(&specifier, qualifier);
        *ty = TsType::TsTypeRef(TsTypeRef {
            span: DUMMY_SP,
            type_name,
            type_params: import.type_args.take(),
        });
    }

    fn visit_mut_ts_type_query(&mut self, query: &mut TsTypeQuery) {
        query.visit_mut_children_with(self);
        let TsTypeQueryExpr::Import(import) = &query.expr_name else {
            return;
        };
        let Some(specifier) = import.arg.value.as_str().filter(|s| s.starts_with('.')) else {
            return;
        };
        let specifier = specifier.to_string();
        let entity = match &import.qualifier {
            None => TsEntityName::Ident(Ident::new_no_ctxt(self.local(&specifier, None), DUMMY_SP)),
            Some(qualifier) => self.imported_entity(&specifier, qualifier),
        };
        query.expr_name = TsTypeQueryExpr::TsEntityName(entity);
    }
}

impl Rewriter {
    /// `a.b.c` of the module `specifier`: the local name of its import of `a`, then `.b.c`.
    fn imported_entity(&mut self, specifier: &str, qualifier: &TsEntityName) -> TsEntityName {
        let mut names = Vec::new();
        flatten(qualifier, &mut names);
        let (root, rest) = names.split_first().expect("a qualifier has a name");
        let local = self.local(specifier, Some(root));
        rest.iter().fold(
            TsEntityName::Ident(Ident::new_no_ctxt(local, DUMMY_SP)),
            |left, right| {
                TsEntityName::TsQualifiedName(Box::new(TsQualifiedName {
                    span: DUMMY_SP,
                    left,
                    right: IdentName::new(right.clone(), DUMMY_SP),
                }))
            },
        )
    }
}

fn flatten(entity: &TsEntityName, names: &mut Vec<Atom>) {
    match entity {
        TsEntityName::Ident(ident) => names.push(ident.sym.clone()),
        TsEntityName::TsQualifiedName(qualified) => {
            flatten(&qualified.left, names);
            names.push(qualified.right.sym.clone());
        }
    }
}
