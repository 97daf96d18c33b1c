//! Watch mode and `plugbuild start`, driven by real edits on a copy of a package.

mod common;

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::running::*;
use common::*;

#[test]
fn build_watch_follows_edits_new_files_errors_renames_and_bursts() {
    let workspace = copy_package(&repo_root().join("tests/fixtures/live-bindings"));
    let dir = workspace.dir.clone();
    let running = Running::start(&dir, &["build", "--watch", "--color", "never"], &[]);
    running.wait_for("watching", 1);
    let bundle = dir.join("dist/index.cjs.js");
    assert!(std::fs::read_to_string(&bundle)
        .unwrap()
        .contains("state.last"));

    // An edit.
    edit(&dir.join("src/counter.ts"), "inc to", "incremented to");
    running.wait_for("rebuilt", 1);
    assert!(
        running.output().contains("3 modules, 1 recompiled"),
        "only the edited module is recompiled:\n{}",
        running.output()
    );
    assert!(std::fs::read_to_string(&bundle)
        .unwrap()
        .contains("incremented to"));

    // A new file, imported by an edit.
    std::fs::write(
        dir.join("src/extra.ts"),
        "export const extra = 'extra module';\n",
    )
    .unwrap();
    edit(&dir.join("src/index.ts"), "import { count as again } from './reexport';", "import { count as again } from './reexport';\nimport { extra } from './extra';\nconsole.log(extra);");
    wait_until_written(&bundle, "extra module", &running);
    // The new file and the edit may have been two changes (on a loaded machine more than 30 ms
    // apart): let a second rebuild finish before counting rebuilds again.
    std::thread::sleep(Duration::from_millis(300));

    // A syntax error keeps the last good dist/ and is reported; fixing it recovers.
    let good = std::fs::read(&bundle).unwrap();
    let rebuilt = running.count("rebuilt");
    edit(
        &dir.join("src/extra.ts"),
        "export const extra = 'extra module';",
        "export const extra = ;",
    );
    running.wait_for("dist/ keeps the last good build", 1);
    assert!(
        running.output().contains("src/extra.ts:1:"),
        "{}",
        running.output()
    );
    assert_eq!(std::fs::read(&bundle).unwrap(), good);
    edit(
        &dir.join("src/extra.ts"),
        "export const extra = ;",
        "export const extra = 'fixed module';",
    );
    running.wait_for("rebuilt", rebuilt + 1);
    wait_until_written(&bundle, "fixed module", &running);

    // An editor's atomic save: write aside, rename over the file.
    let rebuilt = running.count("rebuilt");
    std::fs::write(
        dir.join("src/.extra.ts.swp"),
        "export const extra = 'renamed into place';\n",
    )
    .unwrap();
    std::fs::rename(dir.join("src/.extra.ts.swp"), dir.join("src/extra.ts")).unwrap();
    running.wait_for("rebuilt", rebuilt + 1);
    wait_until_written(&bundle, "renamed into place", &running);

    // A burst of writes to many files gives one rebuild.
    std::thread::sleep(Duration::from_millis(300));
    let rebuilt = running.count("rebuilt");
    for index in 0..60 {
        std::fs::write(
            dir.join(format!("src/burst{index}.ts")),
            format!("export const n{index} = {index};\n"),
        )
        .unwrap();
    }
    running.wait_for("rebuilt", rebuilt + 1);
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(
        running.count("rebuilt"),
        rebuilt + 1,
        "a burst gave several rebuilds:\n{}",
        running.output()
    );

    // Deleting the imported file is an error that names the import.
    std::fs::remove_file(dir.join("src/extra.ts")).unwrap();
    running.wait_for("Cannot find module './extra'", 1);

    let status = running.interrupt();
    assert!(status.success(), "Ctrl-C should end watch mode cleanly");

    // The last good output equals a fresh build of the tree as it was then.
    edit(
        &dir.join("src/index.ts"),
        "import { extra } from './extra';\nconsole.log(extra);",
        "",
    );
    let watched = std::fs::read(&bundle).unwrap();
    assert!(String::from_utf8_lossy(&watched).contains("renamed into place"));
}

