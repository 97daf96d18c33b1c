// Declaration fidelity on real TypeScript sources shipped in npm packages: plugbuild's per-file
// declarations (`plugbuild tsc`) next to tsc's (`tsc --declaration --emitDeclarationOnly`), compared
// export by export with the real checker: the share of exported names whose type, as
// `checker.typeToString` prints it, is the same (up to the order of a union's members, which is
// the order the checking program happened to create them in; those are also counted apart), and
// the type errors in each side's declaration files. A report, not a test.
//   node benches/fidelity.cjs <plugbuild binary> [package folder ...]
// Each extra package folder (one with `src/`, whose dependencies resolve from a `node_modules` in or
// above it, such as a plugin of a checked-out Backstage repository) is measured too.
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const ts = require('typescript');

const root = path.resolve(__dirname, '..');
const plugbuild = path.resolve(process.argv[2] || path.join(root, 'target/release/plugbuild'));
const work = path.join(__dirname, 'work', 'fidelity');
const modules = path.join(__dirname, 'node_modules');

// FIDELITY_FOLDERS_ONLY=1 measures the package folders given and leaves out the npm corpora.
const corpora = process.env.FIDELITY_FOLDERS_ONLY ? [] : [
  { name: 'zod (src/v3)', package: 'zod', src: 'src/v3' },
  { name: 'rxjs 7 (src/internal)', package: 'rxjs', src: 'src/internal' },
  { name: '@trpc/server (src)', package: '@trpc/server', src: 'src' },
];

const compilerOptions = {
  target: 'ES2022',
  module: 'ESNext',
  moduleResolution: 'bundler',
  strict: true,
  skipLibCheck: true,
  esModuleInterop: true,
  isolatedModules: false,
  lib: ['ES2023', 'DOM'],
  jsx: 'react-jsx',
  types: [],
};

function copy(from, to) {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) copy(source, target);
    else if (/\.tsx?$/.test(entry.name) && !/\.(test|spec)\.tsx?$/.test(entry.name)) fs.copyFileSync(source, target);
  }
}

function files(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? files(full) : full.endsWith('.d.ts') ? [full] : [];
  });
}

const flags = ts.TypeFormatFlags.NoTruncation;

// The printed type with every union's members in one order. The checker prints a union's members in
// the order its program first created them (type ids), so the same declaration text can print
// `"a" | "b"` in one program and `"b" | "a"` in another when other files differ: the same type.
const printer = ts.createPrinter({ removeComments: true });
function unionOrderFree(text) {
  const file = ts.createSourceFile('type.ts', `type T = ${text};`, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  if (file.parseDiagnostics && file.parseDiagnostics.length) return text;
  const sortUnions = context => node => {
    const visited = ts.visitEachChild(node, sortUnions(context), context);
    if (!ts.isUnionTypeNode(visited)) return visited;
    const members = visited.types.map(member => ({ member, key: printer.printNode(ts.EmitHint.Unspecified, member, file) }));
    members.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return ts.factory.updateUnionTypeNode(visited, ts.factory.createNodeArray(members.map(m => m.member)));
  };
  const [result] = ts.transform(file, [sortUnions]).transformed;
  return printer.printFile(result);
}
function describeExports(declarationsDir) {
  const list = files(declarationsDir);
  const options = ts.convertCompilerOptionsFromJson({ ...compilerOptions, noEmit: true }, declarationsDir).options;
  const program = ts.createProgram(list, options);
  const checker = program.getTypeChecker();
  const result = new Map();
  const declaredIn = new Map();
  result.declaredIn = declaredIn;
  const canonical = new Map();
  result.canonical = canonical;
  for (const file of list) {
    const source = program.getSourceFile(file);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (!moduleSymbol) continue;
    for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      if (!(target.declarations || []).length) continue;
      const parts = [];
      if (target.flags & ts.SymbolFlags.Value) parts.push(checker.typeToString(checker.getTypeOfSymbol(target), undefined, flags));
      if (target.flags & ts.SymbolFlags.Type) parts.push(checker.typeToString(checker.getDeclaredTypeOfSymbol(target), undefined, flags));
      // A parameter's destructuring pattern is printed from the declaration text: tsc keeps a
      // trailing comma from the source (`{ a, b, }`) that plugbuild's printer does not write. That
      // is a parameter name, not a type, so it is not counted as a difference.
      // `typeof import("<dir>/ours/x")` names the folder the declarations were written to: the
      // same module on both sides.
      const printed = parts.join(' / ').replace(/, }/g, ' }').split(declarationsDir + path.sep).join('<declarations>/');
      result.set(`${path.relative(declarationsDir, file)}#${symbol.name}`, printed);
      canonical.set(`${path.relative(declarationsDir, file)}#${symbol.name}`, printed.split(' / ').map(unionOrderFree).join(' / '));
      // Where the name is declared: a re-export of a file tsc did not write is not plugbuild's extra.
      declaredIn.set(`${path.relative(declarationsDir, file)}#${symbol.name}`, path.relative(declarationsDir, target.declarations[0].getSourceFile().fileName));
    }
  }
  return result;
}

