//! Stylesheets a frontend module imports, built as backstage-cli's build writes them: each `.css`
//! file becomes a JavaScript module that injects the stylesheet into the document when it loads
//! (`<file>.css.esm.js`). A CSS module (`*.module.css`) gets locally scoped class names,
//! `<file>_<class>__<hash>` with the first ten hex digits of the MD5 of the file's text as the hash
//! (backstage-cli's naming), and exports the object mapping each written name to its scoped one.
//! lightningcss parses and prints the stylesheet.

use std::path::Path;

use lightningcss::css_modules::{Config as CssModulesConfig, CssModuleExport, Pattern};
use lightningcss::stylesheet::{ParserOptions, PrinterOptions, StyleSheet};
use md5::{Digest, Md5};

use crate::bundle::link::json_string;
use crate::diagnostics::{self, Diagnostic, Location};

/// Where the style-injecting helper goes under `dist/`: the path backstage-cli's build gives the
/// `style-inject` module it bundles, so both builds write the same files.
pub const STYLE_INJECT_OUTPUT: &str = "node_modules_dist/style-inject/dist/style-inject.es.esm.js";

/// The helper every stylesheet module calls: a `<style>` element with the CSS text, appended to the
/// document's head; nothing outside a browser (server-side rendering, tests without a DOM).
pub const STYLE_INJECT_CODE: &str = r#"function styleInject(css) {
  if (typeof document === "undefined") return;
  var head = document.head || document.getElementsByTagName("head")[0];
  var element = document.createElement("style");
  element.setAttribute("type", "text/css");
  element.appendChild(document.createTextNode(css));
  head.appendChild(element);
}

export { styleInject as default };
"#;

/// Whether `path` is a stylesheet a frontend build turns into a module.
pub fn is_stylesheet(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "css")
}

fn is_css_module(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.ends_with(".module.css"))
}

/// The ES module standing for the stylesheet at `path` (text `text`); `inject` is the specifier of
/// the style-injecting helper from that module's output file.
pub fn stylesheet_module(path: &Path, text: &str, inject: &str) -> Result<String, Diagnostic> {
    let scoped = is_css_module(path);
    let mut options = ParserOptions {
        filename: path.to_string_lossy().into_owned(),
        ..ParserOptions::default()
    };
    let pattern_text;
    if scoped {
        pattern_text = format!("{}_[local]__{}", module_stem(path), content_hash(text));
        let pattern = Pattern::parse(&pattern_text).map_err(|error| {
            diagnostics::stylesheet_error(Location::at_offset(path, text, 0, 0), &error.to_string())
        })?;
        options.css_modules = Some(CssModulesConfig {
            pattern,
            ..CssModulesConfig::default()
        });
    }
    let sheet = StyleSheet::parse(text, options).map_err(|error| {
        let location = match &error.loc {
            Some(loc) => {
                Location::at_line_column(path, text, loc.line as usize + 1, loc.column as usize)
            }
            None => Location::at_offset(path, text, 0, 0),
        };
        diagnostics::stylesheet_error(location, &error.kind.to_string())
    })?;
    let printed = sheet.to_css(PrinterOptions::default()).map_err(|error| {
        diagnostics::stylesheet_error(Location::at_offset(path, text, 0, 0), &error.to_string())
    })?;
    let mut code = format!("import styleInject from {};\n\n", json_string(inject));
    code.push_str(&format!("var css = {};\n", json_string(&printed.code)));
    if scoped {
        let exports = printed.exports.unwrap_or_default();
        code.push_str(&format!("var styles = {};\n", class_names_object(&exports)));
    }
    code.push_str("styleInject(css);\n");
    if scoped {
        code.push_str("\nexport { styles as default };\n");
    }
    Ok(code)
}

/// `DemoCard` for `DemoCard.module.css`.
fn module_stem(path: &Path) -> String {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("style");
    name.strip_suffix(".module.css").unwrap_or(name).to_string()
}

fn content_hash(text: &str) -> String {
    let digest = Md5::digest(text.as_bytes());
    let hex: String = digest.iter().map(|byte| format!("{byte:02x}")).collect();
    hex[..10].to_string()
}

/// `{"card":"DemoCard_card__6ef05d6af1", ...}`, sorted by written name (lightningcss's map has no
/// order). A class that `composes` others maps to all their names.
fn class_names_object(exports: &lightningcss::css_modules::CssModuleExports) -> String {
    let mut entries: Vec<(&String, &CssModuleExport)> = exports.iter().collect();
    entries.sort_by(|a, b| a.0.cmp(b.0));
    let members: Vec<String> = entries
        .into_iter()
        .map(|(written, export)| {
            let mut names = vec![export.name.clone()];
            for composed in &export.composes {
                match composed {
                    lightningcss::css_modules::CssModuleReference::Local { name }
                    | lightningcss::css_modules::CssModuleReference::Global { name } => {
                        names.push(name.clone())
                    }
                    lightningcss::css_modules::CssModuleReference::Dependency { name, .. } => {
                        names.push(name.clone())
                    }
                }
            }
            format!("{}:{}", json_string(written), json_string(&names.join(" ")))
        })
        .collect();
    format!("{{{}}}", members.join(","))
}
