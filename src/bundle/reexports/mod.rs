//! What rollup's tree-shaking does to backstage-cli's per-module output, done on the ES module
//! files: a module with nothing of its own (only `export ... from` statements: an `index.ts` that
//! gathers a folder) or nothing at all (a module of types only) gets no file; imports of it point
//! at the modules that declare the names, and an entry's `export *` of it becomes its statements.
//! The files that no entry reaches any more are left out. A rewritten statement stays on its line,
//! so the file's source map still holds.

mod shape;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use shape::{file_shape, join, FileShape, Statement};

/// The flattening over every output file: which files stay, and the new text of those whose
/// statements changed.
pub struct Flattened {
    pub kept: HashSet<PathBuf>,
    pub rewritten: HashMap<PathBuf, String>,
}

/// Flattens the re-export modules of the ES module `files` (relative path -> code); `entries` are
/// the entries' files, which always stay; `specifier(from, to)` writes an import between two files.
/// `side_effects`: false when the package says `"sideEffects": false`; every module then counts as
/// pure, and imports made only to load one (`import './styles.css'`) go, as rollup drops them.
pub fn flatten(
    files: &HashMap<PathBuf, &str>,
    entries: &[PathBuf],
    specifier: &dyn Fn(&Path, &Path) -> String,
    side_effects: bool,
) -> Flattened {
    let shapes: HashMap<&Path, FileShape> = files
        .iter()
        .filter_map(|(file, code)| Some((file.as_path(), file_shape(file, code)?)))
        .collect();
    let entry_set: HashSet<&Path> = entries.iter().map(PathBuf::as_path).collect();
    let flattener = Flattener {
        shapes: &shapes,
        entries: &entry_set,
        side_effects,
    };
    let mut rewritten = HashMap::new();
    for (file, shape) in &shapes {
        if !entry_set.contains(file) && flattener.is_skipped(file) {
            continue;
        }
        if let Some(text) = flattener.rewrite(file, shape, files[*file], specifier) {
            rewritten.insert(file.to_path_buf(), text);
        }
    }
    // What the entries reach through the rewritten statements (and `import()`), other files too.
    let mut kept = HashSet::new();
    let mut stack: Vec<PathBuf> = entries.to_vec();
    while let Some(file) = stack.pop() {
        if !kept.insert(file.clone()) {
            continue;
        }
        // A rewritten file is read again; the others' shapes are at hand.
        let reread = rewritten
            .get(&file)
            .and_then(|code| file_shape(&file, code));
        let Some(shape) = reread.as_ref().or_else(|| shapes.get(file.as_path())) else {
            continue;
        };
        stack.extend(shape.statements.iter().map(|s| s.from().to_path_buf()));
        stack.extend(shape.dynamic.iter().cloned());
    }
    Flattened { kept, rewritten }
}

struct Flattener<'a> {
    shapes: &'a HashMap<&'a Path, FileShape>,
    entries: &'a HashSet<&'a Path>,
    side_effects: bool,
}

