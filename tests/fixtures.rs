//! Runtime fixtures: each folder under tests/fixtures is a package. It is compiled by real tsc to
//! per-file CommonJS and built by plugbuild into one bundle, and again into one CommonJS file per
//! module; node runs all three, and they must print the same lines and exit the same way. An ES
//! module importing each output must also see the names it sees in tsc's (node reads them from
//! the file without running it). A fixture whose behaviour deliberately differs from tsc's output
//! (native `import()` of ESM-only packages) carries an `expected-stdout.txt` instead. A package of
//! JavaScript only (`src/index.js`) needs no compiler: node runs its sources as they are.

mod common;

use std::path::Path;

use common::*;

fn check_fixture(name: &str) {
    let source = repo_root().join("tests/fixtures").join(name);
    let workspace = copy_package(&source);
    let dir = &workspace.dir;

    let build = run_plugbuild_build(dir);
    assert!(
        build.status.success(),
        "plugbuild build failed for {name}:\n{}",
        text(&build.stderr)
    );
    let ours = run_node(dir, Path::new("dist/index.cjs.js"), &[]);

    let expected_file = source.join("expected-stdout.txt");
    let javascript_only = !dir.join("src/index.ts").exists() && dir.join("src/index.js").exists();
    // An ES module importing the output sees the names it sees in tsc's output (or the sources).
    let ours_names = esm_import_names(dir, Path::new("dist/index.cjs.js"));
    let theirs_entry = match javascript_only {
        true => Path::new("src/index.js"),
        false => Path::new("tsc-out/index.js"),
    };
    if !javascript_only {
        run_tsc_commonjs(dir);
    }
    let theirs_names = esm_import_names(dir, theirs_entry);
    assert_offers_names(name, "the bundle", &ours_names, &theirs_names);
    let (expected_stdout, expected_status) = if expected_file.is_file() {
        (std::fs::read_to_string(&expected_file).unwrap(), Some(0))
    } else if javascript_only {
        let theirs = run_node(dir, Path::new("src/index.js"), &[]);
        (text(&theirs.stdout), theirs.status.code())
    } else {
        let theirs = run_node(dir, Path::new("tsc-out/index.js"), &[]);
        assert!(
            theirs.status.success() || ours.status.code() == theirs.status.code(),
            "tsc's output failed for {name}:\n{}",
            text(&theirs.stderr)
        );
        (text(&theirs.stdout), theirs.status.code())
    };
    assert!(
        !expected_stdout.trim().is_empty(),
        "fixture {name} prints nothing: it tests nothing"
    );
    assert_eq!(
        text(&ours.stdout),
        expected_stdout,
        "fixture {name}: plugbuild's bundle printed something else than tsc's output\nstderr:\n{}",
        text(&ours.stderr)
    );
    assert_eq!(
        ours.status.code(),
        expected_status,
        "fixture {name}: exit codes differ\nstderr:\n{}",
        text(&ours.stderr)
    );

    // The same with one CommonJS file per module (`--commonjs-layout modules`).
    let build = plugbuild()
        .args(["build", "--commonjs-layout", "modules"])
        .arg(dir)
        .output()
        .unwrap();
    assert!(
        build.status.success(),
        "plugbuild build --commonjs-layout modules failed for {name}:\n{}",
        text(&build.stderr)
    );
    let per_module = run_node(dir, Path::new("dist/index.cjs.js"), &[]);
    let per_module_names = esm_import_names(dir, Path::new("dist/index.cjs.js"));
    assert_offers_names(
        name,
        "one file per module",
        &per_module_names,
        &theirs_names,
    );
    assert_eq!(
        (text(&per_module.stdout), per_module.status.code()),
        (expected_stdout, expected_status),
        "fixture {name}: one file per module printed something else\nstderr:\n{}",
        text(&per_module.stderr)
    );
}

/// An ES module importing our output must see every name it sees in tsc's output. Ours may offer
/// more: node's lexer cannot read tsc's getter for `export { default as x } from` (rollup's
/// `exports.x =` and our note it can), and in the bundle it also reads the bundled modules' own
/// `exports.x =` (undefined on the entry).
fn assert_offers_names(
    fixture: &str,
    output: &str,
    ours: &Result<Vec<String>, String>,
    theirs: &Result<Vec<String>, String>,
) {
    match (ours, theirs) {
        (Ok(ours), Ok(theirs)) => assert!(
            theirs.iter().all(|name| ours.contains(name)),
            "fixture {fixture}: an ES module importing {output} misses names tsc's output has: {ours:?} against {theirs:?}"
        ),
        _ => assert_eq!(
            ours.is_ok(),
            theirs.is_ok(),
            "fixture {fixture}, {output}: {ours:?} against {theirs:?}"
        ),
    }
}

macro_rules! fixtures {
    ($($name:ident => $folder:literal),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                check_fixture($folder);
            }
        )*

        #[test]
        fn every_fixture_folder_has_a_test() {
            assert_every_folder_listed("tests/fixtures", &[$($folder),*]);
        }
    };
}

fixtures! {
    enums => "enums",
    esm_importers => "esm-importers",
    name_clashes => "name-clashes",
    namespaces => "namespaces",
    classes => "classes",
    class_fields_assign => "class-fields-assign",
    decorators_legacy => "decorators-legacy",
    type_only_imports => "type-only-imports",
    import_require_export_assign => "import-require-export-assign",
    reexports => "reexports",
    external_commonjs => "external-commonjs",
    live_bindings => "live-bindings",
    cycles => "cycles",
    json_imports => "json-imports",
    dynamic_import => "dynamic-import",
    dynamic_import_esm_only => "dynamic-import-esm-only",
    require_main => "require-main",
    tsx_classic => "tsx-classic",
    tsx_automatic => "tsx-automatic",
    resolution => "resolution",
    syntax_features => "syntax-features",
    export_star_cycle => "export-star-cycle",
    commonjs_interop => "commonjs-interop",
    commonjs_scripts => "commonjs-scripts",
}
