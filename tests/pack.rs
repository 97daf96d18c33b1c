//! Publishing: prepack/postpack and the tarball, checked against real npm.

mod common;

use std::io::Read;
use std::path::Path;
use std::process::Command;

use common::*;

const BACKUP_NAME: &str = "package.json-prepack";

fn pack_fixture() -> Workspace {
    let workspace = copy_package(&repo_root().join("examples/hello-backend"));
    let dir = &workspace.dir;
    std::fs::write(dir.join("README.md"), "# hello\n").unwrap();
    std::fs::write(dir.join("LICENSE"), "Apache-2.0\n").unwrap();
    std::fs::write(dir.join("CHANGELOG.md"), "## 0.1.0\n").unwrap();
    std::fs::write(dir.join(".npmrc"), "registry=http://127.0.0.1:9/\n").unwrap();
    std::fs::write(dir.join("notes.txt"), "not in files\n").unwrap();
    std::fs::create_dir_all(dir.join("dist-types")).unwrap();
    workspace
}

fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    plugbuild().args(args).current_dir(dir).output().unwrap()
}

fn npm(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new("npm")
        .args(args)
        .args(["--no-audit", "--no-fund", "--loglevel=error"])
        .current_dir(dir)
        .output()
        .unwrap()
}

/// (path inside package/, mode, mtime, contents) of every entry.
fn tarball_entries(path: &Path) -> Vec<(String, u32, u64, Vec<u8>)> {
    let file = std::fs::File::open(path).unwrap();
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(file));
    archive
        .entries()
        .unwrap()
        .map(|entry| {
            let mut entry = entry.unwrap();
            let name = entry.path().unwrap().to_string_lossy().into_owned();
            let mode = entry.header().mode().unwrap();
            let mtime = entry.header().mtime().unwrap();
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).unwrap();
            (name, mode, mtime, bytes)
        })
        .collect()
}

const TARBALL: &str = "internal-plugin-hello-backend-0.1.0.tgz";

