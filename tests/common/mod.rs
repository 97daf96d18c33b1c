//! Helpers shared by the integration tests: temp copies of fixture packages with the test npm packages
//! linked in, and runners for plugbuild, tsc and node.
#![allow(dead_code)]

pub mod running;
pub mod tools;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn npm_modules() -> PathBuf {
    let dir = repo_root().join("tests/npm/node_modules");
    assert!(
        dir.join("typescript/bin/tsc").is_file(),
        "the test npm packages are missing: run scripts/test (it runs npm ci in tests/npm)"
    );
    dir
}

pub fn plugbuild() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_plugbuild"));
    command.env("NO_COLOR", "1");
    command
}

/// A temporary copy of a package folder with `node_modules` holding links to the test npm packages
/// (and the fixture's own `node_packages/*`, for packages written for a test).
pub struct Workspace {
    _temp: tempfile::TempDir,
    pub dir: PathBuf,
}

pub fn copy_package(source: &Path) -> Workspace {
    let workspace = copy_package_as_is(source);
    if !workspace.dir.join("tsconfig.json").is_file() {
        std::fs::write(workspace.dir.join("tsconfig.json"), DEFAULT_TSCONFIG).unwrap();
    }
    workspace
}

/// `copy_package` without the default tsconfig: the package has only the tsconfig it brings.
pub fn copy_package_as_is(source: &Path) -> Workspace {
    let temp = tempfile::Builder::new()
        .prefix("plugbuild-test-")
        .tempdir()
        .expect("temp dir");
    let dir = temp.path().join(source.file_name().unwrap());
    copy_dir(source, &dir);
    link_node_modules(&dir, source);
    Workspace { _temp: temp, dir }
}

/// `@backstage/cli` as installed from npm for the tests (benches/backstage-cli, by scripts/test).
pub fn installed_backstage_cli() -> PathBuf {
    let dir = repo_root().join("benches/backstage-cli/node_modules/@backstage/cli");
    assert!(
        dir.join("config/tsconfig.json").is_file(),
        "@backstage/cli is not installed: run scripts/test (it runs npm ci in benches/backstage-cli)"
    );
    dir
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if name == "dist" || name == "node_modules" || name == "tsc-out" {
            continue;
        }
        let target = to.join(&name);
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A fixture's own package (or scope of them), as npm would install it: a package's nested
/// `node_packages` (its own copies of other packages) becomes its `node_modules`.
fn copy_own_package(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        let target = match name.to_str() {
            Some("node_packages") => to.join("node_modules"),
            _ => to.join(&name),
        };
        if entry.file_type().unwrap().is_dir() {
            copy_own_package(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn link_node_modules(dir: &Path, source: &Path) {
    let modules = dir.join("node_modules");
    std::fs::create_dir_all(&modules).unwrap();
    // The fixture's own packages take the place of the npm packages of the same names (linked, an
    // npm package would be written over through its link).
    let own = source.join("node_packages");
    let own_names: Vec<std::ffi::OsString> = match std::fs::read_dir(&own) {
        Ok(entries) => entries.map(|e| e.unwrap().file_name()).collect(),
        Err(_) => Vec::new(),
    };
    link_entries(&npm_modules(), &modules, &own.clone(), &own_names);
    if own.is_dir() {
        for name in &own_names {
            copy_own_package(&own.join(name), &modules.join(name));
        }
        let _ = std::fs::remove_dir_all(dir.join("node_packages"));
    }
}

/// Links each entry of `from` into `to`, except the `own` names: a scope folder the fixture has too
/// becomes a real folder with the npm scope's other packages linked in it.
fn link_entries(from: &Path, to: &Path, own_root: &Path, own: &[std::ffi::OsString]) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        if own.contains(&name) {
            if name.to_string_lossy().starts_with('@') {
                let scope = own_root.join(&name);
                let own_in_scope: Vec<std::ffi::OsString> = std::fs::read_dir(&scope)
                    .unwrap()
                    .map(|e| e.unwrap().file_name())
                    .collect();
                std::fs::create_dir_all(to.join(&name)).unwrap();
                link_entries(&entry.path(), &to.join(&name), &scope, &own_in_scope);
            }
            continue;
        }
        std::os::unix::fs::symlink(entry.path(), to.join(&name)).unwrap();
    }
}

pub fn run_plugbuild_build(dir: &Path) -> Output {
    plugbuild()
        .arg("build")
        .arg(dir)
        .output()
        .expect("run plugbuild")
}

/// The tsconfig a fixture without its own gets: strict, esModuleInterop, as a Backstage repo has it.
pub const DEFAULT_TSCONFIG: &str = r#"{
  "compilerOptions": {
    "target": "ES2022",
    "lib": ["ES2023"],
    "strict": true,
    "esModuleInterop": true,
    "resolveJsonModule": true,
    "skipLibCheck": true,
    "types": ["node"]
  },
  "include": ["src"]
}
"#;

/// Compiles `dir/src` with real tsc to CommonJS in `dir/tsc-out`, with the package's tsconfig.json
/// (or a strict default) and the options of tsc's CommonJS emit with esModuleInterop.
pub fn run_tsc_commonjs(dir: &Path) {
    let tsc = npm_modules().join("typescript/bin/tsc");
    let output = Command::new("node")
        .arg(tsc)
        .arg("-p")
        .arg(dir)
        .args([
            "--outDir",
            "tsc-out",
            "--rootDir",
            "src",
            "--module",
            "commonjs",
        ])
        .args([
            "--moduleResolution",
            "node10",
            "--esModuleInterop",
            "--resolveJsonModule",
        ])
        .args([
            "--declaration",
            "false",
            "--noEmit",
            "false",
            "--emitDeclarationOnly",
            "false",
        ])
        .current_dir(dir)
        .output()
        .expect("run tsc");
    assert!(
        output.status.success(),
        "tsc rejected the fixture (fix the fixture):\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    // tsc emits no package.json; node reads a folder's `main` from it.
    copy_files_where(&dir.join("src"), &dir.join("tsc-out"), &|name| {
        name == "package.json"
    });
}

/// Copies the JSON files under `from` to the same places under `to`: tsc's declarations import
/// them (`import data from './data.json'`) without emitting them.
pub fn copy_json_modules(from: &Path, to: &Path) {
    copy_files_where(from, to, &|name| name.ends_with(".json"));
}

fn copy_files_where(from: &Path, to: &Path, wanted: &dyn Fn(&str) -> bool) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type().unwrap().is_dir() {
            copy_files_where(&entry.path(), &to.join(&name), wanted);
        } else if wanted(&name) {
            std::fs::create_dir_all(to).unwrap();
            std::fs::copy(entry.path(), to.join(&name)).unwrap();
        }
    }
}

