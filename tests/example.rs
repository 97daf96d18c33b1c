//! The example plugin, end to end: built by plugbuild, its router mounted in a real express app and
//! exercised over HTTP by node; errors thrown in the plugin point at the TypeScript source.

mod common;

use std::path::Path;

use common::*;
use serde_json::Value;

const SERVE: &str = r#"
const express = require('express');
const { createRouter, GreetingStyle } = require('./dist/index.cjs.js');

(async () => {
  const app = express();
  const logs = [];
  const logger = { info: m => logs.push(m), error: m => logs.push(`error: ${m}`) };
  app.use('/api/hello', await createRouter({ logger, defaultStyle: GreetingStyle.Casual }));
  const server = app.listen(0, '127.0.0.1', async () => {
    const base = `http://127.0.0.1:${server.address().port}/api/hello`;
    const get = async path => {
      const response = await fetch(base + path);
      return { status: response.status, body: await response.json() };
    };
    const results = {
      health: await get('/health'),
      pirate: await get('/greet/Ada?style=pirate'),
      casual: await get('/greet/Bob'),
      badStyle: await get('/greet/Bob?style=shouty'),
      blank: await get('/greet/%20'),
      stats: await get('/stats'),
      fail: await get('/fail'),
      logs,
    };
    console.log(JSON.stringify(results));
    server.close();
  });
})();
"#;

fn line_of(path: &Path, needle: &str) -> usize {
    let source = std::fs::read_to_string(path).unwrap();
    source
        .lines()
        .position(|l| l.contains(needle))
        .expect("needle in source")
        + 1
}

#[test]
fn the_example_plugin_serves_its_routes_and_maps_stack_traces_to_typescript() {
    let workspace = copy_package(&repo_root().join("examples/hello-backend"));
    let dir = &workspace.dir;
    let build = run_plugbuild_build(dir);
    assert!(build.status.success(), "{}", text(&build.stderr));

    std::fs::write(dir.join("serve.js"), SERVE).unwrap();
    let output = run_node(dir, Path::new("serve.js"), &["--enable-source-maps"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let results: Value =
        serde_json::from_str(text(&output.stdout).trim()).expect("JSON from serve.js");

    assert_eq!(results["health"]["status"], 200);
    assert_eq!(
        results["health"]["body"],
        serde_json::json!({ "status": "ok" })
    );
    assert_eq!(results["pirate"]["body"]["message"], "Ahoy, Ada!");
    assert_eq!(results["pirate"]["body"]["style"], "pirate");
    assert_eq!(results["pirate"]["body"]["count"], 1);
    assert_eq!(results["casual"]["body"]["message"], "Hi Bob!");
    assert_eq!(results["casual"]["body"]["count"], 2);
    assert_eq!(results["badStyle"]["status"], 400);
    assert_eq!(results["blank"]["status"], 400);
    assert_eq!(results["stats"]["body"]["greeted"], 2);
    assert_eq!(results["logs"][0], "greeted Ada");

    assert_eq!(results["fail"]["status"], 500);
    let stack = results["fail"]["body"]["stack"].as_str().unwrap();
    let router = dir.join("src/service/router.ts");
    let line = line_of(&router, "throw new Error('the /fail route always fails')");
    let expected = format!("{}:{line}:", router.display());
    assert!(
        stack.contains(&expected),
        "stack does not name {expected}:\n{stack}"
    );

    let blank_stack = results["blank"]["body"]["stack"].as_str().unwrap();
    let service = dir.join("src/service/GreetingService.ts");
    let line = line_of(&service, "throw new InvalidNameError(name)");
    assert!(
        blank_stack.contains(&format!("{}:{line}:", service.display())),
        "stack does not name GreetingService.ts:{line}:\n{blank_stack}"
    );
}

#[test]
fn the_source_map_points_every_module_back_at_its_typescript() {
    let workspace = copy_package(&repo_root().join("examples/hello-backend"));
    let dir = &workspace.dir;
    let build = run_plugbuild_build(dir);
    assert!(build.status.success(), "{}", text(&build.stderr));

    let bundle = std::fs::read_to_string(dir.join("dist/index.cjs.js")).unwrap();
    assert!(bundle.ends_with("//# sourceMappingURL=index.cjs.js.map\n"));
    let map = sourcemap::SourceMap::from_slice(
        &std::fs::read(dir.join("dist/index.cjs.js.map")).unwrap(),
    )
    .unwrap();
    assert_eq!(map.get_file(), Some("index.cjs.js"));
    let mut sources: Vec<String> = map.sources().map(String::from).collect();
    sources.sort();
    assert_eq!(
        sources,
        [
            "../src/index.ts",
            "../src/service/GreetingService.ts",
            "../src/service/router.ts",
            "../src/service/types.ts"
        ]
    );
    for (index, source) in map.sources().enumerate() {
        let original = std::fs::read_to_string(dir.join("dist").join(source)).unwrap();
        assert_eq!(
            map.get_source_contents(index as u32),
            Some(original.as_str()),
            "sourcesContent of {source}"
        );
    }

    // Each of these strings appears once in a module and once in the bundle: the mapping at its
    // generated position must lead back to its line and column in the TypeScript file.
    for (needle, file) in [
        ("'the /fail route always fails'", "src/service/router.ts"),
        ("`Ahoy, ${name}!`", "src/service/GreetingService.ts"),
        ("console.error(message", "src/service/types.ts"),
        ("`greeted ${name}`", "src/service/GreetingService.ts"),
    ] {
        let (generated_line, generated_column) = position_of(&bundle, needle);
        let token = map
            .lookup_token(generated_line, generated_column)
            .unwrap_or_else(|| panic!("no mapping at {needle}"));
        let original = std::fs::read_to_string(dir.join(file)).unwrap();
        let (line, column) = position_of(&original, needle);
        assert_eq!(
            token.get_source(),
            Some(format!("../{file}").as_str()),
            "{needle}"
        );
        assert_eq!(
            (token.get_src_line(), token.get_src_col()),
            (line, column),
            "{needle}"
        );
    }
}

/// 0-based line and column (in UTF-16 units, as source maps count) of the first occurrence.
fn position_of(text: &str, needle: &str) -> (u32, u32) {
    let offset = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not found"));
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let column = text[line_start..offset].encode_utf16().count();
    (line as u32, column as u32)
}
