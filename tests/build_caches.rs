//! plugbuild under the build caches teams use beyond one machine, with their real tools
//! (`tests/caches`): Turborepo with a self-hosted remote cache (turborepo-remote-cache) and Nx with
//! a server of its documented remote cache protocol (`tests/support/nx-cache-server.cjs`), both on
//! 127.0.0.1, on `tests/caches/monorepo` (three plugins, `plugbuild build` per package and
//! `plugbuild tsc` at the root, configured as the README shows). For each tool:
//! - a second clone at another path gets a remote hit for every task, and its `dist/` and
//!   `dist-types/` are byte-identical to the first clone's;
//! - editing one package's source misses only that package and the tasks that depend on it;
//! - changing one dependency's version in the lock file misses the package that uses it (and the
//!   root declarations), and their declarations change.

mod common;

use std::collections::BTreeMap;
use std::io::BufRead;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::running::free_port;
use common::tools::*;
use common::*;

fn cache_tools() -> PathBuf {
    let dir = repo_root().join("tests/caches/node_modules");
    assert!(
        dir.join("turbo").is_dir() && dir.join("nx").is_dir(),
        "turbo and nx are not installed: run scripts/test (it runs npm ci in tests/caches)"
    );
    dir
}

/// The fixture monorepo copied to `dir` as a clone would hold it, with its dependencies installed
/// by npm from the local tarballs (`lock`: the lock file of the first clone, else written now).
fn clone_fixture(dir: &Path, lock: Option<&Path>, env: &Environment) {
    copy_dir(&repo_root().join("tests/caches/monorepo"), dir);
    for version in ["1.0.0", "1.1.0"] {
        env.run(
            "npm",
            &["pack", "--silent", "--pack-destination", ".."],
            &dir.join(format!("vendor/units-{version}")),
        );
    }
    match lock {
        Some(lock) => {
            std::fs::copy(lock, dir.join("package-lock.json")).unwrap();
            env.run("npm", &["ci", "--offline", "--no-audit", "--no-fund"], dir);
        }
        None => {
            env.run(
                "npm",
                &["install", "--offline", "--no-audit", "--no-fund"],
                dir,
            );
        }
    }
    std::os::unix::fs::symlink(cache_tools().join("nx"), dir.join("node_modules/nx")).unwrap();
}

/// Commands with every folder they write to inside the test's own, and plugbuild on `PATH`.
struct Environment {
    home: PathBuf,
    vars: Vec<(String, String)>,
}

impl Environment {
    fn new(root: &Path) -> Environment {
        let home = root.join("home");
        std::fs::create_dir_all(&home).unwrap();
        Environment {
            home,
            vars: Vec::new(),
        }
    }