/// Waits (up to 20 s) until the file at `path` holds `text`.
fn wait_until_written(path: &Path, text: &str, running: &Running) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !std::fs::read_to_string(path).is_ok_and(|content| content.contains(text)) {
        assert!(
            Instant::now() < deadline,
            "{text:?} never reached {}:\n{}",
            path.display(),
            running.output()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn watch_output_equals_a_fresh_build() {
    let workspace = copy_package(&repo_root().join("tests/fixtures/cycles"));
    let dir = workspace.dir.clone();
    let running = Running::start(&dir, &["build", "--watch"], &[]);
    running.wait_for("watching", 1);
    // Several rebuilds: from the second on, each writes over the files of the output the one
    // before replaced.
    for (round, (from, to)) in [
        ("b evaluated", "b evaluated after an edit"),
        (
            "b evaluated after an edit",
            "b evaluated after a second, longer edit",
        ),
        ("b evaluated after a second, longer edit", "b short"),
    ]
    .into_iter()
    .enumerate()
    {
        edit(&dir.join("src/b.ts"), from, to);
        running.wait_for("rebuilt", round + 1);
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(running.interrupt().success());
    // Nothing of the session's staging is left once it stops.
    assert_eq!(plugbuild_leftovers(&dir), Vec::<String>::new());
    let watched = dist_files(&dir);
    assert!(String::from_utf8_lossy(&watched[1].1).contains("b short"));
    let fresh = run_plugbuild_build(&dir);
    assert!(fresh.status.success());
    assert!(
        dist_files(&dir) == watched,
        "the watched dist/ differs from a fresh build's"
    );
}

/// dist/'s files, by name, with their bytes.
fn dist_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir.join("dist"))
        .unwrap()
        .map(|entry| {
            let entry = entry.unwrap();
            (
                entry.file_name().to_string_lossy().into_owned(),
                std::fs::read(entry.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn start_serves_the_plugin_restarts_on_edits_and_leaves_nothing_behind() {
    let workspace = copy_package(&repo_root().join("examples/hello-backend"));
    let dir = workspace.dir.clone();
    let port = free_port();
    let running = Running::start(
        &dir,
        &["start", "--color", "never"],
        &[("PLUGIN_PORT", &port.to_string())],
    );
    wait_for_body(port, "/hello/health", "\"status\":\"ok\"");
    assert!(!dir.join("dist").exists(), "start must not write dist/");

    edit(
        &dir.join("src/service/router.ts"),
        "res.json({ status: 'ok' });",
        "res.json({ status: 'edited' });",
    );
    wait_for_body(port, "/hello/health", "\"status\":\"edited\"");
    running.wait_for("restarted", 1);

    // A broken edit keeps the running server.
    edit(
        &dir.join("src/service/router.ts"),
        "res.json({ status: 'edited' });",
        "res.json({ status: 'edited' };",
    );
    running.wait_for("the running process was kept", 1);
    wait_for_body(port, "/hello/health", "\"status\":\"edited\"");

    // Restarts run in a node process started ahead of time: one is waiting by now.
    std::thread::sleep(Duration::from_millis(600));
    assert!(
        !processes_mentioning(&dir).is_empty(),
        "neither the server nor its standby is running"
    );
    let status = running.interrupt();
    assert!(status.success());
    std::thread::sleep(Duration::from_millis(200));
    assert!(
        std::net::TcpListener::bind(("127.0.0.1", port)).is_ok(),
        "the port is still taken"
    );
    assert_eq!(
        processes_mentioning(&dir),
        Vec::<String>::new(),
        "processes left behind"
    );
}

#[test]
fn start_reports_a_program_that_exits_and_passes_arguments() {
    let workspace = package_with_dev_folder();
    let dir = workspace.dir.clone();
    std::fs::write(
        dir.join("dev/index.ts"),
        "console.log('args', process.argv.slice(2).join(' '), process.env.NODE_ENV);\nprocess.exitCode = 3;\n",
    )
    .unwrap();
    let running = Running::start(&dir, &["start", "--", "--flag", "value"], &[]);
    running.wait_for("args --flag value development", 1);
    running.wait_for("exited", 1);
    assert!(running.output().contains("with 3"), "{}", running.output());
    // A restart (in the process started ahead of time) runs the program as node would.
    std::thread::sleep(Duration::from_millis(600));
    std::fs::write(
        dir.join("dev/index.ts"),
        "const ahead = process.execArgv.some(a => a.includes('plugbuild-standby'));\nconsole.log('again', process.argv.slice(2).join(' '), process.env.NODE_ENV, require.main === module, ahead);\n",
    )
    .unwrap();
    running.wait_for("again --flag value development true true", 1);
    assert!(running.interrupt().success());
    assert_eq!(processes_mentioning(&dir), Vec::<String>::new());
}

#[test]
fn tsc_watch_rewrites_the_declarations_of_an_edited_file() {
    let workspace = copy_package(&repo_root().join("tests/monorepo"));
    let dir = workspace.dir.clone();
    let scope = dir.join("node_modules/@internal");
    std::fs::create_dir_all(&scope).unwrap();
    std::os::unix::fs::symlink(dir.join("packages/todo-common"), scope.join("todo-common"))
        .unwrap();
    let running = Running::start(&dir, &["tsc", "--watch", "--pretty", "false"], &[]);
    running.wait_for("watching", 1);
    let declaration = dir.join("dist-types/packages/todo-common/src/index.d.ts");
    assert!(std::fs::read_to_string(&declaration)
        .unwrap()
        .contains("matches"));
    edit(
        &dir.join("packages/todo-common/src/index.ts"),
        "export function matches",
        "export const watched = true;\nexport function matches",
    );
    running.wait_for("(1 recomputed)", 1);
    assert!(std::fs::read_to_string(&declaration)
        .unwrap()
        .contains("watched"));
    assert!(running.interrupt().success());
}

#[test]
fn start_builds_in_workspace_siblings_from_source_and_restarts_on_their_edits() {
    let workspace = monorepo();
    let root = workspace.dir.clone();
    let plugin = root.join("plugins/todo-backend");
    std::fs::create_dir_all(plugin.join("dev")).unwrap();
    std::fs::write(
        plugin.join("dev/index.ts"),
        "import { TodoFilter } from '@internal/todo-common';\nimport { TodoStore } from '../src';\n\
         const store = new TodoStore();\nstore.add('x');\nconsole.log('filters', Object.values(TodoFilter).join(','), store.list().length);\n",
    )
    .unwrap();
    let running = Running::start(&plugin, &["start"], &[]);
    running.wait_for("filters all,open,done 1", 1);
    edit(
        &root.join("packages/todo-common/src/index.ts"),
        "  Done = 'done',",
        "  Done = 'done',\n  Archived = 'archived',",
    );
    running.wait_for("filters all,open,done,archived 1", 1);
    assert!(running.interrupt().success());
}

#[test]
fn start_restarts_on_enter_and_passes_inspect_to_node() {
    let workspace = package_with_dev_folder();
    let dir = workspace.dir.clone();
    std::fs::write(
        dir.join("dev/index.ts"),
        "console.log('dev entry ran');\nsetInterval(() => {}, 1000);\n",
    )
    .unwrap();
    let mut command = plugbuild();
    command
        .args(["start", "--inspect=127.0.0.1:0"])
        .current_dir(&dir)
        .stdin(Stdio::piped());
    let (running, stdin) = Running::spawn(command);
    let mut stdin = stdin.unwrap();
    running.wait_for("dev entry ran", 1);
    running.wait_for("Debugger listening on ws://127.0.0.1:", 1);
    use std::io::Write;
    stdin.write_all(b"\n").unwrap();
    stdin.flush().unwrap();
    running.wait_for("restarted", 1);
    running.wait_for("dev entry ran", 2);
    assert!(running.output().contains("by hand"), "{}", running.output());
    assert!(running.interrupt().success());
}

#[test]
fn a_watch_session_keeps_memory_flat_over_many_rebuilds() {
    use plugbuild::bundle::build::{build_package_in, BuildOptions, BuildSession};
    let workspace = copy_package(&repo_root().join("tests/fixtures/live-bindings"));
    let dir = workspace.dir.clone();
    // A large module, so that keeping each edited version would show: 16 edits of 300 kB.
    let big: String = (0..6000)
        .map(|i| format!("export function f{i}(x: number): number {{ return x * {i} + 1; }}\n"))
        .collect();
    assert!(big.len() > 300_000);
    edit(
        &dir.join("src/index.ts"),
        "import * as counter from './counter';",
        "import * as counter from './counter';\nimport { version } from './big';\nconsole.log(version);",
    );
    let mut session = BuildSession::default();
    let mut most = 0;
    for version in 0..16 {
        let text = format!("export const version = {version};\n{big}");
        std::fs::write(dir.join("src/big.ts"), text).unwrap();
        let result = build_package_in(&dir, &BuildOptions::default(), &mut session);
        assert!(result.succeeded(), "{:?}", result.diagnostics);
        most = most.max(session.retained_source_bytes());
    }
    // Every version kept would be 16 x 300 kB; the session holds at most a few.
    assert!(
        most < 3 * big.len() + (1 << 20),
        "the session kept {most} bytes of source text for a {} byte package",
        big.len()
    );
}

#[test]
fn start_in_an_app_backend_runs_src_index_and_names_siblings_ts_files_in_stack_traces() {
    let workspace = monorepo();
    let root = workspace.dir.clone();
    let sibling = root.join("packages/todo-common/src/index.ts");
    let mut text = std::fs::read_to_string(&sibling).unwrap();
    text.push_str("\nexport function boom(): never {\n  throw new Error('boom');\n}\n");
    let boom_line = text.lines().count() - 1;
    std::fs::write(&sibling, text).unwrap();

    // An app's deployable backend, as @backstage/create-app lays it out: role `backend`, no dev/.
    let backend = root.join("packages/backend");
    std::fs::create_dir_all(backend.join("src")).unwrap();
    std::fs::write(
        backend.join("package.json"),
        r#"{ "name": "backend", "version": "0.0.0", "private": true, "main": "dist/index.cjs.js", "backstage": { "role": "backend" } }"#,
    )
    .unwrap();
    std::fs::write(
        backend.join("src/index.ts"),
        "import { boom } from '@internal/todo-common';\n\
         try {\n  boom();\n} catch (error) {\n  console.log('frame', (error as Error).stack!.split('\\n')[1].trim());\n}\n",
    )
    .unwrap();
    // The backend's node_modules (where start writes its build) is a link to a folder elsewhere.
    let elsewhere = root.parent().unwrap().join("linked-node-modules");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, backend.join("node_modules")).unwrap();

    let running = Running::start(&backend, &["start", "--color", "never"], &[]);
    running.wait_for("frame at", 1);
    let real_root = std::fs::canonicalize(&root).unwrap();
    let expected = format!(
        "{}:{boom_line}:",
        real_root
            .join("packages/todo-common/src/index.ts")
            .display()
    );
    let output = running.output();
    assert!(
        output.contains(&expected),
        "the stack trace names {expected}:\n{output}"
    );
    assert!(running.interrupt().success());
    assert_eq!(processes_mentioning(&root), Vec::<String>::new());
}

#[test]
fn start_stops_a_program_that_ignores_sigterm_and_the_children_it_spawned() {
    let workspace = package_with_dev_folder();
    let dir = workspace.dir.clone();
    // The child names the package folder in its arguments, so the process scan finds it.
    std::fs::write(
        dir.join("dev/index.ts"),
        format!(
            "import {{ spawn }} from 'child_process';\n\
             process.on('SIGTERM', () => console.log('ignoring SIGTERM'));\n\
             const child = spawn(process.execPath, ['-e', 'setInterval(() => {{}}, 1000)', '--', {:?}], {{ stdio: 'ignore' }});\n\
             console.log('spawned', child.pid);\n\
             setInterval(() => {{}}, 1000);\n",
            dir.to_string_lossy()
        ),
    )
    .unwrap();
    let running = Running::start(&dir, &["start"], &[]);
    running.wait_for("spawned", 1);
    std::thread::sleep(Duration::from_millis(300));
    let before = processes_mentioning(&dir);
    assert!(
        before.iter().any(|line| line.contains("setInterval")),
        "the spawned child is not seen: {before:?}"
    );
    // Ctrl-C: SIGTERM to the program's process group, which it ignores, then SIGKILL after the
    // grace period, which takes its child too.
    assert!(running.interrupt().success());
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(
        processes_mentioning(&dir),
        Vec::<String>::new(),
        "processes left behind"
    );
}

/// A restart runs in a node process that has already loaded what the previous run loaded, the
/// packages it required lazily included (recorded while it ran), not only what the build imports.
#[test]
fn a_restart_has_the_packages_the_previous_run_loaded_lazily_loaded_already() {
    let workspace = package_with_dev_folder();
    let dir = workspace.dir.clone();
    let program = |label: &str| {
        format!(
            "const loaded = () => Object.keys(require.cache).some((f) => f.includes('/node_modules/zod/'));\nconsole.log('{label}', loaded());\n// Loaded lazily, by a name the build cannot see.\nconst name = ['z', 'od'].join('');\nsetTimeout(() => {{ require(name); console.log('{label} later', loaded()); }}, 50);\nsetInterval(() => {{}}, 1000);\n"
        )
    };
    std::fs::write(dir.join("dev/index.ts"), program("first")).unwrap();
    let running = Running::start(&dir, &["start"], &[]);
    running.wait_for("first false", 1);
    running.wait_for("first later true", 1);
    // The run records what it loaded after a second; the standby picks it up while it waits.
    std::thread::sleep(Duration::from_millis(1800));
    std::fs::write(dir.join("dev/index.ts"), program("second")).unwrap();
    running.wait_for("second true", 1);
    assert!(running.interrupt().success());
    assert_eq!(processes_mentioning(&dir), Vec::<String>::new());
}

/// A restart runs the new program as soon as the old one has closed the port it listened on, not
/// when it has exited: a backend's shutdown (stopping tasks, closing database pools) goes on after
/// its server has closed. The old program here never exits by itself; it is killed after the grace
/// period, and nothing is left behind.
#[test]
fn a_restart_serves_as_soon_as_the_old_program_has_closed_its_port() {
    let workspace = package_with_dev_folder();
    let dir = workspace.dir.clone();
    let port = free_port();
    let program = |label: &str| {
        format!(
            "import * as http from 'http';\n\
             const server = http.createServer((_request, response) => response.end('{label}'));\n\
             server.listen({port}, '127.0.0.1', () => console.log('{label} listening as', process.pid));\n\
             process.on('SIGTERM', () => {{ server.close(); console.log('{label} closed its port, still shutting down'); }});\n\
             setInterval(() => {{}}, 1000);\n"
        )
    };
    std::fs::write(dir.join("dev/index.ts"), program("first")).unwrap();
    let running = Running::start(&dir, &["start"], &[]);
    wait_for_body(port, "/", "first");
    let output = running.output();
    let first: u32 = output
        .split("first listening as ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|pid| pid.parse().ok())
        .unwrap_or_else(|| panic!("no pid in:\n{output}"));
    let alive = |pid: u32| {
        std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .map(|stat| {
                !stat[stat.rfind(')').unwrap() + 1..]
                    .trim_start()
                    .starts_with('Z')
            })
            .unwrap_or(false)
    };

    // The new program looks at the old one itself as it starts, so the check does not depend on
    // how fast this test polls a loaded machine (the old program is killed 3 s after SIGTERM).
    let second = format!(
        "import * as fs from 'fs';\n\
         let state = '';\n\
         try {{ state = fs.readFileSync('/proc/{first}/stat', 'utf8'); }} catch {{}}\n\
         const running = state !== '' && !state.slice(state.lastIndexOf(')') + 1).trim().startsWith('Z');\n\
         console.log('the first program was running when the second started:', running);\n\
         {}",
        program("second")
    );
    std::fs::write(dir.join("dev/index.ts"), second).unwrap();
    wait_for_body(port, "/", "second");
    running.wait_for("first closed its port", 1);
    running.wait_for("the first program was running when the second started:", 1);
    assert!(
        running
            .output()
            .contains("the first program was running when the second started: true"),
        "the new program started only after the old one had exited:\n{}",
        running.output()
    );
    // The old program is killed when its grace period ends, while the new one keeps serving.
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while alive(first) && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(!alive(first), "the old program was never stopped");
    assert_eq!(get(port, "/").as_deref(), Some("second"));
    assert!(running.interrupt().success());
    assert_eq!(processes_mentioning(&dir), Vec::<String>::new());
}

/// A copy of the require-main fixture with an empty `dev/` folder for the test's program.
fn package_with_dev_folder() -> Workspace {
    let workspace = copy_package(&repo_root().join("tests/fixtures/require-main"));
    std::fs::create_dir_all(workspace.dir.join("dev")).unwrap();
    workspace
}
