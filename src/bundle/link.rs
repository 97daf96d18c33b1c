//! Links one entry's modules into a CommonJS bundle: a table of module functions, a small runtime that
//! loads them lazily with node's caching and cycle semantics, and one source map composed from the
//! modules' own mappings.
//!
//! Each module's part of the bundle (its function's text, its mappings already encoded, its source as
//! JSON) is prepared once, when the module is compiled, as a `ModuleChunk`; linking then only
//! concatenates chunks, re-encoding the first mapping of each one against the module before it. A watch
//! rebuild after a one-file change therefore costs little more than copying the bundle's bytes.

use std::path::Path;

use crate::bundle::graph::ModuleGraph;
use crate::bundle::node_exports::NodeExports;
use crate::bundle::transform::{Mapping, LAZY_IMPORT_FUNCTION};

/// The loader every bundle carries. Module functions receive `(module, exports, require)` exactly like
/// node's wrapper; ids of own modules go to the table, everything else to node's `require`. The entry
/// runs as the real node module, so `require.main === module` holds when the bundle is run directly.
const RUNTIME: &str = r#"var __plugbuild_cache = Object.create(null);
function __plugbuild_require(id) {
  if (!Object.prototype.hasOwnProperty.call(__plugbuild_modules, id)) return require(id);
  var cached = __plugbuild_cache[id];
  if (cached !== undefined) return cached.exports;
  var record = { id: id, exports: {}, loaded: false, filename: __filename, path: __dirname, children: [], paths: module.paths, require: __plugbuild_require };
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
"#;

/// tsc's `__importStar` under `esModuleInterop` (a namespace import of a CommonJS module): every own
/// property, enumerable or not, as a live getter, on a plain object made for each import.
pub const IMPORT_STAR_HELPER: &str = r#"function __plugbuild_import_star(mod) {
  if (mod && mod.__esModule) return mod;
  var namespace = {};
  if (mod != null) {
    Object.getOwnPropertyNames(mod).forEach(function (key) {
      if (key === "default") return;
      var descriptor = Object.getOwnPropertyDescriptor(mod, key);
      if (!descriptor || ("get" in descriptor ? !mod.__esModule : descriptor.writable || descriptor.configurable)) {
        descriptor = { enumerable: true, get: function () { return mod[key]; } };
      }
      Object.defineProperty(namespace, key, descriptor);
    });
  }
  Object.defineProperty(namespace, "default", { enumerable: true, value: mod });
  return namespace;
}
"#;

/// `import()` of an own module in the bundle: tsc's `__importStar(require(...))`, a tick later.
const LAZY_IMPORT_HELPER: &str = r#"function __plugbuild_import(id) {
  return Promise.resolve().then(function () {
    return __plugbuild_import_star(__plugbuild_require(id));
  });
}
"#;

/// `import()` of an own module in the CommonJS module layout: the same through node's `require`.
pub const LAZY_IMPORT_FILE_HELPER: &str = r#"function __plugbuild_import(id) {
  return Promise.resolve().then(function () {
    return __plugbuild_import_star(require(id));
  });
}
"#;

/// Output of `link_bundle`: the bundle's JavaScript and its source map (JSON).
pub struct Bundle {
    pub code: String,
    pub map: String,
    pub module_count: usize,
}

/// One module's part of every bundle that contains it.
#[derive(Debug, Clone, Default)]
pub struct ModuleChunk {
    /// `"./src/a.ts": function (module, exports, require) {`, the body, and `},`, each ending in `\n`.
    code: String,
    /// Line breaks in `code`.
    lines: u32,
    /// The module's source text as a JSON string, for `sourcesContent`.
    source_json: String,
    /// The first mapping, relative to the chunk's first line; re-encoded at each link.
    first: Option<Mapping>,
    /// The encoded mappings after the first one, with `;` for each line break between them.
    rest: String,
    /// Line breaks in `rest`.
    rest_lines: u32,
    /// The original position of the last mapping, where the next chunk's first mapping starts from.
    last_original: (u32, u32),
    /// What the module exports, for the bundle's note to node when it is the entry.
    node_exports: NodeExports,
}

impl ModuleChunk {
    pub fn with_node_exports(mut self, node_exports: NodeExports) -> ModuleChunk {
        self.node_exports = node_exports;
        self
    }

    pub fn node_exports(&self) -> &NodeExports {
        &self.node_exports
    }

