//! The files a `config.d.ts` reads its types from, as tsc's program would see them: the file
//! itself, the relative modules it imports, and the packages it imports from (a workspace
//! sibling's TypeScript source, or an installed package's declarations), each parsed once. A type
//! name is followed through imports, `export { A as B }`, `export ... from` and `export *` to the
//! interface or type alias that declares it.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use serde_json::Value;
use swc_core::common::comments::SingleThreadedComments;
use swc_core::common::{sync::Lrc, BytePos, FileName, SourceMap, Spanned};
use swc_core::ecma::ast::*;
use swc_core::ecma::parser::{parse_file_as_module, Syntax, TsSyntax};

use crate::diagnostics::{self, Diagnostic, Location};
use crate::dts::dependencies::external::{declaration_file, export_name, package_entry};
use crate::resolve::{is_relative, normalize, package_name};

/// One parsed file with the interfaces and type aliases it declares.
pub(crate) struct TypeFile {
    pub path: PathBuf,
    pub text: String,
    pub start: BytePos,
    pub comments: SingleThreadedComments,
    pub module: Module,
    /// Name -> (index of its item in `module.body`, where its JSDoc is).
    types: HashMap<String, (usize, BytePos)>,
}

/// A declaration found for a type name: its file, and the interface or alias in it.
#[derive(Clone)]
pub(crate) struct FoundType {
    pub file: Rc<TypeFile>,
    item: usize,
    pub docs_at: BytePos,
}

/// An interface or a type alias.
#[derive(Clone, Copy)]
pub(crate) enum TypeDecl<'m> {
    Interface(&'m TsInterfaceDecl),
    Alias(&'m TsTypeAliasDecl),
}

impl FoundType {
    pub fn decl(&self) -> TypeDecl<'_> {
        let decl = match &self.file.module.body[self.item] {
            ModuleItem::Stmt(Stmt::Decl(decl)) => decl,
            ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(export)) => &export.decl,
            _ => unreachable!("types only index declarations"),
        };
        match decl {
            Decl::TsInterface(interface) => TypeDecl::Interface(interface),
            Decl::TsTypeAlias(alias) => TypeDecl::Alias(alias),
            _ => unreachable!("types only index interfaces and aliases"),
        }
    }
}

/// How many imports and re-exports a name may go through (a cycle of `export *` ends here).
const MAX_HOPS: usize = 64;

/// The files read so far, by path.
pub(crate) struct TypeFiles {
    source_map: Lrc<SourceMap>,
    files: RefCell<HashMap<PathBuf, Rc<TypeFile>>>,
}

impl TypeFiles {
    pub fn new() -> TypeFiles {
        TypeFiles {
            source_map: Default::default(),
            files: RefCell::new(HashMap::new()),
        }
    }

