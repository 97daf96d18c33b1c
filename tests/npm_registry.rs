//! plugbuild installed the way Backstage users install tools. The tarballs `scripts/npm-packages`
//! builds (`scripts/test` runs it) are published to a local registry (verdaccio from
//! `tests/registry`, on 127.0.0.1, with no uplinks) and installed into fresh projects by npm,
//! Yarn 4 (node-modules linker and Plug'n'Play) and pnpm. Each project runs `plugbuild --version`
//! and its `"build": "plugbuild build"` script, and node runs what it built. Only the package of
//! this machine's platform is installed. The platforms this machine cannot build are published as
//! stand-ins (a script that says so), because Yarn resolves every platform's package for its lock
//! file; none of them may be installed here.

mod common;

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::running::free_port;
use common::tools::*;
use common::*;

const VERSION: &str = env!("CARGO_PKG_VERSION");
const STAND_INS: [&str; 5] = [
    "@plugbuild/linux-arm64-gnu",
    "@plugbuild/linux-x64-musl",
    "@plugbuild/darwin-x64",
    "@plugbuild/darwin-arm64",
    "@plugbuild/win32-x64",
];

fn registry_modules() -> PathBuf {
    let dir = repo_root().join("tests/registry/node_modules");
    assert!(
        dir.join("verdaccio").is_dir(),
        "verdaccio is not installed: run scripts/test (it runs npm ci in tests/registry)"
    );
    dir
}

fn tarball(name: &str) -> PathBuf {
    let path = repo_root()
        .join("target/npm")
        .join(format!("{name}-{VERSION}.tgz"));
    assert!(
        path.is_file(),
        "{} is missing: run scripts/npm-packages (scripts/test runs it)",
        path.display()
    );
    path
}

/// A verdaccio on 127.0.0.1 with its storage in `dir`; stopped (with its process group) on drop,
/// and by `timeout` after ten minutes whatever happens to the test.
struct Registry {
    _server: ServerProcess,
    url: String,
}

impl Registry {
    fn start(dir: &Path) -> Registry {
        let port = free_port();
        let config = dir.join("config.yaml");
        std::fs::write(
            &config,
            format!(
                "storage: {storage}\nauth:\n  htpasswd:\n    file: {htpasswd}\n    max_users: 10\nuplinks: {{}}\npackages:\n  '**':\n    access: $all\n    publish: $authenticated\n    unpublish: $authenticated\nlog: {{ type: stdout, format: pretty, level: error }}\n",
                storage = dir.join("storage").display(),
                htpasswd = dir.join("htpasswd").display(),
            ),
        )
        .unwrap();
        let child = Command::new("timeout")
            .arg("600")
            .arg("node")
            .arg(registry_modules().join("verdaccio/bin/verdaccio"))
            .arg("--config")
            .arg(&config)
            .arg("--listen")
            .arg(format!("127.0.0.1:{port}"))
            .env_remove("NODE_OPTIONS")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .process_group(0)
            .spawn()
            .unwrap();
        let registry = Registry {
            _server: ServerProcess(child),
            url: format!("http://127.0.0.1:{port}/"),
        };
        wait_for_port(port);
        registry
    }

    /// Registers a user and returns its token (npm publishes only with one).
    fn token(&self) -> String {
        let script = format!(
            "fetch('{}-/user/org.couchdb.user:tester', {{ method: 'PUT', headers: {{ 'content-type': 'application/json' }}, body: JSON.stringify({{ name: 'tester', password: 'tester-password' }}) }}).then((r) => r.json()).then((j) => process.stdout.write(j.token))",
            self.url
        );
        let output = Command::new("node").args(["-e", &script]).output().unwrap();
        assert!(output.status.success(), "{}", text(&output.stderr));
        text(&output.stdout)
    }
}

/// Runs package-manager commands with every folder they write to inside the test's own.
struct Environment {
    home: PathBuf,
    npmrc: PathBuf,
}

impl Environment {
    fn command(&self, program: &str, args: &[&str], dir: &Path) -> Output {
        let what = format!("{program} {args:?} in {}", dir.display());
        succeed(&mut self.command_for(program, args, dir), &what)
    }

    fn command_for(&self, program: &str, args: &[&str], dir: &Path) -> Command {
        let mut command = match program {
            "npm" => Command::new("npm"),
            "yarn" => {
                let mut c = Command::new("node");
                c.arg(registry_modules().join("@yarnpkg/cli-dist/bin/yarn.js"));
                c
            }
            "pnpm" => {
                let mut c = Command::new("node");
                c.arg(registry_modules().join("pnpm/bin/pnpm.cjs"));
                c
            }
            other => Command::new(other),
        };
        isolate_home(&mut command, &self.home);
        command
            .args(args)
            .current_dir(dir)
            .env("npm_config_userconfig", &self.npmrc)
            .env("YARN_IGNORE_PATH", "1")
            .env("YARN_ENABLE_TELEMETRY", "0")
            .env_remove("PLUGBUILD_BINARY_PATH");
        command
    }
}

