#!/usr/bin/env python3
"""Runs each tool on the same input side by side, in one invocation: warm-up runs, then RUNS counted
runs; prints median wall time, median CPU time (user + sys of the child), peak memory, and the ratio
of each tool's median wall time to plugbuild's."""
import os
import shutil
import statistics
import subprocess
import tempfile
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "benches", "work")
# Outputs of earlier runs are moved here, and deleted only after the last measurement: deleting
# thousands of files right before a run makes ext4 skip each recently freed inode while allocating new
# ones (a minute or more of `recently_deleted` checks), a cost no fresh checkout pays.
TRASH = os.path.join(ROOT, "benches", "trash")
RUNS = int(os.environ.get("RUNS", "10"))
WARMUP = int(os.environ.get("WARMUP", "2"))
PLUGBUILD = os.path.join(ROOT, "target", "release", "plugbuild")
BIN = os.path.join(ROOT, "benches", "node_modules", ".bin")
ESBUILD = os.path.join(BIN, "esbuild")
# TypeScript 5.9 and TypeScript 7 (the native compiler, installed as `typescript7`) both name their
# binary `tsc`; each is run from its own package.
TSC5 = os.path.join(ROOT, "benches", "node_modules", "typescript", "bin", "tsc")
TSC7 = os.path.join(ROOT, "benches", "node_modules", "typescript7", "bin", "tsc")
# backstage-cli and its 1,250 packages have their own lockfile (benches/backstage-cli).
BACKSTAGE_BIN = os.path.join(ROOT, "benches", "backstage-cli", "node_modules", ".bin")


