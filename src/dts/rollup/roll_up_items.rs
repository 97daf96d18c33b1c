//! The pieces of a roll-up's text: declarations turned into plain statements, export specifiers,
//! placeholders for what cannot be found.

use swc_core::atoms::Atom;
use swc_core::common::DUMMY_SP;
use swc_core::ecma::ast::*;

pub(crate) fn export_specifier(local: &Atom, exported: &Atom, type_only: bool) -> ExportSpecifier {
    ExportSpecifier::Named(ExportNamedSpecifier {
        span: DUMMY_SP,
        orig: ModuleExportName::Ident(Ident::new_no_ctxt(local.clone(), DUMMY_SP)),
        exported: (local != exported)
            .then(|| ModuleExportName::Ident(Ident::new_no_ctxt(exported.clone(), DUMMY_SP))),
        is_type_only: type_only,
    })
}

pub(crate) fn any_declaration(name: Atom) -> ModuleItem {
    crate::dts::type_nodes::declared_const(
        name,
        crate::dts::type_nodes::keyword(TsKeywordTypeKind::TsAnyKeyword),
    )
}

/// The declaration an item holds, without `export`, with `declare` where a `.d.ts` needs it.
pub(crate) fn declaration_statement(item: &ModuleItem, local: &Atom) -> Option<Stmt> {
    let mut decl = match item {
        ModuleItem::Stmt(Stmt::Decl(decl)) => decl.clone(),
        ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(export)) => export.decl.clone(),
        ModuleItem::ModuleDecl(ModuleDecl::TsImportEquals(import)) => return entity_alias(import),
        ModuleItem::ModuleDecl(ModuleDecl::ExportDefaultDecl(export)) => {
            let ident = Ident::new_no_ctxt(local.clone(), DUMMY_SP);
            match &export.decl {
                DefaultDecl::Class(c) => Decl::Class(ClassDecl {
                    ident: c.ident.clone().unwrap_or(ident),
                    declare: true,
                    class: c.class.clone(),
                }),
                DefaultDecl::Fn(f) => Decl::Fn(FnDecl {
                    ident: f.ident.clone().unwrap_or(ident),
                    declare: true,
                    function: f.function.clone(),
                }),
                DefaultDecl::TsInterfaceDecl(i) => Decl::TsInterface(i.clone()),
                #[allow(unreachable_patterns)]
                _ => return None,
            }
        }
        _ => return None,
    };
    match &mut decl {
        Decl::Class(c) => c.declare = true,
        Decl::Fn(f) => f.declare = true,
        Decl::Var(v) => {
            v.declare = true;
            if v.decls.len() > 1 {
                v.decls
                    .retain(|d| d.name.as_ident().is_some_and(|b| b.id.sym == *local));
            }
        }
        Decl::TsEnum(e) => e.declare = true,
        Decl::TsModule(m) => m.declare = true,
        _ => {}
    }
    Some(Stmt::Decl(decl))
}

/// `import A = N.B` (an alias of a namespace member) becomes `type A = N.B`; the value side of such
/// aliases is rare in plugin code and not kept.
pub(crate) fn entity_alias(import: &TsImportEqualsDecl) -> Option<Stmt> {
    let TsModuleRef::TsEntityName(entity) = &import.module_ref else {
        return None;
    };
    Some(Stmt::Decl(Decl::TsTypeAlias(Box::new(TsTypeAliasDecl {
        span: import.span,
        declare: false,
        id: import.id.clone(),
        type_params: None,
        type_ann: Box::new(TsType::TsTypeRef(TsTypeRef {
            span: DUMMY_SP,
            type_name: entity.clone(),
            type_params: None,
        })),
    }))))
}

/// The roll-up's imports of external packages, one declaration per package where specifiers can
/// share one (a namespace or default import gets its own).
pub(crate) fn import_items(imports: Vec<(String, ImportSpecifier)>) -> Vec<ModuleItem> {
    let mut by_source: Vec<(String, Vec<ImportSpecifier>)> = Vec::new();
    for (spec, specifier) in imports {
        match by_source.iter_mut().find(|(s, list)| {
            *s == spec
                && !matches!(specifier, ImportSpecifier::Namespace(_))
                && !list.iter().any(|l| {
                    matches!(
                        l,
                        ImportSpecifier::Namespace(_) | ImportSpecifier::Default(_)
                    )
                })
        }) {
            Some((_, list)) if !matches!(specifier, ImportSpecifier::Default(_)) => {
                list.push(specifier)
            }
            _ => by_source.push((spec, vec![specifier])),
        }
    }
    by_source
        .into_iter()
        .map(|(spec, specifiers)| {
            ModuleItem::ModuleDecl(ModuleDecl::Import(ImportDecl {
                span: DUMMY_SP,
                specifiers,
                src: Box::new(Str::from(spec.as_str())),
                type_only: false,
                with: None,
                phase: Default::default(),
            }))
        })
        .collect()
}

/// The roll-up's last lines: its export list (or `export =`), then `export *` of external packages.
pub(crate) fn export_items(
    exports: Vec<ExportSpecifier>,
    export_assignment: Option<Atom>,
    external_stars: &[String],
) -> Vec<ModuleItem> {
    let mut items = Vec::new();
    match export_assignment {
        Some(name) => items.push(ModuleItem::ModuleDecl(ModuleDecl::TsExportAssignment(
            TsExportAssignment {
                span: DUMMY_SP,
                expr: Box::new(Expr::Ident(Ident::new_no_ctxt(name, DUMMY_SP))),
            },
        ))),
        None => items.push(ModuleItem::ModuleDecl(ModuleDecl::ExportNamed(
            NamedExport {
                span: DUMMY_SP,
                specifiers: exports,
                src: None,
                type_only: false,
                with: None,
            },
        ))),
    }
    for spec in external_stars {
        items.push(ModuleItem::ModuleDecl(ModuleDecl::ExportAll(ExportAll {
            span: DUMMY_SP,
            src: Box::new(Str::from(spec.as_str())),
            type_only: false,
            with: None,
        })));
    }
    items
}