#[test]
fn the_tarball_holds_what_npm_pack_would_pack_after_prepack() {
    let workspace = pack_fixture();
    let dir = &workspace.dir;
    let packed = run(dir, &["pack", "--quiet"]);
    assert!(packed.status.success(), "{}", text(&packed.stderr));
    let entries = tarball_entries(&dir.join(TARBALL));
    let ours: Vec<String> = entries
        .iter()
        .map(|e| e.0.trim_start_matches("package/").to_string())
        .collect();
    assert!(entries
        .iter()
        .all(|e| e.0.starts_with("package/") && e.1 == 0o644 && e.2 == 499_162_500));

    let original = std::fs::read(dir.join("package.json")).unwrap();
    let prepacked = run(dir, &["prepack"]);
    assert!(prepacked.status.success(), "{}", text(&prepacked.stderr));
    let rewritten = std::fs::read(dir.join("package.json")).unwrap();
    let listed = npm(dir, &["pack", "--dry-run", "--json", "--ignore-scripts"]);
    assert!(listed.status.success(), "{}", text(&listed.stderr));
    let report: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    let mut theirs: Vec<String> = report[0]["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    theirs.sort();
    assert_eq!(ours, theirs, "our tarball's files differ from npm pack's");

    let manifest = entries
        .iter()
        .find(|e| e.0 == "package/package.json")
        .unwrap();
    assert_eq!(
        manifest.3, rewritten,
        "the tarball's package.json is not what prepack writes"
    );
    let published: serde_json::Value = serde_json::from_slice(&rewritten).unwrap();
    assert_eq!(published["main"], "dist/index.cjs.js");
    assert_eq!(published["types"], "dist/index.d.ts");
    assert_eq!(published["publishConfig"]["access"], "public");
    assert!(published.get("access").is_none());

    let restored = run(dir, &["postpack"]);
    assert!(restored.status.success(), "{}", text(&restored.stderr));
    assert_eq!(std::fs::read(dir.join("package.json")).unwrap(), original);
    assert!(!dir.join("package.json-prepack").exists());
}

#[test]
fn the_tarball_installs_with_npm_runs_and_type_checks() {
    let workspace = pack_fixture();
    let dir = &workspace.dir;
    assert!(run(dir, &["pack", "--quiet"]).status.success());
    // The consumer sits below a folder whose node_modules holds the test packages (for @types/*).
    let outer = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(npm_modules(), outer.path().join("node_modules")).unwrap();
    let consumer = outer.path().join("consumer");
    std::fs::create_dir_all(&consumer).unwrap();
    std::fs::write(
        consumer.join("package.json"),
        "{\"name\":\"consumer\",\"private\":true}\n",
    )
    .unwrap();
    let installed = npm(
        &consumer,
        &[
            "install",
            "--prefer-offline",
            dir.join(TARBALL).to_str().unwrap(),
        ],
    );
    assert!(installed.status.success(), "{}", text(&installed.stderr));

    std::fs::write(
        consumer.join("check.js"),
        "const plugin = require('@internal/plugin-hello-backend');\n\
         plugin.createRouter().then(router => console.log(typeof router, typeof plugin.GreetingService, plugin.GreetingStyle.Pirate));\n",
    )
    .unwrap();
    let ran = run_node(&consumer, Path::new("check.js"), &[]);
    assert_eq!(
        text(&ran.stdout),
        "function function pirate\n",
        "{}",
        text(&ran.stderr)
    );

    std::fs::write(
        consumer.join("consumer.ts"),
        "import { createRouter, GreetingService, GreetingStyle } from '@internal/plugin-hello-backend';\n\
         const style: GreetingStyle = GreetingStyle.Formal;\n\
         const service = new GreetingService({ info() {}, error() {} }, style);\n\
         const message: string = service.greet('x').message;\n\
         // @ts-expect-error greet needs a name\n\
         service.greet();\n\
         export const router = createRouter({ defaultStyle: style });\n\
         export { message };\n",
    )
    .unwrap();
    let checked = Command::new("node")
        .arg(npm_modules().join("typescript/bin/tsc"))
        .args([
            "--noEmit",
            "--strict",
            "--module",
            "nodenext",
            "--moduleResolution",
            "nodenext",
            "consumer.ts",
        ])
        .current_dir(&consumer)
        .output()
        .unwrap();
    assert!(checked.status.success(), "{}", text(&checked.stdout));
}

#[test]
fn postpack_restores_the_original_byte_for_byte_even_after_two_prepacks() {
    let workspace = pack_fixture();
    let dir = &workspace.dir;
    assert!(run(dir, &["build", "--quiet"]).status.success());
    // Unusual formatting that a rewrite would not reproduce.
    let original = b"{\"name\":\"@internal/plugin-hello-backend\",   \"version\": \"0.1.0\",\n\"main\": \"src/index.ts\",\n\"publishConfig\": {\"access\": \"public\", \"types\": \"dist/index.d.ts\"}}";
    std::fs::write(dir.join("package.json"), original).unwrap();
    assert!(run(dir, &["prepack"]).status.success());
    assert!(run(dir, &["prepack"]).status.success());
    assert_eq!(
        std::fs::read(dir.join("package.json-prepack")).unwrap(),
        original
    );
    assert!(run(dir, &["postpack"]).status.success());
    assert_eq!(std::fs::read(dir.join("package.json")).unwrap(), original);
    assert!(!dir.join("package.json-prepack").exists());
    let again = run(dir, &["postpack"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again.stderr).contains("no package.json-prepack to restore"));
}

#[test]
fn prepack_refuses_when_dist_lacks_a_file() {
    let workspace = pack_fixture();
    let dir = &workspace.dir;
    assert!(run(dir, &["build", "--quiet"]).status.success());
    std::fs::remove_file(dir.join("dist/index.d.ts")).unwrap();
    let before = std::fs::read(dir.join("package.json")).unwrap();
    let refused = run(dir, &["prepack"]);
    assert_eq!(refused.status.code(), Some(1));
    insta::assert_snapshot!("prepack-missing-dist-file", text(&refused.stderr));
    assert_eq!(std::fs::read(dir.join("package.json")).unwrap(), before);
    assert!(!dir.join("package.json-prepack").exists());
}

#[test]
fn pack_refuses_a_symlink_that_leaves_the_package() {
    let workspace = pack_fixture();
    let dir = &workspace.dir;
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.txt"), dir.join("dist-link.txt"))
        .unwrap();
    std::fs::create_dir_all(dir.join("dist")).unwrap();
    assert!(run(dir, &["build", "--quiet"]).status.success());
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        dir.join("dist/secret.txt"),
    )
    .unwrap();
    let refused = run(dir, &["pack"]);
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused.stderr));
    assert!(
        text(&refused.stderr).contains("points outside the package"),
        "{}",
        text(&refused.stderr)
    );
    assert!(!dir.join(TARBALL).exists());
}

