//! Compiles one module: parse (swc), strip types, lower what node 20 cannot run, point the package's own
//! imports at module ids, convert to CommonJS and print JavaScript with its source mappings.

use std::cell::RefCell;
use std::path::Path;
use std::rc::Rc;
use std::sync::{Arc, Mutex};

use swc_core::common::comments::SingleThreadedComments;
use swc_core::common::errors::{DiagnosticBuilder, Emitter, Handler, HANDLER};
use swc_core::common::sync::Lrc;
use swc_core::common::{FileName, Globals, Mark, SourceFile, SourceMap, Span, Spanned, GLOBALS};
use swc_core::ecma::ast::{EsVersion, Module, ModuleItem, Program, Script};
use swc_core::ecma::codegen::Emitter as CodeEmitter;
use swc_core::ecma::parser::{
    error::Error as ParseError, parse_file_as_commonjs, parse_file_as_module,
    parse_file_as_program, EsSyntax, Syntax, TsSyntax,
};
use swc_core::ecma::transforms::base::helpers::{inject_helpers, Helpers, HELPERS};
use swc_core::ecma::transforms::base::{fixer::fixer, hygiene::hygiene, resolver};
use swc_core::ecma::transforms::module::common_js::{common_js, FeatureFlag};
use swc_core::ecma::transforms::module::path::Resolver;
use swc_core::ecma::transforms::module::util::{Config as ModuleConfig, ImportInterop};
use swc_core::ecma::transforms::proposal::{
    decorator_2023_11::decorator_2023_11, decorators,
    explicit_resource_management::explicit_resource_management,
};
use swc_core::ecma::transforms::react::{self, Runtime};
use swc_core::ecma::transforms::typescript::{self, TsxConfig};
use swc_core::ecma::visit::VisitMutWith;

use crate::bundle::lower::{
    AssignClassFields, DecoratedClassBinding, ImportRewriter, UseRuntimeImportStar,
};
use crate::config::package::Package;
use crate::config::tsconfig::{JsxMode, TsConfig};
use crate::diagnostics::{self, Diagnostic, Location};
use crate::dts::dependencies::DependencyTypes;
use crate::dts::emit::{self, EmitSettings, ModuleDeclarations};
use crate::dts::facts::{self, ModuleFacts};

/// The name of the bundle runtime's function that loads an own module for `import()`.
pub const LAZY_IMPORT_FUNCTION: &str = "__plugbuild_import";

/// Settings from tsconfig that change the emitted JavaScript.
#[derive(Debug, Clone)]
pub struct CompileOptions {
    pub use_define_for_class_fields: bool,
    pub experimental_decorators: bool,
    pub emit_decorator_metadata: bool,
    pub es_module_interop: bool,
    pub jsx: Option<JsxMode>,
    pub jsx_factory: Option<String>,
    pub jsx_fragment_factory: Option<String>,
    pub jsx_import_source: Option<String>,
    /// Also emit per-module declarations.
    pub declarations: bool,
    /// Also emit JavaScript (off for declaration-only runs such as `plugbuild tsc`).
    pub javascript: bool,
    /// Also collect what the module imports and exports, for `plugbuild tsc`'s checks.
    pub facts: bool,
    /// Declarations for JavaScript modules too (from JSDoc), as tsc writes them with `allowJs`.
    pub allow_js: bool,
    pub strip_internal: bool,
    /// Run swc's hygiene pass on every module, not only where `name_clashes` finds a name that
    /// needs it (a test compares the two).
    pub rename_every_module: bool,
}

impl CompileOptions {
    pub fn from_package(package: &Package) -> CompileOptions {
        CompileOptions::from_tsconfig(&package.tsconfig)
    }

