//! Code nobody here wrote: zod 3's TypeScript sources (shipped in its npm package) built by
//! plugbuild as a package must behave like the published zod and type-check a strict consumer.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

const SMOKE: &str = r#"
const ours = require('./dist/index.cjs.js');
const theirs = require('zod/v3');
function run(z) {
  const User = z.object({ name: z.string().min(2), age: z.number().int().positive().optional(), tags: z.array(z.enum(['a', 'b'])).default([]) });
  const out = [];
  out.push(JSON.stringify(User.parse({ name: 'Ada', age: 36 })));
  const bad = User.safeParse({ name: 'A', age: -1, tags: ['c'] });
  out.push(bad.success, JSON.stringify(bad.error.issues.map(i => [i.code, i.path.join('.'), i.message])));
  out.push(JSON.stringify(z.union([z.string(), z.number()]).safeParse(true).error.format()));
  out.push(z.coerce.number().parse('42'), z.string().url().safeParse('notaurl').success);
  out.push(JSON.stringify(z.discriminatedUnion('t', [z.object({ t: z.literal('a'), v: z.string() }), z.object({ t: z.literal('b'), n: z.number() })]).parse({ t: 'b', n: 1 })));
  out.push(JSON.stringify(z.record(z.string(), z.number()).safeParse({ a: 1, b: 'x' }).error.flatten()));
  return out.join('\n');
}
const a = run(ours.z);
const b = run(theirs.z);
console.log(a === b ? 'same' : `DIFFERENT\n${a}\n---\n${b}`);
"#;

const CONSUMER: &str = r#"
import { z } from './dist/index';
const User = z.object({ name: z.string(), age: z.number().optional() });
type User = z.infer<typeof User>;
const ok: User = { name: 'Ada' };
// @ts-expect-error name must be a string
const bad: User = { name: 1 };
const parsed: { name: string; age?: number | undefined } = User.parse({});
// @ts-expect-error parse returns a User, not a number
const wrong: number = User.parse({});
export { ok, bad, parsed, wrong };
"#;

fn copy_sources(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name == "tests" || name == "benchmarks" {
            continue;
        }
        if entry.file_type().unwrap().is_dir() {
            copy_sources(&entry.path(), &to.join(&name));
        } else {
            std::fs::copy(entry.path(), to.join(&name)).unwrap();
        }
    }
}

#[test]
fn zod_built_from_its_sources_behaves_like_the_published_zod_and_types_a_consumer() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("zod-from-source");
    copy_sources(&npm_modules().join("zod/src/v3"), &dir.join("src"));
    std::fs::write(
        dir.join("package.json"),
        "{\"name\":\"zod-from-source\",\"version\":\"3.25.76\",\"main\":\"src/index.ts\"}\n",
    )
    .unwrap();
    std::fs::write(dir.join("tsconfig.json"), DEFAULT_TSCONFIG).unwrap();
    std::os::unix::fs::symlink(npm_modules(), dir.join("node_modules")).unwrap();

    let build = plugbuild()
        .args(["build", "--quiet"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(build.status.success(), "{}", text(&build.stderr));

    std::fs::write(dir.join("smoke.js"), SMOKE).unwrap();
    let ran = run_node(&dir, Path::new("smoke.js"), &[]);
    assert_eq!(text(&ran.stdout), "same\n", "{}", text(&ran.stderr));

    std::fs::write(dir.join("consumer.ts"), CONSUMER).unwrap();
    let checked = Command::new("node")
        .arg(npm_modules().join("typescript/bin/tsc"))
        .args([
            "--noEmit",
            "--strict",
            "--skipLibCheck",
            "false",
            "--module",
            "nodenext",
            "--moduleResolution",
            "nodenext",
            "consumer.ts",
        ])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(checked.status.success(), "{}", text(&checked.stdout));

    let declared = plugbuild()
        .args(["tsc", "--quiet"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(
        declared.status.success() || declared.status.code() == Some(2),
        "{}",
        text(&declared.stderr)
    );
    let sources = std::fs::read_dir(dir.join("src"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "ts")
        })
        .count();
    let declarations = std::fs::read_dir(dir.join("dist-types"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .to_string_lossy()
                .ends_with(".d.ts")
        })
        .count();
    assert_eq!(
        sources, declarations,
        "every source file gets a declaration"
    );
}
