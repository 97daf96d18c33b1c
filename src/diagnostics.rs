//! Diagnostics as data. Every message text the user can see is written in this file; phases build
//! `Diagnostic`s through these constructors and `report.rs` renders them.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Note,
}

/// A place in a file: 1-based line and column (columns count characters), the text of that line and
/// how many characters to underline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub line_text: String,
    pub length: usize,
}

impl Location {
    /// Computes line and column of `offset` (a byte offset into `text`).
    pub fn at_offset(path: &Path, text: &str, offset: usize, length_bytes: usize) -> Location {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line_start = text[..offset].rfind('\n').map(|i| i + 1).unwrap_or(0);
        let line_end = text[offset..]
            .find('\n')
            .map(|i| offset + i)
            .unwrap_or(text.len());
        let line = text[..line_start].matches('\n').count() + 1;
        let column = text[line_start..offset].chars().count() + 1;
        let line_text = text[line_start..line_end]
            .trim_end_matches('\r')
            .to_string();
        let end = floor_char_boundary(text, (offset + length_bytes).min(line_end));
        let length = text[offset..end].chars().count().max(1);
        Location {
            path: path.to_path_buf(),
            line,
            column,
            line_text,
            length,
        }
    }

    /// A location given as 1-based line and column (as serde_json reports them).
    pub fn at_line_column(path: &Path, text: &str, line: usize, column: usize) -> Location {
        let line_text = text
            .lines()
            .nth(line.saturating_sub(1))
            .unwrap_or("")
            .to_string();
        Location {
            path: path.to_path_buf(),
            line: line.max(1),
            column: column.max(1),
            line_text,
            length: 1,
        }
    }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// tsc's code for the same condition (`TS2307`) where it has one, else plugbuild's (`PB2001`).
    pub code: Option<String>,
    pub message: String,
    pub location: Option<Location>,
    /// Where the problem is a file as a whole (no line to point at).
    pub file: Option<PathBuf>,
    pub hint: Option<String>,
}

impl Diagnostic {
    fn new(severity: Severity, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity,
            code: None,
            message: message.into(),
            location: None,
            file: None,
            hint: None,
        }
    }

    pub fn error(message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Error, message)
    }

    pub fn warning(message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Warning, message)
    }

    pub fn note(message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Note, message)
    }

    pub fn at(mut self, location: Location) -> Diagnostic {
        self.location = Some(location);
        self
    }

    pub fn in_file(mut self, path: &Path) -> Diagnostic {
        self.file = Some(path.to_path_buf());
        self
    }

    pub fn code(mut self, code: &str) -> Diagnostic {
        self.code = Some(code.to_string());
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(Diagnostic::is_error)
}

/// The code of problems with a package's declared entries (irrelevant when `start` runs its own).
pub const ENTRY_PROBLEM: &str = "PB1001";

// ---- message texts -------------------------------------------------------------------------

pub fn cannot_read(path: &Path, error: &std::io::Error) -> Diagnostic {
    Diagnostic::error(format!("cannot read this file: {error}")).in_file(path)
}

pub fn cannot_write(path: &Path, error: &std::io::Error) -> Diagnostic {
    Diagnostic::error(format!("cannot write this file: {error}"))
        .in_file(path)
        .hint("check that the folder is writable and the disk has room; the previous output was left as it was")
}

pub fn not_utf8(path: &Path, valid_up_to: usize, text: &str) -> Diagnostic {
    Diagnostic::error("file is not valid UTF-8")
        .at(Location::at_offset(path, text, valid_up_to, 1))
        .hint("save the file with UTF-8 encoding")
}

pub fn no_package_json(dir: &Path) -> Diagnostic {
    Diagnostic::error("no package.json in this folder")
        .in_file(dir)
        .hint("run plugbuild build in a package folder, or pass the folder: plugbuild build plugins/my-plugin")
}

pub fn invalid_json(location: Location, detail: &str, what: &str) -> Diagnostic {
    Diagnostic::error(format!("{what} is not valid JSON: {detail}"))
        .at(location)
        .hint("fix the syntax at this position")
}

pub fn json_field_type(path: &Path, field: &str, expected: &str) -> Diagnostic {
    Diagnostic::error(format!("`{field}` must be {expected}")).in_file(path)
}

pub fn missing_entry(location: Location, entry: &str, source: &str) -> Diagnostic {
    Diagnostic::error(format!(
        "entry `{entry}` points at {source}, which does not exist"
    ))
    .code(ENTRY_PROBLEM)
    .at(location)
    .hint("create the file, or point `exports`/`main` in package.json at an existing file in src/")
}

