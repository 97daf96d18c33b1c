// Literal types as tsc keeps them: `as const` objects and arrays (members typed from annotated
// parameters), substitution-free templates, and `+` with a string or two numbers.
export const addItems = (items: string[]) => ({ type: 'ADD', payload: items }) as const;
export const fixedTemplate = `fixed` as const;
export const levels = ['low', 2, true] as const;
export const nestedConst = { outer: { inner: ['x'] } } as const;
export const greeting = (name: string) => 'hello ' + name;
export const sumOf = (a: number, b: number) => a + b;
export const countLabel = (count: number) => count + ' items';
// A global Set of an array literal: its widened element type (tsc: `Set<string>`).
export const scopedKinds = new Set(['component', 'resource']);
