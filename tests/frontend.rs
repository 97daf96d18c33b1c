//! Frontend roles: one ES module per source module, stylesheets injected, assets copied, as
//! backstage-cli's build writes them. The oracles are a real browser rendering the built package
//! through a real app bundler, backstage-cli building the same package, and tsc checking a strict
//! consumer of the roll-up.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

fn fixture() -> PathBuf {
    repo_root().join("tests/frontend/demo-plugin")
}

fn build(dir: &Path) {
    let output = run_plugbuild_build(dir);
    assert!(
        output.status.success(),
        "plugbuild build failed:\n{}{}",
        text(&output.stdout),
        text(&output.stderr)
    );
}

/// Debian's Chromium, which scripts/test installs.
fn chromium() -> PathBuf {
    let path = std::env::var_os("PLUGBUILD_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    assert!(
        path.is_file(),
        "{} is missing: run scripts/test (it installs Debian's chromium)",
        path.display()
    );
    path
}

/// Runs `command` to its end, or kills it after `limit`; its standard output.
fn output_within(mut command: Command, limit: Duration) -> String {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the command");
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut text).ok();
        text
    });
    let started = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if started.elapsed() > limit {
            child.kill().ok();
            child.wait().ok();
            panic!("{command:?} ran over {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    reader.join().unwrap()
}

#[test]
fn a_built_frontend_plugin_renders_in_chromium_with_its_styles_image_and_lazy_component() {
    let workspace = copy_package(&fixture());
    build(&workspace.dir);
    let root = workspace.dir.parent().unwrap();
    let app = root.join("app");
    copy_dir(&repo_root().join("tests/frontend/app"), &app);
    // The app's bundler, as an app would bundle the package: esbuild from npm, React from npm.
    let bundled = Command::new(npm_modules().join(".bin/esbuild"))
        .args([
            "app.jsx",
            "--bundle",
            "--outfile=out/app.js",
            "--loader:.png=file",
            "--public-path=out",
            "--jsx=automatic",
            "--log-level=warning",
        ])
        .env("NODE_PATH", npm_modules())
        .current_dir(&app)
        .output()
        .unwrap();
    assert!(
        bundled.status.success(),
        "esbuild could not bundle the built package:\n{}",
        text(&bundled.stderr)
    );
    let mut browser = Command::new(chromium());
    browser
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--virtual-time-budget=10000",
            "--dump-dom",
        ])
        .arg(format!(
            "--user-data-dir={}",
            root.join("profile").display()
        ))
        .arg(format!("file://{}", app.join("index.html").display()));
    let dom = output_within(browser, Duration::from_secs(60));
    let result = dom
        .split("<pre id=\"result\">")
        .nth(1)
        .and_then(|rest| rest.split("</pre>").next())
        .unwrap_or_default();
    let rendered: serde_json::Value = serde_json::from_str(result)
        .unwrap_or_else(|_| panic!("the app did not finish rendering; the page was:\n{dom}"));
    assert_eq!(
        rendered["title"], "Hello, browser",
        "JSON import and component"
    );
    assert_eq!(rendered["cardBorder"], "rgb(10, 20, 30)", "CSS module");
    assert_eq!(rendered["titleColor"], "rgb(200, 0, 0)", "CSS module");
    assert_eq!(
        rendered["bodyBackground"], "rgb(1, 2, 3)",
        "plain CSS import"
    );
    assert_eq!(rendered["logoWidth"], 4, "the image loads");
    assert_eq!(
        rendered["logoClass"], "DemoCard_logo-image__6ef05d6af1",
        "backstage-cli's class names"
    );
    assert_eq!(
        rendered["lazy"], "lazy panel",
        "the lazily imported component"
    );
}

/// What a bundler sees each output file export and import (tests/support/module-exports.cjs).
fn module_exports(dist: &Path) -> serde_json::Value {
    let output = Command::new("node")
        .arg(repo_root().join("tests/support/module-exports.cjs"))
        .arg(dist)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", text(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("module-exports.cjs printed JSON")
}

