//! Inputs built to break the build: line endings, byte order marks, deep nesting, huge files,
//! concurrent builds. plugbuild must keep working and never lose or mix output.

mod common;

use std::path::Path;

use common::*;

#[test]
fn crlf_and_bom_sources_still_map_to_the_right_lines() {
    let workspace = copy_package(&repo_root().join("tests/robustness/crlf-source-maps"));
    let dir = &workspace.dir;
    let build = run_plugbuild_build(dir);
    assert!(build.status.success(), "{}", text(&build.stderr));
    let output = run_node(
        dir,
        Path::new("dist/index.cjs.js"),
        &["--enable-source-maps"],
    );
    assert_eq!(
        text(&output.stdout),
        "mapped to thrower.ts:6\n",
        "{}",
        text(&output.stderr)
    );
}

fn write_package(dir: &Path, source: &str) {
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("package.json"),
        "{\"name\":\"generated\",\"version\":\"1.0.0\"}\n",
    )
    .unwrap();
    std::fs::write(dir.join("tsconfig.json"), DEFAULT_TSCONFIG).unwrap();
    std::fs::write(dir.join("src/index.ts"), source).unwrap();
}

#[test]
fn an_expression_nested_ten_thousand_deep_builds_without_crashing() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("deep");
    let depth = 10_000;
    let source = format!(
        "export const nested = {}1{};\nexport const depth: number = {depth};\n",
        "(".repeat(depth),
        ")".repeat(depth)
    );
    write_package(&dir, &source);
    let build = run_plugbuild_build(&dir);
    assert!(build.status.success(), "{}", text(&build.stderr));
    assert!(dir.join("dist/index.d.ts").is_file());
}

#[test]
fn a_five_megabyte_generated_module_builds_and_runs() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("large");
    let mut source = String::with_capacity(5_200_000);
    let mut index = 0;
    while source.len() < 5_000_000 {
        source.push_str(&format!(
            "export const value{index}: number = {index} * 2;\n"
        ));
        index += 1;
    }
    source.push_str(&format!("console.log('last', value{});\n", index - 1));
    write_package(&dir, &source);
    let build = run_plugbuild_build(&dir);
    assert!(build.status.success(), "{}", text(&build.stderr));
    let output = run_node(&dir, Path::new("dist/index.cjs.js"), &[]);
    assert_eq!(text(&output.stdout), format!("last {}\n", (index - 1) * 2));
}