pub fn no_entry(package_json: &Path) -> Diagnostic {
    Diagnostic::error("no entry point: there is no src/index.ts and package.json names none")
        .code(ENTRY_PROBLEM)
        .in_file(package_json)
        .hint("create src/index.ts, or add `\"main\": \"src/index.ts\"` (or `exports`) to package.json")
}

pub fn tsconfig_extends_not_found(location: Location, target: &str) -> Diagnostic {
    Diagnostic::error(format!(
        "cannot find the tsconfig `{target}` named in `extends`"
    ))
    .at(location)
    .hint("install the package that provides it (yarn install), or fix the path")
}

pub fn tsconfig_extends_cycle(location: Location) -> Diagnostic {
    Diagnostic::error("tsconfig `extends` chain loops back on itself")
        .at(location)
        .hint("remove one of the `extends` in the cycle")
}

/// The release of @backstage/cli whose base tsconfig stands in when it is not installed.
pub const BACKSTAGE_CLI_RELEASE: &str = "0.36.8";

const BACKSTAGE_BASE_SUMMARY: &str =
    "target ES2024, esModuleInterop, useDefineForClassFields, jsx react, allowJs, stripInternal";

/// Backstage's base config stood in: for an `extends` of it that is not installed (`found` is the
/// tsconfig that names it), or for a package with no tsconfig at all (`found` is None).
pub fn backstage_defaults_used(name: &str, found: Option<&Path>) -> Diagnostic {
    match found {
        Some(_) => Diagnostic::note(format!(
            "{name} is not installed; using its known defaults (those of @backstage/cli {BACKSTAGE_CLI_RELEASE}: {BACKSTAGE_BASE_SUMMARY})"
        )),
        None => Diagnostic::note(format!(
            "no tsconfig.json in the package folder or above it; using the settings of {name} (@backstage/cli {BACKSTAGE_CLI_RELEASE}: {BACKSTAGE_BASE_SUMMARY}), as backstage-cli builds such a package"
        ))
        .hint(format!(
            "add a tsconfig.json (`{{ \"extends\": \"{name}\", \"include\": [\"src\"] }}`) to choose other settings"
        )),
    }
}

pub fn syntax_error(location: Location, message: &str) -> Diagnostic {
    // tsc's codes for the conditions swc names the same way.
    let code = match message {
        _ if message.starts_with("Expression expected") => "TS1109",
        _ if message.starts_with("Unterminated string") => "TS1002",
        _ if message.starts_with("Unterminated template") => "TS1160",
        _ if message.starts_with("Unterminated regexp") => "TS1161",
        _ => "TS1005",
    };
    Diagnostic::error(message.to_string())
        .at(location)
        .code(code)
}

pub fn transform_error(location: Option<Location>, file: &Path, message: &str) -> Diagnostic {
    let diagnostic = Diagnostic::error(message.to_string());
    match location {
        Some(location) => diagnostic.at(location),
        None => diagnostic.in_file(file),
    }
}

pub fn unresolved_import(location: Location, specifier: &str) -> Diagnostic {
    Diagnostic::error(format!("Cannot find module '{specifier}' or its corresponding type declarations."))
        .code("TS2307")
        .at(location)
        .hint("no file matches with .ts, .tsx, .js, .json or an index file; fix the path or create the module")
}

pub fn import_outside_package(location: Location, specifier: &str) -> Diagnostic {
    Diagnostic::error(format!(
        "import \"{specifier}\" climbs out of the package"
    ))
    .at(location)
    .hint("import the other package by its name (add it to dependencies) instead of a relative path")
}

pub fn asset_import(location: Location, specifier: &str, extension: &str) -> Diagnostic {
    let kind = if extension.is_empty() {
        "a file without an extension".to_string()
    } else {
        format!("a .{extension} file")
    };
    Diagnostic::error(format!("import \"{specifier}\" is {kind}, not a module"))
        .at(location)
        .hint("plugbuild bundles TypeScript, JavaScript and JSON modules: read other files at run time with `fs` (and list them in package.json `files`); images and styles for the browser are built by backstage-cli's frontend build")
}

pub fn unsupported_frontend_import(location: Location, specifier: &str, kind: &str) -> Diagnostic {
    let what = if kind.is_empty() {
        "a file without an extension".to_string()
    } else {
        format!("a .{kind} file")
    };
    Diagnostic::error(format!(
        "import \"{specifier}\" is {what}, which plugbuild's frontend build does not handle yet"
    ))
    .at(location)
    .hint("frontend packages can import TypeScript, JavaScript, JSON, CSS (plain and .module.css) and assets (svg, png, gif, jpg, jpeg, webp, eot, woff, woff2, ttf, md); build this package with backstage-cli for now")
}

