// Prints, for every JavaScript file below a folder, what a bundler sees it export (esbuild's
// metafile, the files read as they are, nothing bundled) and the own files it imports:
//   node module-exports.cjs <folder>  ->  { "components/Card.esm.js": { "exports": [...], "imports": [...] } }
// Paths under node_modules_dist are given from node_modules_dist on (backstage-cli places that folder
// by where style-inject is installed).
'use strict';
const path = require('path');
const fs = require('fs');
const esbuild = require(path.join(__dirname, '../npm/node_modules/esbuild'));

const root = path.resolve(process.argv[2]);
const files = [];
(function walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (/\.(m|c)?js$/.test(entry.name)) files.push(full);
  }
})(root);
files.sort();
const shown = (file) => {
  const relative = path.relative(root, file).split(path.sep).join('/');
  const at = relative.indexOf('node_modules_dist/');
  return at >= 0 ? relative.slice(at) : relative;
};
(async () => {
const result = {};
for (const file of files.sort()) {
  const built = await esbuild.build({
    entryPoints: [file],
    bundle: true,
    plugins: [{ name: 'all-external', setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => args.kind === 'entry-point' ? undefined : { path: args.path, external: true });
    } }],
    write: false,
    metafile: true,
    format: 'esm',
    outdir: path.join(root, '.module-exports'),
    logLevel: 'silent',
  });
  const output = Object.values(built.metafile.outputs).find((o) => o.entryPoint);
  const input = Object.values(built.metafile.inputs)[0];
  const imports = input.imports
    .filter((i) => i.path.startsWith('.'))
    .map((i) => `${i.kind === 'dynamic-import' ? 'import()' : 'import'} ${shown(path.resolve(path.dirname(file), i.path))}`)
    .sort();
  result[shown(file)] = { exports: [...output.exports].sort(), imports };
}
console.log(JSON.stringify(result, null, 2));
})().catch((error) => { console.error(error); process.exit(1); });
