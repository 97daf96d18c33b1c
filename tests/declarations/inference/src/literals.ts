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

// tsc evaluates a template literal whose substitutions are constants: its type is the string's
// literal type. `as const` gives a template literal type of the substitutions' types.
const apiRoot = 'http://localhost:7007';
const apiPort = 7007;
const routes = { proxy: '/api/proxy' } as const;
export const catalogUrl = `${apiRoot}/api/catalog`;
export const portUrl = `http://localhost:${apiPort + 1}/`;
export const proxyUrl = `${apiRoot}${routes.proxy}/coder` as const;
export const versionedUrl = `${proxyUrl}/v2` as const;
export const endpointsOf = { users: `${versionedUrl}/users`, root: `${apiRoot}/` } as const;
export const mutableUrl = { url: `${apiRoot}/x` };
export function readmeUrl() {
  return `${catalogUrl}/readme`;
}
export const randomText = `${Math.random()}`;
