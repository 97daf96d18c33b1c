#!/usr/bin/env python3
"""Runs each tool on the same input side by side, in one invocation: warm-up runs, then RUNS counted
runs; prints median wall time, median CPU time (user + sys of the child), peak memory, and the ratio
of each tool's median wall time to plugbuild's."""
import os
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "benches", "work")
RUNS = int(os.environ.get("RUNS", "10"))
WARMUP = int(os.environ.get("WARMUP", "2"))
PLUGBUILD = os.path.join(ROOT, "target", "release", "plugbuild")
ESBUILD = os.path.join(ROOT, "benches", "node_modules", ".bin", "esbuild")


def measure(command, cwd, before=None):
    samples = []
    for index in range(WARMUP + RUNS):
        if before:
            before()
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            sys.exit(f"{' '.join(command)} failed:\n{process.stderr.read().decode()}")
        if index >= WARMUP:
            samples.append((wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss))
    return {
        "wall": statistics.median(s[0] for s in samples),
        "cpu": statistics.median(s[1] for s in samples),
        "rss_mb": max(s[2] for s in samples) / 1024,
    }


def main():
    plugin = os.path.join(WORK, "plugin")
    if os.path.exists(WORK):
        shutil.rmtree(WORK)
    modules = os.environ.get("MODULES", "100")
    lines = os.environ.get("LINES", "300")
    subprocess.run([sys.executable, os.path.join(ROOT, "benches", "gen_plugin.py"), plugin, modules, lines], check=True)
    source_lines = sum(
        sum(1 for _ in open(os.path.join(d, f)))
        for d, _, files in os.walk(os.path.join(plugin, "src"))
        for f in files
    )
    esbuild_out = os.path.join(WORK, "esbuild-out", "index.cjs.js")
    rows = [
        ("plugbuild build (JS + map)", measure([PLUGBUILD, "build", "--quiet"], plugin)),
        (
            "esbuild --bundle (JS + map)",
            measure(
                [ESBUILD, "src/index.ts", "--bundle", "--platform=node", "--format=cjs", "--packages=external",
                 "--sourcemap", f"--outfile={esbuild_out}", "--log-level=warning"],
                plugin,
            ),
        ),
    ]
    base = rows[0][1]["wall"]
    version = subprocess.run([ESBUILD, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"\nbuild one plugin: {modules} modules, {source_lines} lines; {RUNS} runs after {WARMUP} warm-up; "
          f"{os.cpu_count()} cores; esbuild {version}\n")
    print("| tool | median wall | median CPU | peak memory | wall / plugbuild |")
    print("|---|---:|---:|---:|---:|")
    for name, result in rows:
        print(f"| {name} | {result['wall'] * 1000:.1f} ms | {result['cpu'] * 1000:.1f} ms | "
              f"{result['rss_mb']:.0f} MB | {result['wall'] / base:.2f}x |")


if __name__ == "__main__":
    main()
