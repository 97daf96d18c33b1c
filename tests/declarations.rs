//! Declarations: every package under tests/declarations is built by plugbuild and compiled by real tsc
//! (`--declaration`). Then, with the real TypeScript checker (tests/support/compare-declarations.cjs):
//! our `dist/index.d.ts` must type-check strictly with skipLibCheck off, export exactly the names
//! tsc's declarations export, and every export whose type prints differently must be mutually
//! assignable with tsc's. Finally the package's `consumer.ts` (with `@ts-expect-error` lines that
//! only hold when types are precise) must type-check against our roll-up.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;
use serde_json::Value;

fn tsc(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new("node")
        .arg(npm_modules().join("typescript/bin/tsc"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run tsc")
}

/// tests/support/compare-declarations.cjs's report on `ours` against `theirs` (`known_different`:
/// comma-separated export names left out of the assignability check).
fn compare_declarations(dir: &Path, ours: &Path, theirs: &Path, known_different: &str) -> Value {
    let compared = Command::new("node")
        .arg(repo_root().join("tests/support/compare-declarations.cjs"))
        .arg(dir)
        .arg(ours)
        .arg(theirs)
        .arg(known_different)
        .output()
        .unwrap();
    assert!(compared.status.success(), "{}", text(&compared.stderr));
    serde_json::from_slice(&compared.stdout).unwrap()
}

/// tsc's arguments for a strict check (no emit, libraries checked too, node's module rules).
fn strict_check<'a>(rest: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "--noEmit",
        "--strict",
        "--skipLibCheck",
        "false",
        "--target",
        "es2022",
        "--module",
        "nodenext",
        "--moduleResolution",
        "nodenext",
    ];
    args.extend_from_slice(rest);
    args
}

fn check_declarations(name: &str) -> Value {
    let workspace = copy_package(&repo_root().join("tests/declarations").join(name));
    let dir = &workspace.dir;
    let build = run_plugbuild_build(dir);
    assert!(
        build.status.success(),
        "plugbuild build failed for {name}:\n{}",
        text(&build.stderr)
    );
    // A fixture's declarations are all writable: a warning means one degraded to `any`.
    assert!(
        !text(&build.stderr).contains("warning"),
        "plugbuild build warned for {name}:\n{}",
        text(&build.stderr)
    );

    let emitted = tsc(
        dir,
        &[
            "-p",
            ".",
            "--declaration",
            "--emitDeclarationOnly",
            "--outDir",
            "tsc-types",
            "--rootDir",
            "src",
        ],
    );
    assert!(
        emitted.status.success(),
        "tsc rejected the fixture {name}:\n{}",
        text(&emitted.stdout)
    );
    copy_json_modules(&dir.join("src"), &dir.join("tsc-types"));

    let report = compare_declarations(
        dir,
        &dir.join("dist/index.d.ts"),
        &dir.join("tsc-types/index.d.ts"),
        "",
    );
    let ours = std::fs::read_to_string(dir.join("dist/index.d.ts")).unwrap();
    assert_eq!(
        report["ours"], report["theirs"],
        "{name}: exported names differ from tsc's\n{ours}"
    );
    assert_eq!(
        report["oursDiagnostics"],
        serde_json::json!([]),
        "{name}: dist/index.d.ts does not type-check\n{ours}"
    );
    assert_eq!(
        report["checkDiagnostics"],
        serde_json::json!([]),
        "{name}: exports are not mutually assignable with tsc's: {:#}\n{ours}",
        report["differing"]
    );
    // generic-calls' `schemaOf = (z: typeof zz) => ...` (zod's `z` imported as `zz`): the roll-up
    // imports `z` once, under its own name, so the parameter that would shadow it is renamed.
    let renamed_on_purpose: &[&str] = match name {
        "generic-calls" => &["schemaOf"],
        _ => &[],
    };
    let renamed: Vec<&Value> = report["renamedParameters"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| !renamed_on_purpose.contains(&r["name"].as_str().unwrap_or("")))
        .collect();
    assert!(
        renamed.is_empty(),
        "{name}: parameters are named differently from tsc's: {renamed:?}\n{ours}"
    );

    let consumer = tsc(
        dir,
        &strict_check(&["--esModuleInterop", "--types", "node", "consumer.ts"]),
    );
    assert!(
        consumer.status.success(),
        "{name}: consumer.ts does not type-check against the roll-up:\n{}\n{ours}",
        text(&consumer.stdout)
    );
    report
}

