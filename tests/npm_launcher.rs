//! The npm packages' launcher (`npm/plugbuild/bin/plugbuild.js`), run by real node from a
//! `node_modules` laid out as a package manager lays out plugbuild and its platform package
//! (rendered by `npm/render.cjs`, as `scripts/npm-packages` renders them, around this build's
//! binary): it finds the binary, passes arguments, exit codes and signals, honours
//! `PLUGBUILD_BINARY_PATH`, and says what to do when the platform package is missing.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::*;

const PLATFORM_PACKAGE: &str = "@plugbuild/linux-x64-gnu";

/// A project whose `node_modules` holds plugbuild and (when `with_binary`) its platform package.
fn installed_project(root: &Path, with_binary: bool) -> PathBuf {
    let stage = root.join("stage");
    let mut render = Command::new("node");
    render
        .arg(repo_root().join("npm/render.cjs"))
        .arg(&stage)
        .arg("1.2.3");
    if with_binary {
        render.arg(format!(
            "{PLATFORM_PACKAGE}={}",
            env!("CARGO_BIN_EXE_plugbuild")
        ));
    }
    let rendered = render.output().unwrap();
    assert!(rendered.status.success(), "{}", text(&rendered.stderr));
    let project = root.join("project");
    let modules = project.join("node_modules");
    std::fs::create_dir_all(modules.join("@plugbuild")).unwrap();
    copy_dir(&stage.join("plugbuild"), &modules.join("plugbuild"));
    if with_binary {
        copy_dir(
            &stage.join("linux-x64-gnu"),
            &modules.join(PLATFORM_PACKAGE),
        );
    }
    project
}

fn launch(project: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new("node");
    command
        .arg(project.join("node_modules/plugbuild/bin/plugbuild.js"))
        .args(args)
        .current_dir(project)
        .env_remove("PLUGBUILD_BINARY_PATH");
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().unwrap()
}

#[test]
fn the_rendered_packages_declare_versions_platforms_and_no_install_scripts() {
    let temp = tempfile::tempdir().unwrap();
    installed_project(temp.path(), true);
    let read = |path: &str| -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(temp.path().join("stage").join(path)).unwrap())
            .unwrap()
    };
    let main = read("plugbuild/package.json");
    assert_eq!(main["version"], "1.2.3");
    assert_eq!(main["bin"]["plugbuild"], "bin/plugbuild.js");
    let optional = main["optionalDependencies"].as_object().unwrap();
    assert_eq!(optional.len(), 6, "{optional:?}");
    assert!(optional.values().all(|v| v == "1.2.3"), "{optional:?}");
    let platform = read("linux-x64-gnu/package.json");
    assert_eq!(platform["os"], serde_json::json!(["linux"]));
    assert_eq!(platform["cpu"], serde_json::json!(["x64"]));
    assert_eq!(platform["libc"], serde_json::json!(["glibc"]));
    assert_eq!(platform["preferUnplugged"], true);
    for manifest in [&main, &platform] {
        assert!(manifest.get("scripts").is_none(), "{manifest}");
    }
}

#[test]
fn the_launcher_runs_the_platform_binary_and_passes_its_exit_code() {
    let temp = tempfile::tempdir().unwrap();
    let project = installed_project(temp.path(), true);
    let version = launch(&project, &["--version"], &[]);
    assert!(version.status.success(), "{}", text(&version.stderr));
    assert_eq!(
        text(&version.stdout).trim(),
        format!("plugbuild {}", env!("CARGO_PKG_VERSION"))
    );
    // A failing build: the binary's own diagnostic and exit code come through unchanged.
    let missing = launch(&project, &["build", "no-such-folder"], &[]);
    let direct = Command::new(env!("CARGO_BIN_EXE_plugbuild"))
        .args(["build", "no-such-folder"])
        .current_dir(&project)
        .output()
        .unwrap();
    assert_ne!(direct.status.code(), Some(0));
    assert_eq!(missing.status.code(), direct.status.code());
    assert_eq!(text(&missing.stderr), text(&direct.stderr));
}