    fn command(&self, program: &str, args: &[&str], dir: &Path) -> Command {
        let plugbuild_dir = Path::new(env!("CARGO_BIN_EXE_plugbuild")).parent().unwrap();
        let path = format!(
            "{}:{}",
            plugbuild_dir.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let mut command = match program {
            "turbo" => Command::new(cache_tools().join(".bin/turbo")),
            "nx" => {
                let mut c = Command::new("node");
                c.arg(dir.join("node_modules/nx/dist/bin/nx.js"));
                c
            }
            other => Command::new(other),
        };
        isolate_home(&mut command, &self.home);
        command
            .args(args)
            .current_dir(dir)
            .env("PATH", path)
            .env("TURBO_TELEMETRY_DISABLED", "1")
            .env("DO_NOT_TRACK", "1")
            .env("NX_DAEMON", "false")
            .env("NX_NO_CLOUD", "true")
            .env("NX_TUI", "false");
        for (key, value) in &self.vars {
            command.env(key, value);
        }
        command
    }

    fn run(&self, program: &str, args: &[&str], dir: &Path) -> Output {
        let what = format!("{program} {args:?} in {}", dir.display());
        succeed(&mut self.command(program, args, dir), &what)
    }
}

/// Every file of the clone's outputs (`plugins/*/dist`, `dist-types` but plugbuild tsc's own
/// cache, which is not an output), by path.
fn outputs(clone: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else if !path.ends_with(".plugbuild-tsc-cache") {
                let relative = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.insert(relative, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut files = BTreeMap::new();
    for package in ["common", "alpha-backend", "beta-backend"] {
        walk(
            clone,
            &clone.join("plugins").join(package).join("dist"),
            &mut files,
        );
    }
    walk(clone, &clone.join("dist-types"), &mut files);
    assert!(files.len() > 10, "{:?}", files.keys());
    files
}

/// Removes what the tasks wrote, so a replay has to restore it.
fn remove_outputs(clone: &Path) {
    for package in ["common", "alpha-backend", "beta-backend"] {
        std::fs::remove_dir_all(clone.join("plugins").join(package).join("dist")).ok();
    }
    std::fs::remove_dir_all(clone.join("dist-types")).ok();
}

const TASKS: [&str; 4] = [
    "@acme/common#build",
    "@acme/alpha-backend#build",
    "@acme/beta-backend#build",
    "root#tsc",
];

/// The fixture's units dependency at another version: package.json and the lock file change.
fn upgrade_units(clone: &Path, env: &Environment) {
    let manifest = clone.join("plugins/beta-backend/package.json");
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(
        &manifest,
        text.replace("acme-units-1.0.0.tgz", "acme-units-1.1.0.tgz"),
    )
    .unwrap();
    env.run(
        "npm",
        &["install", "--offline", "--no-audit", "--no-fund"],
        clone,
    );
    std::os::unix::fs::symlink(cache_tools().join("nx"), clone.join("node_modules/nx")).ok();
}

fn edit_common(clone: &Path) {
    let source = clone.join("plugins/common/src/index.ts");
    let text = std::fs::read_to_string(&source).unwrap();
    std::fs::write(&source, text.replace("hello", "hi")).unwrap();
}

/// The same three checks for either tool; `run` runs every task in a clone and returns each
/// task's cache result ("miss", "local", "remote") by the names of `TASKS`.
fn check_tool(root: &Path, env: &Environment, run: &dyn Fn(&Path) -> BTreeMap<String, String>) {
    let first = root.join("first-clone");
    clone_fixture(&first, None, env);
    let results = run(&first);
    assert!(results.values().all(|r| r == "miss"), "{results:?}");
    let first_outputs = outputs(&first);
    // Nothing in them says where or on which system they were built.
    let first_path = first.to_string_lossy().into_owned();
    for (file, bytes) in &first_outputs {
        let text = String::from_utf8_lossy(bytes);
        assert!(!text.contains('\r'), "{file} has CR line endings");
        assert!(!text.contains(&first_path), "{file} names the clone's path");
        if file.ends_with(".map") {
            let map: serde_json::Value = serde_json::from_slice(bytes).unwrap();
            for source in map["sources"].as_array().unwrap() {
                let source = source.as_str().unwrap();
                assert!(
                    !source.contains('\\') && !source.starts_with('/'),
                    "{file}: {source}"
                );
            }
        }
    }

    let second = root.join("somewhere/else/second-clone");
    clone_fixture(&second, Some(&first.join("package-lock.json")), env);
    let results = run(&second);
    assert!(results.values().all(|r| r == "remote"), "{results:?}");
    assert!(
        outputs(&second) == first_outputs,
        "the second clone's outputs differ from the first's"
    );

    // From here on a hit may come from the clone's own cache: only hits and misses are compared.
    let hits = |results: BTreeMap<String, String>| -> BTreeMap<String, bool> {
        results
            .into_iter()
            .map(|(task, r)| (task, r != "miss"))
            .collect()
    };
    let expect = |hit: [bool; 4]| -> BTreeMap<String, bool> {
        TASKS.iter().map(|t| t.to_string()).zip(hit).collect()
    };
    edit_common(&second);
    remove_outputs(&second);
    assert_eq!(
        hits(run(&second)),
        expect([false, false, true, false]),
        "after editing @acme/common's source"
    );
    let edited = outputs(&second);
    assert!(String::from_utf8_lossy(&edited["plugins/common/dist/index.cjs.js"]).contains("hi "));

    let beta_declarations = "plugins/beta-backend/dist/index.d.ts";
    let tsc_declarations = "dist-types/plugins/beta-backend/src/index.d.ts";
    upgrade_units(&second, env);
    remove_outputs(&second);
    assert_eq!(
        hits(run(&second)),
        expect([true, true, false, false]),
        "after upgrading @acme/units in the lock file"
    );
    let upgraded = outputs(&second);
    for file in [beta_declarations, tsc_declarations] {
        assert_ne!(upgraded[file], edited[file], "{file} did not change");
        assert!(
            String::from_utf8_lossy(&upgraded[file]).contains("Seconds"),
            "{file}: {}",
            String::from_utf8_lossy(&upgraded[file])
        );
    }
}

#[test]
fn turborepo_replays_plugbuild_from_a_remote_cache_across_clones() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path();
    let port = free_port();
    let token = "turbo-test-token";
    let _server = ServerProcess(
        Command::new("timeout")
            .arg("600")
            .arg("node")
            .arg(cache_tools().join("turborepo-remote-cache/dist/cli.js"))
            // It listens on every interface unless HOST says otherwise.
            .env("HOST", "127.0.0.1")
            .env("PORT", port.to_string())
            .env("NODE_ENV", "production")
            .env("TURBO_TOKEN", token)
            .env("STORAGE_PROVIDER", "local")
            .env("STORAGE_PATH", root.join("remote-cache"))
            .env("LOG_LEVEL", "error")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .unwrap(),
    );
    wait_for_port(port);
    let mut env = Environment::new(root);
    env.vars = vec![
        ("TURBO_API".into(), format!("http://127.0.0.1:{port}")),
        ("TURBO_TOKEN".into(), token.into()),
        ("TURBO_TEAM".into(), "acme".into()),
    ];
    let run = |clone: &Path| -> BTreeMap<String, String> {
        let cache_dir = clone.with_extension("turbo-cache");
        let summaries = clone.join(".turbo/runs");
        std::fs::remove_dir_all(&summaries).ok();
        env.run(
            "turbo",
            &[
                "run",
                "build",
                "tsc",
                "--summarize",
                &format!("--cache-dir={}", cache_dir.display()),
            ],
            clone,
        );
        let summary = std::fs::read_dir(&summaries)
            .unwrap()
            .next()
            .unwrap()
            .unwrap();
        let summary: serde_json::Value =
            serde_json::from_slice(&std::fs::read(summary.path()).unwrap()).unwrap();
        summary["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|task| {
                let id = task["taskId"]
                    .as_str()
                    .unwrap()
                    .replace("//#tsc", "root#tsc");
                let cache = &task["cache"];
                let result = match (cache["status"].as_str(), cache["source"].as_str()) {
                    (Some("HIT"), Some("REMOTE")) => "remote",
                    (Some("HIT"), _) => "local",
                    _ => "miss",
                };
                (id, result.to_string())
            })
            .collect()
    };
    let tasks: Vec<String> = TASKS.iter().map(|t| t.to_string()).collect();
    check_tool(root, &env, &|clone| {
        let results = run(clone);
        assert_eq!(
            results.keys().cloned().collect::<Vec<_>>().len(),
            tasks.len(),
            "{results:?}"
        );
        results
    });
}

#[test]
fn nx_replays_plugbuild_from_a_self_hosted_remote_cache_across_clones() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path();
    let token = "nx-test-token";
    let mut child = Command::new("node")
        .arg(repo_root().join("tests/support/nx-cache-server.cjs"))
        .arg(root.join("remote-cache"))
        .arg(token)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .process_group(0)
        .spawn()
        .unwrap();
    let mut first_line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first_line)
        .unwrap();
    let port: u16 = first_line.trim().parse().unwrap();
    let _server = ServerProcess(child);
    let mut env = Environment::new(root);
    env.vars = vec![
        (
            "NX_SELF_HOSTED_REMOTE_CACHE_SERVER".into(),
            format!("http://127.0.0.1:{port}"),
        ),
        (
            "NX_SELF_HOSTED_REMOTE_CACHE_ACCESS_TOKEN".into(),
            token.into(),
        ),
    ];
    let run = |clone: &Path| -> BTreeMap<String, String> {
        let mut command = env.command(
            "nx",
            &["run-many", "-t", "build", "tsc", "--output-style=static"],
            clone,
        );
        command.env("NX_CACHE_DIRECTORY", clone.with_extension("nx-cache"));
        let output = command.output().unwrap();
        let stdout = text(&output.stdout);
        assert!(output.status.success(), "{stdout}{}", text(&output.stderr));
        // `> nx run @acme/common:build  [remote cache]`, one line per task.
        stdout
            .lines()
            .filter_map(|line| line.trim().strip_prefix("> nx run "))
            .map(|line| {
                let (task, result) = line.split_once(' ').unwrap_or((line, ""));
                let id = task
                    .replace("cache-fixture:tsc", "root#tsc")
                    .replacen(':', "#", 1);
                let result = match result.trim() {
                    "[remote cache]" => "remote",
                    "[local cache]" | "[existing outputs match the cache, left as is]" => "local",
                    _ => "miss",
                };
                (id, result.to_string())
            })
            .collect()
    };
    check_tool(root, &env, &|clone| {
        let results = run(clone);
        assert_eq!(results.len(), TASKS.len(), "{results:?}");
        results
    });
}
