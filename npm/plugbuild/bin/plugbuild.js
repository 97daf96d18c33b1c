#!/usr/bin/env node
// plugbuild's launcher: finds the native binary of this machine's platform package (installed by
// the package manager from plugbuild's optionalDependencies) and runs it with this process's
// arguments and terminal, passing its exit code or signal back.
'use strict';

const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');

// Filled in by scripts/npm-packages from npm/platforms.json: "<os> <cpu> [libc]" -> package.
const PLATFORMS = require('./platforms.json');

/** `glibc` or `musl` on Linux, from node's own diagnostic report (no `ldd` to run); else null. */
function linuxLibc() {
  if (process.platform !== 'linux') return null;
  try {
    const report = process.report.getReport();
    const header = typeof report === 'string' ? JSON.parse(report).header : report.header;
    return header.glibcVersionRuntime ? 'glibc' : 'musl';
  } catch {
    return 'glibc';
  }
}

function platformKey() {
  const libc = linuxLibc();
  return [process.platform, process.arch, libc].filter(Boolean).join(' ');
}

function fail(lines) {
  process.stderr.write(lines.map((line) => `plugbuild: ${line}`).join('\n') + '\n');
  process.exit(1);
}

function binaryPath() {
  const override = process.env.PLUGBUILD_BINARY_PATH;
  if (override) {
    if (!fs.existsSync(override)) {
      fail([`PLUGBUILD_BINARY_PATH is set to ${override}, which does not exist.`]);
    }
    return override;
  }
  const key = platformKey();
  const entry = PLATFORMS[key];
  if (!entry) {
    fail([
      `there is no native binary for this platform (${key}).`,
      `Supported: ${Object.keys(PLATFORMS).join(', ')}.`,
      'Build it from source (cargo build --release) and set PLUGBUILD_BINARY_PATH to the binary.',
    ]);
  }
  let packageDir;
  try {
    packageDir = path.dirname(require.resolve(`${entry.package}/package.json`));
  } catch {
    fail([
      `the package ${entry.package}, which holds the binary for ${key}, is not installed.`,
      'Package managers install it from plugbuild\'s optionalDependencies; it is missing when:',
      '  - optional dependencies were left out (npm --omit=optional or --no-optional, optional=false',
      '    in .npmrc, yarn --ignore-optional): install again without that;',
      '  - the lock file was written on another platform and pins only that platform\'s package:',
      '    install again here (npm install, yarn install, pnpm install) so that it adds this one;',
      '  - node_modules was copied from another operating system (a Docker image built with the',
      '    host\'s node_modules): run the install inside the machine that runs plugbuild.',
    ]);
  }
  const binary = path.join(packageDir, 'bin', entry.binary);
  if (!fs.existsSync(binary)) {
    fail([
      `${entry.package} is installed at ${packageDir} but has no bin/${entry.binary}.`,
      'Remove node_modules and install again.',
    ]);
  }
  return binary;
}

// The terminal's Ctrl-C reaches the whole process group; a signal sent to this process alone
// (a task runner stopping it) is passed on, so the binary never outlives its launcher. The
// handlers are installed before the spawn: until then a signal's default action would kill the
// launcher alone. Handlers run from the event loop, after `child` is assigned.
let child;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal));
}
child = spawn(binaryPath(), process.argv.slice(2), { stdio: 'inherit' });
child.on('error', (error) => fail([`could not run the binary: ${error.message}`]));
child.on('exit', (code, signal) => {
  if (signal) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  } else {
    process.exit(code);
  }
});