#[test]
fn the_same_package_packs_to_the_same_bytes_from_two_locations() {
    let first = pack_fixture();
    let second = pack_fixture();
    for workspace in [&first, &second] {
        let packed = run(&workspace.dir, &["pack", "--quiet"]);
        assert!(packed.status.success(), "{}", text(&packed.stderr));
    }
    let a = std::fs::read(first.dir.join(TARBALL)).unwrap();
    let b = std::fs::read(second.dir.join(TARBALL)).unwrap();
    assert!(a == b, "tarballs differ between two locations");
}

#[test]
fn dry_run_lists_files_and_sizes_without_writing() {
    let workspace = pack_fixture();
    let dir = &workspace.dir;
    let listed = run(dir, &["pack", "--dry-run", "--quiet"]);
    assert!(listed.status.success(), "{}", text(&listed.stderr));
    let stdout = text(&listed.stdout);
    for file in [
        "dist/index.cjs.js",
        "dist/index.d.ts",
        "README.md",
        "LICENSE",
        "package.json",
    ] {
        assert!(stdout.contains(file), "{stdout}");
    }
    assert!(stdout.contains("total files: 6"), "{stdout}");
    assert!(!dir.join(TARBALL).exists());
}

#[test]
fn exports_are_rewritten_per_entry_with_types_versions_and_match_npm() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("multi");
    let write = |path: &str, contents: &str| {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    };
    write(
        "package.json",
        r#"{
  "name": "@acme/plugin-multi-node",
  "version": "2.1.0",
  "main": "src/index.ts",
  "exports": {
    ".": "./src/index.ts",
    "./alpha": "./src/alpha.ts",
    "./package.json": "./package.json"
  },
  "files": ["dist", "config.d.ts"],
  "publishConfig": { "access": "public", "registry": "http://127.0.0.1:9/", "main": "dist/index.cjs.js" }
}
"#,
    );
    write("tsconfig.json", DEFAULT_TSCONFIG);
    write("config.d.ts", "export interface Config {}\n");
    write("src/index.ts", "export const main = 'main';\n");
    write("src/alpha.ts", "export const alpha = 'alpha';\n");
    write("docs/guide.md", "not packed\n");
    let packed = run(&dir, &["pack", "--quiet"]);
    assert!(packed.status.success(), "{}", text(&packed.stderr));
    let entries = tarball_entries(&dir.join("acme-plugin-multi-node-2.1.0.tgz"));
    let ours: Vec<String> = entries
        .iter()
        .map(|e| e.0.trim_start_matches("package/").to_string())
        .collect();
    let manifest: serde_json::Value = serde_json::from_slice(
        &entries
            .iter()
            .find(|e| e.0 == "package/package.json")
            .unwrap()
            .3,
    )
    .unwrap();
    assert_eq!(
        manifest["exports"],
        serde_json::json!({
            ".": { "require": "./dist/index.cjs.js", "types": "./dist/index.d.ts", "default": "./dist/index.cjs.js" },
            "./alpha": { "require": "./dist/alpha.cjs.js", "types": "./dist/alpha.d.ts", "default": "./dist/alpha.cjs.js" },
            "./package.json": "./package.json"
        })
    );
    assert_eq!(
        manifest["typesVersions"],
        serde_json::json!({ "*": { "alpha": ["dist/alpha.d.ts"], "package.json": ["package.json"] } })
    );
    assert!(manifest.get("registry").is_none() && manifest.get("access").is_none());

    assert!(run(&dir, &["prepack"]).status.success());
    let listed = npm(&dir, &["pack", "--dry-run", "--json", "--ignore-scripts"]);
    assert!(run(&dir, &["postpack"]).status.success());
    let report: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    let mut theirs: Vec<String> = report[0]["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    theirs.sort();
    assert_eq!(ours, theirs);
}

