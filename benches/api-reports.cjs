// API reports over plugbuild's per-file declarations and over tsc's: api-extractor (the engine of
// `backstage-repo-tools api-reports`, with the settings that command gives it) reads each
// package's `index.d.ts` in both, and the two `.api.md` reports are compared. A report, not a test.
//   node benches/api-reports.cjs [role ...]
// Run benches/fidelity.cjs first: it writes both declaration folders of every corpus into
// benches/work/fidelity/<corpus>/{ours,theirs} and the package folder into <corpus>/source.json.
// Only packages whose backstage.role is one of the roles given are reported (default: backend and
// common roles).
'use strict';
const fs = require('fs');
const path = require('path');
const { Extractor, ExtractorConfig } = require('@microsoft/api-extractor');

const work = path.join(__dirname, 'work', 'fidelity');
const roles = process.argv.slice(2).length
  ? process.argv.slice(2)
  : ['backend-plugin', 'backend-plugin-module', 'node-library', 'common-library'];

// What `backstage-repo-tools api-reports` configures: a report per entry point, warnings instead of
// failures, no doc model, roll-up or TSDoc metadata.
function extractorConfig(projectFolder, entry, reportFolder) {
  return {
    projectFolder,
    mainEntryPointFilePath: entry,
    bundledPackages: [],
    newlineKind: 'lf',
    compiler: {
      overrideTsconfig: {
        compilerOptions: { strict: true, skipLibCheck: true, jsx: 'react-jsx', moduleResolution: 'bundler', module: 'ESNext', target: 'ES2022', esModuleInterop: true },
        files: [entry],
      },
    },
    apiReport: { enabled: true, reportFileName: 'report.api.md', reportFolder, reportTempFolder: reportFolder },
    docModel: { enabled: false },
    dtsRollup: { enabled: false },
    tsdocMetadata: { enabled: false },
    messages: {
      compilerMessageReporting: { default: { logLevel: 'none' } },
      extractorMessageReporting: {
        default: { logLevel: 'none', addToApiReportFile: true },
        'ae-missing-release-tag': { logLevel: 'none', addToApiReportFile: true },
        'ae-forgotten-export': { logLevel: 'none', addToApiReportFile: true },
      },
      tsdocMessageReporting: { default: { logLevel: 'none', addToApiReportFile: false } },
    },
  };
}

function report(dir, side) {
  const entry = path.join(dir, side, 'index.d.ts');
  if (!fs.existsSync(entry)) return undefined;
  const reportFolder = path.join(dir, `api-${side}`);
  fs.rmSync(reportFolder, { recursive: true, force: true });
  fs.mkdirSync(reportFolder, { recursive: true });
  const config = ExtractorConfig.prepare({
    configObject: extractorConfig(dir, entry, reportFolder),
    configObjectFullPath: path.join(dir, 'api-extractor.json'),
    packageJsonFullPath: path.join(dir, 'package.json'),
  });
  try {
    Extractor.invoke(config, { localBuild: true, showVerboseMessages: false, messageCallback: m => { m.handled = true; } });
  } catch (error) {
    return `api-extractor failed: ${error.message}`;
  }
  const file = path.join(reportFolder, 'report.api.md');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : 'no report written';
}

const rows = [];
for (const name of fs.readdirSync(work).sort()) {
  const dir = path.join(work, name);
  const sourceFile = path.join(dir, 'source.json');
  if (!fs.existsSync(sourceFile)) continue;
  const { folder } = JSON.parse(fs.readFileSync(sourceFile, 'utf8'));
  const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8'));
  const role = manifest.backstage && manifest.backstage.role;
  if (!roles.includes(role)) continue;
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: manifest.name, version: manifest.version || '0.0.0' }));
  const ours = report(dir, 'ours');
  const theirs = report(dir, 'theirs');
  if (ours === undefined || theirs === undefined) continue;
  // The reports name the declaration files' folders (`// ours/plugin.d.ts:2:22`): not a difference.
  const oursLines = ours.replaceAll('// ours/', '// ').split('\n');
  const theirsLines = theirs.replaceAll('// theirs/', '// ').split('\n');
  const differing = oursLines.filter(line => !theirsLines.includes(line)).concat(theirsLines.filter(line => !oursLines.includes(line)).map(line => `tsc: ${line}`));
  rows.push({ name, role, identical: oursLines.join('\n') === theirsLines.join('\n'), differing });
}

console.log('\n| package | role | API report identical to tsc\'s |');
console.log('|---|---|---|');
for (const row of rows) console.log(`| ${row.name} | ${row.role} | ${row.identical ? 'yes' : `no (${row.differing.length} lines)`} |`);
const same = rows.filter(row => row.identical).length;
console.log(`\n${same} of ${rows.length} packages (${((100 * same) / Math.max(1, rows.length)).toFixed(1)}%) have identical API reports.`);
fs.writeFileSync(path.join(work, 'api-report-differences.json'), JSON.stringify(rows.filter(row => !row.identical), null, 2));
console.log(`Every differing line: ${path.relative(path.resolve(__dirname, '..'), path.join(work, 'api-report-differences.json'))}`);