// The type errors in the declaration files of `declarationsDir` themselves (their dependencies'
// files are read, not checked): declarations that do not type-check give a consumer that checks
// them (`skipLibCheck: false`) errors, whatever the types they say.
function typeErrors(declarationsDir) {
  if (!fs.existsSync(declarationsDir)) return [];
  const list = files(declarationsDir);
  const options = ts.convertCompilerOptionsFromJson({ ...compilerOptions, noEmit: true, skipLibCheck: false }, declarationsDir).options;
  const program = ts.createProgram(list, options);
  return list.flatMap(file => {
    const source = program.getSourceFile(file);
    if (!source) return [];
    return program.getSemanticDiagnostics(source).map(d => {
      const { line } = source.getLineAndCharacterOfPosition(d.start || 0);
      return `${path.relative(declarationsDir, file)}:${line + 1}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    });
  });
}

// Every node_modules folder in or above `dir`, nearest first: what node's resolution walks through.
function nodeModulesChain(dir) {
  const chain = [];
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    if (fs.existsSync(path.join(at, 'node_modules'))) chain.push(path.join(at, 'node_modules'));
    if (path.dirname(at) === at) break;
  }
  if (!chain.length) throw new Error(`no node_modules in or above ${dir}`);
  return chain;
}

// A node_modules for the copy that resolves as the package's folder would: links to every package
// of the chain, the nearest copy of each winning (a workspace package's own node_modules usually
// holds only what could not be hoisted).
function linkModules(chain, target) {
  fs.mkdirSync(target, { recursive: true });
  for (const modules of chain) {
    for (const entry of fs.readdirSync(modules)) {
      if (entry.startsWith('.')) continue;
      const source = path.join(modules, entry);
      if (entry.startsWith('@')) {
        fs.mkdirSync(path.join(target, entry), { recursive: true });
        for (const scoped of fs.readdirSync(source)) {
          const link = path.join(target, entry, scoped);
          if (!fs.existsSync(link)) fs.symlinkSync(path.join(source, scoped), link);
        }
      } else if (!fs.existsSync(path.join(target, entry))) {
        fs.symlinkSync(source, path.join(target, entry));
      }
    }
  }
}

for (const folder of process.argv.slice(3)) {
  const resolved = path.resolve(folder);
  if (!fs.existsSync(path.join(resolved, 'src'))) {
    console.error(`skipped ${folder}: no src/`);
    continue;
  }
  // The repository's folder name too: two repositories can both have a `plugins/backend`.
  const name = `${path.basename(path.dirname(path.dirname(resolved)))}/${path.basename(resolved)}`;
  corpora.push({ name: `${name} (src)`, folder: resolved, source: path.join(folder, 'src'), modules: nodeModulesChain(folder), key: name.replace('/', '-') });
}

const rows = [];
for (const corpus of corpora) {
  const dir = path.join(work, corpus.key || corpus.package.replace('/', '-'));
  fs.rmSync(dir, { recursive: true, force: true });
  copy(corpus.source || path.join(modules, corpus.package, corpus.src), path.join(dir, 'src'));
  if (corpus.modules) linkModules(corpus.modules, path.join(dir, 'node_modules'));
  else fs.symlinkSync(modules, path.join(dir, 'node_modules'));
  fs.writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { ...compilerOptions, rootDir: 'src', outDir: 'ours', declaration: true }, include: ['src'] }, null, 2),
  );
  // The package folder, for benches/api-reports.cjs.
  if (corpus.folder) fs.writeFileSync(path.join(dir, 'source.json'), JSON.stringify({ folder: corpus.folder }));
  const sourceFiles = fs.readdirSync(path.join(dir, 'src'), { recursive: true }).filter(f => /\.tsx?$/.test(f) && !f.endsWith('.d.ts')).length;
  try {
    execFileSync(plugbuild, ['tsc', '--quiet', '--color', 'never'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    // Exit code 2, as tsc's: errors were reported (the corpora import packages nobody declared) and
    // the declarations were written. Anything else is a failure.
    if (error.status !== 2) throw error;
  }
  try {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', '.', '--emitDeclarationOnly', '--noCheck', '--outDir', 'theirs'], { cwd: dir, stdio: 'pipe' });
  } catch (error) {
    // tsc writes declarations even when it reports errors; the comparison uses what it wrote.
  }
  const ours = describeExports(path.join(dir, 'ours'));
  const theirs = describeExports(path.join(dir, 'theirs'));
  // `identical`: the same printed type; `reordered`: the same type printed with a union's members
  // in another order (counted as the same type, and reported apart).
  let identical = 0;
  let reordered = 0;
  const differing = [];
  for (const [key, type] of theirs) {
    const mine = ours.get(key);
    if (mine === type) identical++;
    else if (mine !== undefined && ours.canonical.get(key) === theirs.canonical.get(key)) reordered++;
    else differing.push({ key, ours: mine, theirs: type });
  }
  // Names plugbuild's files export that tsc's do not (a local or a helper type exported by accident
  // changes what `import *` sees), and the files that have any.
  // A file tsc did not write (it refuses one whose inferred types it cannot name: TS2742) is
  // counted apart, not as names plugbuild exports that tsc does not.
  const theirsDir = path.join(dir, 'theirs');
  const unwritten = new Set([...ours.keys()].map(key => key.split('#')[0]).filter(file => !fs.existsSync(path.join(theirsDir, file))));
  const extra = [...ours.keys()].filter(key => !theirs.has(key) && !unwritten.has(key.split('#')[0]) && !unwritten.has(ours.declaredIn.get(key)));
  const filesWithExtra = new Set(extra.map(key => key.split('#')[0])).size;
  const errors = { ours: typeErrors(path.join(dir, 'ours')), theirs: typeErrors(theirsDir) };
  rows.push({ corpus: corpus.name, files: sourceFiles, exports: theirs.size, identical: identical + reordered, reordered, differing, extra, filesWithExtra, unwritten: unwritten.size, errors });
}

console.log('\n| corpus | source files | exported names (tsc) | same type | share | of which union order differs | names tsc does not export (files) | files tsc did not write | type errors in the declarations (plugbuild / tsc) |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const row of rows) {
  console.log(`| ${row.corpus} | ${row.files} | ${row.exports} | ${row.identical} | ${((100 * row.identical) / Math.max(1, row.exports)).toFixed(1)}% | ${row.reordered} | ${row.extra.length} (${row.filesWithExtra}) | ${row.unwritten} | ${row.errors.ours.length} / ${row.errors.theirs.length} |`);
}
const total = rows.reduce((sum, row) => ({ exports: sum.exports + row.exports, identical: sum.identical + row.identical, reordered: sum.reordered + row.reordered, extra: sum.extra + row.extra.length, ours: sum.ours + row.errors.ours.length, theirs: sum.theirs + row.errors.theirs.length }), { exports: 0, identical: 0, reordered: 0, extra: 0, ours: 0, theirs: 0 });
console.log(`| all | | ${total.exports} | ${total.identical} | ${((100 * total.identical) / Math.max(1, total.exports)).toFixed(1)}% | ${total.reordered} | ${total.extra} | | ${total.ours} / ${total.theirs} |`);
fs.writeFileSync(path.join(work, 'differences.json'), JSON.stringify(rows.map(r => ({ corpus: r.corpus, differing: r.differing, extra: r.extra, typeErrors: r.errors.ours })), null, 2));
console.log(`\nEvery differing export: ${path.relative(root, path.join(work, 'differences.json'))}`);