/// Stand-in tarballs for the platforms this machine cannot build, rendered as the real ones are.
fn stand_in_tarballs(dir: &Path) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir).unwrap();
    let script = dir.join("stand-in.sh");
    std::fs::write(
        &script,
        "#!/bin/sh\necho 'a stand-in for a platform this machine cannot build' >&2\nexit 1\n",
    )
    .unwrap();
    let stage = dir.join("stage");
    let mut render = Command::new("node");
    render
        .arg(repo_root().join("npm/render.cjs"))
        .arg(&stage)
        .arg(VERSION);
    for name in STAND_INS {
        render.arg(format!("{name}={}", script.display()));
    }
    let rendered = render.output().unwrap();
    assert!(rendered.status.success(), "{}", text(&rendered.stderr));
    STAND_INS
        .iter()
        .map(|name| {
            let folder = stage.join(name.split('/').nth(1).unwrap());
            let packed = Command::new("npm")
                .args(["pack", "--silent", "--pack-destination"])
                .arg(dir)
                .current_dir(&folder)
                .env("npm_config_cache", dir.join("npm-cache"))
                .output()
                .unwrap();
            assert!(packed.status.success(), "{}", text(&packed.stderr));
            dir.join(text(&packed.stdout).trim())
        })
        .collect()
}

/// A fresh Backstage-style monorepo: `plugins/demo` has plugbuild as a devDependency and
/// `"build": "plugbuild build"`; the root has it too, for `"tsc": "plugbuild tsc"`.
fn monorepo(dir: &Path) {
    let plugin = dir.join("plugins/demo");
    std::fs::create_dir_all(plugin.join("src")).unwrap();
    let write = |path: &Path, text: &str| std::fs::write(path, text).unwrap();
    write(
        &dir.join("package.json"),
        &format!(
            r#"{{ "name": "fresh-repo", "version": "1.0.0", "private": true, "workspaces": ["plugins/*"],
  "scripts": {{ "tsc": "plugbuild tsc" }}, "devDependencies": {{ "plugbuild": "{VERSION}" }} }}
"#
        ),
    );
    write(
        &dir.join("pnpm-workspace.yaml"),
        "packages:\n  - plugins/*\n",
    );
    write(
        &dir.join("tsconfig.json"),
        r#"{ "compilerOptions": { "target": "ES2022", "module": "commonjs", "strict": true, "esModuleInterop": true,
  "skipLibCheck": true, "types": [], "outDir": "dist-types", "rootDir": "." }, "include": ["plugins/*/src"] }
"#,
    );
    write(
        &plugin.join("package.json"),
        &format!(
            r#"{{ "name": "@acme/demo", "version": "1.0.0", "main": "src/index.ts", "backstage": {{ "role": "node-library" }},
  "scripts": {{ "build": "plugbuild build" }}, "devDependencies": {{ "plugbuild": "{VERSION}" }} }}
"#
        ),
    );
    write(
        &plugin.join("tsconfig.json"),
        r#"{ "extends": "../../tsconfig.json", "include": ["src"] }"#,
    );
    write(
        &plugin.join("src/index.ts"),
        "import { twice } from './twice';\nexport const answer: number = twice(21);\nconsole.log('answer', answer);\n",
    );
    write(
        &plugin.join("src/twice.ts"),
        "export function twice(n: number): number {\n  return n * 2;\n}\n",
    );
}

/// What the plugin's build wrote runs, and `plugbuild tsc` wrote the root's declarations.
fn assert_built_and_runs(repo: &Path) {
    let plugin = repo.join("plugins/demo");
    let ran = run_node(&plugin, Path::new("dist/index.cjs.js"), &[]);
    assert_eq!(text(&ran.stdout), "answer 42\n", "{}", text(&ran.stderr));
    assert!(plugin.join("dist/index.d.ts").is_file());
    let declarations = repo.join("dist-types/plugins/demo/src/index.d.ts");
    assert!(
        std::fs::read_to_string(&declarations)
            .unwrap_or_default()
            .contains("answer: number"),
        "{}",
        declarations.display()
    );
}

/// The lock file names every platform package, so an install on another platform finds its own.
fn assert_lock_lists_every_platform(lock: &Path) {
    let text = std::fs::read_to_string(lock).unwrap();
    for name in STAND_INS.iter().chain(["@plugbuild/linux-x64-gnu"].iter()) {
        assert!(text.contains(name), "{name} is not in {}", lock.display());
    }
}