#[test]
fn pack_refuses_files_patterns_that_leave_the_package() {
    let workspace = pack_fixture();
    let dir = &workspace.dir;
    assert!(run(dir, &["build", "--quiet"]).status.success());
    let manifest = std::fs::read_to_string(dir.join("package.json")).unwrap();
    std::fs::write(
        dir.join("package.json"),
        manifest.replace("\"dist\"\n", "\"dist\", \"../secrets\"\n"),
    )
    .unwrap();
    let refused = run(dir, &["pack"]);
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused.stderr));
    assert!(
        text(&refused.stderr).contains("outside the package"),
        "{}",
        text(&refused.stderr)
    );
    assert!(!dir.join(TARBALL).exists());
}

/// A package of `role` with an `alpha` entry besides the main one (`exports` when `with_exports`).
fn role_package(dir: &Path, role: &str, with_exports: bool) {
    let exports = if with_exports {
        r#""exports": { ".": "./src/index.ts", "./alpha": "./src/alpha.ts", "./package.json": "./package.json" },"#
    } else {
        ""
    };
    // backstage-cli's prepack wants a plugin's id and packages.
    let plugin_id = if role.contains("plugin") {
        r#", "pluginId": "acme", "pluginPackages": ["@acme/backend-plugin", "@acme/frontend-plugin"]"#
    } else {
        ""
    };
    let manifest = format!(
        r#"{{
  "name": "@acme/{role}",
  "version": "1.2.3",
  "main": "src/index.ts",
  "types": "src/index.ts",
  {exports}
  "typesVersions": {{ "*": {{ "alpha": ["src/alpha.ts"] }} }},
  "backstage": {{ "role": "{role}"{plugin_id} }},
  "publishConfig": {{ "access": "public" }},
  "files": ["dist"]
}}
"#
    );
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(dir.join("package.json"), manifest).unwrap();
    std::fs::write(dir.join("tsconfig.json"), DEFAULT_TSCONFIG).unwrap();
    std::fs::write(
        dir.join("src/index.ts"),
        "export const main: string = 'main';\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("src/alpha.ts"),
        "export const alpha: string = 'alpha';\n",
    )
    .unwrap();
}

#[test]
fn prepack_writes_what_backstage_cli_prepack_writes_for_every_role() {
    let cli = installed_backstage_cli().join("bin/backstage-cli");
    for role in [
        "backend-plugin",
        "common-library",
        "frontend-plugin",
        "web-library",
    ] {
        for with_exports in [true, false] {
            let temp = tempfile::tempdir().unwrap();
            let ours = temp.path().join("ours");
            role_package(&ours, role, with_exports);
            let built = run(&ours, &["build", "--quiet"]);
            assert!(built.status.success(), "{}", text(&built.stderr));
            let theirs = temp.path().join("theirs");
            copy_dir(&ours, &theirs);
            copy_dir(&ours.join("dist"), &theirs.join("dist"));
            let prepacked = run(&ours, &["prepack"]);
            assert!(prepacked.status.success(), "{}", text(&prepacked.stderr));
            let oracle = Command::new("node")
                .arg(&cli)
                .args(["package", "prepack"])
                .current_dir(&theirs)
                .output()
                .unwrap();
            assert!(oracle.status.success(), "{}", text(&oracle.stderr));
            let read = |dir: &Path| -> serde_json::Value {
                serde_json::from_slice(&std::fs::read(dir.join("package.json")).unwrap()).unwrap()
            };
            assert_eq!(
                serde_json::to_string_pretty(&read(&ours)).unwrap(),
                serde_json::to_string_pretty(&read(&theirs)).unwrap(),
                "{role}, exports: {with_exports}"
            );
        }
    }
}

