//! Backstage's base tsconfig as plugbuild's stand-in for it: for a package with no tsconfig at all,
//! and for an `extends` of `@backstage/cli/config/tsconfig.json` that is not installed. The
//! stand-in must be the published file (compared with the one npm installs), and a build with it
//! must be the build with the real file installed, running as tsc's output with that file does.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;
use serde_json::Value;

const FIXTURE: &str = "tests/fallback/plain-plugin";

#[test]
fn stand_in_is_the_published_base_config() {
    let installed = installed_backstage_cli();
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(installed.join("package.json")).unwrap())
            .unwrap();
    assert_eq!(
        manifest["version"].as_str(),
        Some(plugbuild::diagnostics::BACKSTAGE_CLI_RELEASE),
        "benches/backstage-cli installs another @backstage/cli than the stand-in names"
    );
    let published: Value = serde_json::from_str(
        &std::fs::read_to_string(installed.join("config/tsconfig.json")).unwrap(),
    )
    .unwrap();
    let published = published["compilerOptions"].as_object().unwrap().clone();
    let stand_in = plugbuild::config::tsconfig::backstage_defaults();
    for (option, value) in &published {
        assert_eq!(
            stand_in.get(option),
            Some(value),
            "option {option} of the stand-in differs from the published file"
        );
    }
    assert_eq!(
        stand_in.len(),
        published.len(),
        "the stand-in has options the file has not"
    );
}

fn build(dir: &Path) -> (String, String, String) {
    let output = run_plugbuild_build(dir);
    let stderr = text(&output.stderr);
    assert!(output.status.success(), "build failed:\n{stderr}");
    let read = |name: &str| std::fs::read_to_string(dir.join("dist").join(name)).unwrap();
    (read("index.cjs.js"), read("index.d.ts"), stderr)
}

/// tsc's CommonJS output of the package with the published base config (types limited to node,
/// and the emit switched from declarations only to JavaScript).
fn tsc_with_published_config(dir: &Path) -> std::process::Output {
    let base = installed_backstage_cli().join("config/tsconfig.json");
    let config = serde_json::json!({
        "extends": base,
        "compilerOptions": {
            "types": ["node"],
            "typeRoots": [dir.join("node_modules/@types")],
            "pretty": false,
            "module": "commonjs",
            "moduleResolution": "node10",
            "outDir": dir.join("tsc-out"),
            "rootDir": dir.join("src"),
            "declaration": false,
            "emitDeclarationOnly": false,
            "allowImportingTsExtensions": false,
            "incremental": false
        },
        "include": [dir.join("src")]
    });
    let config_path = dir.parent().unwrap().join("oracle-tsconfig.json");
    std::fs::write(&config_path, config.to_string()).unwrap();
    let tsc = Command::new("node")
        .arg(npm_modules().join("typescript/bin/tsc"))
        .arg("-p")
        .arg(&config_path)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        tsc.status.success(),
        "tsc rejected the fixture:\n{}",
        text(&tsc.stdout)
    );
    run_node(dir, Path::new("tsc-out/index.js"), &[])
}

#[test]
fn package_without_tsconfig_builds_with_the_base_config_and_runs_as_tsc_output() {
    let workspace = copy_package_as_is(&repo_root().join(FIXTURE));
    let dir = &workspace.dir;
    assert!(
        dir.ancestors().all(|d| !d.join("tsconfig.json").exists()),
        "a tsconfig.json above the temp folder would govern the fixture"
    );
    let (code, declarations, stderr) = build(dir);
    assert_eq!(
        stderr
            .matches("no tsconfig.json in the package folder")
            .count(),
        1,
        "the stand-in is announced once:\n{stderr}"
    );
    assert!(!stderr.contains("warning"), "{stderr}");
    assert!(
        code.contains(".createElement(\"b\""),
        "jsx: react is classic"
    );

    let ours = run_node(dir, Path::new("dist/index.cjs.js"), &[]);
    let theirs = tsc_with_published_config(dir);
    assert!(theirs.status.success(), "{}", text(&theirs.stderr));
    assert_eq!(
        text(&ours.stdout),
        text(&theirs.stdout),
        "stderr:\n{}",
        text(&ours.stderr)
    );
    assert!(
        text(&ours.stdout).contains("own property: field; setter calls: 0"),
        "useDefineForClassFields"
    );

    // stripInternal: the @internal export is gone from the declarations, the public one stays.
    assert!(declarations.contains("publicHelper"), "{declarations}");
    assert!(!declarations.contains("internalHelper"), "{declarations}");
}

#[test]
fn uninstalled_and_installed_base_config_build_the_same_as_no_tsconfig() {
    let bare = copy_package_as_is(&repo_root().join(FIXTURE));
    let without_tsconfig = build(&bare.dir);

    let extending = copy_package_as_is(&repo_root().join(FIXTURE));
    std::fs::write(
        extending.dir.join("tsconfig.json"),
        r#"{ "extends": "@backstage/cli/config/tsconfig.json", "include": ["src"] }"#,
    )
    .unwrap();
    let uninstalled = build(&extending.dir);
    assert!(
        uninstalled
            .2
            .contains("is not installed; using its known defaults"),
        "{}",
        uninstalled.2
    );

    // node_modules/@backstage links to the shared test packages' folder: replace it with a folder
    // of its own before adding @backstage/cli.
    let scope = extending.dir.join("node_modules/@backstage");
    let shared = std::fs::read_link(&scope).unwrap();
    std::fs::remove_file(&scope).unwrap();
    std::fs::create_dir(&scope).unwrap();
    for entry in std::fs::read_dir(&shared).unwrap() {
        let entry = entry.unwrap();
        std::os::unix::fs::symlink(entry.path(), scope.join(entry.file_name())).unwrap();
    }
    std::os::unix::fs::symlink(installed_backstage_cli(), scope.join("cli")).unwrap();
    let installed = build(&extending.dir);
    assert!(!installed.2.contains("known defaults"), "{}", installed.2);

    for (name, other) in [("uninstalled", &uninstalled), ("installed", &installed)] {
        assert_eq!(
            without_tsconfig.0, other.0,
            "JavaScript with the {name} base config"
        );
        assert_eq!(
            without_tsconfig.1, other.1,
            "declarations with the {name} base config"
        );
    }
}

#[test]
fn main_that_is_not_a_source_file_falls_back_to_src_index() {
    for main in ["dist/index.cjs.js", "src/index.js", "lib/missing.ts"] {
        let workspace = copy_package_as_is(&repo_root().join(FIXTURE));
        let manifest_path = workspace.dir.join("package.json");
        let mut manifest: Value =
            serde_json::from_str(&std::fs::read_to_string(&manifest_path).unwrap()).unwrap();
        manifest["main"] = Value::from(main);
        std::fs::write(&manifest_path, manifest.to_string()).unwrap();
        let (code, _, _) = build(&workspace.dir);
        assert!(
            code.contains("./src/index.ts"),
            "main {main}: the entry is src/index.ts"
        );
    }
}
