//! The monorepo commands at the repository root: `plugbuild tsc` (declarations at tsc's paths, checks
//! in tsc's format, the cache) and `plugbuild build --all`.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;
use serde_json::Value;

fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    plugbuild().args(args).current_dir(dir).output().unwrap()
}

fn export_names(dir: &Path) -> Value {
    let output = Command::new("node")
        .arg(repo_root().join("tests/support/export-names.cjs"))
        .arg(dir)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", text(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The root config with the Backstage base's defaults written out, for real tsc (which cannot
/// extend the uninstalled package).
const TSC_CONFIG: &str = r#"{
  "include": ["packages/*/src", "plugins/**/src"],
  "exclude": ["**/*.test.ts"],
  "compilerOptions": {
    "target": "ES2022", "module": "ES2020", "moduleResolution": "bundler", "strict": true,
    "esModuleInterop": true, "skipLibCheck": true, "declaration": true, "emitDeclarationOnly": true,
    "stripInternal": true, "isolatedModules": true, "types": ["node"], "allowJs": true,
    "outDir": "tsc-types", "rootDir": "."
  }
}
"#;

#[test]
fn tsc_writes_the_declarations_real_tsc_writes_with_the_same_exports() {
    let workspace = monorepo();
    let dir = &workspace.dir;
    let ours = run(dir, &["tsc", "--quiet"]);
    assert!(
        ours.status.success(),
        "{}{}",
        text(&ours.stdout),
        text(&ours.stderr)
    );
    std::fs::write(dir.join("tsconfig.tsc.json"), TSC_CONFIG).unwrap();
    let theirs = Command::new("node")
        .arg(npm_modules().join("typescript/bin/tsc"))
        .args(["-p", "tsconfig.tsc.json"])
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(theirs.status.success(), "{}", text(&theirs.stdout));
    let ours = export_names(&dir.join("dist-types"));
    let theirs = export_names(&dir.join("tsc-types"));
    assert_eq!(ours, theirs);
    assert!(ours
        .get("plugins/group/todo-backend-module-audit/src/index.d.ts")
        .is_some());
    assert!(ours
        .get("plugins/todo-backend/src/service/router.test.d.ts")
        .is_none());
}

fn tsc_json(dir: &Path) -> Value {
    let output = run(dir, &["tsc", "--json"]);
    serde_json::from_slice(&output.stdout).unwrap_or_else(|_| panic!("{}", text(&output.stderr)))
}