    /// The file at `path`, parsed on first use. A file that cannot be read or parsed is an error
    /// at the place tsc would report it.
    pub fn load(&self, path: &Path) -> Result<Rc<TypeFile>, Diagnostic> {
        if let Some(file) = self.files.borrow().get(path) {
            return Ok(file.clone());
        }
        let text = std::fs::read_to_string(path).map_err(|e| diagnostics::cannot_read(path, &e))?;
        let fm = self
            .source_map
            .new_source_file(Lrc::new(FileName::Real(path.to_path_buf())), text.clone());
        let comments = SingleThreadedComments::default();
        let name = path.to_string_lossy();
        let syntax = Syntax::Typescript(TsSyntax {
            dts: name.ends_with(".d.ts") || name.ends_with(".d.mts") || name.ends_with(".d.cts"),
            tsx: name.ends_with(".tsx"),
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
        let file = Rc::new(TypeFile {
            path: path.to_path_buf(),
            types: declared_types(&module),
            text,
            start: fm.start_pos,
            comments,
            module,
        });
        self.files
            .borrow_mut()
            .insert(path.to_path_buf(), file.clone());
        Ok(file)
    }

    /// The declaration `name` means in `file`: its own interface or alias, or an imported one.
    pub fn find(&self, file: &Rc<TypeFile>, name: &str) -> Option<FoundType> {
        self.find_in_scope(file, name, 0)
    }

    /// The declaration `ns.name` means in `file` when `ns` is a namespace import.
    pub fn find_qualified(&self, file: &Rc<TypeFile>, ns: &str, name: &str) -> Option<FoundType> {
        let source = file.module.body.iter().find_map(|item| match item {
            ModuleItem::ModuleDecl(ModuleDecl::Import(import)) => {
                import.specifiers.iter().find_map(|s| match s {
                    ImportSpecifier::Namespace(n) if &*n.local.sym == ns => Some(&import.src),
                    _ => None,
                })
            }
            _ => None,
        })?;
        let target = self.imported_file(file, &source.value.to_string_lossy())?;
        self.find_exported(&target, name, 1)
    }

    /// The module `name` (or the namespace `ns` of `ns.name`) is imported from in `file`, when it
    /// is imported at all.
    pub fn import_source(&self, file: &TypeFile, name: &TsEntityName) -> Option<String> {
        let mut first = name;
        while let TsEntityName::TsQualifiedName(qualified) = first {
            first = &qualified.left;
        }
        let TsEntityName::Ident(local) = first else {
            return None;
        };
        file.module.body.iter().find_map(|item| match item {
            ModuleItem::ModuleDecl(ModuleDecl::Import(import)) => import
                .specifiers
                .iter()
                .any(|specifier| match specifier {
                    ImportSpecifier::Named(named) => named.local.sym == local.sym,
                    ImportSpecifier::Default(default) => default.local.sym == local.sym,
                    ImportSpecifier::Namespace(ns) => ns.local.sym == local.sym,
                })
                .then(|| import.src.value.to_string_lossy().into_owned()),
            _ => None,
        })
    }

    fn find_in_scope(&self, file: &Rc<TypeFile>, name: &str, hops: usize) -> Option<FoundType> {
        if let Some(&(item, docs_at)) = file.types.get(name) {
            return Some(FoundType {
                file: file.clone(),
                item,
                docs_at,
            });
        }
        if hops > MAX_HOPS {
            return None;
        }
        for item in &file.module.body {
            let ModuleItem::ModuleDecl(ModuleDecl::Import(import)) = item else {
                continue;
            };
            for specifier in &import.specifiers {
                let ImportSpecifier::Named(named) = specifier else {
                    continue;
                };
                if &*named.local.sym != name {
                    continue;
                }
                let imported = named.imported.as_ref().map_or(name, export_name);
                let target = self.imported_file(file, &import.src.value.to_string_lossy())?;
                return self.find_exported(&target, imported, hops + 1);
            }
        }
        None
    }

    /// The declaration `file` exports as `name`.
    fn find_exported(&self, file: &Rc<TypeFile>, name: &str, hops: usize) -> Option<FoundType> {
        if hops > MAX_HOPS {
            return None;
        }
        if file.types.contains_key(name) {
            return self.find_in_scope(file, name, hops);
        }
        let mut star_sources = Vec::new();
        for item in &file.module.body {
            match item {
                ModuleItem::ModuleDecl(ModuleDecl::ExportNamed(export)) => {
                    for specifier in &export.specifiers {
                        let ExportSpecifier::Named(named) = specifier else {
                            continue;
                        };
                        let local = export_name(&named.orig);
                        let exported = named.exported.as_ref().map_or(local, export_name);
                        if exported != name {
                            continue;
                        }
                        return match &export.src {
                            Some(src) => {
                                let target =
                                    self.imported_file(file, &src.value.to_string_lossy())?;
                                self.find_exported(&target, local, hops + 1)
                            }
                            None => self.find_in_scope(file, local, hops + 1),
                        };
                    }
                }
                ModuleItem::ModuleDecl(ModuleDecl::ExportAll(all)) => {
                    star_sources.push(all.src.value.to_string_lossy().into_owned());
                }
                _ => {}
            }
        }
        star_sources.iter().find_map(|source| {
            let target = self.imported_file(file, source)?;
            self.find_exported(&target, name, hops + 1)
        })
    }

    /// The file `specifier` names from `file`, parsed; None when it resolves to nothing readable.
    fn imported_file(&self, file: &TypeFile, specifier: &str) -> Option<Rc<TypeFile>> {
        let dir = file.path.parent()?;
        let path = if is_relative(specifier) {
            relative_module(dir, specifier)?
        } else {
            workspace_types(dir, specifier).or_else(|| package_entry(dir, specifier))?
        };
        self.load(&path).ok()
    }
}

/// The module a relative specifier names: a declaration file, else TypeScript source.
fn relative_module(dir: &Path, specifier: &str) -> Option<PathBuf> {
    if let Some(found) = declaration_file(dir, specifier) {
        return Some(found);
    }
    let target = normalize(&dir.join(specifier));
    let text = target.to_string_lossy().into_owned();
    let stem = text.strip_suffix(".js").unwrap_or(&text);
    ["ts", "tsx", "mts", "cts"]
        .iter()
        .flat_map(|ext| [format!("{stem}.{ext}"), format!("{stem}/index.{ext}")])
        .map(PathBuf::from)
        .find(|candidate| candidate.is_file())
}

/// A workspace sibling linked into `node_modules` whose `types` is its TypeScript source (a
/// Backstage package before it is packed): that source file.
fn workspace_types(dir: &Path, specifier: &str) -> Option<PathBuf> {
    let (name, None) = package_name(specifier)? else {
        return None;
    };
    let root = dir
        .ancestors()
        .map(|d| d.join("node_modules").join(&name))
        .find(|p| p.is_dir())?;
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("package.json")).ok()?).ok()?;
    let types = ["types", "typings"]
        .iter()
        .find_map(|field| manifest.get(*field).and_then(Value::as_str))?;
    let is_source = [".ts", ".tsx", ".mts", ".cts"]
        .iter()
        .any(|e| types.ends_with(e))
        && ![".d.ts", ".d.mts", ".d.cts"]
            .iter()
            .any(|e| types.ends_with(e));
    let path = normalize(&root.join(types));
    (is_source && path.is_file()).then_some(path)
}

/// The file's interfaces and type aliases, exported or not, with where their JSDoc is (before
/// `export` when exported).
fn declared_types(module: &Module) -> HashMap<String, (usize, BytePos)> {
    let mut types = HashMap::new();
    for (index, item) in module.body.iter().enumerate() {
        let (decl, docs_at) = match item {
            ModuleItem::Stmt(Stmt::Decl(decl)) => (decl, decl.span().lo),
            ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(export)) => {
                (&export.decl, export.span.lo)
            }
            _ => continue,
        };
        let name = match decl {
            Decl::TsInterface(interface) => &interface.id.sym,
            Decl::TsTypeAlias(alias) => &alias.id.sym,
            _ => continue,
        };
        // The first declaration wins (a merged interface is refused where it is read).
        types.entry(name.to_string()).or_insert((index, docs_at));
    }
    types
}