    /// `mappings` are relative to the body (line 0 is its first line), as the compiler printed them.
    pub fn new(id: &str, source: &str, body: &str, mappings: Vec<Mapping>) -> ModuleChunk {
        let body = body.trim_end_matches('\n');
        let header = format!(
            "{}: function (module, exports, require) {{\n",
            json_string(id)
        );
        let mut code = String::with_capacity(header.len() + body.len() + 4);
        code.push_str(&header);
        code.push_str(body);
        code.push_str("\n},\n");
        let lines = count_lines(&code);
        let mut sorted = mappings;
        sorted.sort_by_key(|m| (m.generated_line, m.generated_column));
        // The body starts on the chunk's second line.
        for mapping in &mut sorted {
            mapping.generated_line += 1;
        }
        let mut chunk = ModuleChunk {
            code,
            lines,
            source_json: json_string(source),
            first: sorted.first().copied(),
            ..ModuleChunk::default()
        };
        let Some(first) = chunk.first else {
            return chunk;
        };
        let mut previous = first;
        for mapping in &sorted[1..] {
            if mapping.generated_line > previous.generated_line {
                let breaks = mapping.generated_line - previous.generated_line;
                chunk.rest.extend(std::iter::repeat_n(';', breaks as usize));
                chunk.rest_lines += breaks;
                encode_vlq(&mut chunk.rest, mapping.generated_column as i64);
            } else {
                chunk.rest.push(',');
                encode_vlq(
                    &mut chunk.rest,
                    mapping.generated_column as i64 - previous.generated_column as i64,
                );
            }
            chunk.rest.push('A'); // same source
            encode_vlq(
                &mut chunk.rest,
                mapping.original_line as i64 - previous.original_line as i64,
            );
            encode_vlq(
                &mut chunk.rest,
                mapping.original_column as i64 - previous.original_column as i64,
            );
            previous = *mapping;
        }
        chunk.last_original = (previous.original_line, previous.original_column);
        chunk
    }
}

/// The `mappings` string of a bundle, written chunk by chunk.
#[derive(Default)]
struct MappingsWriter {
    text: String,
    /// The generated line the text has reached (`;` written so far).
    line: u32,
    source: i64,
    original: (i64, i64),
}

impl MappingsWriter {
    fn add(&mut self, chunk: &ModuleChunk, chunk_line: u32, source: usize) {
        let Some(first) = chunk.first else {
            return;
        };
        let line = chunk_line + first.generated_line;
        self.text
            .extend(std::iter::repeat_n(';', (line - self.line) as usize));
        encode_vlq(&mut self.text, first.generated_column as i64);
        encode_vlq(&mut self.text, source as i64 - self.source);
        encode_vlq(&mut self.text, first.original_line as i64 - self.original.0);
        encode_vlq(
            &mut self.text,
            first.original_column as i64 - self.original.1,
        );
        self.text.push_str(&chunk.rest);
        self.line = line + chunk.rest_lines;
        self.source = source as i64;
        self.original = (chunk.last_original.0 as i64, chunk.last_original.1 as i64);
    }
}

/// The `mappings` string of a file whose mappings all point into one source, from the start.
pub fn encode_mappings(mappings: &[Mapping]) -> String {
    let mut sorted = mappings.to_vec();
    sorted.sort_by_key(|m| (m.generated_line, m.generated_column));
    let mut text = String::with_capacity(sorted.len() * 6);
    let (mut line, mut column, mut original_line, mut original_column) = (0u32, 0i64, 0i64, 0i64);
    for (index, mapping) in sorted.iter().enumerate() {
        if mapping.generated_line > line {
            let breaks = mapping.generated_line - line;
            text.extend(std::iter::repeat_n(';', breaks as usize));
            line = mapping.generated_line;
            column = 0;
        } else if index > 0 {
            text.push(',');
        }
        encode_vlq(&mut text, mapping.generated_column as i64 - column);
        text.push('A'); // the one source
        encode_vlq(&mut text, mapping.original_line as i64 - original_line);
        encode_vlq(&mut text, mapping.original_column as i64 - original_column);
        column = mapping.generated_column as i64;
        original_line = mapping.original_line as i64;
        original_column = mapping.original_column as i64;
    }
    text
}

/// Base64 VLQ, as source maps encode every number of a mapping.
fn encode_vlq(out: &mut String, value: i64) {
    const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut rest = if value < 0 {
        ((-value) << 1) | 1
    } else {
        value << 1
    } as u64;
    loop {
        let mut digit = (rest & 31) as usize;
        rest >>= 5;
        if rest > 0 {
            digit |= 32;
        }
        out.push(DIGITS[digit] as char);
        if rest == 0 {
            break;
        }
    }
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
    let buffers = (String::new(), String::new());
    link_bundle_into(graph, entry, bundle_name, out_dir, package_dir, buffers)
}

