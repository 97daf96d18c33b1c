//! Modules that are not compiled sources, in the scan: JSON modules, the ES modules of stylesheets
//! and JSON in the per-module layout, assets to copy, and the helpers a CommonJS module file needs.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::bundle::graph::{module_id, Module};
use crate::bundle::link::ModuleChunk;
use crate::bundle::module_files::{is_asset, ModuleFile, ModuleFormat, ModuleLayout};
use crate::bundle::transform::ImportTarget;
use crate::diagnostics::Diagnostic;
use crate::dts::emit::ModuleDeclarations;

/// A JSON module's CommonJS code: `module.exports` is what `JSON.parse` makes of the text.
fn json_commonjs(text: &str) -> String {
    format!(
        "module.exports = JSON.parse({});\n",
        crate::bundle::link::json_string(text.trim())
    )
}

/// A JSON module: its value through `JSON.parse`, as node's `require` reads a JSON file (an object
/// literal would turn a `"__proto__"` key into the object's prototype), and declarations for the
/// roll-up (`export { data }` reads them).
pub(crate) fn json_module(path: &Path, id: String, text: String) -> Result<Module, Diagnostic> {
    let value = crate::config::jsonc::parse_json(path, &text, "JSON module")?;
    let code = json_commonjs(&text);
    Ok(Module {
        chunk: ModuleChunk::new(&id, &text, &code, Vec::new()),
        file: None,
        asset: false,
        externals: Vec::new(),
        id,
        path: path.to_path_buf(),
        source: text,
        dependencies: Vec::new(),
        declarations: Some(crate::dts::emit::json_module::json_module_declarations(
            &value,
        )),
        declaration_sources: HashMap::new(),
    })
}

/// An import of an own file in the per-module layout: a module's output file (a dependency to
/// scan; stylesheets are modules there), or an asset copied beside the output (a dependency too,
/// which the scan copies instead of compiling). Anything else cannot be imported.
pub(crate) fn link_file(
    layout: &ModuleLayout,
    importer: &Path,
    path: &Path,
    dependencies: &mut Vec<PathBuf>,
) -> ImportTarget {
    let from = layout.module_file_path(importer);
    let to = if is_asset(path) {
        layout.asset_file(path)
    } else {
        layout.module_file_path(path)
    };
    dependencies.push(path.to_path_buf());
    ImportTarget::Internal(layout.specifier(&from, &to))
}

/// An asset in the per-module layout: nothing to compile, the file is copied.
pub(crate) fn asset_module(package_dir: &Path, path: &Path) -> Module {
    Module {
        id: module_id(package_dir, path),
        path: path.to_path_buf(),
        source: String::new(),
        chunk: ModuleChunk::default(),
        file: None,
        asset: true,
        dependencies: Vec::new(),
        externals: Vec::new(),
        declarations: None,
        declaration_sources: HashMap::new(),
    }
}

/// The ES module of a stylesheet or JSON file in the per-module layout (with a JSON module's
/// declarations, for the roll-up); None for source modules.
pub(crate) fn file_module(
    layout: &ModuleLayout,
    path: &Path,
    text: &str,
) -> Option<Result<(ModuleFile, Option<ModuleDeclarations>), Diagnostic>> {
    let file = layout.module_file_path(path);
    let commonjs = layout.format == ModuleFormat::CommonJs;
    let built = if path.extension().is_some_and(|e| e == "json") {
        crate::config::jsonc::parse_json(path, text, "JSON module").map(|value| {
            let declarations = crate::dts::emit::json_module::json_module_declarations(&value);
            let code = match commonjs {
                true => json_commonjs(text),
                false => json_esm(text, &value),
            };
            (code, Some(declarations))
        })
    } else if !commonjs && crate::bundle::css::is_stylesheet(path) {
        let inject = layout.specifier(&file, Path::new(crate::bundle::css::STYLE_INJECT_OUTPUT));
        crate::bundle::css::stylesheet_module(path, text, &inject).map(|code| (code, None))
    } else {
        return None;
    };
    Some(built.map(|(code, declarations)| {
        (
            layout.module_file(file, path, text, &code, &[]),
            declarations,
        )
    }))
}

/// A JSON module as an ES module: the parsed value as the default export, and each top-level key
/// that is an identifier as a named export (rollup's JSON plugin exports the same names).
pub(crate) fn json_esm(text: &str, value: &serde_json::Value) -> String {
    let mut code = format!(
        "var json = JSON.parse({});\n",
        crate::bundle::link::json_string(text.trim())
    );
    let mut exports = Vec::new();
    if let serde_json::Value::Object(object) = value {
        for key in object.keys() {
            if crate::dts::type_nodes::is_identifier(key)
                && !crate::dts::type_nodes::is_reserved(&key.as_str().into())
            {
                let local = format!("json_{}", exports.len());
                let quoted = crate::bundle::link::json_string(key);
                code.push_str(&format!("var {local} = json[{quoted}];\n"));
                exports.push(format!("{local} as {key}"));
            }
        }
    }
    exports.push("json as default".to_string());
    code.push_str(&format!("\nexport {{ {} }};\n", exports.join(", ")));
    code
}

pub(crate) fn module_with_file(
    path: &Path,
    id: String,
    text: String,
    (file, declarations): (ModuleFile, Option<ModuleDeclarations>),
) -> Module {
    Module {
        id,
        path: path.to_path_buf(),
        source: text,
        chunk: ModuleChunk::default(),
        file: Some(file),
        asset: false,
        dependencies: Vec::new(),
        externals: Vec::new(),
        declarations,
        declaration_sources: HashMap::new(),
    }
}

/// A module's CommonJS file with the functions it calls that the bundle's runtime would provide:
/// tsc's `__importStar` for namespace imports, and `import()` of own modules. Appended, so the
/// mappings stay as they are (function declarations are hoisted).
pub(crate) fn with_runtime_helpers(layout: &ModuleLayout, path: &Path, code: String) -> String {
    if layout.format_of(path) != ModuleFormat::CommonJs {
        return code;
    }
    let lazy = code.contains(crate::bundle::transform::LAZY_IMPORT_FUNCTION);
    let star = lazy || code.contains(crate::bundle::lower::IMPORT_STAR_FUNCTION);
    if !star {
        return code;
    }
    let mut code = code;
    code.push('\n');
    code.push_str(crate::bundle::link::IMPORT_STAR_HELPER);
    if lazy {
        code.push_str(crate::bundle::link::LAZY_IMPORT_FILE_HELPER);
    }
    code
}