macro_rules! declaration_cases {
    ($($name:ident => $folder:literal),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                check_declarations($folder);
            }
        )*

        #[test]
        fn every_declaration_folder_has_a_test() {
            assert_every_folder_listed("tests/declarations", &[$($folder),*]);
        }
    };
}

declaration_cases! {
    backend_plugin => "backend-plugin",
    kitchen_sink => "kitchen-sink",
    inference => "inference",
    export_equals => "export-equals",
    generic_calls => "generic-calls",
    react_components => "react-components",
    frontend_plugin => "frontend-plugin",
    react_global_jsx => "react-global-jsx",
}

#[test]
fn uninferable_declarations_are_warnings_with_a_hint_and_errors_with_strict_types() {
    let dir = repo_root().join("tests/warnings/uninferable");
    let temp = tempfile::tempdir().unwrap();
    let copy = temp.path().join("uninferable");
    copy_dir(&dir, &copy);
    std::fs::write(copy.join("tsconfig.json"), DEFAULT_TSCONFIG).unwrap();
    // The fixture's dependency (declarations only), as npm would install it.
    copy_dir(&dir.join("node_packages"), &copy.join("node_modules"));

    let warned = plugbuild()
        .args(["build", "--quiet"])
        .current_dir(&copy)
        .output()
        .unwrap();
    assert!(warned.status.success(), "{}", text(&warned.stderr));
    insta::assert_snapshot!("uninferable-warnings", text(&warned.stderr));
    let declarations = std::fs::read_to_string(copy.join("dist/index.d.ts")).unwrap();
    assert!(
        declarations.contains("declare function total(values: number[]): any;"),
        "{declarations}"
    );
    let stderr = text(&warned.stderr);
    for callee in ["unwrap", "Holder"] {
        assert!(
            stderr.contains(&format!("type arguments of this call of `{callee}`")),
            "no warning at the call of {callee}:\n{stderr}"
        );
    }
    assert!(
        !stderr.contains("call of `plain`"),
        "plain is not generic:\n{stderr}"
    );
    // A dependency's generic function whose type parameter is a parameter's type: inferred from
    // the argument, no warning.
    assert!(!stderr.contains("call of `wrap`"), "{stderr}");
    // The module's own generic function, likewise.
    assert!(!stderr.contains("call of `makeBox`"), "{stderr}");
    assert!(
        declarations.contains("typeof makeBox<string>"),
        "{declarations}"
    );
    // One overload, so its return type instantiated, as tsc writes it.
    assert!(
        declarations.contains("declare const wrapped: {\n    value: number;\n};"),
        "{declarations}"
    );
    // An argument whose type can be written (`Promise.resolve(1)` is a `Promise<number>`) gives
    // the type parameter its type.
    assert!(
        declarations.contains("declare const unwrappedDirect: number;"),
        "{declarations}"
    );
    // What could not be inferred is written as `any`, so the roll-up type-checks strictly.
    assert!(declarations.contains("first: any;"), "{declarations}");
    let checked = tsc(&copy, &strict_check(&["dist/index.d.ts"]));
    assert!(
        checked.status.success(),
        "{}\n{declarations}",
        text(&checked.stdout)
    );

    std::fs::remove_dir_all(copy.join("dist")).unwrap();
    let strict = plugbuild()
        .args(["build", "--strict-types"])
        .current_dir(&copy)
        .output()
        .unwrap();
    assert_eq!(strict.status.code(), Some(1), "{}", text(&strict.stderr));
    assert!(
        text(&strict.stderr).contains("error[TS9007]: Function must have"),
        "{}",
        text(&strict.stderr)
    );
    assert!(
        !copy.join("dist").exists(),
        "a failed --strict-types build wrote dist/"
    );

    // Only the roll-up's warnings left (the generic calls): still errors, still nothing written,
    // and the dist/ of the last good build stays as it was.
    let index = copy.join("src/index.ts");
    let source = std::fs::read_to_string(&index).unwrap();
    let annotated = source
        .replace(
            "export function total(values: number[]) {",
            "export function total(values: number[]): number {",
        )
        .replace("get size() {", "get size(): number {")
        .replace("keys() {", "keys(): string[] {")
        .replace(
            "export const lookup = table.size",
            "export const lookup: false | string = table.size",
        )
        .replace(
            "export function summary(values: number[]) {",
            "export function summary(values: number[]): { first: number; count: number } {",
        )
        .replace(
            "export const summaryOf = (values: number[]) => {",
            "export const summaryOf = (values: number[]): { head: number; count: number } => {",
        );
    std::fs::write(&index, &annotated).unwrap();
    let good = plugbuild()
        .args(["build"])
        .current_dir(&copy)
        .output()
        .unwrap();
    assert!(good.status.success(), "{}", text(&good.stderr));
    let before = std::fs::read(copy.join("dist/index.cjs.js")).unwrap();
    std::fs::write(&index, format!("{annotated}\nexport const extra = 2;\n")).unwrap();
    let strict = plugbuild()
        .args(["build", "--strict-types"])
        .current_dir(&copy)
        .output()
        .unwrap();
    let stderr = text(&strict.stderr);
    assert_eq!(strict.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("type arguments of this call of `unwrap`") && !stderr.contains("TS9007"),
        "{stderr}"
    );
    assert!(
        std::fs::read(copy.join("dist/index.cjs.js")).unwrap() == before,
        "a --strict-types build that failed in the roll-up replaced dist/"
    );
    assert_eq!(plugbuild_leftovers(&copy), Vec::<String>::new());
}

