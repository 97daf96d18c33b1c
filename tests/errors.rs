//! Bad input: every case under tests/errors is a package that must fail to build with a clear
//! diagnostic (snapshot), exit code 1, and no dist/ written.

mod common;

use std::path::Path;

use common::*;

fn build_in(dir: &Path) -> std::process::Output {
    plugbuild()
        .arg("build")
        .current_dir(dir)
        .output()
        .expect("run plugbuild")
}

/// What a failed build must not have written: dist/ or any staging folder.
fn leftovers(dir: &Path) -> Vec<String> {
    let mut found = plugbuild_leftovers(dir);
    if dir.join("dist").exists() {
        found.push("dist".into());
    }
    found
}

fn check_error_case(name: &str) {
    let dir = repo_root().join("tests/errors").join(name);
    let output = build_in(&dir);
    assert_eq!(
        output.status.code(),
        Some(1),
        "{name}: expected exit code 1\n{}",
        text(&output.stderr)
    );
    assert!(
        leftovers(&dir).is_empty(),
        "{name}: a failed build wrote {:?}",
        leftovers(&dir)
    );
    insta::assert_snapshot!(name, text(&output.stderr));
}

macro_rules! error_cases {
    ($($name:ident => $folder:literal),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                check_error_case($folder);
            }
        )*

        #[test]
        fn every_error_folder_has_a_test() {
            assert_every_folder_listed("tests/errors", &[$($folder),*]);
        }
    };
}

error_cases! {
    syntax_error => "syntax-error",
    syntax_error_tsx => "syntax-error-tsx",
    unresolved_import => "unresolved-import",
    missing_entry => "missing-entry",
    no_entry => "no-entry",
    bad_package_json => "bad-package-json",
    bad_tsconfig => "bad-tsconfig",
    tsconfig_extends_missing => "tsconfig-extends-missing",
    tsconfig_extends_cycle => "tsconfig-extends-cycle",
    import_outside_package => "import-outside-package",
    not_utf8 => "not-utf8",
    asset_import => "asset-import",
}

#[test]
fn no_package_json() {
    let temp = tempfile::tempdir().unwrap();
    let output = build_in(temp.path());
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!("no-package-json", text(&output.stderr));
}

#[test]
fn a_panic_inside_the_compiler_is_reported_against_its_file() {
    let workspace = copy_package(&repo_root().join("tests/fixtures/cycles"));
    let output = plugbuild()
        .arg("build")
        .current_dir(&workspace.dir)
        .env("PLUGBUILD_PANIC_ON", "b.ts")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!("panic", text(&output.stderr));
    assert!(!workspace.dir.join("dist").exists());
}

#[test]
fn a_failed_build_leaves_the_previous_dist_as_it_was() {
    let workspace = copy_package(&repo_root().join("examples/hello-backend"));
    let dir = &workspace.dir;
    let first = build_in(dir);
    assert!(first.status.success(), "{}", text(&first.stderr));
    let before = std::fs::read(dir.join("dist/index.cjs.js")).unwrap();
    let map_before = std::fs::read(dir.join("dist/index.cjs.js.map")).unwrap();

    let router = dir.join("src/service/router.ts");
    let source = std::fs::read_to_string(&router).unwrap();
    std::fs::write(
        &router,
        source.replace("res.json({ status: 'ok' });", "res.json({ status: 'ok' };"),
    )
    .unwrap();
    let failed = build_in(dir);
    assert_eq!(failed.status.code(), Some(1));
    assert!(
        text(&failed.stderr).contains("src/service/router.ts:"),
        "{}",
        text(&failed.stderr)
    );

    assert_eq!(
        std::fs::read(dir.join("dist/index.cjs.js")).unwrap(),
        before
    );
    assert_eq!(
        std::fs::read(dir.join("dist/index.cjs.js.map")).unwrap(),
        map_before
    );
    let leftovers = plugbuild_leftovers(dir);
    assert!(
        leftovers.is_empty(),
        "staging folders left behind: {leftovers:?}"
    );
}

#[test]
fn a_successful_rebuild_replaces_stale_files_in_dist() {
    let workspace = copy_package(&repo_root().join("tests/fixtures/cycles"));
    let dir = &workspace.dir;
    std::fs::create_dir_all(dir.join("dist")).unwrap();
    std::fs::write(dir.join("dist/stale.js"), "old").unwrap();
    let output = build_in(dir);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(!dir.join("dist/stale.js").exists());
    assert!(dir.join("dist/index.cjs.js").is_file());
}