pub fn stylesheet_error(location: Location, message: &str) -> Diagnostic {
    Diagnostic::error(format!("cannot read this stylesheet: {message}"))
        .at(location)
        .hint("fix the CSS at this position; plugbuild builds the stylesheets a frontend package imports with lightningcss")
}

pub fn jsx_preserve_unsupported(path: &Path) -> Diagnostic {
    Diagnostic::error("tsconfig sets `\"jsx\": \"preserve\"`, which node cannot run")
        .in_file(path)
        .hint("set `jsx` to `react-jsx` (or `react`) for packages that run under node")
}

pub fn internal_panic(path: &Path, message: &str) -> Diagnostic {
    Diagnostic::error(format!(
        "internal error while compiling this file: {message}"
    ))
    .in_file(path)
    .hint("this is a bug in plugbuild; please report it with the file that triggers it")
}

pub fn dist_in_use(path: &Path, error: &std::io::Error) -> Diagnostic {
    Diagnostic::error(format!("cannot replace this folder: {error}"))
        .in_file(path)
        .hint("the new build was discarded and the previous output left as it was; check permissions and retry")
}

pub fn uninferable_declaration(location: Location, detail: &str) -> Diagnostic {
    let detail = detail.replace(" with --isolatedDeclarations", "");
    let (code, detail) = match detail.split_once(": ") {
        Some((code, rest)) if code.starts_with("TS") => (code.to_string(), rest.to_string()),
        _ => ("TS9010".to_string(), detail),
    };
    Diagnostic::warning(format!("{detail} Its type in the .d.ts falls back to `any` or `unknown`."))
        .code(&code)
        .at(location)
        .hint("plugbuild writes declarations without a type checker: add an explicit type annotation here")
}

pub fn uninferable_as_error(mut diagnostic: Diagnostic) -> Diagnostic {
    diagnostic.severity = Severity::Error;
    diagnostic
}

pub fn declarations_unavailable(module_id: &str, name: &str) -> Diagnostic {
    Diagnostic::warning(format!(
        "`{name}` comes from {module_id}, which has no TypeScript declarations; it is typed `any` in the .d.ts"
    ))
    .hint("convert the module to TypeScript, or add a .d.ts next to it")
}

pub fn export_not_found(module_id: &str, name: &str) -> Diagnostic {
    Diagnostic::warning(format!(
        "{module_id} re-exports `{name}`, which no module declares; it is left out of the .d.ts"
    ))
}

pub fn no_tsconfig(dir: &Path) -> Diagnostic {
    Diagnostic::error("no tsconfig.json in this folder")
        .in_file(dir)
        .hint("run plugbuild tsc at the repository root, where tsconfig.json lists the packages in `include`")
}

pub fn dist_file_missing(path: &Path) -> Diagnostic {
    Diagnostic::error("the published package.json would point at this file, which does not exist")
        .in_file(path)
        .hint("run plugbuild build first")
}

pub fn plugin_metadata_missing(manifest: &Path, name: &str, key: &str) -> Diagnostic {
    Diagnostic::error(format!(
        "{name} is missing backstage.{key}, which Backstage needs in a published plugin package"
    ))
    .in_file(manifest)
    .hint("run `backstage-cli repo fix --publish` (it writes pluginId, pluginPackages and pluginPackage), or add the field by hand")
}

pub fn config_schema_unsupported(location: Location, what: &str) -> Diagnostic {
    Diagnostic::error(format!(
        "cannot turn this into config.schema.json as backstage-cli would: {what}"
    ))
    .at(location)
    .hint("write the configuration type with interfaces, object types, unions and arrays, or run backstage-cli's prepack for this package")
}

pub fn config_type_not_found(location: Location, source: &str) -> Diagnostic {
    Diagnostic::error(format!(
        "cannot find this configuration type: its import from '{source}' leads to no declaration of it"
    ))
    .at(location)
    .hint(format!("install the package's dependencies (yarn install) so that '{source}' resolves, and check that it exports this type"))
}

pub fn nothing_to_restore(backup: &Path) -> Diagnostic {
    Diagnostic::error("there is no package.json-prepack to restore")
        .in_file(backup)
        .hint("postpack restores what prepack saved; run it only after plugbuild prepack")
}

pub fn symlink_outside_package(link: &Path, target: &Path) -> Diagnostic {
    Diagnostic::error(format!(
        "this symlink points outside the package (to {}); refusing to pack it",
        target.display()
    ))
    .in_file(link)
    .hint("copy the file into the package, or remove the link")
}