fn relative_files(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.to_string_lossy().ends_with(".d.ts") {
                found.push(
                    path.strip_prefix(dir)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned(),
                );
            }
        }
    }
    found.sort();
    found
}

/// A copy of a declarations fixture with `plugbuild tsc`'s per-file declarations in `dist-types`
/// and tsc's in `tsc-types` (JSON modules beside both, as their imports expect), and the
/// declaration files, which must be the same list.
fn per_file_declarations(name: &str) -> (Workspace, Vec<String>) {
    let workspace = copy_package(&repo_root().join("tests/declarations").join(name));
    let dir = &workspace.dir;
    let ours = plugbuild()
        .args(["tsc", "--quiet"])
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(ours.status.success(), "{}", text(&ours.stderr));
    let theirs = tsc(
        dir,
        &[
            "-p",
            ".",
            "--declaration",
            "--emitDeclarationOnly",
            "--outDir",
            "tsc-types",
        ],
    );
    assert!(theirs.status.success(), "{}", text(&theirs.stdout));
    copy_json_modules(&dir.join("src"), &dir.join("tsc-types"));
    copy_json_modules(&dir.join("src"), &dir.join("dist-types"));
    let files = relative_files(&dir.join("dist-types"));
    assert_eq!(files, relative_files(&dir.join("tsc-types")));
    (workspace, files)
}

#[test]
fn jsx_components_are_typed_as_tsc_types_them_per_file() {
    let (workspace, files) = per_file_declarations("react-components");
    for file in &files {
        let ours = std::fs::read_to_string(workspace.dir.join("dist-types").join(file)).unwrap();
        let theirs = std::fs::read_to_string(workspace.dir.join("tsc-types").join(file)).unwrap();
        assert_eq!(ours, theirs, "{file} differs from tsc's");
    }
}

