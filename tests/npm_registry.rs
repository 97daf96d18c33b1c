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
        let what = format!("{program} {args:?} in {}", dir.display());
        succeed(&mut command, &what)
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

/// A fresh project whose build script is plugbuild, with a two-module package to build.
fn project(dir: &Path) {
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("package.json"),
        r#"{ "name": "fresh-project", "version": "1.0.0", "private": true,
  "scripts": { "build": "plugbuild build" } }
"#,
    )
    .unwrap();
    std::fs::write(dir.join("tsconfig.json"), DEFAULT_TSCONFIG).unwrap();
    std::fs::write(
        dir.join("src/index.ts"),
        "import { twice } from './twice';\nexport const answer: number = twice(21);\nconsole.log('answer', answer);\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("src/twice.ts"),
        "export function twice(n: number): number {\n  return n * 2;\n}\n",
    )
    .unwrap();
}

/// What a project's build wrote runs.
fn assert_built_and_runs(dir: &Path) {
    let ran = run_node(dir, Path::new("dist/index.cjs.js"), &[]);
    assert_eq!(text(&ran.stdout), "answer 42\n", "{}", text(&ran.stderr));
    assert!(dir.join("dist/index.d.ts").is_file());
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

    // Every platform package before the main one, as the release workflow publishes them.
    let mut tarballs = vec![tarball("plugbuild-linux-x64-gnu")];
    tarballs.extend(stand_in_tarballs(&root.join("stand-ins")));
    tarballs.push(tarball("plugbuild"));
    for tarball in &tarballs {
        env.command("npm", &["publish", &tarball.to_string_lossy()], root);
    }
    let expected_version = format!("plugbuild {VERSION}");

    // npm
    let dir = root.join("with-npm");
    project(&dir);
    env.command("npm", &["install", "--save-dev", "plugbuild"], &dir);
    let version = env.command("npm", &["exec", "--", "plugbuild", "--version"], &dir);
    assert_eq!(text(&version.stdout).trim(), expected_version);
    env.command("npm", &["run", "build"], &dir);
    assert_built_and_runs(&dir);
    assert_eq!(
        installed_platforms(&dir.join("node_modules/@plugbuild")),
        ["linux-x64-gnu"]
    );

    // Yarn 4, node-modules linker and Plug'n'Play.
    for linker in ["node-modules", "pnp"] {
        let dir = root.join(format!("with-yarn-{linker}"));
        project(&dir);
        std::fs::write(dir.join("yarn.lock"), "").unwrap();
        std::fs::write(
            dir.join(".yarnrc.yml"),
            format!(
                "npmRegistryServer: \"{}\"\nunsafeHttpWhitelist: [\"127.0.0.1\"]\nnodeLinker: {linker}\nenableGlobalCache: false\nenableTelemetry: false\nnpmMinimalAgeGate: 0\n",
                registry.url.trim_end_matches('/')
            ),
        )
        .unwrap();
        env.command("yarn", &["add", "-D", "plugbuild"], &dir);
        let version = env.command("yarn", &["plugbuild", "--version"], &dir);
        assert_eq!(text(&version.stdout).trim(), expected_version);
        env.command("yarn", &["build"], &dir);
        assert_built_and_runs(&dir);
        let platforms = match linker {
            "pnp" => installed_platforms(&dir.join(".yarn/unplugged")),
            _ => installed_platforms(&dir.join("node_modules/@plugbuild")),
        };
        assert_eq!(platforms.len(), 1, "{linker}: {platforms:?}");
        assert!(platforms[0].contains("linux-x64-gnu"), "{platforms:?}");
        // Yarn's lock file names every platform's package, so installs elsewhere find theirs.
        let lock = std::fs::read_to_string(dir.join("yarn.lock")).unwrap();
        for name in STAND_INS {
            assert!(lock.contains(name), "{name} is not in yarn.lock");
        }
    }

    // pnpm
    let dir = root.join("with-pnpm");
    project(&dir);
    let store = root.join("pnpm-store");
    env.command(
        "pnpm",
        &[
            "add",
            "-D",
            "plugbuild",
            "--store-dir",
            &store.to_string_lossy(),
            "--config.minimum-release-age=0",
        ],
        &dir,
    );
    let version = env.command("pnpm", &["exec", "plugbuild", "--version"], &dir);
    assert_eq!(text(&version.stdout).trim(), expected_version);
    env.command("pnpm", &["run", "build"], &dir);
    assert_built_and_runs(&dir);
    let platforms = installed_platforms(&dir.join("node_modules/.pnpm"));
    assert_eq!(platforms.len(), 1, "{platforms:?}");
    assert!(platforms[0].contains("linux-x64-gnu"), "{platforms:?}");
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