pub fn path_escapes_package(path: &Path) -> Diagnostic {
    Diagnostic::error("this path leaves the package folder; refusing to pack it")
        .in_file(path)
        .hint("keep every packed file inside the package folder")
}

pub fn files_pattern_escapes(package_json: &Path, pattern: &str) -> Diagnostic {
    Diagnostic::error(format!(
        "`files` names \"{pattern}\", which is outside the package; refusing to pack it"
    ))
    .in_file(package_json)
    .hint("list only paths inside the package folder in `files`")
}

pub fn no_workspaces(package_json: &Path) -> Diagnostic {
    Diagnostic::error("package.json has no `workspaces`: this is not a monorepo root")
        .in_file(package_json)
        .hint("run --all at the repository root, whose package.json lists `workspaces` such as [\"packages/*\", \"plugins/*\"]")
}

pub fn workspace_glob_matches_nothing(package_json: &Path, pattern: &str) -> Diagnostic {
    Diagnostic::warning(format!(
        "the workspace pattern \"{pattern}\" matches no package folder"
    ))
    .in_file(package_json)
    .hint("fix or remove the pattern in `workspaces`")
}

pub fn duplicate_package_name(package_json: &Path, name: &str) -> Diagnostic {
    Diagnostic::error(format!("two workspace packages are named \"{name}\""))
        .in_file(package_json)
        .hint("package names must be unique in a workspace; rename one of them")
}

pub fn no_exported_member(location: Location, specifier: &str, name: &str) -> Diagnostic {
    Diagnostic::error(format!(
        "Module '\"{specifier}\"' has no exported member '{name}'."
    ))
    .code("TS2305")
    .at(location)
}

pub fn duplicate_export(location: Location, name: &str) -> Diagnostic {
    Diagnostic::error(format!("Duplicate identifier '{name}'."))
        .code("TS2300")
        .at(location)
}

pub fn ambiguous_star_export(location: Location, first: &str, name: &str) -> Diagnostic {
    Diagnostic::error(format!(
        "Module '{first}' has already exported a member named '{name}'. Consider explicitly re-exporting to resolve the ambiguity."
    ))
    .code("TS2308")
    .at(location)
}

pub fn undeclared_dependency(location: Location, package: &str, dev_only: bool) -> Diagnostic {
    let message = if dev_only {
        format!("'{package}' is imported here but is only a devDependency of this package.")
    } else {
        format!("'{package}' is imported here but is not a dependency of this package.")
    };
    Diagnostic::error(message)
        .code("PB2001")
        .at(location)
        .hint(format!("add \"{package}\" to `dependencies` (or `peerDependencies`) in the package.json of the importing package"))
}

pub fn cannot_watch(path: &Path, detail: &str) -> Diagnostic {
    Diagnostic::error(format!("cannot watch this folder for changes: {detail}"))
        .in_file(path)
        .hint("on Linux, raise fs.inotify.max_user_watches if it is exhausted")
}

pub fn no_start_entry(dir: &Path, role: Option<&str>) -> Diagnostic {
    match role {
        Some("backend") => Diagnostic::error(
            "nothing to start: this backend package (role `backend`) has no src/index.ts",
        )
        .in_file(dir)
        .hint("create src/index.ts, or pass the file to run: plugbuild start --entry src/server.ts"),
        _ => Diagnostic::error("nothing to start: there is no dev/index.ts and no src/run.ts")
            .in_file(dir)
            .hint("create dev/index.ts (new backend system) or pass the file to run: plugbuild start --entry src/server.ts"),
    }
}

pub fn start_entry_missing(path: &Path) -> Diagnostic {
    Diagnostic::error("the --entry file does not exist")
        .in_file(path)
        .hint("pass a path relative to the package folder")
}

pub fn cannot_run_node(error: &std::io::Error) -> Diagnostic {
    Diagnostic::error(format!("cannot run node: {error}"))
        .hint("install Node.js 20 or later and put `node` on PATH")
}

pub fn output_locked(lock: &Path) -> Diagnostic {
    Diagnostic::error("another plugbuild is still writing this output folder")
        .in_file(lock)
        .hint("wait for it to finish; if no plugbuild is running, delete the lock file")
}

pub fn inferred_type_arguments(location: Location, callee: &str) -> Diagnostic {
    Diagnostic::warning(format!(
        "tsc infers the type arguments of this call of `{callee}` from its arguments; without a type checker the declaration uses the type parameters' constraints instead"
    ))
    .code("TS9010")
    .at(location)
    .hint(format!("write the type arguments (`{callee}<...>(...)`) or annotate the declaration"))
}