#[test]
fn calls_that_leave_nothing_to_infer_are_typed_as_tsc_types_them_per_file() {
    let (workspace, _) = per_file_declarations("backend-plugin");
    for file in ["plugin.d.ts", "extensions.d.ts", "widgets.d.ts"] {
        let ours = std::fs::read_to_string(workspace.dir.join("dist-types").join(file)).unwrap();
        let theirs = std::fs::read_to_string(workspace.dir.join("tsc-types").join(file)).unwrap();
        assert_eq!(ours, theirs, "{file} differs from tsc's");
    }
}

#[test]
fn plugbuild_tsc_writes_a_declaration_where_tsc_writes_one() {
    let (workspace, files) = per_file_declarations("kitchen-sink");
    let dir = &workspace.dir;
    // Each file's declarations (written without the roll-up, from the tsc path's own compile that
    // skips unread function bodies) against tsc's for the same file, with the real checker.
    for file in &files {
        // An enum member imported from another file, in a widening position (an object literal's
        // property), is widened to its enum as tsc widens it: the file reads the other module.
        let known_different = "";
        let report = compare_declarations(
            dir,
            &dir.join("dist-types").join(file),
            &dir.join("tsc-types").join(file),
            known_different,
        );
        let ours = std::fs::read_to_string(dir.join("dist-types").join(file)).unwrap();
        assert_eq!(
            report["ours"], report["theirs"],
            "{file}: exported names differ\n{ours}"
        );
        // JSON imports are typed from the file, word for word as tsc writes them.
        if file == "lib/json-config.d.ts" {
            let theirs = std::fs::read_to_string(dir.join("tsc-types").join(file)).unwrap();
            assert_eq!(ours, theirs, "{file} differs from tsc's");
        }
        // Errors tsc's own file has too (an `export { x } from` whose `x` stripInternal removed)
        // are allowed: the messages without their locations must be the same.
        let messages = |key: &str| -> Vec<String> {
            let list = report[key].as_array().cloned().unwrap_or_default();
            list.iter()
                .map(|d| {
                    d.as_str()
                        .unwrap_or("")
                        .split_once("): ")
                        .map_or("", |(_, m)| m)
                        .to_string()
                })
                .collect()
        };
        assert_eq!(
            messages("oursDiagnostics"),
            messages("theirsDiagnostics"),
            "{file} does not type-check like tsc's\n{ours}"
        );
        assert_eq!(
            report["checkDiagnostics"],
            serde_json::json!([]),
            "{file}: exports are not mutually assignable with tsc's: {:#}\n{ours}",
            report["differing"]
        );
    }
}

/// A package whose dependencies are not installed (no `node_modules` anywhere above it), as tsc
/// meets it in a fresh clone: what tsc cannot resolve is `any`, and the rest says what tsc says.
#[test]
fn declarations_without_installed_dependencies_are_tsc_s() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("uninstalled-dependencies");
    copy_dir(&repo_root().join("tests/uninstalled-dependencies"), &dir);
    assert!(!dir.join("node_modules").exists());
    let ours = plugbuild()
        .args(["tsc", "--quiet"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(ours.status.success(), "{}", text(&ours.stderr));
    // Nothing here needs an annotation: what cannot be typed is `any`, as in tsc.
    assert!(
        !text(&ours.stderr).contains("warning"),
        "{}",
        text(&ours.stderr)
    );
    // tsc reports the missing modules and writes its declarations all the same.
    let theirs = tsc(
        &dir,
        &["-p", ".", "--emitDeclarationOnly", "--outDir", "tsc-types"],
    );
    assert!(
        text(&theirs.stdout).contains("Cannot find module 'express'"),
        "{}",
        text(&theirs.stdout)
    );
    let files = relative_files(&dir.join("tsc-types"));
    assert_eq!(files, relative_files(&dir.join("dist-types")));
    for file in &files {
        let ours = std::fs::read_to_string(dir.join("dist-types").join(file)).unwrap();
        let theirs = std::fs::read_to_string(dir.join("tsc-types").join(file)).unwrap();
        assert_eq!(ours, theirs, "{file} differs from tsc's");
    }
}