#[test]
fn concurrent_builds_of_one_package_never_mix_dist() {
    let workspace = copy_package(&repo_root().join("examples/hello-backend"));
    let dir = workspace.dir.clone();
    for _ in 0..4 {
        let first = plugbuild()
            .args(["build", "--quiet"])
            .current_dir(&dir)
            .spawn()
            .unwrap();
        let second = plugbuild()
            .args(["build", "--quiet"])
            .current_dir(&dir)
            .spawn()
            .unwrap();
        for child in [first, second] {
            let output = child.wait_with_output().unwrap();
            assert!(output.status.success(), "{}", text(&output.stderr));
        }
        let mut files: Vec<String> = std::fs::read_dir(dir.join("dist"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        files.sort();
        assert_eq!(files, ["index.cjs.js", "index.cjs.js.map", "index.d.ts"]);
        let leftovers = plugbuild_leftovers(&dir);
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
}

/// dist/ after an interrupted build: either the previous build's files or the new build's, complete.
fn assert_complete_dist(dir: &Path, versions: &[&str]) {
    let bundle = std::fs::read_to_string(dir.join("dist/index.cjs.js"))
        .expect("dist/index.cjs.js is missing");
    assert!(
        bundle.ends_with("//# sourceMappingURL=index.cjs.js.map\n"),
        "a half-written bundle"
    );
    let map = std::fs::read(dir.join("dist/index.cjs.js.map")).expect("the map is missing");
    sourcemap::SourceMap::from_slice(&map).expect("a half-written map");
    let declarations =
        std::fs::read_to_string(dir.join("dist/index.d.ts")).expect("index.d.ts is missing");
    let version = versions
        .iter()
        .find(|v| bundle.contains(*v))
        .expect("a bundle of neither version");
    assert!(
        declarations.contains(*version) || !declarations.contains("version"),
        "bundle and declarations of different builds"
    );
}

/// Starts plugbuild with `args` in `dir`, and after `delay_ms` sends it SIGTERM (every third round)
/// or SIGINT, then waits for it to end.
fn interrupt_after(dir: &Path, args: &[&str], delay_ms: u64, round: usize) {
    let child = plugbuild().args(args).current_dir(dir).spawn().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(delay_ms));
    let signal = if round % 3 == 0 {
        libc::SIGTERM
    } else {
        libc::SIGINT
    };
    // SAFETY: interrupts the plugbuild this test started.
    unsafe {
        libc::kill(child.id() as i32, signal);
    }
    let _ = child.wait_with_output();
}

#[test]
fn interrupting_a_build_at_any_moment_leaves_a_complete_dist() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("interrupted");
    let body: String = (0..20_000)
        .map(|i| format!("export const value{i}: number = {i};\n"))
        .collect();
    write_package(
        &dir,
        &format!("export const version = 'version-one';\n{body}"),
    );
    assert!(run_plugbuild_build(&dir).status.success());
    let source = dir.join("src/index.ts");
    let mut delay = 5;
    for round in 0..12 {
        let next = if round % 2 == 0 {
            "version-two"
        } else {
            "version-one"
        };
        let text = std::fs::read_to_string(&source).unwrap();
        let text = text
            .replace("version-one", next)
            .replace("version-two", next);
        std::fs::write(&source, text).unwrap();
        interrupt_after(&dir, &["build", "--quiet"], delay, round);
        assert_complete_dist(&dir, &["version-one", "version-two"]);
        delay = (delay * 3 / 2).min(2_000);
    }
    assert!(run_plugbuild_build(&dir).status.success());
    let leftovers = plugbuild_leftovers(&dir);
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// Every file under `dir` (relative path -> bytes).
fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut found = std::collections::BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let relative = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                found.insert(relative, std::fs::read(&path).unwrap());
            }
        }
    }
    found
}

#[test]
fn interrupting_plugbuild_tsc_leaves_only_complete_declarations() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("project");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("tsconfig.json"),
        r#"{ "compilerOptions": { "declaration": true, "outDir": "dist-types", "rootDir": "." }, "include": ["src"] }"#,
    )
    .unwrap();
    let write_sources = |version: &str| {
        for index in 0..400 {
            let body: String = (0..40)
                .map(|i| format!("export const value{i}: number = {i};\n"))
                .collect();
            std::fs::write(
                dir.join(format!("src/m{index}.ts")),
                format!("export const version = '{version}' as const;\n{body}"),
            )
            .unwrap();
        }
    };
    let run_tsc = || {
        let ran = plugbuild()
            .args(["tsc", "--quiet"])
            .current_dir(&dir)
            .output()
            .unwrap();
        assert!(ran.status.success(), "{}", text(&ran.stderr));
    };
    let full_run = |version: &str| {
        write_sources(version);
        run_tsc();
        let mut declarations = tree(&dir.join("dist-types"));
        declarations.retain(|name, _| name.ends_with(".d.ts"));
        declarations
    };
    let two = full_run("version-two");
    let one = full_run("version-one");

    let mut delay = 3;
    for round in 0..10 {
        write_sources(if round % 2 == 0 {
            "version-two"
        } else {
            "version-one"
        });
        interrupt_after(&dir, &["tsc", "--quiet"], delay, round);
        for (name, bytes) in tree(&dir.join("dist-types")) {
            // The cache, and the staging folder of the killed run (the next run removes it).
            if name.ends_with(".plugbuild-tsc-cache") || name.starts_with(".plugbuild-staging-") {
                continue;
            }
            assert!(
                one.get(&name) == Some(&bytes) || two.get(&name) == Some(&bytes),
                "round {round}: {name} is neither build's declaration (half-written or stray)"
            );
        }
        delay = (delay * 3 / 2).min(1_000);
    }
    // A run after the interruptions recovers to exactly one build's declarations.
    run_tsc();
    let mut last = tree(&dir.join("dist-types"));
    last.retain(|name, _| !name.ends_with(".plugbuild-tsc-cache"));
    assert!(
        last == one || last == two,
        "the recovered dist-types/ mixes builds or keeps strays"
    );
}
