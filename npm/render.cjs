// Writes the npm packages' folders for scripts/npm-packages:
//   node npm/render.cjs <stage folder> <version> [<platform package>=<binary> ...]
// The main package gets every platform of npm/platforms.json as an exact-version optional
// dependency; each platform package named on the command line gets its binary.
'use strict';
const fs = require('fs');
const path = require('path');

const [stage, version, ...built] = process.argv.slice(2);
const platforms = require('./platforms.json');
const main = require('./plugbuild/package.json');
const { description, license } = main;

function writeJson(file, value) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value, null, 2) + '\n');
}

const launcherDir = path.join(stage, 'plugbuild');
writeJson(path.join(launcherDir, 'package.json'), {
  ...main,
  version,
  files: [...main.files, 'bin/platforms.json'],
  optionalDependencies: Object.fromEntries(platforms.map((p) => [p.package, version])),
});
fs.mkdirSync(path.join(launcherDir, 'bin'), { recursive: true });
fs.copyFileSync(path.join(__dirname, 'plugbuild/bin/plugbuild.js'), path.join(launcherDir, 'bin/plugbuild.js'));
fs.chmodSync(path.join(launcherDir, 'bin/plugbuild.js'), 0o755);
fs.copyFileSync(path.join(__dirname, 'plugbuild/README.md'), path.join(launcherDir, 'README.md'));
writeJson(
  path.join(launcherDir, 'bin/platforms.json'),
  Object.fromEntries(
    platforms.map((p) => [[p.os, p.cpu, p.libc].filter(Boolean).join(' '), { package: p.package, binary: p.binary }]),
  ),
);

for (const argument of built) {
  const [name, binary] = argument.split('=');
  const platform = platforms.find((p) => p.package === name);
  if (!platform) throw new Error(`${name} is not in npm/platforms.json`);
  const dir = path.join(stage, name.split('/').pop());
  writeJson(path.join(dir, 'package.json'), {
    name,
    version,
    description: `plugbuild's native binary for ${platform.os} ${platform.cpu}${platform.libc ? ` (${platform.libc})` : ''}`,
    license,
    os: [platform.os],
    cpu: [platform.cpu],
    ...(platform.libc ? { libc: [platform.libc] } : {}),
    // Yarn PnP runs binaries from an unpacked folder.
    preferUnplugged: true,
    files: [`bin/${platform.binary}`],
  });
  fs.mkdirSync(path.join(dir, 'bin'), { recursive: true });
  fs.copyFileSync(binary, path.join(dir, 'bin', platform.binary));
  fs.chmodSync(path.join(dir, 'bin', platform.binary), 0o755);
  fs.writeFileSync(path.join(dir, 'README.md'), `# ${name}\n\nThe native binary of [plugbuild](https://www.npmjs.com/package/plugbuild) for ${platform.os} ${platform.cpu}. Install \`plugbuild\`, not this package.\n`);
}
