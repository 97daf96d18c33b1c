//! Code nobody here wrote: the TypeScript sources that zod 3, rxjs 7 and @trpc/server 11 ship in their
//! npm packages, each built by plugbuild as a package. The bundle must behave like the same package's
//! published build (a smoke script runs both and compares what they print), the roll-up must type a
//! strict consumer (`@ts-expect-error` lines fail on an `any`), and `plugbuild tsc` must declare every
//! source file.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

const ZOD_SMOKE: &str = r#"
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

const ZOD_CONSUMER: &str = r#"
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

const RXJS_SMOKE: &str = r#"
function run(rx, op) {
  const out = [];
  const log = (label) => ({ next: (v) => out.push(label + ':' + JSON.stringify(v)), error: (e) => out.push(label + '!' + e.message), complete: () => out.push(label + '|') });
  rx.of(1, 2, 3, 4, 5).pipe(op.map((x) => x * 10), op.filter((x) => x > 15), op.scan((a, x) => a + x, 0)).subscribe(log('scan'));
  rx.from([1, 2, 3]).pipe(op.mergeMap((x) => rx.of(x, x)), op.take(4), op.toArray()).subscribe(log('mergeMap'));
  rx.combineLatest([rx.of('a', 'b'), rx.of(1, 2)]).subscribe(log('combine'));
  rx.concat(rx.of(1), rx.throwError(() => new Error('boom'))).pipe(op.catchError((e) => rx.of('caught ' + e.message))).subscribe(log('catch'));
  const subject = new rx.BehaviorSubject(0);
  subject.pipe(op.distinctUntilChanged(), op.pairwise()).subscribe(log('subject'));
  subject.next(1); subject.next(1); subject.next(2); subject.complete();
  rx.zip(rx.range(1, 3), rx.of('x', 'y', 'z')).pipe(op.reduce((a, v) => a.concat([v]), [])).subscribe(log('zip'));
  rx.of(1, 2, 3).pipe(op.switchMap((x) => rx.timer(0).pipe(op.map(() => x)))).subscribe(log('switch'));
  const source = new rx.Subject();
  source.pipe(op.bufferCount(2), op.startWith('start')).subscribe(log('buffer'));
  [1, 2, 3, 4, 5].forEach((v) => source.next(v)); source.error(new Error('stop'));
  out.push('isObservable:' + rx.isObservable(rx.EMPTY) + ',' + (rx.EMPTY instanceof rx.Observable));
  return new Promise((resolve) => setTimeout(() => resolve(out.join('\n')), 20));
}
const ours = require('./dist/index.cjs.js');
Promise.all([run(ours, ours), run(require('rxjs'), require('rxjs/operators'))]).then(([a, b]) => {
  console.log(a === b ? 'same' : `DIFFERENT\n${a}\n---\n${b}`);
  if (!a.includes('switch:3') || !a.includes('catch:"caught boom"')) console.log('UNEXPECTED\n' + a);
});
"#;

const RXJS_CONSUMER: &str = r#"
import { of, map, filter, Observable, BehaviorSubject, firstValueFrom, OperatorFunction } from './dist/index';
const numbers: Observable<number> = of(1, 2, 3);
const strings: Observable<string> = numbers.pipe(map((n) => String(n)), filter((s) => s.length > 0));
// @ts-expect-error map gives strings, not numbers
const wrong: Observable<number> = numbers.pipe(map((n) => String(n)));
const subject = new BehaviorSubject<number>(1);
const current: number = subject.getValue();
// @ts-expect-error a BehaviorSubject<number> holds numbers
subject.next('x');
const op: OperatorFunction<number, string> = map((n: number) => n.toFixed(1));
const first: Promise<string> = firstValueFrom(strings);
// @ts-expect-error firstValueFrom gives a Promise of the element type
const firstWrong: Promise<number> = firstValueFrom(strings);
export { wrong, current, op, first, firstWrong };
"#;

const TRPC_SMOKE: &str = r#"
async function run(t) {
  const out = [];
  const tr = t.initTRPC.context().create();
  const router = tr.router({
    hello: tr.procedure.input((v) => { if (typeof v !== 'string') throw new Error('need a string'); return v; }).query(({ input }) => 'hello ' + input),
    add: tr.procedure.input((v) => v).mutation(({ input }) => input.a + input.b),
    fail: tr.procedure.query(() => { throw new t.TRPCError({ code: 'NOT_FOUND', message: 'nothing here' }); }),
    nested: tr.router({ deep: tr.procedure.query(() => ({ ok: true })) }),
  });
  const caller = tr.createCallerFactory(router)({});
  out.push(await caller.hello('ada'));
  out.push(await caller.add({ a: 2, b: 3 }));
  out.push(JSON.stringify(await caller.nested.deep()));
  for (const call of [() => caller.fail(), () => caller.hello(42)]) {
    try { await call(); } catch (e) { out.push([e.name, e.code, e.message, e instanceof t.TRPCError].join('|')); }
  }
  out.push(t.getTRPCErrorFromUnknown(new Error('plain')).code);
  out.push(Object.keys(router._def.procedures).sort().join(','));
  return out.join('\n');
}
Promise.all([run(require('./dist/index.cjs.js')), run(require('@trpc/server'))]).then(([a, b]) => {
  console.log(a === b ? 'same' : `DIFFERENT\n${a}\n---\n${b}`);
  if (!a.includes('hello ada') || !a.includes('NOT_FOUND|nothing here')) console.log('UNEXPECTED\n' + a);
});
"#;

