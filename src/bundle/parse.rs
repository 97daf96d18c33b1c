//! Parsing a module's file with swc: TypeScript, JSX, an ES module or a CommonJS script as its
//! extension and syntax say, with its unread bodies blanked for a declaration-only run.

use std::path::Path;

use swc_core::common::comments::SingleThreadedComments;
use swc_core::common::sync::Lrc;
use swc_core::common::{FileName, SourceFile, Spanned};
use swc_core::ecma::ast::{EsVersion, Module, ModuleItem, Program, Script};
use swc_core::ecma::parser::{
    error::Error as ParseError, parse_file_as_commonjs, parse_file_as_module,
    parse_file_as_program, EsSyntax, Syntax, TsSyntax,
};

use crate::bundle::transform::Compiler;
use crate::diagnostics::{self, Diagnostic};

/// What kind of source a module's file extension says it is.
#[derive(Clone, Copy)]
pub(super) struct SourceKind {
    pub(super) typescript: bool,
    pub(super) declaration_file: bool,
    pub(super) tsx: bool,
    /// JSX is parsed (`.tsx`, `.jsx`, and `.js` as Babel-era code has it).
    pub(super) jsx: bool,
    /// How a JavaScript file is read: `.cjs` is always a CommonJS script; `.js` and `.jsx` are one
    /// when they have no `import` or `export`, as node and tsc decide.
    pub(super) javascript_kind: JavaScriptKind,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum JavaScriptKind {
    /// TypeScript, `.mjs`: an ES module.
    Module,
    /// `.js`, `.jsx`: a module when it has module syntax, else a script.
    Either,
    /// `.cjs`.
    Script,
}

impl SourceKind {
    pub(super) fn of(path: &Path) -> SourceKind {
        let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        SourceKind {
            typescript: matches!(extension, "ts" | "tsx" | "mts" | "cts"),
            declaration_file: path.to_string_lossy().ends_with(".d.ts"),
            tsx: extension == "tsx",
            jsx: matches!(extension, "tsx" | "jsx" | "js"),
            javascript_kind: match extension {
                "js" | "jsx" => JavaScriptKind::Either,
                "cjs" => JavaScriptKind::Script,
                _ => JavaScriptKind::Module,
            },
        }
    }