#[test]
fn tsc_reuses_unchanged_files_and_removes_outputs_of_deleted_sources() {
    let workspace = monorepo();
    let dir = &workspace.dir;
    let first = tsc_json(dir);
    assert_eq!(first["recomputed"], first["files"]);
    assert_eq!(first["files"], 9);

    let second = tsc_json(dir);
    assert_eq!(
        second["recomputed"], 0,
        "a no-change rerun recomputed files"
    );

    // An install (a lock file written) may change what the dependencies declare, which inferred
    // declarations read: everything is recomputed, once.
    std::fs::write(dir.join("package-lock.json"), "{\"lockfileVersion\": 3}\n").unwrap();
    let installed = tsc_json(dir);
    assert_eq!(installed["recomputed"], installed["files"]);
    assert_eq!(tsc_json(dir)["recomputed"], 0);

    let store = dir.join("plugins/todo-backend/src/service/TodoStore.ts");
    let source = std::fs::read_to_string(&store).unwrap();
    std::fs::write(
        &store,
        source.replace(
            "export class TodoStore",
            "export const storeVersion = 2;\n\nexport class TodoStore",
        ),
    )
    .unwrap();
    let third = tsc_json(dir);
    assert_eq!(third["recomputed"], 1);
    let declaration = std::fs::read_to_string(
        dir.join("dist-types/plugins/todo-backend/src/service/TodoStore.d.ts"),
    )
    .unwrap();
    assert!(declaration.contains("storeVersion"), "{declaration}");

    std::fs::remove_file(dir.join("packages/todo-common/src/permissions.ts")).unwrap();
    let common = dir.join("packages/todo-common/src/index.ts");
    let source = std::fs::read_to_string(&common).unwrap();
    std::fs::write(
        &common,
        source.replace("export * from './permissions';\n", ""),
    )
    .unwrap();
    let fourth = tsc_json(dir);
    assert_eq!(fourth["recomputed"], 1);
    assert_eq!(fourth["files"], 8);
    assert!(!dir
        .join("dist-types/packages/todo-common/src/permissions.d.ts")
        .exists());
    assert!(dir
        .join("dist-types/packages/todo-common/src/index.d.ts")
        .exists());

    // A declaration typed from a JSON module is recomputed when the JSON changes, though its own
    // file did not.
    let service = dir.join("plugins/todo-backend/src/service");
    std::fs::write(service.join("limits.json"), "{ \"max\": 10 }\n").unwrap();
    std::fs::write(
        service.join("limits.ts"),
        "import limits from './limits.json';\nexport const max = limits.max;\n",
    )
    .unwrap();
    assert_eq!(tsc_json(dir)["recomputed"], 1);
    let limits = dir.join("dist-types/plugins/todo-backend/src/service/limits.d.ts");
    let declaration = std::fs::read_to_string(&limits).unwrap();
    assert!(declaration.contains("max: number"), "{declaration}");
    std::fs::write(service.join("limits.json"), "{ \"max\": \"ten\" }\n").unwrap();
    assert_eq!(tsc_json(dir)["recomputed"], 1);
    let declaration = std::fs::read_to_string(&limits).unwrap();
    assert!(declaration.contains("max: string"), "{declaration}");

    // So is one that widened a member of an enum another module declares, when that module's
    // name stops being an enum.
    std::fs::write(
        service.join("levels.ts"),
        "export enum Level {\n  Low = 'low',\n  High = 'high',\n}\n",
    )
    .unwrap();
    std::fs::write(
        service.join("defaults.ts"),
        "import { Level } from './levels';\nexport const defaults = { level: Level.Low };\n",
    )
    .unwrap();
    assert_eq!(tsc_json(dir)["recomputed"], 2);
    let defaults = dir.join("dist-types/plugins/todo-backend/src/service/defaults.d.ts");
    let declaration = std::fs::read_to_string(&defaults).unwrap();
    assert!(declaration.contains("level: Level;"), "{declaration}");
    std::fs::write(
        service.join("levels.ts"),
        "export const Level = { Low: 'low', High: 'high' } as const;\n",
    )
    .unwrap();
    assert_eq!(tsc_json(dir)["recomputed"], 2);
    let declaration = std::fs::read_to_string(&defaults).unwrap();
    assert!(declaration.contains("typeof Level.Low"), "{declaration}");
}