/// Real tsc writes the declarations backstage-cli's build rolls up into `<root>/dist-types`.
fn declarations_with_tsc(root: &Path, package: &Path) {
    let output = Command::new("node")
        .arg(npm_modules().join("typescript/bin/tsc"))
        .arg("-p")
        .arg(package)
        .args([
            "--declaration",
            "--emitDeclarationOnly",
            "--noEmit",
            "false",
        ])
        .arg("--outDir")
        .arg(root.join("dist-types").join("plugins/demo-plugin/src"))
        .args(["--rootDir", "src"])
        .current_dir(package)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "tsc rejected the fixture:\n{}{}",
        text(&output.stdout),
        text(&output.stderr)
    );
}

#[test]
fn a_frontend_plugin_has_the_files_and_exports_backstage_cli_writes() {
    // backstage-cli builds a copy inside a workspace root, as in a Backstage repository.
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path().join("repo");
    let theirs = root.join("plugins/demo-plugin");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(
        root.join("package.json"),
        r#"{ "name": "root", "private": true, "workspaces": ["plugins/*"] }"#,
    )
    .unwrap();
    let ours = copy_package(&fixture());
    copy_dir(&ours.dir, &theirs);
    std::fs::remove_dir_all(theirs.join("node_modules")).ok();
    std::os::unix::fs::symlink(ours.dir.join("node_modules"), theirs.join("node_modules")).unwrap();
    declarations_with_tsc(&root, &theirs);
    let cli = installed_backstage_cli().join("bin/backstage-cli");
    let built = Command::new("node")
        .arg(cli)
        .args(["package", "build"])
        .current_dir(&theirs)
        .output()
        .unwrap();
    assert!(
        built.status.success(),
        "backstage-cli could not build the fixture:\n{}{}",
        text(&built.stdout),
        text(&built.stderr)
    );

    build(&ours.dir);
    let ours_exports = module_exports(&ours.dir.join("dist"));
    let theirs_exports = module_exports(&theirs.join("dist"));
    let files = |exports: &serde_json::Value| -> Vec<String> {
        // The walk lists files in the directory's order, which differs between file systems.
        let mut files: Vec<String> = exports.as_object().unwrap().keys().cloned().collect();
        files.sort();
        files
    };
    assert_eq!(files(&ours_exports), files(&theirs_exports));
    for (file, theirs) in theirs_exports.as_object().unwrap() {
        let ours = &ours_exports[file];
        // Rollup imports the modules with side effects that a skipped module would have loaded
        // (`DemoCard.module.css.esm.js` rather than `DemoCard.esm.js`, which imports it): every file
        // it imports must load with ours too, directly or through what ours imports.
        for import in theirs["imports"].as_array().unwrap() {
            let import = import.as_str().unwrap();
            assert!(
                loads(&ours_exports, file, import),
                "{file} no longer loads {import}: {}",
                ours["imports"]
            );
        }
        let names = |value: &serde_json::Value| -> Vec<String> {
            value["exports"]
                .as_array()
                .unwrap()
                .iter()
                .map(|name| name.as_str().unwrap().to_string())
                .collect()
        };
        if file == "index.esm.js" {
            assert_eq!(names(ours), names(theirs), "the entry's exports");
        } else {
            // Rollup drops what no module imports from a module that is not an entry (a JSON
            // module's unused keys); nothing outside the package can import it either.
            for name in names(theirs) {
                assert!(names(ours).contains(&name), "{file} exports {name}");
            }
        }
    }
    let listed = |dist: &Path| -> Vec<String> {
        let mut files = Vec::new();
        list_files(dist, dist, &mut files);
        // backstage-cli places node_modules_dist by where style-inject is installed, so the
        // list is compared from that folder on, sorted after the paths are shortened.
        let mut shown: Vec<String> = files
            .into_iter()
            .map(|file| match file.find("node_modules_dist/") {
                Some(at) => file[at..].to_string(),
                None => file,
            })
            .collect();
        shown.sort();
        shown
    };
    assert_eq!(listed(&ours.dir.join("dist")), listed(&theirs.join("dist")));
}

