//! Compiles one module: parse (swc), strip types, lower what node 20 cannot run, point the package's own
//! imports at module ids, convert to CommonJS and print JavaScript with its source mappings.

use std::cell::RefCell;
use std::path::Path;
use std::rc::Rc;
use std::sync::{Arc, Mutex};

use crate::bundle::node_exports::{node_exports, NodeExports};
use swc_core::common::comments::SingleThreadedComments;
use swc_core::common::errors::{DiagnosticBuilder, Emitter, Handler, HANDLER};
use swc_core::common::sync::Lrc;
use swc_core::common::{Globals, Mark, SourceFile, SourceMap, Span, GLOBALS};
use swc_core::ecma::ast::{EsVersion, Module, Program};
use swc_core::ecma::codegen::Emitter as CodeEmitter;
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
use crate::bundle::module_files::{ModuleFormat, ModuleLayout};
use crate::bundle::parse::{as_module, into_script, ParsedModule, SourceKind};
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
    /// One ES module file per source module (frontend roles); None: CommonJS for the bundle.
    pub layout: Option<ModuleLayout>,
}

impl CompileOptions {
    /// Whether the module at `path` becomes CommonJS: in the bundle, and where the module layout
    /// says so (`ModuleLayout::format_of`).
    pub fn emits_commonjs(&self, path: &Path) -> bool {
        self.layout
            .as_ref()
            .is_none_or(|layout| layout.format_of(path) == ModuleFormat::CommonJs)
    }

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
            layout: None,
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
    /// The names node must find in the bundle's CommonJS (`node_exports`); empty elsewhere.
    pub node_exports: NodeExports,
}

impl CompiledModule {
    fn declarations_only(
        declarations: Option<ModuleDeclarations>,
        facts: Option<ModuleFacts>,
    ) -> CompiledModule {
        CompiledModule {
            code: String::new(),
            mappings: Vec::new(),
            declarations,
            facts,
            diagnostics: Vec::new(),
            node_exports: NodeExports::default(),
        }
    }

    fn failed(diagnostics: Vec<Diagnostic>) -> CompiledModule {
        CompiledModule {
            code: String::new(),
            mappings: Vec::new(),
            declarations: None,
            facts: None,
            diagnostics,
            node_exports: NodeExports::default(),
        }
    }
}

/// A module's program after the resolver, with its marks and facts.
struct Resolved {
    program: Program,
    marks: Marks,
    facts: Option<ModuleFacts>,
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

    fn compile_in_globals(
        &self,
        path: &Path,
        source: SourceKind,
        parsed: ParsedModule,
        globals: &Globals,
        link: &mut dyn FnMut(&str, ImportKind, &dyn Fn() -> Location) -> ImportTarget,
    ) -> CompiledModule {
        let ParsedModule {
            fm,
            module,
            comments,
            script,
        } = parsed;
        let module = match module {
            Ok(module) => module,
            Err(diagnostics) => return CompiledModule::failed(diagnostics),
        };
        let resolved = self.resolve(source, module, &fm, script);
        let declare = self.options.declarations && (source.typescript || self.options.allow_js);
        if source.declaration_file {
            let declarations =
                emit::declaration_file(resolved.program, &comments, resolved.marks.top_level);
            return CompiledModule::declarations_only(Some(declarations), resolved.facts);
        }
        if !self.options.javascript {
            return self.declarations_only(path, resolved, &fm, &comments, declare);
        }
        self.compile_javascript(
            path, source, resolved, &fm, &comments, declare, globals, link,
        )
    }