    pub fn from_tsconfig(config: &TsConfig) -> CompileOptions {
        CompileOptions {
            use_define_for_class_fields: config.use_define_for_class_fields(),
            experimental_decorators: config.experimental_decorators(),
            emit_decorator_metadata: config.emit_decorator_metadata(),
            es_module_interop: config
                .options
                .get("esModuleInterop")
                .and_then(|v| v.as_bool())
                .unwrap_or(false),
            jsx: config.jsx(),
            jsx_factory: config.jsx_factory().map(String::from),
            jsx_fragment_factory: config.jsx_fragment_factory().map(String::from),
            jsx_import_source: config.jsx_import_source().map(String::from),
            declarations: true,
            javascript: true,
            facts: false,
            allow_js: config.allow_js(),
            strip_internal: config.strip_internal(),
            rename_every_module: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportKind {
    Static,
    Dynamic,
    Require,
}

/// What an import specifier refers to, as the caller resolved it.
pub enum ImportTarget {
    /// One of the package's modules, by module id.
    Internal(String),
    External,
    /// The specifier could not be resolved; the caller recorded a diagnostic.
    Invalid,
}

/// One generated-to-original position pair (0-based lines and columns).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mapping {
    pub generated_line: u32,
    pub generated_column: u32,
    pub original_line: u32,
    pub original_column: u32,
}

/// Output of `compile_module`.
pub struct CompiledModule {
    pub code: String,
    pub mappings: Vec<Mapping>,
    /// The module's declarations (TypeScript modules, when the build writes `.d.ts` files).
    pub declarations: Option<ModuleDeclarations>,
    pub facts: Option<ModuleFacts>,
    pub diagnostics: Vec<Diagnostic>,
}

impl CompiledModule {
    fn failed(diagnostics: Vec<Diagnostic>) -> CompiledModule {
        CompiledModule {
            code: String::new(),
            mappings: Vec::new(),
            declarations: None,
            facts: None,
            diagnostics,
        }
    }
}

/// What kind of source a module's file extension says it is.
#[derive(Clone, Copy)]
struct SourceKind {
    typescript: bool,
    declaration_file: bool,
    tsx: bool,
    /// JSX is parsed (`.tsx`, `.jsx`, and `.js` as Babel-era code has it).
    jsx: bool,
    /// How a JavaScript file is read: `.cjs` is always a CommonJS script; `.js` and `.jsx` are one
    /// when they have no `import` or `export`, as node and tsc decide.
    javascript_kind: JavaScriptKind,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum JavaScriptKind {
    /// TypeScript, `.mjs`: an ES module.
    Module,
    /// `.js`, `.jsx`: a module when it has module syntax, else a script.
    Either,
    /// `.cjs`.
    Script,
}

impl SourceKind {
    fn of(path: &Path) -> SourceKind {
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

    fn syntax(self) -> Syntax {
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
fn parse_source_file(fm: &SourceFile, source: SourceKind) -> ParsedSource {
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
fn parse_if_script(fm: &SourceFile, source: SourceKind) -> Option<ParsedSource> {
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
fn parse_as(fm: &SourceFile, source: SourceKind, script: bool) -> ParsedSource {
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

struct ParsedSource {
    parsed: Result<Module, ParseError>,
    recovered: Vec<ParseError>,
    comments: SingleThreadedComments,
    script: bool,
}

/// A CommonJS script's statements, back from the module form the shared passes read.
fn into_script(module: Module) -> Script {
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
fn as_module(program: &Program) -> Program {
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
struct ParsedModule {
    fm: Lrc<SourceFile>,
    module: Result<Module, Vec<Diagnostic>>,
    comments: SingleThreadedComments,
    /// A CommonJS script (see `parse_source_file`).
    script: bool,
}

/// Whether every blanked range of a module's text is the inside of a body the declarations do not
/// read, in the module parsed from that text.
fn only_unread_bodies_blanked(
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

#[derive(Clone, Copy)]
struct Marks {
    unresolved: Mark,
    top_level: Mark,
}

/// The shared state of a build's compilations: one source map registry for all threads. Each module
/// gets swc globals of its own (syntax contexts only mean something within one module), so threads
/// never wait on each other's hygiene data.
pub struct Compiler {
    pub cm: Lrc<SourceMap>,
    pub options: CompileOptions,
    /// The dependencies' declaration files, read for calls of their generic functions.
    pub dependency_types: Arc<DependencyTypes>,
}

impl Compiler {
    pub fn new(options: CompileOptions) -> Compiler {
        Compiler {
            cm: Lrc::new(SourceMap::default()),
            options,
            dependency_types: Arc::default(),
        }
    }

    /// Bytes of source text the compiler's source map holds: it keeps every version of every file
    /// it compiled, so a watch session replaces the compiler when this outgrows the package.
    pub fn source_bytes(&self) -> usize {
        self.cm.files().iter().map(|f| f.src.len()).sum()
    }

    /// Compiles the module at `path`. `link` is asked about every import specifier that survives type
    /// stripping and says what it refers to; it can ask for the specifier's location (for messages).
    pub fn compile_module(
        &self,
        path: &Path,
        text: String,
        link: &mut dyn FnMut(&str, ImportKind, &dyn Fn() -> Location) -> ImportTarget,
    ) -> CompiledModule {
        let globals = Globals::new();
        GLOBALS.set(&globals, || {
            let source = SourceKind::of(path);
            let parsed = self.parse(path, source, text);
            self.compile_in_globals(path, source, parsed, &globals, link)
        })
    }

    /// Parses the module. A declaration-only run parses TypeScript with its unread bodies blanked
    /// (see `dts::bodies::blanking`) when that text parses and every blanked body is one the declarations
    /// do not read; otherwise, and always for builds, the text as written.
    fn parse(&self, path: &Path, source: SourceKind, text: String) -> ParsedModule {
        let blanks_bodies = !self.options.javascript
            && source.typescript
            && !source.declaration_file
            && !source.tsx;
        if let Some(blanked) = blanks_bodies
            .then(|| crate::dts::bodies::blanking::blank_unread_bodies(&text))
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

    fn compile_in_globals(
        &self,
        path: &Path,
        source: SourceKind,
        parsed: ParsedModule,
        globals: &Globals,
        link: &mut dyn FnMut(&str, ImportKind, &dyn Fn() -> Location) -> ImportTarget,
    ) -> CompiledModule {
        let SourceKind {
            typescript: is_typescript,
            declaration_file: is_declaration_file,
            jsx: is_jsx,
            ..
        } = source;
        let ParsedModule {
            fm,
            module,
            comments,
            script,
        } = parsed;
        let fm = &fm;
        let mut module = match module {
            Ok(module) => module,
            Err(diagnostics) => return CompiledModule::failed(diagnostics),
        };
        let mut diagnostics = Vec::new();

        let facts = self
            .options
            .facts
            .then(|| facts::collect_facts(&module, fm));
        if !self.options.javascript && is_typescript && !is_declaration_file {
            crate::dts::bodies::empty_unread_bodies(&mut module);
        }
        let marks = Marks {
            unresolved: Mark::new(),
            top_level: Mark::new(),
        };
        let mut program = if script {
            Program::Script(into_script(module))
        } else {
            Program::Module(module)
        };
        program.mutate(resolver(marks.unresolved, marks.top_level, is_typescript));
        let emit_settings = EmitSettings {
            strip_internal: self.options.strip_internal,
            dependency_types: self.dependency_types.clone(),
        };
        if is_declaration_file {
            let declarations = emit::declaration_file(program, &comments, marks.top_level);
            return CompiledModule {
                code: String::new(),
                mappings: Vec::new(),
                declarations: Some(declarations),
                facts,
                diagnostics,
            };
        }
        let declare = self.options.declarations && (is_typescript || self.options.allow_js);
        if !self.options.javascript {
            let declarations = declare.then(|| {
                emit::emit_declarations(
                    as_module(&program),
                    fm,
                    path,
                    &comments,
                    marks.unresolved,
                    marks.top_level,
                    &emit_settings,
                )
            });
            let mut facts = facts;
            if let (Some(facts), Some(declarations)) = (&mut facts, &declarations) {
                crate::dts::facts::generic_calls::add_generic_facts(facts, &declarations.items, fm);
            }
            return CompiledModule {
                code: String::new(),
                mappings: Vec::new(),
                declarations,
                facts,
                diagnostics,
            };
        }

        // The declarations and the JavaScript need nothing from each other: the declarations go to
        // the pool, with copies of the tree and the comments, while this thread lowers and prints
        // (a watch rebuild of one module gets both cores). Both only read the module's hygiene
        // data: its marks were applied by the resolver, so the JavaScript's names do not depend on
        // which side runs first.
        let mut declarations = None;
        let (code, mappings, lowering_errors) = rayon::in_place_scope(|scope| {
            if declare {
                // The copy leaves out the bodies the declarations do not read.
                let copy = match &mut program {
                    Program::Module(module) if is_typescript => {
                        Program::Module(crate::dts::bodies::copy_without_unread_bodies(module))
                    }
                    _ => as_module(&program),
                };
                let (leading, trailing) = {
                    let (leading, trailing) = comments.borrow_all();
                    (leading.clone(), trailing.clone())
                };
                let declarations = &mut declarations;
                let emit_settings = &emit_settings;
                scope.spawn(move |_| {
                    let comments = SingleThreadedComments::from_leading_and_trailing(
                        Rc::new(RefCell::new(leading)),
                        Rc::new(RefCell::new(trailing)),
                    );
                    *declarations = Some(GLOBALS.set(globals, || {
                        emit::emit_declarations(
                            copy,
                            fm,
                            path,
                            &comments,
                            marks.unresolved,
                            marks.top_level,
                            emit_settings,
                        )
                    }));
                });
            }
            let errors = self.lower(
                &mut program,
                marks,
                fm,
                path,
                is_typescript,
                is_jsx,
                &comments,
                link,
            );
            let (code, mappings) = self.print(&program, fm);
            (code, mappings, errors)
        });
        for (span, message) in lowering_errors {
            let location = span.map(|span| self.location(fm, path, span));
            diagnostics.push(diagnostics::transform_error(location, path, &message));
        }
        CompiledModule {
            code,
            mappings,
            declarations,
            facts,
            diagnostics,
        }
    }

    /// Lowers the module to CommonJS in place; the errors the transforms reported.
    #[allow(clippy::too_many_arguments)]
    fn lower(
        &self,
        program: &mut Program,
        marks: Marks,
        fm: &Lrc<SourceFile>,
        path: &Path,
        is_typescript: bool,
        is_jsx: bool,
        comments: &SingleThreadedComments,
        link: &mut dyn FnMut(&str, ImportKind, &dyn Fn() -> Location) -> ImportTarget,
    ) -> Vec<(Option<Span>, String)> {
        let collected = Arc::new(Mutex::new(Vec::new()));
        let handler = Handler::with_emitter(
            true,
            false,
            Box::new(CollectingEmitter {
                errors: collected.clone(),
            }),
        );
        HANDLER.set(&handler, || {
            HELPERS.set(&Helpers::new(false), || {
                let options = &self.options;
                let unresolved_mark = marks.unresolved;
                let top_level_mark = marks.top_level;

                let source = fm.src.as_str();
                if options.experimental_decorators {
                    program.mutate(decorators(decorators::Config {
                        legacy: true,
                        emit_metadata: options.emit_decorator_metadata,
                        use_define_for_class_fields: options.use_define_for_class_fields,
                    }));
                } else if source.contains('@') || source.contains("accessor") {
                    // Standard decorators and the `accessor` keyword: node 20 runs neither.
                    program.mutate(decorator_2023_11());
                }

                let ts_config = typescript::Config {
                    native_class_properties: options.use_define_for_class_fields,
                    ts_enum_is_mutable: true,
                    no_empty_export: true,
                    ..Default::default()
                };
                let classic_jsx = matches!(options.jsx, Some(JsxMode::React));
                if is_typescript && is_jsx && classic_jsx {
                    program.mutate(typescript::tsx(
                        self.cm.clone(),
                        ts_config,
                        TsxConfig {
                            pragma: options.jsx_factory.clone().map(Into::into),
                            pragma_frag: options.jsx_fragment_factory.clone().map(Into::into),
                        },
                        comments,
                        unresolved_mark,
                        top_level_mark,
                    ));
                } else if is_typescript {
                    program.mutate(typescript::typescript(
                        ts_config,
                        unresolved_mark,
                        top_level_mark,
                    ));
                }
                if is_jsx {
                    let (runtime, development) = match options.jsx {
                        Some(JsxMode::React) => (Runtime::Classic, false),
                        Some(JsxMode::ReactJsxDev) => (Runtime::Automatic, true),
                        _ => (Runtime::Automatic, false),
                    };
                    program.mutate(react::react(
                        self.cm.clone(),
                        Some(comments),
                        react::Options {
                            runtime: Some(runtime),
                            development: Some(development),
                            import_source: options.jsx_import_source.clone().map(Into::into),
                            pragma: options.jsx_factory.clone().map(Into::into),
                            pragma_frag: options.jsx_fragment_factory.clone().map(Into::into),
                            ..Default::default()
                        },
                        top_level_mark,
                        unresolved_mark,
                    ));
                }
                if !options.use_define_for_class_fields {
                    program.visit_mut_with(&mut AssignClassFields);
                }
                if options.experimental_decorators {
                    program.visit_mut_with(&mut DecoratedClassBinding);
                }
                if source.contains("using") {
                    program.mutate(explicit_resource_management());
                }

                program.visit_mut_with(&mut ImportRewriter {
                    compiler: self,
                    fm,
                    path,
                    unresolved_mark,
                    link,
                });

                // A CommonJS script has no imports or exports to lower, and keeps its sloppy
                // mode and its top-level `this` (the module's `exports`).
                if let Program::Module(_) = program {
                    program.mutate(common_js(
                        Resolver::Default,
                        unresolved_mark,
                        ModuleConfig {
                            import_interop: Some(if options.es_module_interop {
                                ImportInterop::Swc
                            } else {
                                ImportInterop::None
                            }),
                            ignore_dynamic: true,
                            allow_top_level_this: false,
                            ..Default::default()
                        },
                        FeatureFlag {
                            support_block_scoping: true,
                            support_arrow: true,
                        },
                    ));
                }
                program.mutate(inject_helpers(unresolved_mark));
                program.visit_mut_with(&mut UseRuntimeImportStar {
                    helper_mark: HELPERS.with(|helpers| helpers.mark()),
                    unresolved_mark,
                });
                // Most modules have nothing to rename (see `name_clashes`).
                if options.rename_every_module || crate::bundle::name_clashes::names_clash(program)
                {
                    program.mutate(hygiene());
                }
                program.mutate(fixer(None));
            })
        });
        collected.lock().map(|c| c.clone()).unwrap_or_default()
    }

    fn print(&self, program: &Program, fm: &SourceFile) -> (String, Vec<Mapping>) {
        // Sized from the source, so the buffers do not grow (and fault in fresh pages) while
        // printing: the JavaScript is about as long as the TypeScript, with a mapping for every
        // eight to fifteen bytes of source.
        let source_length = fm.src.len();
        let mut buffer = Vec::with_capacity(source_length + source_length / 4 + 1024);
        let mut raw_mappings = Vec::with_capacity(source_length / 6 + 64);
        {
            let writer =
                crate::bundle::js_writer::MappedJsWriter::new(&mut buffer, &mut raw_mappings);
            let mut emitter = CodeEmitter {
                cfg: swc_core::ecma::codegen::Config::default().with_target(EsVersion::Es2022),
                cm: self.cm.clone(),
                comments: None,
                wr: writer,
            };
            // Writing into a Vec cannot fail.
            let _ = emitter.emit_program(program);
        }
        let mappings = crate::bundle::mappings::original_positions(fm, &raw_mappings);
        let code = String::from_utf8(buffer)
            .unwrap_or_else(|invalid| String::from_utf8_lossy(invalid.as_bytes()).into_owned());
        (code, mappings)
    }

    pub(crate) fn location(&self, fm: &SourceFile, path: &Path, span: Span) -> Location {
        let start = (span.lo.0.saturating_sub(fm.start_pos.0)) as usize;
        let length = span.hi.0.saturating_sub(span.lo.0) as usize;
        Location::at_offset(path, fm.src.as_str(), start, length)
    }
}

/// Gathers the errors swc's transforms report through `HANDLER`.
struct CollectingEmitter {
    errors: Arc<Mutex<Vec<(Option<Span>, String)>>>,
}

impl Emitter for CollectingEmitter {
    fn emit(&mut self, db: &mut DiagnosticBuilder<'_>) {
        let span = db.span.primary_span();
        let message = db.message();
        if let Ok(mut errors) = self.errors.lock() {
            errors.push((span, message));
        }
    }
}