impl Flattener<'_> {
    /// A module with no code of its own: only `export ... from` statements, or nothing at all.
    fn is_skipped(&self, file: &Path) -> bool {
        if self.entries.contains(file) {
            return false;
        }
        self.shapes.get(file).is_some_and(|shape| {
            !shape.own_code
                && shape.dynamic.is_empty()
                && shape.statements.iter().all(|s| match s {
                    Statement::ExportFrom { names, .. } => names.is_some(),
                    Statement::ExportAll { .. } => true,
                    Statement::Import { reexported, .. } => *reexported,
                })
        })
    }

    /// The names `file` exports (through `export *` too, without `default`).
    fn exports(&self, file: &Path, depth: usize) -> Vec<String> {
        let Some(shape) = self.shapes.get(file) else {
            return Vec::new();
        };
        let mut names = shape.own_exports.clone();
        for statement in &shape.statements {
            match statement {
                Statement::ExportFrom {
                    names: Some(list), ..
                } => names.extend(list.iter().map(|(_, exported)| exported.clone())),
                Statement::ExportAll { from, .. } if depth < 32 => names.extend(
                    self.exports(from, depth + 1)
                        .into_iter()
                        .filter(|name| name != "default"),
                ),
                _ => {}
            }
        }
        names
    }

    /// Where `name`, exported by `file`, is declared: through skipped modules to a kept one.
    fn resolve(&self, file: &Path, name: &str, depth: usize) -> Option<(PathBuf, String)> {
        if !self.is_skipped(file) {
            return Some((file.to_path_buf(), name.to_string()));
        }
        if depth > 32 {
            return None;
        }
        let shape = self.shapes.get(file)?;
        for statement in &shape.statements {
            if let Statement::ExportFrom {
                from,
                names: Some(list),
                ..
            } = statement
            {
                if let Some((orig, _)) = list.iter().find(|(_, exported)| exported == name) {
                    return self.resolve(from, orig, depth + 1);
                }
            }
        }
        if name == "default" {
            return None;
        }
        for statement in &shape.statements {
            if let Statement::ExportAll { from, .. } = statement {
                if self.exports(from, 0).iter().any(|n| n == name) {
                    return self.resolve(from, name, depth + 1);
                }
            }
        }
        None
    }

    /// The statements that `export * from <skipped file>` stands for, from `file`'s folder. A name
    /// `file` exports already (`taken`) is left out: in ES modules an explicit export wins over a
    /// star export, and two explicit exports of one name are an error.
    fn export_all_of(
        &self,
        file: &Path,
        from: &Path,
        specifier: &dyn Fn(&Path, &Path) -> String,
        taken: &mut HashSet<String>,
        depth: usize,
    ) -> Option<Vec<String>> {
        if !self.is_skipped(from) {
            return Some(vec![format!(
                "export * from {};",
                quote(&specifier(file, from))
            )]);
        }
        if depth > 32 {
            return None;
        }
        let shape = self.shapes.get(from)?;
        let mut statements = Vec::new();
        for statement in &shape.statements {
            match statement {
                Statement::ExportFrom {
                    names: Some(list),
                    from: inner,
                    ..
                } => {
                    let names: Vec<(String, String)> = list
                        .iter()
                        .filter(|(_, exported)| exported != "default" && !taken.contains(exported))
                        .cloned()
                        .collect();
                    taken.extend(names.iter().map(|(_, exported)| exported.clone()));
                    if !names.is_empty() {
                        statements
                            .extend(self.named_from(file, &names, inner, "export", specifier)?);
                    }
                }
                Statement::ExportAll { from: inner, .. } => {
                    statements.extend(self.export_all_of(
                        file,
                        inner,
                        specifier,
                        taken,
                        depth + 1,
                    )?);
                }
                _ => return None,
            }
        }
        Some(statements)
    }

    /// `import`/`export { names } from <skipped>` as statements naming the declaring files.
    fn named_from(
        &self,
        file: &Path,
        names: &[(String, String)],
        from: &Path,
        keyword: &str,
        specifier: &dyn Fn(&Path, &Path) -> String,
    ) -> Option<Vec<String>> {
        let mut groups: Vec<(PathBuf, Vec<String>)> = Vec::new();
        for (name, alias) in names {
            let (target, declared) = self.resolve(from, name, 0)?;
            let part = if declared == *alias {
                declared
            } else {
                format!("{declared} as {alias}")
            };
            match groups.iter_mut().find(|(t, _)| *t == target) {
                Some((_, parts)) => parts.push(part),
                None => groups.push((target, vec![part])),
            }
        }
        Some(
            groups
                .into_iter()
                .map(|(target, parts)| {
                    format!(
                        "{keyword} {{ {} }} from {};",
                        parts.join(", "),
                        quote(&specifier(file, &target))
                    )
                })
                .collect(),
        )
    }

    /// `file`'s code with its statements about skipped modules rewritten; None when none changed.
    /// `file`'s code with its statements about skipped modules rewritten; None when none changed.
    /// What a skipped module would have loaded still loads: a file it reaches that no rewritten
    /// statement names gets a side-effect import (`import "./x.esm.js";`).
    fn rewrite(
        &self,
        file: &Path,
        shape: &FileShape,
        code: &str,
        specifier: &dyn Fn(&Path, &Path) -> String,
    ) -> Option<String> {
        let mut taken: HashSet<String> = shape.own_exports.iter().cloned().collect();
        for statement in &shape.statements {
            if let Statement::ExportFrom {
                names: Some(list), ..
            } = statement
            {
                taken.extend(list.iter().map(|(_, exported)| exported.clone()));
            }
        }
        // Files this file imports already, directly.
        let mut loaded: HashSet<PathBuf> = shape
            .statements
            .iter()
            .filter(|s| !self.is_skipped(s.from()))
            .map(|s| s.from().to_path_buf())
            .collect();
        let mut edits: Vec<((usize, usize), String)> = Vec::new();
        for statement in &shape.statements {
            let from = statement.from();
            let loads_only = matches!(
                statement,
                Statement::Import {
                    names: None,
                    namespace: false,
                    ..
                }
            );
            // Under `"sideEffects": false`, an import made only to load a module goes.
            let dropped_load = loads_only && !self.side_effects;
            if !dropped_load && !self.is_skipped(from) {
                continue;
            }
            let replacement = match statement {
                Statement::Import { .. } if dropped_load => Some(Vec::new()),
                Statement::Import {
                    namespace: true, ..
                } => None,
                Statement::Import { names: None, .. } => Some(Vec::new()),
                Statement::Import {
                    names: Some(names), ..
                } => self.named_from(file, names, from, "import", specifier),
                Statement::ExportFrom {
                    names: Some(names), ..
                } => self.named_from(file, names, from, "export", specifier),
                Statement::ExportAll { .. } => {
                    self.export_all_of(file, from, specifier, &mut taken, 0)
                }
                _ => None,
            };
            let Some(mut statements) = replacement else {
                continue;
            };
            for statement in &statements {
                if let Some(target) = statement.rsplit(" from ").next() {
                    let target = target.trim_end_matches(';');
                    if let Ok(text) = serde_json::from_str::<String>(target) {
                        loaded.insert(join(file, &text));
                    }
                }
            }
            for reached in self.loaded_through(from, 0) {
                if loaded.insert(reached.clone()) {
                    statements.push(format!("import {};", quote(&specifier(file, &reached))));
                }
            }
            let span = match statement {
                Statement::Import { span, .. }
                | Statement::ExportFrom { span, .. }
                | Statement::ExportAll { span, .. } => *span,
            };
            match edits.iter_mut().find(|(s, _)| *s == span) {
                // Several re-exports of one `export { ... }` of imported bindings.
                Some((_, text)) => {
                    text.push(' ');
                    text.push_str(&statements.join(" "));
                }
                None => edits.push((span, statements.join(" "))),
            }
        }
        if edits.is_empty() {
            return None;
        }
        let mut text = code.to_string();
        edits.sort_by(|a, b| b.0 .0.cmp(&a.0 .0));
        for ((start, end), replacement) in edits {
            // The statement's lines stay lines: the file's map still holds below it.
            let breaks = code[start..end].matches('\n').count();
            text.replace_range(start..end, &(replacement + &"\n".repeat(breaks)));
        }
        Some(text)
    }

    /// The files with side effects a skipped module loads, in its statements' order: through
    /// skipped modules and through modules whose own code is pure (their imports may have effects:
    /// a component's stylesheet), as rollup keeps them.
    fn loaded_through(&self, skipped: &Path, depth: usize) -> Vec<PathBuf> {
        let mut files = Vec::new();
        let mut seen = HashSet::new();
        self.collect_effects(skipped, depth, &mut seen, &mut files);
        files
    }

    fn collect_effects(
        &self,
        file: &Path,
        depth: usize,
        seen: &mut HashSet<PathBuf>,
        files: &mut Vec<PathBuf>,
    ) {
        let Some(shape) = self.shapes.get(file) else {
            return;
        };
        for statement in &shape.statements {
            let from = statement.from();
            // Assets (and anything else that is not one of the package's ES modules) have no
            // effects to keep: backstage-cli's build marks them so.
            if !seen.insert(from.to_path_buf()) || !self.shapes.contains_key(from) {
                continue;
            }
            let look_through = self.is_skipped(from)
                || self
                    .shapes
                    .get(from)
                    .is_some_and(|s| !self.side_effects || (s.pure && s.dynamic.is_empty()));
            if look_through && depth < 32 {
                self.collect_effects(from, depth + 1, seen, files);
            } else {
                files.push(from.to_path_buf());
            }
        }
    }
}

fn quote(specifier: &str) -> String {
    serde_json::to_string(specifier).unwrap_or_default()
}
