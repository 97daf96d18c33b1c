//! The per-module layout backstage-cli's build writes (rollup's `preserveModules` with `src/` as
//! the root): one output file per source module, at the module's path under `src/`, each with its
//! own source map. An entry's module is named after the entry (`dist/<entry>.esm.js`); imports of
//! the package's own modules point at their output files (`./components/Card.esm.js`), and
//! imported assets are copied to the same path under `dist/` as under `src/`, so the relative
//! specifiers the source wrote still reach them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::bundle::link::{encode_mappings, json_string};
use crate::bundle::transform::Mapping;

/// What each module's file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModuleFormat {
    /// `<path>.esm.js`: the browser's roles, and a common library's second output.
    Esm,
    /// `<path>.cjs.js`: node's roles with `--commonjs-layout modules`.
    CommonJs,
    /// `<path>.mjs`: node's roles in a `"type": "module"` package, where node reads `.js` files as
    /// ES modules (backstage-cli writes `.mjs` ES modules there too).
    NodeEsm,
}

/// Where a package's modules go, one file each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModuleLayout {
    pub format: ModuleFormat,
    /// False when package.json says `"sideEffects": false`: rollup then drops the imports made
    /// only to load a module (`reexports::flatten`).
    pub side_effects: bool,
    pub package_dir: PathBuf,
    /// `dist/`: the folder the maps' `sources` are relative to (through each file's folder).
    pub out_dir: PathBuf,
    /// Entry modules, by source path, with their entry's name (`index`, `alpha`).
    pub entries: BTreeMap<PathBuf, String>,
}

/// Files a frontend module can import that the app's bundler loads: copied, not compiled
/// (backstage-cli's list; `.icon.svg` files are left to its SVG component transform).
const ASSET_EXTENSIONS: [&str; 11] = [
    "svg", "png", "gif", "jpg", "jpeg", "webp", "eot", "woff", "woff2", "ttf", "md",
];

/// Whether an import of `path` is an asset to copy next to the output.
pub fn is_asset(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    ASSET_EXTENSIONS.contains(&extension.to_ascii_lowercase().as_str())
        && !name.ends_with(".icon.svg")
}

impl ModuleLayout {
    /// The module's path under `dist/`, without the output extension: `src/a/b.tsx` -> `a/b`,
    /// `src/x.module.css` -> `x.module.css` (only script extensions are dropped, as rollup names
    /// modules). Files outside `src/` keep their path from the package.
    fn module_stem(&self, path: &Path) -> String {
        if let Some(name) = self.entries.get(path) {
            return name.clone();
        }
        let relative = self.place(path);
        let text = relative.to_string_lossy().replace('\\', "/");
        const SCRIPT_EXTENSIONS: [&str; 8] =
            [".tsx", ".ts", ".jsx", ".js", ".mts", ".cts", ".mjs", ".cjs"];
        for extension in SCRIPT_EXTENSIONS {
            if let Some(stem) = text.strip_suffix(extension) {
                if !stem.ends_with(".d") {
                    return stem.to_string();
                }
            }
        }
        text
    }

    /// `path` relative to `src/`, or to the package when it is not below `src/`.
    fn place(&self, path: &Path) -> PathBuf {
        let src = self.package_dir.join("src");
        match path.strip_prefix(&src) {
            Ok(relative) => relative.to_path_buf(),
            Err(_) => crate::resolve::relative_path(&self.package_dir, path),
        }
    }

    /// What the module at `path` becomes. Node's roles follow the source's own extension as
    /// backstage-cli does: `.mjs`/`.mts` are ES modules and `.cjs`/`.cts` CommonJS whatever the
    /// package's format (node reads `.mjs` and `.cjs` files so, whatever `"type"` says).
    pub fn format_of(&self, path: &Path) -> ModuleFormat {
        let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        match (self.format, extension) {
            (ModuleFormat::Esm, _) => ModuleFormat::Esm,
            (_, "mjs" | "mts") => ModuleFormat::NodeEsm,
            (_, "cjs" | "cts") => ModuleFormat::CommonJs,
            (format, _) => format,
        }
    }

    /// The output file of the module at `path`, relative to `dist/`: `<stem>.esm.js`,
    /// `<stem>.cjs.js`, `<stem>.mjs`, or `<stem>.cjs` for a `.cjs`/`.cts` source.
    pub fn module_file_path(&self, path: &Path) -> PathBuf {
        let source_extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        let extension = match (self.format_of(path), source_extension) {
            (ModuleFormat::Esm, _) => "esm.js",
            (ModuleFormat::CommonJs, "cjs" | "cts") => "cjs",
            (ModuleFormat::CommonJs, _) => "cjs.js",
            (ModuleFormat::NodeEsm, _) => "mjs",
        };
        PathBuf::from(format!("{}.{extension}", self.module_stem(path)))
    }

    /// Where an imported asset is copied, relative to `dist/`.
    pub fn asset_file(&self, path: &Path) -> PathBuf {
        self.place(path)
    }

    /// The specifier that reaches `to` from the module file `from` (both relative to `dist/`):
    /// `./b.esm.js`, `../assets/logo.png`.
    pub fn specifier(&self, from: &Path, to: &Path) -> String {
        let from_dir = from.parent().unwrap_or(Path::new(""));
        let relative = crate::resolve::relative_path(from_dir, to);
        let text = relative.to_string_lossy().replace('\\', "/");
        if text.starts_with("../") {
            text
        } else {
            format!("./{text}")
        }
    }

    /// One module's output file and its map, from the compiled code and its mappings.
    pub fn module_file(
        &self,
        file: PathBuf,
        source_path: &Path,
        source: &str,
        code: &str,
        mappings: &[Mapping],
    ) -> ModuleFile {
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let map_dir = self.out_dir.join(&file);
        let map_dir = map_dir.parent().unwrap_or(&self.out_dir);
        let source_from_map = crate::resolve::relative_path(map_dir, source_path)
            .to_string_lossy()
            .replace('\\', "/");
        let mut text = String::with_capacity(code.len() + name.len() + 32);
        text.push_str(code.trim_end_matches('\n'));
        text.push_str(&format!("\n//# sourceMappingURL={name}.map\n"));
        let (sources, contents) = match mappings.is_empty() {
            true => (String::new(), String::new()),
            false => (json_string(&source_from_map), json_string(source)),
        };
        let map = format!(
            "{{\"version\":3,\"file\":{},\"sources\":[{sources}],\"sourcesContent\":[{contents}],\"names\":[],\"mappings\":{}}}",
            json_string(&name),
            json_string(&encode_mappings(mappings)),
        );
        ModuleFile {
            file,
            code: text,
            map,
        }
    }
}

/// A module's output in the per-module layout: its file (relative to `dist/`), code and map.
#[derive(Debug, Clone)]
pub struct ModuleFile {
    pub file: PathBuf,
    pub code: String,
    pub map: String,
}