/// Whether `file` loads `import` (`import x.esm.js`, as module-exports.cjs writes them), directly
/// or through the files it imports.
fn loads(exports: &serde_json::Value, file: &str, import: &str) -> bool {
    let mut seen = std::collections::HashSet::new();
    let mut stack = vec![file.to_string()];
    while let Some(current) = stack.pop() {
        if !seen.insert(current.clone()) {
            continue;
        }
        for next in exports[&current]["imports"]
            .as_array()
            .into_iter()
            .flatten()
        {
            let next = next.as_str().unwrap();
            if next == import {
                return true;
            }
            if let Some(path) = next.strip_prefix("import ") {
                stack.push(path.to_string());
            }
        }
    }
    false
}

fn list_files(root: &Path, dir: &Path, files: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let path = entry.path();
        if entry.file_type().unwrap().is_dir() {
            list_files(root, &path, files);
        } else {
            let relative = path.strip_prefix(root).unwrap().to_string_lossy();
            files.push(relative.replace('\\', "/"));
        }
    }
    files.sort();
}

#[test]
fn a_frontend_plugins_declarations_pass_a_strict_consumer() {
    let workspace = copy_package(&fixture());
    build(&workspace.dir);
    let consumer = workspace.dir.join("consumer");
    std::fs::create_dir_all(&consumer).unwrap();
    std::fs::write(
        consumer.join("use.tsx"),
        r#"import React from 'react';
import { DemoCard, type DemoCardProps, greeting, loadLazyPanel, demoName } from '../dist/index';

const props: DemoCardProps = { title: 'x' };
const element: React.JSX.Element = <DemoCard {...props} />;
const text: string = greeting(demoName);
async function panel(): Promise<React.ComponentType> {
  return loadLazyPanel();
}
// @ts-expect-error the title is a string
const wrong: DemoCardProps = { title: 1 };
// @ts-expect-error greeting returns a string
const count: number = greeting('a');
// @ts-expect-error the panel is loaded asynchronously
const sync: React.ComponentType = loadLazyPanel();
export { element, text, panel, wrong, count, sync };
"#,
    )
    .unwrap();
    std::fs::write(
        consumer.join("tsconfig.json"),
        r#"{ "compilerOptions": { "strict": true, "noEmit": true, "jsx": "react", "esModuleInterop": true,
  "moduleResolution": "node", "target": "ES2022", "lib": ["DOM", "ES2023"], "types": [] },
  "files": ["use.tsx"] }"#,
    )
    .unwrap();
    let checked = Command::new("node")
        .arg(npm_modules().join("typescript/bin/tsc"))
        .arg("-p")
        .arg(&consumer)
        .current_dir(&consumer)
        .output()
        .unwrap();
    assert!(
        checked.status.success(),
        "the consumer does not type-check against dist/index.d.ts:\n{}",
        text(&checked.stdout)
    );
}

