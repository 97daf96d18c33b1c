// A BOM and CRLF line endings.
export function fail(): never {
  const a = 1;
  const b = 2;
  // line 5
  throw new Error('failed at line 6 ' + (a + b));
}