/// The platform packages installed under `folder` (a `node_modules/@plugbuild`, pnpm's store
/// links or Yarn's unplugged folder), by the names their folders start with.
fn installed_platforms(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|name| {
                    ["linux-", "darwin-", "win32-"]
                        .iter()
                        .any(|p| name.contains(p))
                })
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// The processes of a process group still alive.
fn processes_in_group(group: u32) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // pid (comm) state ppid pgrp ...: the fields after the command's closing parenthesis.
        let Some((_, rest)) = stat.rsplit_once(") ") else {
            continue;
        };
        let fields: Vec<&str> = rest.split_whitespace().collect();
        if fields.get(2) == Some(&group.to_string().as_str()) && fields[0] != "Z" {
            found.push(stat.split(' ').take(2).collect::<Vec<_>>().join(" "));
        }
    }
    found
}

/// Ctrl-C on `yarn build --watch` (SIGINT to the terminal's process group) stops yarn, the
/// launcher and plugbuild: nothing of the group is left.
fn assert_watch_stops_on_ctrl_c(env: &Environment, plugin: &Path) {
    std::fs::remove_dir_all(plugin.join("dist")).ok();
    let mut command = env.command_for("yarn", &["build", "--watch"], plugin);
    command
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .process_group(0);
    let mut child = command.spawn().unwrap();
    let group = child.id();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !plugin.join("dist/index.cjs.js").is_file() {
        assert!(
            std::time::Instant::now() < deadline,
            "the watch never built"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    // SAFETY: signalling the process group this test started.
    unsafe { libc::kill(-(group as i32), libc::SIGINT) };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        if let Some(_status) = child.try_wait().unwrap() {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "yarn did not stop");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !processes_in_group(group).is_empty() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let left = processes_in_group(group);
    // SAFETY: cleaning up whatever the assertion below reports.
    unsafe { libc::kill(-(group as i32), libc::SIGKILL) };
    assert!(left.is_empty(), "left running after Ctrl-C: {left:?}");
}

/// `check-release.cjs` passes a complete set of tarballs and names the one a release lacks.
fn assert_release_check(tarballs: &[PathBuf], dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    for tarball in tarballs {
        std::fs::copy(tarball, dir.join(tarball.file_name().unwrap())).unwrap();
    }
    let check = || {
        Command::new("node")
            .arg(repo_root().join("npm/check-release.cjs"))
            .arg(dir)
            .arg(VERSION)
            .output()
            .unwrap()
    };
    let complete = check();
    assert!(complete.status.success(), "{}", text(&complete.stderr));
    std::fs::remove_file(dir.join(format!("plugbuild-darwin-arm64-{VERSION}.tgz"))).unwrap();
    let incomplete = check();
    assert_eq!(incomplete.status.code(), Some(1));
    assert!(
        text(&incomplete.stderr).contains(&format!("@plugbuild/darwin-arm64@{VERSION} is missing")),
        "{}",
        text(&incomplete.stderr)
    );
}

#[test]
fn npm_yarn_and_pnpm_install_plugbuild_from_a_registry_and_run_it() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path();
    let registry_dir = root.join("registry");
    std::fs::create_dir_all(&registry_dir).unwrap();
    let registry = Registry::start(&registry_dir);
    let home = root.join("home");
    std::fs::create_dir_all(&home).unwrap();
    let npmrc = root.join("npmrc");
    let host = registry.url.trim_start_matches("http:");
    std::fs::write(
        &npmrc,
        format!(
            "registry={}\n{host}:_authToken={}\n",
            registry.url,
            registry.token()
        ),
    )
    .unwrap();
    let env = Environment { home, npmrc };

    // Every platform package before the main one, as the release workflow publishes them, once
    // the release check has found the set complete.
    let mut tarballs = vec![tarball("plugbuild-linux-x64-gnu")];
    tarballs.extend(stand_in_tarballs(&root.join("stand-ins")));
    tarballs.push(tarball("plugbuild"));
    assert_release_check(&tarballs, &root.join("release"));
    for tarball in &tarballs {
        env.command("npm", &["publish", &tarball.to_string_lossy()], root);
    }
    let expected_version = format!("plugbuild {VERSION}");

    // npm
    let repo = root.join("with-npm");
    monorepo(&repo);
    env.command("npm", &["install"], &repo);
    let version = env.command("npx", &["plugbuild", "--version"], &repo);
    assert_eq!(text(&version.stdout).trim(), expected_version);
    env.command("npm", &["run", "build"], &repo.join("plugins/demo"));
    env.command("npm", &["run", "tsc"], &repo);
    assert_built_and_runs(&repo);
    assert_eq!(
        installed_platforms(&repo.join("node_modules/@plugbuild")),
        ["linux-x64-gnu"]
    );
    assert_lock_lists_every_platform(&repo.join("package-lock.json"));

    // npm without optional dependencies: the launcher says what is missing and what to do.
    let repo = root.join("with-npm-omit-optional");
    monorepo(&repo);
    env.command("npm", &["install", "--omit=optional"], &repo);
    let failed = env
        .command_for("npm", &["run", "build"], &repo.join("plugins/demo"))
        .output()
        .unwrap();
    assert!(!failed.status.success());
    let stderr = text(&failed.stderr);
    assert!(
        stderr.contains("@plugbuild/linux-x64-gnu") && stderr.contains("--omit=optional"),
        "{stderr}"
    );
    assert!(!stderr.contains("    at "), "a stack trace:\n{stderr}");

    // Yarn 4, node-modules linker and Plug'n'Play.
    for linker in ["node-modules", "pnp"] {
        let repo = root.join(format!("with-yarn-{linker}"));
        monorepo(&repo);
        std::fs::write(repo.join("yarn.lock"), "").unwrap();
        std::fs::write(
            repo.join(".yarnrc.yml"),
            format!(
                "npmRegistryServer: \"{}\"\nunsafeHttpWhitelist: [\"127.0.0.1\"]\nnodeLinker: {linker}\nenableGlobalCache: false\nenableTelemetry: false\nnpmMinimalAgeGate: 0\n",
                registry.url.trim_end_matches('/')
            ),
        )
        .unwrap();
        env.command("yarn", &["install"], &repo);
        let version = env.command("yarn", &["plugbuild", "--version"], &repo);
        assert_eq!(text(&version.stdout).trim(), expected_version);
        env.command("yarn", &["build"], &repo.join("plugins/demo"));
        env.command("yarn", &["tsc"], &repo);
        assert_built_and_runs(&repo);
        let platforms = match linker {
            "pnp" => installed_platforms(&repo.join(".yarn/unplugged")),
            _ => installed_platforms(&repo.join("node_modules/@plugbuild")),
        };
        assert_eq!(platforms.len(), 1, "{linker}: {platforms:?}");
        assert!(platforms[0].contains("linux-x64-gnu"), "{platforms:?}");
        assert_lock_lists_every_platform(&repo.join("yarn.lock"));
        if linker == "node-modules" {
            assert_watch_stops_on_ctrl_c(&env, &repo.join("plugins/demo"));
        }
    }

    // pnpm
    let repo = root.join("with-pnpm");
    monorepo(&repo);
    let store = root.join("pnpm-store");
    let store_flag = format!("--store-dir={}", store.display());
    env.command(
        "pnpm",
        &[
            "install",
            &store_flag,
            "--config.minimum-release-age=0",
            "--no-frozen-lockfile",
        ],
        &repo,
    );
    let version = env.command("pnpm", &["exec", "plugbuild", "--version"], &repo);
    assert_eq!(text(&version.stdout).trim(), expected_version);
    env.command("pnpm", &["run", "build"], &repo.join("plugins/demo"));
    env.command("pnpm", &["run", "tsc"], &repo);
    assert_built_and_runs(&repo);
    let platforms = installed_platforms(&repo.join("node_modules/.pnpm"));
    assert_eq!(platforms.len(), 1, "{platforms:?}");
    assert!(platforms[0].contains("linux-x64-gnu"), "{platforms:?}");
    assert_lock_lists_every_platform(&repo.join("pnpm-lock.yaml"));
}

/// The published Linux binary runs on distributions older than this machine's: it needs no
/// glibc symbol newer than 2.17 (CentOS 7, Amazon Linux 2, Debian 9).
#[test]
fn the_published_linux_binary_needs_glibc_2_17_at_most() {
    let temp = tempfile::tempdir().unwrap();
    let file = std::fs::File::open(tarball("plugbuild-linux-x64-gnu")).unwrap();
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(file));
    archive.unpack(temp.path()).unwrap();
    let binary = temp.path().join("package/bin/plugbuild");
    let output = Command::new("objdump")
        .arg("-T")
        .arg(&binary)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", text(&output.stderr));
    let symbols = text(&output.stdout);
    let mut newest = (0u32, 0u32);
    for version in symbols.split("GLIBC_").skip(1) {
        let digits: String = version
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        let mut parts = digits.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
        let version = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
        newest = newest.max(version);
    }
    assert!(
        newest > (2, 0),
        "no glibc symbol versions found:\n{symbols}"
    );
    assert!(newest <= (2, 17), "needs glibc {}.{}", newest.0, newest.1);
    let version = Command::new(&binary).arg("--version").output().unwrap();
    assert_eq!(text(&version.stdout).trim(), format!("plugbuild {VERSION}"));
}