#[test]
fn prepack_refuses_a_plugin_without_the_metadata_backstage_cli_requires() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("plugin");
    role_package(&dir, "common-library", true);
    let manifest = std::fs::read_to_string(dir.join("package.json")).unwrap();
    std::fs::write(
        dir.join("package.json"),
        manifest.replace(r#""role": "common-library""#, r#""role": "backend-plugin""#),
    )
    .unwrap();
    let stderr = build_then_refused_prepack(&dir);
    assert!(
        stderr.contains("@acme/common-library is missing backstage.pluginId")
            && stderr.contains("backstage-cli repo fix --publish"),
        "{stderr}"
    );
    assert!(!dir.join(BACKUP_NAME).exists(), "nothing was rewritten");
}

#[test]
fn config_schema_equals_what_backstage_cli_compiles() {
    assert_config_schema_matches_backstage_cli(
        &repo_root().join("tests/config-schema/kitchen-sink"),
    );
}

/// Compares `plugbuild config-schema` with backstage-cli's compiler on the package at `dir`, and
/// returns ours.
fn assert_config_schema_matches_backstage_cli(dir: &Path) -> String {
    let ours = run(dir, &["config-schema"]);
    assert!(ours.status.success(), "{}", text(&ours.stderr));
    let theirs = Command::new("node")
        .arg(repo_root().join("tests/support/config-schema.cjs"))
        .arg(dir)
        .output()
        .unwrap();
    assert!(theirs.status.success(), "{}", text(&theirs.stderr));
    assert_eq!(text(&ours.stdout), text(&theirs.stdout));
    text(&ours.stdout)
}

/// A `config.d.ts` whose types come from a relative module, a workspace sibling linked into
/// `node_modules` (its `types` is TypeScript source, reached through `export *` and a renaming
/// re-export) and an installed package's rolled-up declarations (unexported interfaces listed in
/// `export type { ... }`, importing from its own nested dependency), through named, renamed and
/// namespace imports, interfaces extending interfaces and object types from other packages, and
/// `{@link}` tags that tsc resolves, cannot resolve, or that are URLs.
#[test]
fn config_schema_follows_imports_into_files_and_packages_as_backstage_cli_does() {
    let fixture = repo_root().join("tests/config-schema/imported");
    let temp = tempfile::tempdir().unwrap();
    let repo = temp.path().join("repo");
    let plugin = repo.join("plugins/imported");
    copy_dir(&fixture.join("plugin"), &plugin);
    copy_dir(&fixture.join("linked/common"), &repo.join("plugins/common"));
    let scope = repo.join("node_modules/@acme");
    std::fs::create_dir_all(&scope).unwrap();
    std::os::unix::fs::symlink("../../plugins/common", scope.join("common")).unwrap();
    copy_dir(
        &fixture.join("installed/scheduler"),
        &scope.join("scheduler"),
    );
    copy_dir(
        &fixture.join("installed/durations"),
        &scope.join("scheduler/node_modules/@acme/durations"),
    );

    let ours = assert_config_schema_matches_backstage_cli(&plugin);
    // Every imported type was inlined: the schema names the properties only other files declare.
    for declared_elsewhere in [
        "\"attempts\"",
        "\"region\"",
        "\"cron\"",
        "\"scope\"",
        "\"years\"",
    ] {
        assert!(ours.contains(declared_elsewhere), "{declared_elsewhere}");
    }

    // Without the installed package, the import is an error at the reference, saying what to do.
    std::fs::remove_dir_all(scope.join("scheduler")).unwrap();
    let missing = run(&plugin, &["config-schema", "--color", "never"]);
    assert!(!missing.status.success());
    let stderr = text(&missing.stderr);
    assert!(
        stderr.contains("its import from '@acme/scheduler' leads to no declaration")
            && stderr.contains("src/config-types.ts:14:13")
            && stderr.contains("yarn install"),
        "{stderr}"
    );
}