    pub(super) fn syntax(self) -> Syntax {
        if self.typescript {
            Syntax::Typescript(TsSyntax {
                tsx: self.tsx,
                decorators: true,
                dts: self.declaration_file,
                ..Default::default()
            })
        } else {
            Syntax::Es(EsSyntax {
                jsx: true,
                decorators: true,
                explicit_resource_management: true,
                ..Default::default()
            })
        }
    }
}

/// swc's parse of a file: the module (or the error that stopped the parse), the errors the parser
/// recovered from, the comments, and whether the file is a CommonJS script (its statements are then
/// the module's body, to be run in sloppy mode with `this` as `exports`).
pub(super) fn parse_source_file(fm: &SourceFile, source: SourceKind) -> ParsedSource {
    if source.javascript_kind == JavaScriptKind::Either {
        if let Some(script) = parse_if_script(fm, source) {
            return script;
        }
    }
    parse_as(fm, source, source.javascript_kind == JavaScriptKind::Script)
}

/// The parse of a `.js` file that has no module syntax, as the body of a CommonJS module's function
/// (sloppy mode, top-level `return`); None when it is a module, or when it parses as neither (the
/// module's errors are then reported).
pub(super) fn parse_if_script(fm: &SourceFile, source: SourceKind) -> Option<ParsedSource> {
    let syntax = match source.syntax() {
        Syntax::Es(es) => Syntax::Es(EsSyntax {
            allow_return_outside_function: true,
            ..es
        }),
        typescript => typescript,
    };
    let probe = parse_file_as_program(fm, syntax, EsVersion::EsNext, None, &mut Vec::new());
    match probe {
        Ok(Program::Module(_)) => None,
        Ok(Program::Script(_)) => Some(parse_as(fm, source, true)),
        Err(_) => {
            let script = parse_as(fm, source, true);
            (script.parsed.is_ok() && script.recovered.is_empty()).then_some(script)
        }
    }
}

/// Parses the file as an ES module, or as a CommonJS script (`script`) in the module form.
pub(super) fn parse_as(fm: &SourceFile, source: SourceKind, script: bool) -> ParsedSource {
    let comments = SingleThreadedComments::default();
    let mut recovered = Vec::new();
    let (syntax, target) = (source.syntax(), EsVersion::EsNext);
    let parsed = if script {
        parse_file_as_commonjs(fm, syntax, target, Some(&comments), &mut recovered).map(|script| {
            Module {
                span: script.span,
                body: script.body.into_iter().map(ModuleItem::Stmt).collect(),
                shebang: script.shebang,
            }
        })
    } else {
        parse_file_as_module(fm, syntax, target, Some(&comments), &mut recovered)
    };
    ParsedSource {
        parsed,
        recovered,
        comments,
        script,
    }
}

pub(super) struct ParsedSource {
    pub(super) parsed: Result<Module, ParseError>,
    pub(super) recovered: Vec<ParseError>,
    pub(super) comments: SingleThreadedComments,
    pub(super) script: bool,
}

/// A CommonJS script's statements, back from the module form the shared passes read.
pub(super) fn into_script(module: Module) -> Script {
    Script {
        span: module.span,
        body: module
            .body
            .into_iter()
            .filter_map(|item| match item {
                ModuleItem::Stmt(stmt) => Some(stmt),
                ModuleItem::ModuleDecl(_) => None,
            })
            .collect(),
        shebang: module.shebang,
    }
}

/// A script in the module form the declaration emitter reads.
pub(super) fn as_module(program: &Program) -> Program {
    match program {
        Program::Script(script) => Program::Module(Module {
            span: script.span,
            body: script.body.iter().cloned().map(ModuleItem::Stmt).collect(),
            shebang: script.shebang.clone(),
        }),
        module => module.clone(),
    }
}

/// A parsed module with its source file and comments; the syntax errors when it did not parse.
pub(super) struct ParsedModule {
    pub(super) fm: Lrc<SourceFile>,
    pub(super) module: Result<Module, Vec<Diagnostic>>,
    pub(super) comments: SingleThreadedComments,
    /// A CommonJS script (see `parse_source_file`).
    pub(super) script: bool,
}

/// Whether every blanked range of a module's text is the inside of a body the declarations do not
/// read, in the module parsed from that text.
pub(super) fn only_unread_bodies_blanked(
    module: &mut Module,
    fm: &SourceFile,
    blanked: &[(u32, u32)],
) -> bool {
    let start = fm.start_pos.0;
    let mut unread: Vec<(u32, u32)> = crate::dts::bodies::unread_body_spans(module)
        .iter()
        .map(|span| (span.lo.0 - start, span.hi.0 - start))
        .collect();
    unread.sort_unstable();
    blanked
        .iter()
        .all(|&(from, to)| unread.binary_search(&(from - 1, to + 1)).is_ok())
}

impl Compiler {
    /// Parses the module. A declaration-only run parses TypeScript with its unread bodies blanked
    /// (see `dts::bodies::blanking`) when that text parses and every blanked body is one the declarations
    /// do not read; otherwise, and always for builds, the text as written.
    pub(super) fn parse(&self, path: &Path, source: SourceKind, text: String) -> ParsedModule {
        let blanks_bodies =
            !self.options.javascript && source.typescript && !source.declaration_file;
        if let Some(blanked) = blanks_bodies
            .then(|| crate::dts::bodies::blanking::blank_unread_bodies(&text, source.tsx))
            .flatten()
        {
            let fm = self.new_source_file(path, blanked.text);
            let parse = parse_source_file(&fm, source);
            if let Ok(mut module) = parse.parsed {
                if parse.recovered.is_empty()
                    && only_unread_bodies_blanked(&mut module, &fm, &blanked.bodies)
                {
                    return ParsedModule {
                        fm,
                        module: Ok(module),
                        comments: parse.comments,
                        script: parse.script,
                    };
                }
            }
        }
        let fm = self.new_source_file(path, text);
        let ParsedSource {
            parsed,
            recovered,
            comments,
            script,
        } = parse_source_file(&fm, source);
        let mut diagnostics: Vec<Diagnostic> = recovered
            .iter()
            .chain(parsed.as_ref().err())
            .map(|error| {
                diagnostics::syntax_error(
                    self.location(&fm, path, error.span()),
                    &error.kind().msg(),
                )
            })
            .collect();
        let module = match parsed {
            Ok(module) if diagnostics.is_empty() => Ok(module),
            _ => Err(std::mem::take(&mut diagnostics)),
        };
        ParsedModule {
            fm,
            module,
            comments,
            script,
        }
    }

    fn new_source_file(&self, path: &Path, text: String) -> Lrc<SourceFile> {
        self.cm
            .new_source_file(Lrc::new(FileName::Real(path.to_path_buf())), text)
    }
}