def run_once(command, cwd, before=None, env=None):
    """One timed run: wall time, CPU time (user + system of the process and what it waited for) and
    peak resident set."""
    if before:
        before()
    # Earlier runs' outputs are written back to disk first, so no tool pays for another's writes.
    os.sync()
    start = time.perf_counter()
    # Its messages go to a file: a pipe nobody reads while waiting would stop a tool that writes
    # more than the pipe holds (a real repository's warnings do).
    with tempfile.TemporaryFile() as messages:
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=messages,
                                   env=dict(os.environ, **(env or {})))
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            messages.seek(0)
            sys.exit(f"{' '.join(command)} failed:\n{messages.read().decode()}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def summary(samples):
    return {
        "wall": statistics.median(s[0] for s in samples),
        "cpu": statistics.median(s[1] for s in samples),
        "rss_mb": max(s[2] for s in samples) / 1024,
    }


def measure(command, cwd, before=None, env=None, runs=None, warmup=None):
    runs = RUNS if runs is None else runs
    warmup = WARMUP if warmup is None else warmup
    samples = [run_once(command, cwd, before, env) for _ in range(warmup + runs)]
    return summary(samples[warmup:])


def measure_alternating(command, cwd, before, envs):
    """The same command under each environment, the runs alternated (A B A B ...), so that the
    machine's drift during the measurement affects every setting alike."""
    samples = [[] for _ in envs]
    for index in range(WARMUP + RUNS):
        for setting, env in enumerate(envs):
            sample = run_once(command, cwd, before, env)
            if index >= WARMUP:
                samples[setting].append(sample)
    return [summary(s) for s in samples]


def retire(path):
    """Moves an output folder out of the way (see TRASH) instead of deleting it."""
    if os.path.exists(path):
        os.makedirs(TRASH, exist_ok=True)
        os.rename(path, os.path.join(TRASH, f"{len(os.listdir(TRASH))}-{os.path.basename(path)}"))


def count_lines(folder):
    return sum(
        sum(1 for _ in open(os.path.join(d, f)))
        for d, _, files in os.walk(folder)
        for f in files
        if f.endswith(".ts")
    )


def version(command):
    return subprocess.run(command, capture_output=True, text=True).stdout.strip().splitlines()[-1]


def table(title, rows):
    base = rows[0][1]["wall"]
    print(f"\n{title}\n")
    print("| tool | median wall | median CPU | peak memory | wall / plugbuild |")
    print("|---|---:|---:|---:|---:|")
    for name, result in rows:
        print(f"| {name} | {result['wall'] * 1000:.1f} ms | {result['cpu'] * 1000:.1f} ms | "
              f"{result['rss_mb']:.0f} MB | {result['wall'] / base:.2f}x |")


def bench_plugin():
    plugin = os.path.join(WORK, "plugin")
    modules = os.environ.get("MODULES", "100")
    lines = os.environ.get("LINES", "300")
    subprocess.run([sys.executable, os.path.join(ROOT, "benches", "gen_plugin.py"), plugin, modules, lines], check=True)
    esbuild_out = os.path.join(WORK, "esbuild-out", "index.cjs.js")
    rows = [
        ("plugbuild build (JS + map + d.ts)", measure([PLUGBUILD, "build", "--quiet"], plugin)),
        (
            "esbuild --bundle (JS + map only)",
            measure(
                [ESBUILD, "src/index.ts", "--bundle", "--platform=node", "--format=cjs", "--packages=external",
                 "--sourcemap", f"--outfile={esbuild_out}", "--log-level=warning"],
                plugin,
            ),
        ),
    ]
    rows += bench_backstage_cli(plugin)
    table(f"build one plugin: {modules} modules, {count_lines(os.path.join(plugin, 'src'))} lines "
          f"(backstage-cli {version([os.path.join(BACKSTAGE_BIN, 'backstage-cli'), '--version'])})", rows)


def bench_backstage_cli(plugin):
    """backstage-cli on a copy of the plugin, as a Backstage repo builds it: `yarn build` is
    `backstage-cli package build` (rollup and esbuild for the JS, rollup-plugin-dts for index.d.ts from
    the dist-types/ a `yarn tsc` run wrote before). Timed alone, with dist-types/ already written, and
    after `tsc --noCheck` (declarations only, not type-checked: the least tsc work that gives it its
    input)."""
    copy = os.path.join(WORK, "plugin-backstage-cli")
    shutil.copytree(plugin, copy, ignore=shutil.ignore_patterns("dist"))
    os.symlink(os.path.dirname(BACKSTAGE_BIN), os.path.join(copy, "node_modules"))
    with open(os.path.join(copy, "tsconfig.backstage.json"), "w") as f:
        f.write('{"extends": "@backstage/cli/config/tsconfig.json", "include": ["src"], '
                '"compilerOptions": {"outDir": "dist-types", "rootDir": ".", "types": ["node"]}}\n')
    cli = os.path.join(BACKSTAGE_BIN, "backstage-cli")
    tsc = [os.path.join(BACKSTAGE_BIN, "tsc"), "-p", "tsconfig.backstage.json", "--noCheck"]
    subprocess.run(tsc, cwd=copy, check=True)
    runs, warmup = int(os.environ.get("BACKSTAGE_RUNS", "5")), 1
    build_only = measure([cli, "package", "build"], copy, lambda: retire(os.path.join(copy, "dist")),
                         runs=runs, warmup=warmup)

    def clean():
        retire(os.path.join(copy, "dist"))
        retire(os.path.join(copy, "dist-types"))

    with_tsc = measure(["sh", "-c", f"{' '.join(tsc)} && {cli} package build"], copy, clean,
                       runs=runs, warmup=warmup)
    return [
        ("backstage-cli package build (JS + map + d.ts, dist-types/ written before)", build_only),
        ("tsc --noCheck, then backstage-cli package build", with_tsc),
    ]


def bench_repo():
    repo = os.path.join(WORK, "repo")
    packages = os.environ.get("PACKAGES", "50")
    per_package = os.environ.get("REPO_MODULES", "58")
    lines = os.environ.get("REPO_LINES", "100")
    subprocess.run([sys.executable, os.path.join(ROOT, "benches", "gen_monorepo.py"), repo, packages, per_package, lines], check=True)
    files = sum(1 for d, _, fs in os.walk(os.path.join(repo, "plugins")) for f in fs if f.endswith(".ts"))

    def clean():
        retire(os.path.join(repo, "dist-types"))
        retire(os.path.join(repo, "tsc-types"))

    global RUNS, WARMUP
    runs, warmup = RUNS, WARMUP
    RUNS, WARMUP = int(os.environ.get("REPO_RUNS", "5")), 1
    rows = [
        ("plugbuild tsc", measure([PLUGBUILD, "tsc", "--quiet"], repo, clean)),
        ("tsc 5.9 --emitDeclarationOnly --noCheck", measure([TSC5, "-p", "tsconfig.tsc.json", "--noCheck"], repo, clean)),
        ("TypeScript 7 tsc --emitDeclarationOnly --noCheck", measure([TSC7, "-p", "tsconfig.tsc.json", "--noCheck"], repo, clean)),
    ]
    table(f"whole-repo declarations: {packages} packages, {files} files, {count_lines(os.path.join(repo, 'plugins'))} lines "
          f"(tsc {version([TSC5, '--version'])}, TypeScript 7 {version([TSC7, '--version'])})", rows)
    subprocess.run([PLUGBUILD, "tsc", "--quiet"], cwd=repo, check=True)
    rows = [("plugbuild tsc, nothing changed", measure([PLUGBUILD, "tsc", "--quiet"], repo))]
    table("no-change rerun of plugbuild tsc", rows)
    bench_repo_build(repo, packages, files)
    RUNS, WARMUP = runs, warmup


def bench_repo_build(repo, packages, files):
    """Whole-repo JavaScript: plugbuild build --all (bundle + map + d.ts per package) next to esbuild
    bundling every package in one run, and per-file transpilers (esbuild, swc's CLI) over every file;
    then plugbuild's scaling from one thread to two."""
    sources = sorted(
        os.path.relpath(os.path.join(d, f), repo)
        for d, _, fs in os.walk(os.path.join(repo, "plugins"))
        for f in fs
        if f.endswith(".ts") and os.sep + "src" + os.sep in os.path.join(d, f) + os.sep
    )
    entries = sorted(os.path.join("plugins", p, "src", "index.ts") for p in os.listdir(os.path.join(repo, "plugins")))
    with open(os.path.join(repo, ".swcrc"), "w") as f:
        f.write('{"jsc": {"parser": {"syntax": "typescript"}, "target": "es2022"}, "module": {"type": "commonjs"}}\n')
    swc = os.path.join(BIN, "swc")

    def clean():
        for folder in ["esbuild-bundles", "esbuild-files", "swc-out"]:
            retire(os.path.join(repo, folder))
        for package in os.listdir(os.path.join(repo, "plugins")):
            retire(os.path.join(repo, "plugins", package, "dist"))

    build_all = [PLUGBUILD, "build", "--all", "--quiet"]
    rows = [
        ("plugbuild build --all (bundle + map + d.ts per package)", measure(build_all, repo, clean)),
        ("esbuild --bundle, every package in one run (JS + map only)",
         measure([ESBUILD, *entries, "--bundle", "--platform=node", "--format=cjs", "--packages=external",
                  "--sourcemap", "--outdir=esbuild-bundles", "--log-level=warning"], repo, clean)),
        ("esbuild, every file transpiled (JS + map only)",
         measure([ESBUILD, *sources, "--platform=node", "--format=cjs", "--sourcemap", "--outdir=esbuild-files",
                  "--log-level=warning"], repo, clean)),
        ("swc CLI, every file transpiled (JS + map only)",
         measure([swc, "plugins", "-d", "swc-out", "--source-maps", "--quiet"], repo, clean)),
    ]
    table(f"whole-repo build: {packages} packages, {files} files (esbuild {version([ESBUILD, '--version'])}, "
          f"swc {version([swc, '--version'])})", rows)

    threads = [{"RAYON_NUM_THREADS": "1"}, {"RAYON_NUM_THREADS": "2"}]
    one, two = measure_alternating(build_all, repo, clean, threads)
    tsc_clean = lambda: retire(os.path.join(repo, "dist-types"))
    tsc_one, tsc_two = measure_alternating([PLUGBUILD, "tsc", "--quiet"], repo, tsc_clean, threads)
    print("\nscaling (RAYON_NUM_THREADS)\n")
    print("| task | 1 thread | 2 threads | speed-up |")
    print("|---|---:|---:|---:|")
    for name, a, b in [("plugbuild build --all", one, two), ("plugbuild tsc", tsc_one, tsc_two)]:
        print(f"| {name} | {a['wall'] * 1000:.1f} ms | {b['wall'] * 1000:.1f} ms | {a['wall'] / b['wall']:.2f}x |")


def bench_real_repos():
    """The repositories of benches/real-repos.json at their pinned commits, as
    benches/prepare-real.sh checks them out and installs them (REAL_REPOS_DIR, default
    benches/work-real; REAL_NAMES=a,b picks some), or one checkout with its dependencies installed
    (REAL_REPO)."""
    if os.environ.get("REAL_REPO"):
        repos = [os.path.abspath(os.environ["REAL_REPO"])]
    else:
        folder = os.environ.get("REAL_REPOS_DIR", os.path.join(ROOT, "benches", "work-real"))
        import json
        with open(os.path.join(ROOT, "benches", "real-repos.json")) as f:
            pinned = json.load(f)
        names = os.environ.get("REAL_NAMES")
        if names:
            pinned = [entry for entry in pinned if entry["name"] in names.split(",")]
        repos = []
        for entry in pinned:
            checkout = os.path.join(folder, entry["name"])
            if not os.path.isdir(os.path.join(checkout, "node_modules")):
                print(f"\nreal repository {entry['name']}: not prepared; run benches/prepare-real.sh {entry['name']}")
                continue
            head = subprocess.run(["git", "-C", checkout, "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
            if head and head != entry["commit"]:
                print(f"\nreal repository {entry['name']}: at {head}, not the pinned {entry['commit']}")
            repos.append(checkout)
    for repo in repos:
        bench_real_declarations(repo)
        bench_real_repo(repo)


def bench_real_declarations(repo):
    """Whole-repo declarations of a real repository: plugbuild tsc, cold and with nothing changed,
    next to TypeScript 7's and tsc 5.9's declaration emit without checking (`--noCheck`), each
    writing to its own folder."""
    runs = int(os.environ.get("REAL_RUNS", "3"))
    warmup = int(os.environ.get("REAL_WARMUP", "1"))
    out = os.path.join(WORK, "real-declarations")
    files = sum(
        1
        for d, dirs, fs in os.walk(repo)
        if not any(part in ("node_modules", ".git", "dist", "dist-types") for part in d.split(os.sep))
        for f in fs
        if f.endswith((".ts", ".tsx")) and not f.endswith(".d.ts")
    )
    tsx = sum(
        1
        for d, _, fs in os.walk(repo)
        if "node_modules" not in d.split(os.sep)
        for f in fs
        if f.endswith(".tsx")
    )
    clean = lambda: (retire(os.path.join(repo, "dist-types")), retire(out))
    # The peers exit non-zero on a checkout's configuration errors (a missing base config they
    # cannot resolve) while still writing every declaration: their exit code is not the measure.
    peer = lambda tsc: ["sh", "-c", f"{tsc} -p . --noCheck --declaration --emitDeclarationOnly --outDir {out} >/dev/null || true"]
    # Like tsc, plugbuild tsc reports a checkout's errors (imports of packages a package does not
    # declare) and still writes every declaration.
    ours = ["sh", "-c", f"{PLUGBUILD} tsc --quiet >/dev/null 2>&1 || true"]
    rows = [
        ("plugbuild tsc (cold)", measure(ours, repo, clean, runs=runs, warmup=warmup)),
        ("TypeScript 7 tsc --noCheck --emitDeclarationOnly", measure(peer(TSC7), repo, clean, runs=runs, warmup=warmup)),
        ("tsc 5.9 --noCheck --emitDeclarationOnly", measure(peer(TSC5), repo, clean, runs=runs, warmup=warmup)),
    ]
    subprocess.run([PLUGBUILD, "tsc", "--quiet"], cwd=repo, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    rows.append(("plugbuild tsc, nothing changed", measure(ours, repo, runs=runs, warmup=warmup)))
    table(f"real repository {os.path.basename(repo)}: declarations of {files} files ({tsx} .tsx) "
          f"(TypeScript 7 {version([TSC7, '--version'])}, tsc {version([TSC5, '--version'])})", rows)


def bench_real_repo(repo):
    """A real Backstage monorepo with every role: plugbuild build --all next to what a Backstage
    repo runs, `yarn tsc` (the repo's own tsc, which backstage-cli's build needs first) and
    `backstage-cli repo build --all`, each timed alone."""
    # The repo's packages resolve @backstage/cli's base tsconfig; the pinned CLI stands in for one
    # the checkout does not install.
    cli_link = os.path.join(repo, "node_modules", "@backstage", "cli")
    if not os.path.exists(cli_link):
        os.symlink(os.path.join(os.path.dirname(BACKSTAGE_BIN), "@backstage", "cli"), cli_link)
    packages = []
    for group in ["plugins", "packages"]:
        folder = os.path.join(repo, group)
        for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
            if os.path.isfile(os.path.join(folder, name, "package.json")):
                packages.append(os.path.join(folder, name))

    def clean():
        for package in packages:
            retire(os.path.join(package, "dist"))

    runs = int(os.environ.get("BACKSTAGE_RUNS", "3"))
    warmup = int(os.environ.get("REAL_WARMUP", "1"))
    tsc = os.path.join(repo, "node_modules", ".bin", "tsc")
    cli = os.path.join(BACKSTAGE_BIN, "backstage-cli")
    rows = [("plugbuild build --all (every library role: JS, maps, d.ts)",
             measure([PLUGBUILD, "build", "--all", "--quiet"], repo, clean))]
    # The repo's full `yarn tsc` type-checks too (on TeraSky's monorepo it ran out of memory after
    # 7 minutes on a 2-core machine); --noCheck is the least tsc work that gives backstage-cli its
    # input.
    rows.append(("tsc --noCheck (the repo's tsc, writes the dist-types/ backstage-cli reads)",
                 # It writes its declarations even when it reports errors (a repo's missing types).
                 measure(["sh", "-c", f"{tsc} --noCheck || true"], repo,
                         lambda: retire(os.path.join(repo, "dist-types")), runs=runs, warmup=warmup)))
    # backstage-cli reads dist-types/; where the repo's tsc leaves a file out (errors of a checkout
    # with fewer dependencies installed than the authors'), plugbuild tsc writes them all. Untimed.
    subprocess.run([PLUGBUILD, "tsc", "--quiet"], cwd=repo, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    rows.append(("backstage-cli repo build --all (dist-types/ written before)",
                 measure([cli, "repo", "build", "--all"], repo, clean, runs=runs, warmup=warmup)))
    both = {key: rows[1][1][key] + rows[2][1][key] for key in ["wall", "cpu"]}
    both["rss_mb"] = max(rows[1][1]["rss_mb"], rows[2][1]["rss_mb"])
    rows.append(("tsc --noCheck, then backstage-cli repo build --all (what build --all replaces)", both))
    table(f"real repository {os.path.basename(repo)}: {len(packages)} packages", rows)


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def bench_watch():
    """Save-to-dist latency of `plugbuild build --watch` for a one-line change in the 100-module plugin."""
    plugin = os.path.join(WORK, "plugin")
    bundle = os.path.join(plugin, "dist", "index.cjs.js")
    watcher = subprocess.Popen([PLUGBUILD, "build", "--watch", "--quiet"], cwd=plugin,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.0)
        module = os.path.join(plugin, "src", "modules", "m50.ts")
        original = open(module).read()
        latencies = []
        for round_ in range(25):
            before = os.stat(bundle).st_mtime_ns
            with open(module, "w") as f:
                f.write(original + f"\nexport const edit{round_} = {round_};\n")
            start = time.perf_counter()
            while os.stat(bundle).st_mtime_ns == before:
                if time.perf_counter() - start > 10:
                    sys.exit("the watcher did not rebuild")
                time.sleep(0.0005)
            latencies.append(time.perf_counter() - start)
            time.sleep(0.2)
    finally:
        watcher.terminate()
        watcher.wait()
    return latencies


def bench_start():
    """Save-to-serving latency of `plugbuild start` on the example plugin (node's start included)."""
    import socket
    import urllib.request
    example = os.path.join(WORK, "hello-backend")
    shutil.copytree(os.path.join(ROOT, "examples", "hello-backend"), example)
    os.symlink(os.path.join(ROOT, "benches", "node_modules"), os.path.join(example, "node_modules"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, PLUGIN_PORT=str(port))
    server = subprocess.Popen([PLUGBUILD, "start", "--quiet"], cwd=example, env=env,
                              stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def fetch():
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/hello/health", timeout=1) as response:
                return response.read().decode()
        except Exception:
            return ""

    router = os.path.join(example, "src", "service", "router.ts")
    original = open(router).read()
    latencies = []
    try:
        deadline = time.time() + 20
        while "ok" not in fetch():
            if time.time() > deadline:
                sys.exit("plugbuild start never served")
            time.sleep(0.05)
        for round_ in range(15):
            marker = f"edit-{round_}"
            with open(router, "w") as f:
                f.write(original.replace("status: 'ok'", f"status: '{marker}'"))
            start = time.perf_counter()
            while marker not in fetch():
                if time.perf_counter() - start > 20:
                    sys.exit("the edit never reached the server")
                time.sleep(0.002)
            latencies.append(time.perf_counter() - start)
            # Saves a second apart, as when editing: time for the next run to be started ahead.
            time.sleep(1.0)
    finally:
        server.terminate()
        server.wait()
    return latencies


def bench_dev():
    watch = bench_watch()
    serve = bench_start()
    print("\nedit-to-output latency (one-line change)\n")
    print("| task | runs | p50 | p95 |")
    print("|---|---:|---:|---:|")
    print(f"| plugbuild build --watch, 100-module plugin: save to new dist/ | {len(watch)} | "
          f"{percentile(watch, 0.5) * 1000:.1f} ms | {percentile(watch, 0.95) * 1000:.1f} ms |")
    print(f"| plugbuild start, example plugin: save to new answer over HTTP | {len(serve)} | "
          f"{percentile(serve, 0.5) * 1000:.1f} ms | {percentile(serve, 0.95) * 1000:.1f} ms |")


def main():
    # The previous run's files go to TRASH too: deleted only at the end, they cost no run anything.
    retire(WORK)
    os.makedirs(WORK)
    print(f"{RUNS} counted runs after {WARMUP} warm-up (whole-repo tasks: REPO_RUNS, default 5, after 1); "
          f"{os.cpu_count()} cores; esbuild {version([ESBUILD, '--version'])}")
    only = os.environ.get("ONLY", "plugin,dev,repo").split(",")
    # The watch benchmark edits the plugin the first benchmark generates.
    if "plugin" in only or "dev" in only:
        bench_plugin()
    if "dev" in only:
        bench_dev()
    if "repo" in only:
        bench_repo()
    if "real" in only:
        bench_real_repos()
    shutil.rmtree(TRASH, ignore_errors=True)


if __name__ == "__main__":
    main()
