// Compares plugbuild's rolled-up declarations with tsc's own declaration output for the same entry,
// using the real TypeScript checker:
//   node compare-declarations.cjs <dir> <ours.d.ts> <theirs.d.ts> [known,different,names]
// Prints JSON: the exported names of each side, the names whose described types differ, and the
// diagnostics of (1) our .d.ts under strict checking with skipLibCheck off (and of tsc's, for the
// errors tsc's own output has too) and (2) a generated check file asserting mutual assignability of
// every export whose description differs; and (3) the exported functions whose parameter names differ.
'use strict';
const path = require('path');
const fs = require('fs');
const ts = require(path.join(__dirname, '../npm/node_modules/typescript'));

const [dir, oursFile, theirsFile] = process.argv.slice(2, 5).map(p => path.resolve(p));
// Optional: export names whose types are known to differ (left out of the assignability check).
const knownDifferent = new Set((process.argv[5] || '').split(',').filter(Boolean));
const options = {
  strict: true,
  noEmit: true,
  skipLibCheck: false,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  esModuleInterop: true,
  types: ['node'],
  typeRoots: [path.join(dir, 'node_modules/@types')],
};

function program(files) {
  return ts.createProgram(files, options);
}

function format(diagnostics) {
  return diagnostics.map(d => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!d.file) return message;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${path.relative(dir, d.file.fileName)}(${line + 1},${character + 1}): TS${d.code}: ${message}`;
  });
}

const flags = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope;

function describe(checker, symbol) {
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  const parts = [];
  const show = type => {
    const props = checker.getPropertiesOfType(type).map(p => {
      const optional = p.flags & ts.SymbolFlags.Optional ? '?' : '';
      return `${p.name}${optional}: ${checker.typeToString(checker.getTypeOfSymbol(p), undefined, flags)}`;
    });
    const signatures = kind =>
      checker.getSignaturesOfType(type, kind).map(s => checker.signatureToString(s, undefined, flags));
    return `${checker.typeToString(type, undefined, flags)} {${props.sort().join('; ')}} call[${signatures(ts.SignatureKind.Call).join(' | ')}] new[${signatures(ts.SignatureKind.Construct).join(' | ')}]`;
  };
  if (target.flags & ts.SymbolFlags.Value) parts.push('value ' + show(checker.getTypeOfSymbol(target)));
  const parameterNames =
    target.flags & ts.SymbolFlags.Value
      ? checker
          .getSignaturesOfType(checker.getTypeOfSymbol(target), ts.SignatureKind.Call)
          .map(s => s.parameters.map(p => p.name).join(','))
          .join(' | ')
      : '';
  if (target.flags & ts.SymbolFlags.Type) parts.push('type ' + show(checker.getDeclaredTypeOfSymbol(target)));
  return {
    text: parts.join(' / '),
    flags: target.flags,
    typeParameters: typeParameterCount(target),
    parameterNames,
  };
}

function typeParameterCount(symbol) {
  const declaration = (symbol.declarations || [])[0];
  return declaration && declaration.typeParameters ? declaration.typeParameters.length : 0;
}

function exportsOf(checker, sourceFile) {
  const moduleSymbol = checker.getSymbolAtLocation(sourceFile);
  if (!moduleSymbol) return new Map();
  // An export whose target does not exist (tsc keeps `export { x } from` for a declaration that
  // stripInternal removed) is not an export a consumer can use: leave it out.
  const usable = checker.getExportsOfModule(moduleSymbol).filter(s => {
    const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
    return (target.declarations || []).length > 0;
  });
  return new Map(usable.map(s => [s.name, describe(checker, s)]));
}

const first = program([oursFile, theirsFile]);
const checker = first.getTypeChecker();
const ours = exportsOf(checker, first.getSourceFile(oursFile));
const theirs = exportsOf(checker, first.getSourceFile(theirsFile));
const diagnosticsOf = file =>
  format([
    ...first.getSyntacticDiagnostics(first.getSourceFile(file)),
    ...first.getSemanticDiagnostics(first.getSourceFile(file)),
  ]);
const oursDiagnostics = diagnosticsOf(oursFile);
const theirsDiagnostics = diagnosticsOf(theirsFile);

const differing = [...ours.keys()].filter(
  name => theirs.has(name) && ours.get(name).text !== theirs.get(name).text && !knownDifferent.has(name),
);
const relative = file => './' + path.relative(dir, file).replace(/\.d\.ts$/, '').split(path.sep).join('/');
const lines = [
  `import * as ours from '${relative(oursFile)}';`,
  `import * as theirs from '${relative(theirsFile)}';`,
  // Mutual assignability, except that `any` and `unknown` only match themselves: a declaration that
  // degraded to either would otherwise pass against any type of tsc's.
  'type IsAny<T> = 0 extends 1 & T ? true : false;',
  "type Looseness<T> = IsAny<T> extends true ? 'any' : unknown extends T ? 'unknown' : 'typed';",
  'type SameLooseness<A, B> = [Looseness<A>] extends [Looseness<B>] ? ([Looseness<B>] extends [Looseness<A>] ? true : false) : false;',
  'type Mutual<A, B> = SameLooseness<A, B> extends true ? ([A] extends [B] ? ([B] extends [A] ? true : false) : false) : false;',
  'function assertMutual<T extends true>(): void {}',
  'type Public<T> = { [K in keyof T]: T[K] };',
];
for (const name of differing) {
  const { flags: f, typeParameters } = theirs.get(name);
  const key = name === 'default' ? 'default' : name;
  const args = typeParameters ? `<${Array(typeParameters).fill('any').join(', ')}>` : '';
  if (f & ts.SymbolFlags.Class) {
    lines.push(`assertMutual<Mutual<Public<InstanceType<typeof ours.${key}>>, Public<InstanceType<typeof theirs.${key}>>>>();`);
    lines.push(`assertMutual<Mutual<ConstructorParameters<typeof ours.${key}>, ConstructorParameters<typeof theirs.${key}>>>();`);
  } else if (f & ts.SymbolFlags.Enum) {
    lines.push(`assertMutual<Mutual<\`\${ours.${key}}\`, \`\${theirs.${key}}\`>>();`);
    lines.push(`assertMutual<Mutual<keyof typeof ours.${key}, keyof typeof theirs.${key}>>();`);
  } else {
    if (f & ts.SymbolFlags.Value) lines.push(`assertMutual<Mutual<typeof ours.${key}, typeof theirs.${key}>>();`);
    if (f & ts.SymbolFlags.Type) lines.push(`assertMutual<Mutual<ours.${key}${args}, theirs.${key}${args}>>();`);
  }
}
const checkFile = path.join(dir, 'declaration-check.ts');
fs.writeFileSync(checkFile, lines.join('\n') + '\n');
const second = program([checkFile]);
const checkDiagnostics = format([
  ...second.getSyntacticDiagnostics(second.getSourceFile(checkFile)),
  ...second.getSemanticDiagnostics(second.getSourceFile(checkFile)),
]);

console.log(
  JSON.stringify(
    {
      ours: [...ours.keys()].sort(),
      theirs: [...theirs.keys()].sort(),
      // Exported functions whose parameters are named differently (a consumer's editor shows them).
      renamedParameters: [...ours.keys()]
        .filter(name => theirs.has(name) && ours.get(name).parameterNames !== theirs.get(name).parameterNames)
        .map(name => ({ name, ours: ours.get(name).parameterNames, theirs: theirs.get(name).parameterNames })),
      differing: differing.map(name => ({ name, ours: ours.get(name).text, theirs: theirs.get(name).text })),
      oursDiagnostics,
      theirsDiagnostics,
      checkDiagnostics,
    },
    null,
    2,
  ),
);