const TRPC_CONSUMER: &str = r#"
import { initTRPC, TRPCError, inferRouterInputs, inferRouterOutputs } from './dist/index';
const t = initTRPC.create();
const appRouter = t.router({
  greet: t.procedure.input((v: unknown) => String(v)).query(({ input }) => ({ text: `hello ${input}` })),
  count: t.procedure.mutation(() => 42),
});
type Outputs = inferRouterOutputs<typeof appRouter>;
type Inputs = inferRouterInputs<typeof appRouter>;
const greeting: Outputs['greet'] = { text: 'hi' };
// @ts-expect-error greet answers an object with a text
const wrongGreeting: Outputs['greet'] = 'hi';
const input: Inputs['greet'] = 'x';
const counted: Outputs['count'] = 1;
// @ts-expect-error count answers a number
const wrongCount: Outputs['count'] = 'one';
const error = new TRPCError({ code: 'NOT_FOUND' });
// @ts-expect-error not a tRPC error code
new TRPCError({ code: 'NOPE' });
export { greeting, wrongGreeting, input, counted, wrongCount, error };
"#;

/// One library's sources as a package, and what to check it with.
struct RealPackage {
    /// The folder inside `tests/npm/node_modules` that holds the TypeScript sources.
    sources: &'static str,
    name: &'static str,
    /// Source edits the library's own build does through tsconfig `paths` (file, from, to).
    edits: &'static [(&'static str, &'static str, &'static str)],
    smoke: &'static str,
    consumer: &'static str,
}

fn copy_sources(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name == "tests" || name == "benchmarks" || name.ends_with(".json") {
            continue;
        }
        if entry.file_type().unwrap().is_dir() {
            copy_sources(&entry.path(), &to.join(&name));
        } else {
            std::fs::copy(entry.path(), to.join(&name)).unwrap();
        }
    }
}

/// Files under `dir` (recursively) whose name passes `wanted`.
fn count_files(dir: &Path, wanted: &dyn Fn(&str) -> bool) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            if path.is_dir() {
                count_files(&path, wanted)
            } else {
                usize::from(wanted(&path.to_string_lossy()))
            }
        })
        .sum()
}

fn tsc_strict(dir: &Path, file: &str) -> std::process::Output {
    Command::new("node")
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
            file,
        ])
        .current_dir(dir)
        .output()
        .unwrap()
}

fn check_real_package(package: &RealPackage) {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join(package.name);
    copy_sources(&npm_modules().join(package.sources), &dir.join("src"));
    for (file, from, to) in package.edits {
        let path = dir.join("src").join(file);
        let source = std::fs::read_to_string(&path).unwrap();
        assert!(source.contains(from), "{file} no longer holds {from}");
        std::fs::write(&path, source.replace(from, to)).unwrap();
    }
    std::fs::write(
        dir.join("package.json"),
        format!(
            "{{\"name\":\"{}\",\"version\":\"1.0.0\",\"main\":\"src/index.ts\"}}\n",
            package.name
        ),
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

    std::fs::write(dir.join("smoke.js"), package.smoke).unwrap();
    let ran = run_node(&dir, Path::new("smoke.js"), &[]);
    assert_eq!(text(&ran.stdout), "same\n", "{}", text(&ran.stderr));

    std::fs::write(dir.join("consumer.ts"), package.consumer).unwrap();
    let checked = tsc_strict(&dir, "consumer.ts");
    assert!(
        checked.status.success(),
        "{}: the consumer does not type-check against the roll-up:\n{}",
        package.name,
        text(&checked.stdout)
    );

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
    let sources = count_files(&dir.join("src"), &|name| {
        name.ends_with(".ts") && !name.ends_with(".d.ts")
    });
    let declarations = count_files(&dir.join("dist-types"), &|name| name.ends_with(".d.ts"));
    assert_eq!(
        sources, declarations,
        "{}: every source file gets a declaration",
        package.name
    );
}

#[test]
fn zod_built_from_its_sources_behaves_like_the_published_zod_and_types_a_consumer() {
    check_real_package(&RealPackage {
        sources: "zod/src/v3",
        name: "zod-from-source",
        edits: &[],
        smoke: ZOD_SMOKE,
        consumer: ZOD_CONSUMER,
    });
}

#[test]
fn rxjs_built_from_its_sources_behaves_like_the_published_rxjs_and_types_a_consumer() {
    check_real_package(&RealPackage {
        sources: "rxjs/src",
        name: "rxjs-from-source",
        edits: &[],
        smoke: RXJS_SMOKE,
        consumer: RXJS_CONSUMER,
    });
}

#[test]
fn trpc_built_from_its_sources_behaves_like_the_published_trpc_and_types_a_consumer() {
    check_real_package(&RealPackage {
        sources: "@trpc/server/src",
        name: "trpc-from-source",
        // The tRPC repository maps `@trpc/server/*` to its sources with tsconfig `paths`.
        edits: &[(
            "unstable-core-do-not-import/stream/jsonl.ts",
            "'@trpc/server/vendor/is-plain-object'",
            "'../../vendor/is-plain-object'",
        )],
        smoke: TRPC_SMOKE,
        consumer: TRPC_CONSUMER,
    });
}
