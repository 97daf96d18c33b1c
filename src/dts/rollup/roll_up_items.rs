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
