//! A new user's `plugbuild start` in the backend of an app made by `@backstage/create-app`: the
//! template's backend (its `src/index.ts` and dependencies, at the versions that create-app
//! release names, installed by scripts/test into tests/create-app), its app-config and example
//! entities, plus an in-repo backend plugin built from source. The catalog serves the examples,
//! the plugin answers, an edit to it is served after the restart, and Ctrl-C leaves no process.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use common::running::*;
use common::*;

/// The create-app template, as the installed @backstage/create-app ships it.
fn template() -> PathBuf {
    let template = repo_root()
        .join("tests/create-app/node_modules/@backstage/create-app/templates/default-app");
    assert!(
        template.is_dir(),
        "the create-app backend's packages are missing: run scripts/test (it runs npm ci in tests/create-app)"
    );
    template
}

/// The backend's package.json from the template, with the versions create-app writes into it.
fn render_backend_manifest(template: &Path) -> String {
    let versions = Command::new("node")
        .arg("-p")
        .arg("JSON.stringify(require('@backstage/create-app/dist/lib/versions.cjs.js').packageVersions)")
        .current_dir(repo_root().join("tests/create-app"))
        .output()
        .unwrap();
    assert!(versions.status.success(), "{}", text(&versions.stderr));
    let versions: serde_json::Value = serde_json::from_slice(&versions.stdout).unwrap();
    let mut manifest =
        std::fs::read_to_string(template.join("packages/backend/package.json.hbs")).unwrap();
    while let Some(start) = manifest.find("{{version '") {
        let end = start + manifest[start..].find("'}}").unwrap();
        let name = &manifest[start + "{{version '".len()..end];
        let version = versions[name]
            .as_str()
            .unwrap_or_else(|| panic!("no version of {name}"));
        manifest.replace_range(start..end + "'}}".len(), version);
    }
    let mut manifest: serde_json::Value = serde_json::from_str(&manifest).unwrap();
    manifest["dependencies"]["@internal/plugin-hello-backend"] = "^0.1.0".into();
    serde_json::to_string_pretty(&manifest).unwrap()
}

const HELLO_PLUGIN: &str =
    "import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import Router from 'express-promise-router';

