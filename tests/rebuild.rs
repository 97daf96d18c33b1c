//! Rebuilds in one session, as watch mode makes them: after each edit, the outputs and warnings equal
//! a fresh build of the same tree, while the roll-up reprints only the declarations whose text can
//! have changed. The edits change what unchanged modules' declarations say: which of two clashing
//! names gets the `$1`, whether a name is still an enum, whether a call still leaves type arguments
//! to tsc. The edits are noted as the watcher reports them, so a rebuild trusts the unchanged
//! modules' imports and compiles the edited files first, even one that the same change cuts off.

use std::path::Path;

use plugbuild::bundle::build::{
    build_package, build_package_in, BuildOptions, BuildReturn, BuildSession,
};
use plugbuild::diagnostics::Diagnostic;

const PACKAGE_JSON: &str = r#"{
  "name": "@test/plugin-rebuild",
  "version": "1.0.0",
  "main": "src/index.ts",
  "backstage": { "role": "node-library" }
}
"#;

const INDEX: &str = "export { makeA, current, boxed, port } from './a';
export { makeB } from './b';
export * from './levels';
export * from './util';
";

const A: &str = "import { Level } from './levels';
import { box } from './util';
import * as settings from './settings.json';

/** What makeA takes. */
interface Options {
  a: string;
}

export function makeA(options: Options): string {
  return options.a;
}

export let current = Level.Low;
// An argument whose type inference cannot write: the call leaves its type argument to tsc.
export const boxed = box((() => 1)());
export const port = settings.port;
";

const SETTINGS: &str = "{ \"port\": 7007 }\n";

const B: &str = "import { hidden } from './hidden';

/** What makeB gives. */
interface Options {
  b: string;
}

export function makeB(): Options {
  return { b: hidden };
}
";

const HIDDEN: &str = "export const hidden = '';\n";

const LEVELS: &str = "export enum Level {
  Low,
  High,
}
";

const UTIL: &str = "export function box<T>(value: T): { value: T } {
  return { value };
}
";

struct Edit {
    what: &'static str,
    files: &'static [(&'static str, &'static str)],
    /// Shows the edit had the effect it is here for.
    check: fn(&str, &[Diagnostic]) -> bool,
}

const EDITS: &[Edit] = &[
    Edit {
        what: "an export added to another module",
        files: &[(
            "src/util.ts",
            "export function box<T>(value: T): { value: T } {\n  return { value };\n}\nexport const added = 1;\n",
        )],
        check: |dts, _| dts.contains("added"),
    },
    Edit {
        what: "the entry names makeB first, so b's Options is printed first and a's gets the $1",
        files: &[(
            "src/index.ts",
            "export { makeB } from './b';\nexport { makeA, current, boxed, port } from './a';\nexport * from './levels';\nexport * from './util';\n",
        )],
        check: |dts, _| dts.contains("makeA(options: Options$1)"),
    },
    Edit {
        what: "Level is no longer an enum",
        files: &[(
            "src/levels.ts",
            "export const Level = { Low: 0, High: 1 } as const;\nexport type Level = (typeof Level)[keyof typeof Level];\n",
        )],
        check: |dts, _| !dts.contains("enum Level"),
    },
    Edit {
        what: "box is no longer generic",
        files: &[(
            "src/util.ts",
            "export function box(value: number): { value: number } {\n  return { value };\n}\nexport const added = 1;\n",
        )],
        check: |_, warnings| warnings.is_empty(),
    },
    Edit {
        what: "a JSON module that a's declarations read changes type",
        files: &[("src/settings.json", "{ \"port\": \"7007\" }\n")],
        check: |dts, _| dts.contains("declare const port: string"),
    },
    Edit {
        what: "b stops importing hidden, which gets a syntax error in the same change",
        files: &[
            (
                "src/b.ts",
                "/** What makeB gives. */\ninterface Options {\n  b: string;\n}\n\nexport function makeB(): Options {\n  return { b: '' };\n}\n",
            ),
            ("src/hidden.ts", "export const hidden = ;\n"),
        ],
        check: |_, warnings| warnings.is_empty(),
    },
];

fn write(dir: &Path, files: &[(&str, &str)]) {
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

struct Outputs {
    declarations: String,
    bundle: String,
    diagnostics: Vec<Diagnostic>,
}

fn outputs(dir: &Path, result: &BuildReturn) -> Outputs {
    assert!(result.succeeded(), "{:#?}", result.diagnostics);
    let read = |name: &str| std::fs::read_to_string(dir.join("dist").join(name)).unwrap();
    Outputs {
        declarations: read("index.d.ts"),
        bundle: read("index.cjs.js"),
        diagnostics: result.diagnostics.clone(),
    }
}

#[test]
fn a_session_rebuild_equals_a_fresh_build_and_reprints_only_what_it_can() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("plugin");
    write(
        &dir,
        &[
            ("package.json", PACKAGE_JSON),
            ("tsconfig.json", "{}"),
            ("src/index.ts", INDEX),
            ("src/a.ts", A),
            ("src/b.ts", B),
            ("src/levels.ts", LEVELS),
            ("src/util.ts", UTIL),
            ("src/hidden.ts", HIDDEN),
            ("src/settings.json", SETTINGS),
        ],
    );
    let options = BuildOptions::default();
    let mut session = BuildSession::default();
    let first = build_package_in(&dir, &options, &mut session);
    let first = outputs(&dir, &first);
    assert_eq!(first.diagnostics.len(), 1, "{:#?}", first.diagnostics);
    assert_eq!(first.diagnostics[0].code.as_deref(), Some("TS9010"));
    assert!(
        first.declarations.contains("makeA(options: Options)"),
        "{}",
        first.declarations
    );
    assert!(first.declarations.contains("/** What makeA takes. */"));

    let mut reprinted = Vec::new();
    for edit in EDITS {
        write(&dir, edit.files);
        // As the watcher reports them: edits of existing modules only, so the rebuild compiles the
        // edited files first and does not resolve the other modules' imports again.
        let edited: Vec<_> = edit.files.iter().map(|(name, _)| dir.join(name)).collect();
        session.note_changes(&edited);
        let rebuilt = build_package_in(&dir, &options, &mut session);
        reprinted.push(rebuilt.reprinted_declarations);
        let watched = outputs(&dir, &rebuilt);
        let fresh = outputs(&dir, &build_package(&dir, &options));
        assert_eq!(
            watched.declarations, fresh.declarations,
            "after {}",
            edit.what
        );
        assert_eq!(
            watched.diagnostics, fresh.diagnostics,
            "after {}",
            edit.what
        );
        assert_eq!(watched.bundle, fresh.bundle, "after {}", edit.what);
        assert!(
            (edit.check)(&watched.declarations, &watched.diagnostics),
            "{} did not show:\n{}\n{:#?}",
            edit.what,
            watched.declarations,
            watched.diagnostics
        );
    }
    // The first edit leaves a's and b's declarations as they were (a reads util's source for
    // `box`'s signature, which the added export does not change); the second renames in them.
    assert!(
        reprinted[0] < reprinted[1],
        "reprinted per rebuild: {reprinted:?}"
    );
}