pub fn run_node(dir: &Path, script: &Path, args: &[&str]) -> Output {
    Command::new("node")
        .args(args)
        .arg(script)
        .current_dir(dir)
        .env_remove("NODE_OPTIONS")
        .output()
        .expect("run node")
}

/// The names `import * as ns` sees in an ES module that imports the CommonJS `file` (relative to
/// `dir`): what node's cjs-module-lexer finds in it; Err with how the import failed.
pub fn esm_import_names(dir: &Path, file: &Path) -> Result<Vec<String>, String> {
    let script = repo_root().join("tests/support/esm-import-names.mjs");
    let output = Command::new("node")
        .arg(script)
        .arg(file)
        .current_dir(dir)
        .env_remove("NODE_OPTIONS")
        .output()
        .expect("run node");
    let stdout = text(&output.stdout);
    for line in stdout.lines() {
        if let Some(names) = line.strip_prefix("names: ") {
            return Ok(serde_json::from_str(names).unwrap());
        }
        if line.starts_with("import failed: ") {
            return Err(line.to_string());
        }
    }
    Err(format!(
        "esm-import-names printed nothing: {}",
        text(&output.stderr)
    ))
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Fails when a case folder under `dir` (relative to the repository) has no test naming it.
pub fn assert_every_folder_listed(dir: &str, listed: &[&str]) {
    for entry in std::fs::read_dir(repo_root().join(dir)).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            listed.contains(&name.as_str()),
            "{dir}/{name} has no test: add it to the list in tests/"
        );
    }
}

/// Staging, retired and lock files of plugbuild's output swaps left in a folder.
pub fn plugbuild_leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains(".plugbuild-"))
        .collect()
}

/// The fixture monorepo as yarn would leave it: workspace packages linked into node_modules.
pub fn monorepo() -> Workspace {
    let workspace = copy_package(&repo_root().join("tests/monorepo"));
    let scope = workspace.dir.join("node_modules/@internal");
    std::fs::create_dir_all(&scope).unwrap();
    std::os::unix::fs::symlink(
        workspace.dir.join("packages/todo-common"),
        scope.join("todo-common"),
    )
    .unwrap();
    workspace
}