/// `link_bundle`, writing the code and the map into the given buffers (emptied first): a watch
/// session passes the buffers of an earlier build's bundle, whose memory is already mapped.
pub fn link_bundle_into(
    graph: &ModuleGraph,
    entry: &Path,
    bundle_name: &str,
    out_dir: &Path,
    package_dir: &Path,
    (mut code, mut map): (String, String),
) -> Bundle {
    debug_assert!(LAZY_IMPORT_HELPER.contains(LAZY_IMPORT_FUNCTION));
    debug_assert!(IMPORT_STAR_HELPER.contains(crate::bundle::lower::IMPORT_STAR_FUNCTION));
    let order = graph.reachable_from(entry);
    let chunks: Vec<&ModuleChunk> = order.iter().map(|&i| &graph.modules[i].chunk).collect();
    code.clear();
    code.reserve(chunks.iter().map(|c| c.code.len()).sum::<usize>() + RUNTIME.len() + 2048);
    // No "use strict" for the whole bundle: each ES module's function starts with its own, and a
    // CommonJS script runs in sloppy mode, as node runs it.
    code.push_str("var __plugbuild_modules = {\n");
    let mut line = 1;
    let source_prefix = relative_prefix(out_dir, package_dir);
    let mut sources = Vec::with_capacity(order.len());
    let mut chunk_lines = Vec::with_capacity(order.len());
    for (&index, chunk) in order.iter().zip(&chunks) {
        let id = &graph.modules[index].id;
        sources.push(json_string(&format!(
            "{source_prefix}{}",
            id.trim_start_matches("./")
        )));
        chunk_lines.push(line);
        code.push_str(&chunk.code);
        line += chunk.lines;
    }
    code.push_str("};\n");
    code.push_str(RUNTIME);
    code.push_str(IMPORT_STAR_HELPER);
    code.push_str(LAZY_IMPORT_HELPER);
    if let Some(&entry_index) = order.first() {
        let id = json_string(&graph.modules[entry_index].id);
        code.push_str(&format!(
            "__plugbuild_cache[{id}] = module;\n__plugbuild_modules[{id}].call(module.exports, module, module.exports, __plugbuild_require);\n"
        ));
        code.push_str(&crate::bundle::node_exports::bundle_annotation(
            graph,
            entry_index,
        ));
    }
    code.push_str(&format!("//# sourceMappingURL={bundle_name}.map\n"));

    // The map is written into one buffer, sized first; `mappings` comes last, so each chunk's
    // mappings are appended to it directly.
    let contents_len: usize = chunks.iter().map(|c| c.source_json.len() + 1).sum();
    let mappings_len: usize = chunks
        .iter()
        .map(|c| c.rest.len() + c.rest_lines as usize + 16)
        .sum();
    let sources_len: usize = sources.iter().map(|s| s.len() + 1).sum();
    map.clear();
    map.reserve(contents_len + mappings_len + sources_len + 256);
    map.push_str(&format!(
        "{{\"version\":3,\"file\":{},\"sources\":[",
        json_string(bundle_name)
    ));
    map.push_str(&sources.join(","));
    map.push_str("],\"sourcesContent\":[");
    for (i, chunk) in chunks.iter().enumerate() {
        if i > 0 {
            map.push(',');
        }
        map.push_str(&chunk.source_json);
    }
    map.push_str("],\"names\":[],\"mappings\":\"");
    let mut mappings = MappingsWriter {
        text: map,
        ..MappingsWriter::default()
    };
    for (source, (chunk, chunk_line)) in chunks.iter().zip(chunk_lines).enumerate() {
        mappings.add(chunk, chunk_line, source);
    }
    let mut map = mappings.text;
    map.push_str("\"}");
    Bundle {
        code,
        map,
        module_count: order.len(),
    }
}

fn count_lines(text: &str) -> u32 {
    text.bytes().filter(|&b| b == b'\n').count() as u32
}

/// `text` as a JSON (and JavaScript) string literal.
pub(crate) fn json_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| format!("\"{text}\""))
}

/// The path from `out_dir` to `package_dir`, ending in `/` (`dist` -> `../`; a folder outside the
/// package, such as the real path of a linked `node_modules/.cache`, climbs out to the package).
fn relative_prefix(out_dir: &Path, package_dir: &Path) -> String {
    let relative = crate::resolve::relative_path(out_dir, package_dir);
    let mut prefix = relative.to_string_lossy().replace('\\', "/");
    if !prefix.is_empty() {
        prefix.push('/');
    }
    prefix
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(text: &str) -> Vec<i64> {
        let mut values = Vec::new();
        let (mut value, mut shift) = (0i64, 0);
        for byte in text.bytes() {
            let digit = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
                .iter()
                .position(|&d| d == byte)
                .unwrap() as i64;
            value |= (digit & 31) << shift;
            shift += 5;
            if digit & 32 == 0 {
                values.push(if value & 1 == 1 {
                    -(value >> 1)
                } else {
                    value >> 1
                });
                (value, shift) = (0, 0);
            }
        }
        values
    }

    #[test]
    fn vlq_round_trips_small_large_and_negative_numbers() {
        for value in [0, 1, -1, 15, 16, -16, 31, 32, 1000, -1000, 123_456_789] {
            let mut text = String::new();
            encode_vlq(&mut text, value);
            assert_eq!(decode(&text), vec![value], "{value} as {text}");
        }
    }
}