#[test]
fn the_launcher_passes_a_signal_on_and_dies_of_it() {
    use std::os::unix::process::ExitStatusExt;
    let temp = tempfile::tempdir().unwrap();
    let project = installed_project(temp.path(), true);
    // `PLUGBUILD_BINARY_PATH` points at a script that waits; the launcher gets SIGTERM.
    let waiter = temp.path().join("waiter.sh");
    let pid_file = temp.path().join("waiter.pid");
    std::fs::write(
        &waiter,
        format!(
            "#!/bin/sh\necho $$ > {}\necho started\nexec sleep 30\n",
            pid_file.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&waiter, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let mut child = Command::new("node")
        .arg(project.join("node_modules/plugbuild/bin/plugbuild.js"))
        .env("PLUGBUILD_BINARY_PATH", &waiter)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 8];
    std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
    assert_eq!(&first, b"started\n");
    // SAFETY: sending a signal to our own child process.
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let status = child.wait().unwrap();
    assert_eq!(status.signal(), Some(libc::SIGTERM), "{status:?}");
    // The binary got the signal too: it does not outlive the launcher.
    let pid = std::fs::read_to_string(&pid_file).unwrap();
    let proc_dir = Path::new("/proc").join(pid.trim());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while proc_dir.exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(!proc_dir.exists(), "the binary outlived its launcher");
}

#[test]
fn without_its_platform_package_the_launcher_says_why_and_what_to_do() {
    let temp = tempfile::tempdir().unwrap();
    let project = installed_project(temp.path(), false);
    let output = launch(&project, &["--version"], &[]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    for expected in [
        "@plugbuild/linux-x64-gnu",
        "--omit=optional",
        "lock file was written on another platform",
        "copied from another operating system",
    ] {
        assert!(stderr.contains(expected), "{expected}:\n{stderr}");
    }
    // PLUGBUILD_BINARY_PATH runs a binary without any platform package.
    let with_path = launch(
        &project,
        &["--version"],
        &[("PLUGBUILD_BINARY_PATH", env!("CARGO_BIN_EXE_plugbuild"))],
    );
    assert!(with_path.status.success(), "{}", text(&with_path.stderr));
    let wrong_path = launch(
        &project,
        &["--version"],
        &[("PLUGBUILD_BINARY_PATH", "/nonexistent/plugbuild")],
    );
    assert_eq!(wrong_path.status.code(), Some(1));
    assert!(text(&wrong_path.stderr).contains("/nonexistent/plugbuild"));
}

/// The release workflow builds and packs every platform of `npm/platforms.json` (but the one
/// `scripts/npm-packages` builds itself) with the same target and binary name.
#[test]
fn the_release_workflow_builds_every_platform_the_packages_list() {
    let workflow =
        std::fs::read_to_string(repo_root().join(".github/workflows/release.yml")).unwrap();
    let script = std::fs::read_to_string(repo_root().join("scripts/npm-packages")).unwrap();
    let platforms: Vec<serde_json::Value> =
        serde_json::from_slice(&std::fs::read(repo_root().join("npm/platforms.json")).unwrap())
            .unwrap();
    assert_eq!(platforms.len(), 6);
    for platform in &platforms {
        let package = platform["package"].as_str().unwrap();
        let short = package.trim_start_matches("@plugbuild/");
        let target = platform["target"].as_str().unwrap();
        let binary = platform["binary"].as_str().unwrap();
        if short == "linux-x64-gnu" {
            assert!(script.contains(&format!("{package}=$binary")), "{package}");
            continue;
        }
        for expected in [
            format!("package: {short}, "),
            format!("target: {target}, "),
            format!("binary: {binary} }}"),
            format!("{package}=artifacts/{short}/{binary}"),
        ] {
            assert!(workflow.contains(&expected), "release.yml lacks {expected}");
        }
    }
}