export const helloPlugin = createBackendPlugin({
  pluginId: 'hello',
  register(env) {
    env.registerInit({
      deps: { httpRouter: coreServices.httpRouter, logger: coreServices.logger },
      async init({ httpRouter, logger }) {
        const router = Router();
        router.get('/greeting', async (_req, res) => {
          res.json({ greeting: 'hello from source' });
        });
        httpRouter.use(router);
        logger.info('hello plugin ready');
      },
    });
  },
});
";

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// The app's repository: the template's root files, its backend with the in-repo plugin added, a
/// stand-in for the frontend package the app plugin serves, and the installed packages linked in
/// as a workspace install has them.
fn create_app(root: &Path, port: u16) {
    let template = template();
    std::fs::copy(template.join("tsconfig.json"), root.join("tsconfig.json")).unwrap();
    std::fs::copy(
        template.join("app-config.yaml.hbs"),
        root.join("app-config.yaml"),
    )
    .unwrap();
    copy_dir(&template.join("examples"), &root.join("examples"));
    write(
        &root.join("package.json"),
        r#"{ "name": "root", "version": "1.0.0", "private": true, "workspaces": { "packages": ["packages/*", "plugins/*"] } }"#,
    );
    // The test's own settings: a free port on 127.0.0.1, and requests without a user token.
    write(
        &root.join("app-config.local.yaml"),
        &format!(
            "backend:\n  baseUrl: http://127.0.0.1:{port}\n  listen:\n    host: 127.0.0.1\n    port: {port}\n  auth:\n    dangerouslyDisableDefaultAuthPolicy: true\n"
        ),
    );

    let backend = root.join("packages/backend");
    copy_dir(&template.join("packages/backend/src"), &backend.join("src"));
    write(
        &backend.join("package.json"),
        &render_backend_manifest(&template),
    );
    let index = backend.join("src/index.ts");
    edit(
        &index,
        "backend.start();",
        "// an in-repo plugin, built from source\nbackend.add(import('@internal/plugin-hello-backend'));\n\nbackend.start();",
    );

    let plugin = root.join("plugins/hello-backend");
    write(
        &plugin.join("package.json"),
        r#"{ "name": "@internal/plugin-hello-backend", "version": "0.1.0", "private": true, "main": "src/index.ts", "types": "src/index.ts", "backstage": { "role": "backend-plugin", "pluginId": "hello" }, "dependencies": { "@backstage/backend-plugin-api": "*", "express-promise-router": "*" } }"#,
    );
    write(
        &plugin.join("src/index.ts"),
        "export { helloPlugin as default } from './plugin';\n",
    );
    write(&plugin.join("src/plugin.ts"), HELLO_PLUGIN);

    let app = root.join("packages/app");
    write(
        &app.join("package.json"),
        r#"{ "name": "app", "version": "0.0.0", "private": true, "backstage": { "role": "frontend" } }"#,
    );
    write(
        &app.join("dist/index.html"),
        "<html><body>app</body></html>\n",
    );

    // Hard links: node resolves a package by its real path, and the app plugin looks for `app`
    // from there, so the packages must be inside this repository as an install puts them.
    let modules = root.join("node_modules");
    let linked = Command::new("cp")
        .arg("-al")
        .arg(repo_root().join("tests/create-app/node_modules"))
        .arg(&modules)
        .status()
        .unwrap();
    assert!(linked.success(), "could not link the installed packages");
    std::os::unix::fs::symlink("../packages/app", modules.join("app")).unwrap();
    std::fs::create_dir_all(modules.join("@internal")).unwrap();
    std::os::unix::fs::symlink(
        "../../plugins/hello-backend",
        modules.join("@internal/plugin-hello-backend"),
    )
    .unwrap();
    // The root tsconfig extends @backstage/cli's, as an app has it installed.
    std::os::unix::fs::symlink(installed_backstage_cli(), modules.join("@backstage/cli")).unwrap();
}

#[test]
fn start_in_a_create_app_backend_serves_the_catalog_and_an_in_repo_plugin_from_source() {
    // Inside the repository's target folder: on the file system of the installed packages, which
    // the app's node_modules hard-links.
    std::fs::create_dir_all(repo_root().join("target")).unwrap();
    let temp = tempfile::Builder::new()
        .prefix("create-app-")
        .tempdir_in(repo_root().join("target"))
        .unwrap();
    let root = temp.path().join("my-app");
    std::fs::create_dir_all(&root).unwrap();
    let port = free_port();
    create_app(&root, port);

    let backend = root.join("packages/backend");
    let running = Running::start(&backend, &["start", "--color", "never"], &[]);
    let limit = Duration::from_secs(120);
    wait_for_body_within(port, "/api/hello/greeting", "hello from source", limit);
    wait_for_body_within(
        port,
        "/api/catalog/entities/by-name/component/default/example-website",
        "\"name\":\"example-website\"",
        limit,
    );

    edit(
        &root.join("plugins/hello-backend/src/plugin.ts"),
        "hello from source",
        "hello after an edit",
    );
    wait_for_body_within(port, "/api/hello/greeting", "hello after an edit", limit);
    running.wait_for("restarted", 1);

    let status = running.interrupt();
    assert!(
        status.success(),
        "plugbuild start did not exit cleanly on Ctrl-C"
    );
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        std::net::TcpListener::bind(("127.0.0.1", port)).is_ok(),
        "the port is still taken"
    );
    assert_eq!(
        processes_mentioning(&root),
        Vec::<String>::new(),
        "processes left behind"
    );
    // For benches/start-overhead.py, which measures restarts of this backend.
    if std::env::var_os("PLUGBUILD_KEEP_CREATE_APP").is_some() {
        let kept = temp.keep();
        eprintln!("kept the app at {}", kept.join("my-app").display());
    }
}
