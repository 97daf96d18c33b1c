//! Package-level behaviour of `plugbuild build`: entries from `exports`, the files written, and
//! byte-identical output wherever the package lives.

mod common;

use std::path::Path;

use common::*;

fn write(dir: &Path, path: &str, contents: &str) {
    let path = dir.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, contents).unwrap();
}

fn multi_entry_package(dir: &Path) {
    write(
        dir,
        "package.json",
        r#"{
  "name": "@acme/plugin-multi-backend",
  "version": "1.0.0",
  "exports": {
    ".": "./src/index.ts",
    "./alpha": { "types": "./src/alpha.ts", "default": "./src/alpha.ts" },
    "./package.json": "./package.json"
  }
}
"#,
    );
    write(dir, "tsconfig.json", DEFAULT_TSCONFIG);
    write(
        dir,
        "src/shared.ts",
        "export const shared = { loads: 0 };\nshared.loads++;\n",
    );
    write(
        dir,
        "src/index.ts",
        "import { shared } from './shared';\nexport const main = `main sees ${shared.loads}`;\n",
    );
    write(
        dir,
        "src/alpha.ts",
        "import { shared } from './shared';\nexport const alpha = `alpha sees ${shared.loads}`;\n",
    );
}

#[test]
fn every_export_entry_gets_its_own_bundle_and_map() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("multi");
    multi_entry_package(&dir);
    let build = run_plugbuild_build(&dir);
    assert!(build.status.success(), "{}", text(&build.stderr));

    let mut files: Vec<String> = std::fs::read_dir(dir.join("dist"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "alpha.cjs.js",
            "alpha.cjs.js.map",
            "alpha.d.ts",
            "index.cjs.js",
            "index.cjs.js.map",
            "index.d.ts"
        ]
    );

    write(
        &dir,
        "check.js",
        "const { main } = require('./dist/index.cjs.js');\nconst { alpha } = require('./dist/alpha.cjs.js');\nconsole.log(main, '|', alpha);\n",
    );
    let output = run_node(&dir, Path::new("check.js"), &[]);
    assert_eq!(
        text(&output.stdout),
        "main sees 1 | alpha sees 1\n",
        "{}",
        text(&output.stderr)
    );
    let alpha = std::fs::read_to_string(dir.join("dist/alpha.cjs.js")).unwrap();
    assert!(
        alpha.contains("\"./src/alpha.ts\": function") && !alpha.contains("\"./src/index.ts\"")
    );
}

#[test]
fn output_is_byte_identical_wherever_the_package_is_built() {
    let first = copy_package(&repo_root().join("examples/hello-backend"));
    let second = copy_package(&repo_root().join("examples/hello-backend"));
    for workspace in [&first, &second] {
        let build = run_plugbuild_build(&workspace.dir);
        assert!(build.status.success(), "{}", text(&build.stderr));
    }
    for file in ["index.cjs.js", "index.cjs.js.map", "index.d.ts"] {
        let a = std::fs::read(first.dir.join("dist").join(file)).unwrap();
        let b = std::fs::read(second.dir.join("dist").join(file)).unwrap();
        assert!(a == b, "dist/{file} differs between two locations");
        let contents = String::from_utf8(a).unwrap();
        let root = first.dir.parent().unwrap().to_string_lossy().into_owned();
        assert!(
            !contents.contains(&root),
            "dist/{file} contains the absolute path {root}"
        );
    }
}

#[test]
fn the_backstage_base_config_falls_back_to_its_known_defaults_with_one_note() {
    let workspace = copy_package(&repo_root().join("examples/hello-backend"));
    let build = plugbuild()
        .arg("build")
        .current_dir(&workspace.dir)
        .output()
        .unwrap();
    assert!(build.status.success(), "{}", text(&build.stderr));
    let stderr = text(&build.stderr);
    assert_eq!(
        stderr
            .matches("@backstage/cli/config/tsconfig.json is not installed")
            .count(),
        1,
        "{stderr}"
    );
    assert!(stderr.contains("wrote dist/index.cjs.js"), "{stderr}");
}