    /// The module's facts (when asked for), then its program with unread bodies emptied for a
    /// declaration-only run, resolved (marks applied).
    fn resolve(
        &self,
        source: SourceKind,
        mut module: Module,
        fm: &SourceFile,
        script: bool,
    ) -> Resolved {
        let facts = self
            .options
            .facts
            .then(|| facts::collect_facts(&module, fm));
        if !self.options.javascript && source.typescript && !source.declaration_file {
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
        program.mutate(resolver(
            marks.unresolved,
            marks.top_level,
            source.typescript,
        ));
        Resolved {
            program,
            marks,
            facts,
        }
    }

    fn emit_settings(&self) -> EmitSettings {
        EmitSettings {
            strip_internal: self.options.strip_internal,
            dependency_types: self.dependency_types.clone(),
        }
    }

    /// A declaration-only compilation (`plugbuild tsc`): the declarations and facts, no JavaScript.
    fn declarations_only(
        &self,
        path: &Path,
        resolved: Resolved,
        fm: &SourceFile,
        comments: &SingleThreadedComments,
        declare: bool,
    ) -> CompiledModule {
        let Resolved {
            program,
            marks,
            mut facts,
        } = resolved;
        let declarations = declare.then(|| {
            emit::emit_declarations(
                as_module(&program),
                fm,
                path,
                comments,
                marks.unresolved,
                marks.top_level,
                &self.emit_settings(),
            )
        });
        if let (Some(facts), Some(declarations)) = (&mut facts, &declarations) {
            crate::dts::facts::generic_calls::add_generic_facts(facts, &declarations.items, fm);
        }
        CompiledModule::declarations_only(declarations, facts)
    }

    /// A build's compilation: the JavaScript with its mappings, and the declarations when asked for.
    #[allow(clippy::too_many_arguments)]
    fn compile_javascript(
        &self,
        path: &Path,
        source: SourceKind,
        resolved: Resolved,
        fm: &Lrc<SourceFile>,
        comments: &SingleThreadedComments,
        declare: bool,
        globals: &Globals,
        link: &mut dyn FnMut(&str, ImportKind, &dyn Fn() -> Location) -> ImportTarget,
    ) -> CompiledModule {
        let Resolved {
            mut program,
            marks,
            facts,
        } = resolved;
        let emit_settings = self.emit_settings();
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
                    Program::Module(module) if source.typescript => {
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
                source.typescript,
                source.jsx,
                comments,
                link,
            );
            let (code, mappings) = self.print(&program, fm);
            (code, mappings, errors)
        });
        let (lowering_errors, node_exports) = lowering_errors;
        let diagnostics = lowering_errors
            .into_iter()
            .map(|(span, message)| {
                let location = span.map(|span| self.location(fm, path, span));
                diagnostics::transform_error(location, path, &message)
            })
            .collect();
        CompiledModule {
            code,
            mappings,
            declarations,
            facts,
            diagnostics,
            node_exports,
        }
    }

    /// Lowers the module to CommonJS in place; the errors the transforms reported, and the names
    /// node must find in the CommonJS output.
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
    ) -> (Vec<(Option<Span>, String)>, NodeExports) {
        let mut exports = NodeExports::default();
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

                let source = fm.src.as_str();
                self.strip_types(program, marks, source, is_typescript, is_jsx, comments);
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
                // Only the bundle states its entry's names itself; in the module layout each
                // CommonJS file gets swc's annotation (`finish_module`).
                if options.layout.is_none() {
                    exports = node_exports(program);
                }

                self.finish_module(program, marks, path);
                program.mutate(fixer(None));
            })
        });
        let errors = collected.lock().map(|c| c.clone()).unwrap_or_default();
        (errors, exports)
    }

    /// Decorators, then TypeScript's types and JSX, lowered as the tsconfig says.
    fn strip_types(
        &self,
        program: &mut Program,
        marks: Marks,
        source: &str,
        is_typescript: bool,
        is_jsx: bool,
        comments: &SingleThreadedComments,
    ) {
        let options = &self.options;
        let unresolved_mark = marks.unresolved;
        let top_level_mark = marks.top_level;
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
    }

    /// The module in its output format (CommonJS for the bundle and the CommonJS layout; an ES
    /// module stays one in the ES module layout), with swc's helpers and the names it needs
    /// renamed.
    fn finish_module(&self, program: &mut Program, marks: Marks, path: &Path) {
        let options = &self.options;
        let unresolved_mark = marks.unresolved;
        let bundled = options.emits_commonjs(path);
        // A CommonJS script has no imports or exports to lower, and keeps its sloppy
        // mode and its top-level `this` (the module's `exports`).
        if let (true, Program::Module(_)) = (bundled, &*program) {
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
                    // Each file of the per-module layout says its names to node itself; the
                    // bundle says its entry's once (`node_exports`).
                    export_interop_annotation: Some(options.layout.is_some()),
                    ..Default::default()
                },
                FeatureFlag {
                    support_block_scoping: true,
                    support_arrow: true,
                },
            ));
        }
        program.mutate(inject_helpers(unresolved_mark));
        if bundled {
            program.visit_mut_with(&mut UseRuntimeImportStar {
                helper_mark: HELPERS.with(|helpers| helpers.mark()),
                unresolved_mark,
            });
        }
        // Most modules have nothing to rename (see `name_clashes`).
        if options.rename_every_module || crate::bundle::name_clashes::names_clash(program) {
            program.mutate(hygiene());
        }
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
