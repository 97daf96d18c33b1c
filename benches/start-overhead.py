#!/usr/bin/env python3
"""What `plugbuild start` adds to a restart of a real backend, over the backend's own warm start.

    python3 benches/start-overhead.py <plugbuild binary> <app root> [runs]

<app root> is the create-app repository tests/create_app.rs builds (run that test with
PLUGBUILD_KEEP_CREATE_APP=1 and it prints where it kept it): its backend serves an in-repo plugin
built from source on the port in app-config.local.yaml.

Two series, alternated in blocks of `runs`:
- plugbuild start: an edit to the plugin's source; the time from the save to plugbuild's
  "restarted" line (plugbuild's own part: noticing the change, rebuilding, stopping the old program
  until its port is free, letting the standby run), and from there to the first answer with the
  edit (the program's start, while the old program may still be shutting down);
- the floor: a node process with everything preloaded exactly as plugbuild's standby has it (the
  same script, the same bundle), told to run by a byte on its pipe; the time to the first answer.
Also: how long the backend takes from SIGTERM to a closed port, and to its exit.
"""
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request

binary, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 6
# Seconds between two edits: the new run settles, then its standby loads everything.
pause = float(os.environ.get('PAUSE', '8'))
backend = os.path.join(root, 'packages/backend')
plugin = os.path.join(root, 'plugins/hello-backend/src/plugin.ts')
port = int(re.search(r'port: (\d+)', open(os.path.join(root, 'app-config.local.yaml')).read())[1])
url = f'http://127.0.0.1:{port}/api/hello/greeting'
cache = os.path.join(backend, 'node_modules/.cache')
original = open(plugin).read()
# The text the plugin's route answers with, replaced by a marker on every edit.
greeting = re.search(r"greeting: '([^']*)'", original)[1]


def answer():
    try:
        return urllib.request.urlopen(url, timeout=1).read().decode()
    except Exception:
        return None


def wait_for(test, limit=180):
    start = time.time()
    while time.time() - start < limit:
        if test():
            return time.time()
        time.sleep(0.003)
    raise SystemExit('the backend never answered')


def port_open():
    with socket.socket() as s:
        return s.connect_ex(('127.0.0.1', port)) == 0


def plugbuild_series():
    """(save to restarted, restarted to serving) per edit."""
    restarted = []
    process = subprocess.Popen([binary, 'start', '--color', 'never'], cwd=backend, stdin=subprocess.PIPE,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)

    def read():
        for line in process.stderr:
            if line.strip().startswith('restarted'):
                restarted.append(time.time())
    threading.Thread(target=read, daemon=True).start()
    parts = []
    try:
        wait_for(lambda: greeting in (answer() or ''))
        for i in range(runs + 1):
            time.sleep(pause)  # the run records what it loaded; the standby loads it
            marker = f'edit {i} {time.time()}'
            before = len(restarted)
            with open(plugin, 'w') as f:
                f.write(original.replace(greeting, marker))
            saved = time.time()
            served = wait_for(lambda: marker in (answer() or ''))
            if i > 0 and len(restarted) > before:
                parts.append((restarted[before] - saved, served - restarted[before]))
    finally:
        with open(plugin, 'w') as f:
            f.write(original)
        os.killpg(process.pid, signal.SIGINT)
        process.wait(timeout=30)
    return parts


def floor_series():
    """(go to serving, SIGTERM to closed port, SIGTERM to exit) per run."""
    script = os.path.join(cache, 'plugbuild-standby/plugbuild-standby.cjs')
    bundle = os.path.join(cache, 'plugbuild-start/index.cjs.js')
    found = []
    for _ in range(runs):
        read, write = os.pipe()
        os.set_blocking(read, False)
        env = dict(os.environ, PLUGBUILD_STANDBY='1', NODE_ENV='development')
        process = subprocess.Popen(['node', '--enable-source-maps', '--require', script, bundle], cwd=backend,
                                   env=env, pass_fds=(read,), preexec_fn=lambda: os.dup2(read, 3),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        os.close(read)
        time.sleep(6)
        go = time.time()
        os.write(write, b'1')
        served = wait_for(lambda: answer() is not None)
        time.sleep(2)
        stop = time.time()
        os.killpg(process.pid, signal.SIGTERM)
        closed = None
        while process.poll() is None:
            if closed is None and not port_open():
                closed = time.time()
            time.sleep(0.001)
        ended = time.time()
        found.append((served - go, (closed or ended) - stop, ended - stop))
        os.close(write)
    return found


def ms(values):
    return f'median {statistics.median(values) * 1000:.0f} ms (min {min(values) * 1000:.0f}, max {max(values) * 1000:.0f})'


ours, floor = [], []
for block in range(int(os.environ.get("BLOCKS", "2"))):
    ours += plugbuild_series()
    floor += floor_series()
print(f'plugbuild start, {len(ours)} edits:')
print(f'  save to "restarted" (plugbuild\'s part): {ms([a for a, _ in ours])}')
print(f'  "restarted" to serving:                {ms([b for _, b in ours])}')
print(f'  save to serving:                       {ms([a + b for a, b in ours])}')
print(f'the backend alone, preloaded as the standby has it, {len(floor)} runs:')
print(f'  warm start (run to serving):           {ms([a for a, _, _ in floor])}')
print(f'  SIGTERM to a closed port:              {ms([b for _, b, _ in floor])}')
print(f'  SIGTERM to exit:                       {ms([c for _, _, c in floor])}')
overhead = statistics.median([a + b for a, b in ours]) - statistics.median([a for a, _, _ in floor])
print(f'save to serving minus the warm start (medians): {overhead * 1000:.0f} ms')
