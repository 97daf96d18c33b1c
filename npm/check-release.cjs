// Checks a folder of tarballs before it is published: the main package and one package for every
// platform of npm/platforms.json, all at the version given, each platform package with its binary,
// and the main package naming exactly those as optional dependencies at that version. A release
// that lacks one would install nothing on that platform, so publishing stops here instead.
//   node npm/check-release.cjs <folder of .tgz files> <version>
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const [folder, version] = process.argv.slice(2);
const platforms = require('./platforms.json');

/** The files of a .tgz (npm's tarballs are ustar), by name, as buffers. */
function tarballFiles(file) {
  const data = zlib.gunzipSync(fs.readFileSync(file));
  const files = new Map();
  for (let offset = 0; offset + 512 <= data.length; ) {
    const header = data.subarray(offset, offset + 512);
    const name = header.subarray(0, 100).toString().replace(/\0.*$/s, '');
    if (!name) break;
    const prefix = header.subarray(345, 500).toString().replace(/\0.*$/s, '');
    const size = parseInt(header.subarray(124, 136).toString().trim(), 8) || 0;
    const full = prefix ? `${prefix}/${name}` : name;
    files.set(full, data.subarray(offset + 512, offset + 512 + size));
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

const problems = [];
function manifestOf(name) {
  const file = path.join(folder, `${name.replace('@', '').replace('/', '-')}-${version}.tgz`);
  if (!fs.existsSync(file)) {
    problems.push(`${name}@${version} is missing (no ${path.basename(file)})`);
    return null;
  }
  const files = tarballFiles(file);
  const manifest = JSON.parse(files.get('package/package.json').toString());
  if (manifest.version !== version) {
    problems.push(`${name} is at ${manifest.version}, not ${version}`);
  }
  return { manifest, files };
}

const main = manifestOf('plugbuild');
if (main) {
  const optional = main.manifest.optionalDependencies || {};
  const expected = Object.fromEntries(platforms.map((p) => [p.package, version]));
  if (JSON.stringify(optional) !== JSON.stringify(expected)) {
    problems.push(`plugbuild's optionalDependencies are ${JSON.stringify(optional)}, not ${JSON.stringify(expected)}`);
  }
}
for (const platform of platforms) {
  const found = manifestOf(platform.package);
  if (found && !found.files.has(`package/bin/${platform.binary}`)) {
    problems.push(`${platform.package} has no bin/${platform.binary}`);
  }
}
if (problems.length) {
  process.stderr.write(`the release is incomplete:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(`${platforms.length + 1} packages at ${version}, complete\n`);
