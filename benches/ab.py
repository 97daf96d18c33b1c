#!/usr/bin/env python3
"""Two plugbuild binaries side by side, for changes that must not slow it down (a refactor):
`build` of a generated plugin, `tsc` and `build --all` of a generated monorepo, and a rebuild after
an edit in watch mode (save-to-dist), the runs alternated (old, new, new, old, ...) so that the
machine's drift and the order within a round affect both alike. A report, not a test.
    python3 benches/ab.py <old plugbuild> <new plugbuild>
RUNS (default 15) and WARMUP (3) can be set in the environment."""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUNS = int(os.environ.get("RUNS", "15"))
WARMUP = int(os.environ.get("WARMUP", "3"))


def timed(command, cwd):
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def save_to_dist(binary, plugin):
    """A watch session's rebuild: the time from an edit to the new dist/index.cjs.js."""
    module = os.path.join(plugin, "src", "modules", "m0.ts")
    bundle = os.path.join(plugin, "dist", "index.cjs.js")
    assert os.path.exists(module), f"{module} is not in the generated plugin"
    process = subprocess.Popen([binary, "build", "--watch", "--quiet"], cwd=plugin,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while not os.path.exists(bundle):
            time.sleep(0.005)
        time.sleep(0.3)
        before = os.stat(bundle).st_mtime_ns
        with open(module, "a") as f:
            f.write(f"\nexport const edited{time.monotonic_ns()} = 1;\n")
        start = time.perf_counter()
        while os.stat(bundle).st_mtime_ns == before:
            time.sleep(0.001)
        return time.perf_counter() - start
    finally:
        process.terminate()
        process.wait()


def alternate(name, runner, binaries):
    samples = {b: [] for b in binaries}
    for index in range(WARMUP + RUNS):
        # A B, then B A: whichever runs first in a round pays for what the round before left.
        for binary in binaries if index % 2 == 0 else binaries[::-1]:
            value = runner(binary)
            if index >= WARMUP:
                samples[binary].append(value)
    old, new = (statistics.median(samples[b]) for b in binaries)
    print(f"| {name} | {old * 1000:.1f} ms | {new * 1000:.1f} ms | {new / old:.3f} |")


def main():
    old, new = (os.path.abspath(b) for b in sys.argv[1:3])
    work = tempfile.mkdtemp(prefix="plugbuild-ab-")
    try:
        plugin = os.path.join(work, "plugin")
        repo = os.path.join(work, "repo")
        subprocess.run([sys.executable, os.path.join(ROOT, "benches", "gen_plugin.py"), plugin, "100", "300"], check=True)
        subprocess.run([sys.executable, os.path.join(ROOT, "benches", "gen_monorepo.py"), repo, "20", "30", "200"], check=True)
        print("| measurement | old | new | new / old |")
        print("|---|---:|---:|---:|")
        alternate("plugin build", lambda b: timed([b, "build", "--quiet"], plugin), [old, new])
        alternate("monorepo tsc (cache cleared)", lambda b: (shutil.rmtree(os.path.join(repo, "dist-types"), ignore_errors=True), timed([b, "tsc", "--quiet"], repo))[1], [old, new])
        alternate("monorepo build --all", lambda b: timed([b, "build", "--all", "--quiet"], repo), [old, new])
        alternate("save-to-dist (watch rebuild)", lambda b: save_to_dist(b, plugin), [old, new])
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