#[test]
fn a_common_library_loads_through_require_and_import_with_the_same_exports() {
    let workspace = monorepo();
    let package = workspace.dir.join("packages/todo-common");
    build(&package);
    for file in [
        "index.cjs.js",
        "index.d.ts",
        "index.esm.js",
        "permissions.esm.js",
    ] {
        assert!(package.join("dist").join(file).is_file(), "dist/{file}");
    }
    std::fs::write(
        package.join("check.mjs"),
        r#"import { createRequire } from 'node:module';
const required = createRequire(import.meta.url)('./dist/index.cjs.js');
const imported = await import('./dist/index.esm.js');
const names = (module) => Object.keys(module).filter((name) => name !== '__esModule').sort();
console.log(JSON.stringify({
  required: names(required),
  imported: names(imported),
  same: required.matches({ done: true }, required.TodoFilter.Done) === imported.matches({ done: true }, imported.TodoFilter.Done),
  permission: imported.todoReadPermission.name,
}));
"#,
    )
    .unwrap();
    let output = run_node(&package, Path::new("check.mjs"), &[]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let seen: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(seen["required"], seen["imported"]);
    assert_eq!(
        seen["imported"],
        serde_json::json!(["TodoFilter", "matches", "todoReadPermission"])
    );
    assert_eq!(seen["same"], true);
    assert_eq!(seen["permission"], "todo.read");
}

#[test]
fn a_frontend_build_reports_broken_stylesheets_and_unsupported_imports_and_keeps_dist() {
    let workspace = copy_package(&fixture());
    build(&workspace.dir);
    let before = std::fs::read(workspace.dir.join("dist/index.esm.js")).unwrap();
    let css = workspace.dir.join("src/components/DemoCard.module.css");
    std::fs::write(&css, ".card {\n  color: red;\n}\n.title { color: ; }\n}\n").unwrap();
    let card = workspace.dir.join("src/components/DemoCard.tsx");
    let source = std::fs::read_to_string(&card).unwrap();
    std::fs::write(
        &card,
        source.replace(
            "import './global.css';",
            "import './global.css';\nimport entities from './entities.yaml';\nconsole.log(entities);",
        ),
    )
    .unwrap();
    std::fs::write(workspace.dir.join("src/components/entities.yaml"), "a: 1\n").unwrap();
    let output = plugbuild()
        .args(["build", "--color", "never"])
        .current_dir(&workspace.dir)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("src/components/DemoCard.tsx:4:22")
            && stderr.contains("import \"./entities.yaml\" is a .yaml file"),
        "{stderr}"
    );
    assert!(
        stderr.contains("cannot read this stylesheet")
            && stderr.contains("src/components/DemoCard.module.css:"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read(workspace.dir.join("dist/index.esm.js")).unwrap(),
        before,
        "a failed build leaves the last dist/ as it was"
    );
}

/// Each file under `dir` with its modification time.
fn stamps(dir: &Path) -> std::collections::BTreeMap<String, std::time::SystemTime> {
    let mut files = Vec::new();
    list_files(dir, dir, &mut files);
    files
        .into_iter()
        .map(|file| {
            let modified = std::fs::metadata(dir.join(&file))
                .unwrap()
                .modified()
                .unwrap();
            (file, modified)
        })
        .collect()
}

#[test]
fn a_watch_rebuild_of_a_frontend_plugin_writes_only_the_files_that_changed() {
    let workspace = copy_package(&fixture());
    let dir = workspace.dir.clone();
    let running =
        common::running::Running::start(&dir, &["build", "--watch", "--color", "never"], &[]);
    running.wait_for("watching", 1);
    let dist = dir.join("dist");
    let before = stamps(&dist);
    // Modification times must be able to differ.
    std::thread::sleep(Duration::from_millis(20));
    common::running::edit(
        &dir.join("src/components/LazyPanel.tsx"),
        "panel</section>",
        "panel, edited</section>",
    );
    running.wait_for("rebuilt", 1);
    let after = stamps(&dist);
    let rewritten: Vec<&String> = after
        .iter()
        .filter(|(file, modified)| before.get(*file) != Some(modified))
        .map(|(file, _)| file)
        .collect();
    assert_eq!(
        rewritten,
        [
            "components/LazyPanel.esm.js",
            "components/LazyPanel.esm.js.map"
        ],
        "{}",
        running.output()
    );
    assert!(
        std::fs::read_to_string(dist.join("components/LazyPanel.esm.js"))
            .unwrap()
            .contains("panel, edited")
    );

    // A module no longer imported goes, with its map.
    common::running::edit(
        &dir.join("src/components/DemoCard.tsx"),
        "import './global.css';",
        "",
    );
    running.wait_for("rebuilt", 2);
    assert!(
        !dist.join("components/global.css.esm.js").exists(),
        "{}",
        running.output()
    );
    assert!(!dist.join("components/global.css.esm.js.map").exists());
    assert!(dist.join("components/DemoCard.module.css.esm.js").exists());
    running.interrupt();
}
