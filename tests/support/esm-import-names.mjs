// Prints, as the last line, the names an ES module sees when it imports the CommonJS file given
// (node finds them with cjs-module-lexer, without running the file):
//   node esm-import-names.mjs <file>
// The file runs too (it is imported); when it throws, the line says so instead.
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const file = pathToFileURL(path.resolve(process.argv[2])).href;
try {
  const namespace = await import(file);
  process.stdout.write('\nnames: ' + JSON.stringify(Object.keys(namespace).sort()) + '\n');
} catch (error) {
  process.stdout.write('\nimport failed: ' + (error && error.name) + '\n');
}
