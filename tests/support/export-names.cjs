// Prints, for every .d.ts file below a folder, the names it exports (by the real TypeScript checker):
//   node export-names.cjs <folder>  ->  { "plugins/x/src/index.d.ts": ["a", "b"], ... }
'use strict';
const path = require('path');
const fs = require('fs');
const ts = require(path.join(__dirname, '../npm/node_modules/typescript'));

const root = path.resolve(process.argv[2]);
const files = [];
(function walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (entry.name.endsWith('.d.ts')) files.push(full);
  }
})(root);
const program = ts.createProgram(files, { noEmit: true, skipLibCheck: true, types: [], moduleResolution: ts.ModuleResolutionKind.Bundler, module: ts.ModuleKind.ESNext });
const checker = program.getTypeChecker();
const result = {};
for (const file of files.sort()) {
  const symbol = checker.getSymbolAtLocation(program.getSourceFile(file));
  const names = symbol ? checker.getExportsOfModule(symbol).map(s => s.name).sort() : [];
  result[path.relative(root, file).split(path.sep).join('/')] = names;
}
console.log(JSON.stringify(result, null, 2));
