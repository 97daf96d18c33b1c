//! Running the JavaScript tools some tests drive (package managers, task runners, local servers)
//! so that they write only inside the test's folders and stop with the test.

use std::path::Path;
use std::process::{Child, Command, Output};

use super::text;

/// Variables by which package managers and task runners detect a CI machine (the `ci-info` list's
/// common ones). On CI, Yarn refuses to write a lock file and pnpm to install without one, while
/// these tests install fresh projects as a developer does; so the tools never see them.
const CI_MARKERS: &[&str] = &[
    "CI",
    "CONTINUOUS_INTEGRATION",
    "BUILD_ID",
    "BUILD_NUMBER",
    "RUN_ID",
    "GITHUB_ACTIONS",
    "GITLAB_CI",
    "BUILDKITE",
    "CIRCLECI",
    "TRAVIS",
    "JENKINS_URL",
    "TEAMCITY_VERSION",
    "TF_BUILD",
    "CODEBUILD_BUILD_ID",
    "DRONE",
    "SEMAPHORE",
    "APPVEYOR",
    "BITBUCKET_COMMIT",
    "NOW_BUILDER",
    "VERCEL",
];

/// Points `HOME` and the XDG folders at `home`, so a tool's caches, state and configuration stay in
/// the test's folder, and drops variables that would change what node or the tools do.
pub fn isolate_home(command: &mut Command, home: &Path) {
    for marker in CI_MARKERS {
        command.env_remove(marker);
    }
    command
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_CACHE_HOME", home.join(".cache"))
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .env("XDG_STATE_HOME", home.join(".local/state"))
        .env("npm_config_cache", home.join("npm-cache"))
        .env("npm_config_update_notifier", "false")
        .env("YARN_ENABLE_IMMUTABLE_INSTALLS", "false")
        .env_remove("NODE_OPTIONS");
}

/// Runs `command` and fails the test, with what it printed, unless it succeeds.
pub fn succeed(command: &mut Command, what: &str) -> Output {
    let output = command.output().unwrap();
    assert!(
        output.status.success(),
        "{what} failed:\n{}{}",
        text(&output.stdout),
        text(&output.stderr)
    );
    output
}

/// A server started in its own process group (`CommandExt::process_group(0)`): the group is
/// stopped when the test drops it, however the test ends. Servers also stop by themselves
/// (`timeout`, or the end of their standard input) should the test process be killed.
pub struct ServerProcess(pub Child);

impl Drop for ServerProcess {
    fn drop(&mut self) {
        // SAFETY: signalling the process group this test started.
        unsafe { libc::kill(-(self.0.id() as i32), libc::SIGTERM) };
        self.0.wait().ok();
    }
}

/// Waits until something listens on the port of 127.0.0.1.
pub fn wait_for_port(port: u16) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            std::time::Instant::now() < deadline,
            "nothing listens on 127.0.0.1:{port}"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}