#[test]
fn prepack_writes_config_schema_json_as_backstage_cli_does_and_postpack_removes_it() {
    let temp = tempfile::tempdir().unwrap();
    let ours = temp.path().join("ours");
    copy_dir(&repo_root().join("tests/config-schema/kitchen-sink"), &ours);
    std::fs::create_dir_all(ours.join("src")).unwrap();
    std::fs::write(ours.join("tsconfig.json"), DEFAULT_TSCONFIG).unwrap();
    std::fs::write(ours.join("src/index.ts"), "export const a: number = 1;\n").unwrap();
    assert!(run(&ours, &["build", "--quiet"]).status.success());
    let theirs = temp.path().join("theirs");
    copy_dir(&ours, &theirs);
    copy_dir(&ours.join("dist"), &theirs.join("dist"));

    let packed = run(&ours, &["pack", "--quiet"]);
    assert!(packed.status.success(), "{}", text(&packed.stderr));
    let entries = tarball_entries(&ours.join("acme-plugin-config-kitchen-sink-1.0.0.tgz"));
    let names: Vec<&str> = entries.iter().map(|e| e.0.as_str()).collect();
    assert!(names.contains(&"package/config.schema.json"), "{names:?}");
    assert!(!names.contains(&"package/config.d.ts"), "{names:?}");
    assert!(
        !ours.join("config.schema.json").exists(),
        "pack writes only the tarball"
    );

    assert!(run(&ours, &["prepack"]).status.success());
    let cli = installed_backstage_cli().join("bin/backstage-cli");
    let oracle = Command::new("node")
        .arg(cli)
        .args(["package", "prepack"])
        .current_dir(&theirs)
        .output()
        .unwrap();
    assert!(oracle.status.success(), "{}", text(&oracle.stderr));
    for file in ["package.json", "config.schema.json"] {
        let read = |dir: &Path| -> serde_json::Value {
            serde_json::from_slice(&std::fs::read(dir.join(file)).unwrap()).unwrap()
        };
        assert_eq!(
            serde_json::to_string_pretty(&read(&ours)).unwrap(),
            serde_json::to_string_pretty(&read(&theirs)).unwrap(),
            "{file}"
        );
    }
    let packed_schema = &entries
        .iter()
        .find(|e| e.0 == "package/config.schema.json")
        .unwrap()
        .3;
    assert_eq!(
        packed_schema,
        &std::fs::read(ours.join("config.schema.json")).unwrap()
    );

    // A second prepack works from the saved original, not the rewritten package.json.
    let first = std::fs::read(ours.join("package.json")).unwrap();
    std::fs::remove_file(ours.join("config.schema.json")).unwrap();
    assert!(run(&ours, &["prepack"]).status.success());
    assert_eq!(std::fs::read(ours.join("package.json")).unwrap(), first);
    assert_eq!(
        &std::fs::read(ours.join("config.schema.json")).unwrap(),
        packed_schema
    );

    assert!(run(&ours, &["postpack"]).status.success());
    assert!(!ours.join("config.schema.json").exists());
    assert!(ours.join("config.d.ts").exists());
}

#[test]
fn a_config_schema_plugbuild_cannot_compile_stops_prepack_at_the_type() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("plugin");
    role_package(&dir, "web-library", false);
    let manifest = std::fs::read_to_string(dir.join("package.json")).unwrap();
    std::fs::write(
        dir.join("package.json"),
        manifest.replace(
            r#""files": ["dist"]"#,
            r#""files": ["dist"], "configSchema": "config.d.ts""#,
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("config.d.ts"),
        "interface Base { seconds: number }\n\nexport interface Config {\n  app?: { timeout: Partial<Base> };\n}\n",
    )
    .unwrap();
    let stderr = build_then_refused_prepack(&dir);
    assert!(
        stderr.contains("config.d.ts:4:20") && stderr.contains("a generic type"),
        "{stderr}"
    );
    assert!(!dir.join(BACKUP_NAME).exists());
    assert!(!dir.join("config.schema.json").exists());
}

/// Builds the package, runs a prepack that must fail, and returns what it said.
fn build_then_refused_prepack(dir: &Path) -> String {
    assert!(run(dir, &["build", "--quiet"]).status.success());
    let refused = run(dir, &["prepack", "--color", "never"]);
    assert_eq!(refused.status.code(), Some(1));
    text(&refused.stderr)
}
