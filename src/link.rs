//! Links one entry's modules into a CommonJS bundle: a table of module functions, a small runtime that
//! loads them lazily with node's caching and cycle semantics, and one source map composed from the
//! modules' own mappings.

use std::path::Path;

use sourcemap::SourceMapBuilder;

use crate::graph::ModuleGraph;
use crate::transform::LAZY_IMPORT_FUNCTION;

/// The loader every bundle carries. Module functions receive `(module, exports, require)` exactly like
/// node's wrapper; ids of own modules go to the table, everything else to node's `require`. The entry
/// runs as the real node module, so `require.main === module` holds when the bundle is run directly.
const RUNTIME: &str = r#"var __plugbuild_cache = Object.create(null);
function __plugbuild_require(id) {
  if (!Object.prototype.hasOwnProperty.call(__plugbuild_modules, id)) return require(id);
  var cached = __plugbuild_cache[id];
  if (cached !== undefined) return cached.exports;
  var record = { id: id, exports: {}, loaded: false, filename: __filename, path: __dirname, children: [], paths: module.paths };
  __plugbuild_cache[id] = record;
  var threw = true;
  try {
    __plugbuild_modules[id].call(record.exports, record, record.exports, __plugbuild_require);
    threw = false;
  } finally {
    if (threw) delete __plugbuild_cache[id];
  }
  record.loaded = true;
  return record.exports;
}
__plugbuild_require.resolve = require.resolve;
__plugbuild_require.cache = require.cache;
__plugbuild_require.main = require.main;
__plugbuild_require.extensions = require.extensions;
function __plugbuild_import(id) {
  return Promise.resolve().then(function () {
    var mod = __plugbuild_require(id);
    if (mod && mod.__esModule) return mod;
    var namespace = {};
    if (mod != null) {
      Object.keys(mod).forEach(function (key) {
        if (key !== "default") Object.defineProperty(namespace, key, { enumerable: true, get: function () { return mod[key]; } });
      });
    }
    Object.defineProperty(namespace, "default", { enumerable: true, value: mod });
    return namespace;
  });
}
"#;

/// Output of `link_bundle`: the bundle's JavaScript and its source map (JSON).
pub struct Bundle {
    pub code: String,
    pub map: String,
    pub module_count: usize,
}

/// `bundle_name` is the file name of the bundle (`index.cjs.js`); `out_dir` is where it is written and
/// `package_dir` where its sources live, to make the map's `sources` relative to the map.
pub fn link_bundle(
    graph: &ModuleGraph,
    entry: &Path,
    bundle_name: &str,
    out_dir: &Path,
    package_dir: &Path,
) -> Bundle {
    debug_assert!(RUNTIME.contains(LAZY_IMPORT_FUNCTION));
    let order = graph.reachable_from(entry);
    let mut code = String::with_capacity(
        order
            .iter()
            .map(|&i| graph.modules[i].code.len() + 64)
            .sum::<usize>()
            + RUNTIME.len(),
    );
    let mut line: u32 = 0;
    let mut builder = SourceMapBuilder::new(Some(bundle_name));
    let source_prefix = relative_prefix(out_dir, package_dir);

    push_line(&mut code, &mut line, "\"use strict\";");
    push_line(&mut code, &mut line, "var __plugbuild_modules = {");
    for &index in &order {
        let module = &graph.modules[index];
        push_line(
            &mut code,
            &mut line,
            &format!(
                "{}: function (module, exports, require) {{",
                json_string(&module.id)
            ),
        );
        let source_name = format!("{}{}", source_prefix, module.id.trim_start_matches("./"));
        let source_id = builder.add_source(&source_name);
        builder.set_source_contents(source_id, Some(&module.source));
        for mapping in &module.mappings {
            builder.add_raw(
                line + mapping.generated_line,
                mapping.generated_column,
                mapping.original_line,
                mapping.original_column,
                Some(source_id),
                None,
                false,
            );
        }
        let body = module.code.trim_end_matches('\n');
        push_line(&mut code, &mut line, body);
        push_line(&mut code, &mut line, "},");
    }
    push_line(&mut code, &mut line, "};");
    for runtime_line in RUNTIME.lines() {
        push_line(&mut code, &mut line, runtime_line);
    }
    if let Some(&entry_index) = order.first() {
        let id = json_string(&graph.modules[entry_index].id);
        push_line(
            &mut code,
            &mut line,
            &format!("__plugbuild_cache[{id}] = module;"),
        );
        push_line(
            &mut code,
            &mut line,
            &format!("__plugbuild_modules[{id}].call(module.exports, module, module.exports, __plugbuild_require);"),
        );
    }
    code.push_str(&format!("//# sourceMappingURL={bundle_name}.map\n"));

    let map = builder.into_sourcemap();
    let mut map_bytes = Vec::new();
    // Serialising into a Vec cannot fail.
    let _ = map.to_writer(&mut map_bytes);
    Bundle {
        code,
        map: String::from_utf8_lossy(&map_bytes).into_owned(),
        module_count: order.len(),
    }
}

fn push_line(code: &mut String, line: &mut u32, text: &str) {
    code.push_str(text);
    code.push('\n');
    *line += text.matches('\n').count() as u32 + 1;
}

fn json_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| format!("\"{text}\""))
}

/// `../` repeated for each folder `out_dir` is below `package_dir` (`dist` -> `../`).
fn relative_prefix(out_dir: &Path, package_dir: &Path) -> String {
    let depth = out_dir
        .strip_prefix(package_dir)
        .map(|p| p.components().count())
        .unwrap_or(1);
    "../".repeat(depth)
}