#[test]
fn build_all_builds_every_library_package_and_leaves_the_app_to_backstage_cli() {
    let workspace = monorepo();
    let dir = &workspace.dir;
    let output = run(dir, &["build", "--all", "--json"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut names: Vec<&str> = report["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "@internal/plugin-todo-backend",
            "@internal/plugin-todo-backend-module-audit",
            "@internal/todo-common"
        ]
    );
    assert!(dir
        .join("plugins/group/todo-backend-module-audit/dist/index.cjs.js")
        .is_file());
    assert!(dir.join("plugins/todo-backend/dist/index.d.ts").is_file());
    assert!(!dir.join("packages/app/dist").exists());
    let output = run(dir, &["build", "--all", "--color", "never"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        text(&output.stderr).contains(
            "skipped app (role frontend: the app is bundled by backstage-cli's app bundler)"
        ),
        "{}",
        text(&output.stderr)
    );
}

#[test]
fn build_all_names_the_packages_that_failed() {
    let workspace = monorepo();
    let dir = &workspace.dir;
    std::fs::write(
        dir.join("plugins/group/todo-backend-module-audit/src/index.ts"),
        "export const broken = ;\n",
    )
    .unwrap();
    let output = run(dir, &["build", "--all", "--color", "never"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("1 of 3 packages failed: @internal/plugin-todo-backend-module-audit"),
        "{stderr}"
    );
    assert!(
        stderr.contains("plugins/group/todo-backend-module-audit/src/index.ts:1:"),
        "{stderr}"
    );
    assert_eq!(
        stderr
            .matches("is not installed; using its known defaults")
            .count(),
        1,
        "{stderr}"
    );
    assert!(dir.join("plugins/todo-backend/dist/index.cjs.js").is_file());

    // `--quiet`: errors and warnings only, no notes.
    let quiet = run(dir, &["build", "--all", "--color", "never", "--quiet"]);
    assert_eq!(quiet.status.code(), Some(1));
    let stderr = text(&quiet.stderr);
    assert!(!stderr.contains("known defaults"), "{stderr}");
    assert!(
        stderr.contains("plugins/group/todo-backend-module-audit/src/index.ts:1:"),
        "{stderr}"
    );
}

#[test]
fn tsc_reports_what_it_can_check_in_tscs_format() {
    let workspace = copy_package(&repo_root().join("tests/monorepo-checks"));
    let dir = &workspace.dir;
    let output = run(dir, &["tsc", "--pretty", "false"]);
    assert_eq!(
        output.status.code(),
        Some(2),
        "errors with declarations written exit 2, as tsc does"
    );
    insta::assert_snapshot!("tsc-checks", text(&output.stdout));
    let again = run(dir, &["tsc", "--pretty", "false"]);
    assert_eq!(
        text(&again.stdout),
        text(&output.stdout),
        "a rerun from the cache reports the same"
    );
    assert!(dir
        .join("dist-types/plugins/checks/src/lib/a.d.ts")
        .is_file());
    assert!(!dir
        .join("dist-types/plugins/checks/src/broken.d.ts")
        .exists());
    assert!(!dir
        .join("dist-types/plugins/checks/src/broken-body.d.ts")
        .exists());

    let json = run(dir, &["tsc", "--json"]);
    let report: Value = serde_json::from_slice(&json.stdout).unwrap();
    let codes: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    for code in [
        "TS1002", "TS1109", "TS2300", "TS2305", "TS2307", "TS2308", "PB2001", "TS9007", "TS9010",
    ] {
        assert!(codes.contains(&code), "{code} missing from {codes:?}");
    }

    // A generic call's warning follows the callee's module: `box` stops being generic, and the
    // unchanged file that calls it is warned about no more.
    write(
        dir,
        "plugins/checks/src/lib/box.ts",
        "export function box(value: number): { value: number } {\n  return { value };\n}\n",
    );
    let after = text(&run(dir, &["tsc", "--pretty", "false"]).stdout);
    assert!(!after.contains("call of `box`"), "{after}");
    assert!(after.contains("call of `firstOf`"), "{after}");
}

#[test]
fn tsc_pretty_output_has_code_frames() {
    let workspace = copy_package(&repo_root().join("tests/monorepo-checks"));
    let output = run(&workspace.dir, &["tsc", "--pretty"]);
    let stdout = text(&output.stdout);
    assert!(
        stdout.contains("plugins/checks/src/index.ts:7:24 - error TS2307:"),
        "{stdout}"
    );
    assert!(
        stdout.contains("import { helper } from './missing';"),
        "{stdout}"
    );
    assert!(stdout.contains("~~~~~~~~~~~"), "{stdout}");
}

fn write(dir: &Path, path: &str, contents: &str) {
    let path = dir.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, contents).unwrap();
}

fn plugin(dir: &Path, folder: &str, name: &str) {
    write(
        dir,
        &format!("{folder}/package.json"),
        &format!("{{\"name\":\"{name}\",\"version\":\"1.0.0\",\"backstage\":{{\"role\":\"backend-plugin\"}}}}\n"),
    );
    write(
        dir,
        &format!("{folder}/src/index.ts"),
        "export const ok = true;\n",
    );
}

#[test]
fn a_symlink_loop_and_a_glob_that_matches_nothing_do_not_stop_build_all() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path();
    write(
        root,
        "package.json",
        "{\"private\":true,\"workspaces\":[\"plugins/**\",\"packages/*\"]}\n",
    );
    write(root, "tsconfig.json", DEFAULT_TSCONFIG);
    plugin(root, "plugins/a", "@x/a");
    std::os::unix::fs::symlink(root.join("plugins"), root.join("plugins/a/loop")).unwrap();
    let output = run(root, &["build", "--all", "--color", "never"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("the workspace pattern \"packages/*\" matches no package folder"),
        "{stderr}"
    );
    assert!(stderr.contains("built 1 packages"), "{stderr}");
}

#[test]
fn duplicate_package_names_are_an_error_naming_the_name() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path();
    write(
        root,
        "package.json",
        "{\"private\":true,\"workspaces\":[\"plugins/*\"]}\n",
    );
    plugin(root, "plugins/a", "@x/same");
    plugin(root, "plugins/b", "@x/same");
    let output = run(root, &["build", "--all", "--color", "never"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).contains("two workspace packages are named \"@x/same\""),
        "{}",
        text(&output.stderr)
    );
}

#[test]
fn a_package_without_src_fails_with_its_name_and_the_others_build() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path();
    write(
        root,
        "package.json",
        "{\"private\":true,\"workspaces\":[\"plugins/*\"]}\n",
    );
    write(root, "tsconfig.json", DEFAULT_TSCONFIG);
    plugin(root, "plugins/good", "@x/good");
    write(
        root,
        "plugins/empty/package.json",
        "{\"name\":\"@x/empty\",\"version\":\"1.0.0\",\"backstage\":{\"role\":\"node-library\"}}\n",
    );
    let output = run(root, &["build", "--all", "--color", "never"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("1 of 2 packages failed: @x/empty"),
        "{stderr}"
    );
    assert!(stderr.contains("no entry point"), "{stderr}");
    assert!(root.join("plugins/good/dist/index.cjs.js").is_file());
}

#[test]
fn tsc_reruns_reuse_the_checks_until_a_file_they_read_changes() {
    let workspace = copy_package(&repo_root().join("tests/monorepo-checks"));
    let dir = &workspace.dir;
    let first = text(&run(dir, &["tsc", "--pretty", "false"]).stdout);
    assert!(first.contains("'zod' is imported here"), "{first}");
    assert!(first.contains("Cannot find module './missing'"), "{first}");
    assert_eq!(
        text(&run(dir, &["tsc", "--pretty", "false"]).stdout),
        first,
        "a no-change rerun reports the same"
    );

    // The package.json the dependency check read changes: no source does.
    let manifest = dir.join("plugins/checks/package.json");
    let text_before = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(
        &manifest,
        text_before.replace(
            r#""express": "^4.21.2""#,
            r#""express": "^4.21.2", "zod": "^3.25.0""#,
        ),
    )
    .unwrap();
    let second = text(&run(dir, &["tsc", "--pretty", "false"]).stdout);
    assert!(!second.contains("'zod' is imported here"), "{second}");
    assert!(second.contains("'supertest' is imported here"), "{second}");

    // The missing module appears.
    std::fs::write(
        dir.join("plugins/checks/src/missing.js"),
        "export const helper = 1;\n",
    )
    .unwrap();
    let third = text(&run(dir, &["tsc", "--pretty", "false"]).stdout);
    assert!(!third.contains("Cannot find module './missing'"), "{third}");

    // A module that does not parse (so has no declarations) is deleted: its importer's import no
    // longer resolves, though no file with an output changed. (In a folder of its own, so that no
    // other probe lists the folder.)
    let src = dir.join("plugins/checks/src/sub");
    std::fs::create_dir(&src).unwrap();
    std::fs::write(src.join("partial.ts"), "export const a = (;\n").unwrap();
    std::fs::write(src.join("user.ts"), "export { a } from './partial';\n").unwrap();
    run(dir, &["tsc", "--pretty", "false"]);
    std::fs::remove_file(src.join("partial.ts")).unwrap();
    let fourth = text(&run(dir, &["tsc", "--pretty", "false"]).stdout);
    assert!(
        fourth.contains("Cannot find module './partial'"),
        "{fourth}"
    );
}