#[test]
fn a_type_module_backend_package_builds_mjs_modules_that_node_runs() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("esm-backend");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("package.json"),
        r#"{ "name": "@acme/esm-backend", "version": "1.0.0", "type": "module", "main": "src/index.ts",
  "backstage": { "role": "node-library" } }"#,
    )
    .unwrap();
    std::fs::write(dir.join("tsconfig.json"), DEFAULT_TSCONFIG).unwrap();
    std::fs::write(
        dir.join("src/index.ts"),
        "import { double } from './math';\nimport data from './data.json';\nexport const answer: number = double(data.half);\nconsole.log('answer', answer, import.meta.url.endsWith('/dist/index.mjs'));\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("src/math.ts"),
        "export function double(n: number): number {\n  return n * 2;\n}\n",
    )
    .unwrap();
    std::fs::write(dir.join("src/data.json"), "{ \"half\": 21 }\n").unwrap();
    let built = plugbuild().arg("build").arg(&dir).output().unwrap();
    assert!(built.status.success(), "{}", text(&built.stderr));
    for file in [
        "index.mjs",
        "index.mjs.map",
        "math.mjs",
        "data.json.mjs",
        "index.d.ts",
    ] {
        assert!(dir.join("dist").join(file).is_file(), "dist/{file}");
    }
    assert!(!dir.join("dist/index.cjs.js").exists());
    let ran = run_node(&dir, Path::new("dist/index.mjs"), &[]);
    assert_eq!(
        text(&ran.stdout),
        "answer 42 true\n",
        "{}",
        text(&ran.stderr)
    );

    let prepacked = plugbuild()
        .arg("prepack")
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(prepacked.status.success(), "{}", text(&prepacked.stderr));
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("package.json")).unwrap()).unwrap();
    assert_eq!(manifest["main"], "./dist/index.mjs");
    assert_eq!(manifest["module"], "./dist/index.mjs");
    assert_eq!(manifest["types"], "./dist/index.d.ts");
}

/// Sorted file names under `dist/` (recursively, `/`-separated).
fn dist_files(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let relative = path.strip_prefix(root).unwrap();
                out.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut files = Vec::new();
    walk(&dir.join("dist"), &dir.join("dist"), &mut files);
    files.sort();
    files
}

/// `.mjs` and `.cjs` sources keep their module system and extension in the per-module layout, as
/// backstage-cli writes them (`math.mjs`, `legacy.cjs` next to `index.cjs.js`; backstage-cli 0.36
/// drops the `.mjs` file's map, which plugbuild keeps). Node loads the CommonJS entry, which
/// requires the ES module, and an ES module importing the entry sees its names.
#[test]
fn mjs_and_cjs_sources_keep_their_format_and_extension_in_the_module_layout() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("mixed");
    write(
        &dir,
        "package.json",
        r#"{ "name": "@acme/mixed", "version": "1.0.0", "main": "src/index.ts",
  "backstage": { "role": "node-library" } }"#,
    );
    write(&dir, "tsconfig.json", DEFAULT_TSCONFIG);
    write(
        &dir,
        "src/index.ts",
        "// @ts-ignore\nimport { double, here } from './math.mjs';\n// @ts-ignore\nimport { triple, file } from './legacy.cjs';\nexport const six: number = double(3);\nexport const nine: number = triple(3);\nexport const places: string[] = [here, file];\n",
    );
    write(
        &dir,
        "src/math.mjs",
        "import { shared } from './shared';\nexport const double = (n) => n * shared;\nexport const here = import.meta.url;\n",
    );
    write(&dir, "src/shared.ts", "export const shared: number = 2;\n");
    write(
        &dir,
        "src/legacy.cjs",
        "exports.triple = function triple(n) { return n * 3; };\nexports.file = __filename;\n",
    );
    let built = plugbuild()
        .args(["build", "--commonjs-layout", "modules"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(built.status.success(), "{}", text(&built.stderr));
    assert_eq!(
        dist_files(&dir),
        [
            "index.cjs.js",
            "index.cjs.js.map",
            "index.d.ts",
            "legacy.cjs",
            "legacy.cjs.map",
            "math.mjs",
            "math.mjs.map",
            "shared.cjs.js",
            "shared.cjs.js.map"
        ]
    );
    let script = "const m = require('./dist/index.cjs.js'); console.log(m.six, m.nine, m.places.map((p) => p.replace(/^.*\\/dist\\//, '')).join(' '));";
    let ran = std::process::Command::new("node")
        .args(["-e", script])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(
        text(&ran.stdout),
        "6 9 math.mjs legacy.cjs\n",
        "{}",
        text(&ran.stderr)
    );
    assert_eq!(
        esm_import_names(&dir, Path::new("dist/index.cjs.js")),
        Ok(["__esModule", "default", "nine", "places", "six"]
            .map(String::from)
            .to_vec())
    );
}
