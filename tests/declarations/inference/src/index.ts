import { Router } from 'express';
import { makeStore, Store, defaults, Mode } from './store';

// Calls of imported and local functions, with and without type arguments. (Type arguments that tsc
// would infer from the arguments of a generic function must be written out: see tests/warnings.)
export const store = makeStore<string>('main');
export const typedStore = makeStore<number>('numbers', 0);
export const router = Router();
export const localResult = describe(3);
export const parsedJson = JSON.parse('{}');
export const now = Date.now();

function describe(n: number) {
  return { n, label: `n=${n}`, even: n % 2 === 0 };
}

// new, literals, as, satisfies, object literals made of those.
export const instance = new Store<number>('x', 1);
export const map = new Map<string, number>();
export const label = 'fixed';
export let counter = 0;
export const lookup = map.get('a') ?? 0;
export const flags = [true, false];
export const mode = 'fast' as Mode;
export const config = { retries: 3, mode: 'slow' as Mode } satisfies { retries: number; mode: Mode };
export const composite = {
  store,
  name: 'composite',
  size: 10,
  created: new Date(0),
  nested: { enabled: true, level: defaults.level },
  make: (name: string) => makeStore<string>(name),
};

// Functions without return type annotations.
export function total(values: number[]) {
  return Math.max(0, ...values);
}
export async function load(name: string) {
  const loaded = makeStore<string>(name);
  return loaded;
}
export const arrow = (x: number) => x > 1;
export function nothing() {}
export function maybe(flag: boolean) {
  if (flag) {
    return 'yes';
  }
  return undefined;
}

export class Service {
  readonly store = makeStore<string>('service');
  count = 0;
  constructor(private readonly prefix = 'svc') {}
  run() {
    return this.prefix.length > 0;
  }
  async fetch() {
    return makeStore<string>(this.prefix, '');
  }
}

export default makeStore<string>('default');

// Unique symbols, indexed access by an annotated key, argument-free builder chains.
export const token = Symbol('token');
export const registered = Symbol.for('plugbuild.registered');
export class Keys {
  static readonly marker = Symbol();
}
const statusByCode = { ok: 200, missing: 404 } as const;
export function statusOf(code: keyof typeof statusByCode) {
  return statusByCode[code];
}
export const freshValues = makeStore<number>('fresh').all();
export const builtValues = new Store<boolean>('built').all();

// Properties of annotated parameters and of call results; `a || b`.
export interface Endpoint {
  apiUrl?: string;
  baseUrl: string;
  retries: number;
}
export function urlOf(endpoint: Endpoint) {
  return endpoint.apiUrl || endpoint.baseUrl;
}
export const retriesOf = (endpoint: Endpoint) => endpoint.retries;
export const storeName = makeStore<number>('named').name;

// Array methods on parameters whose type is written as an array, destructured parameters.
export interface Instance {
  name: string;
  url: string;
}
export const instanceNamed = ({
  instances,
  wanted,
}: {
  instances: Instance[];
  wanted: string;
}) => {
  const matched = instances.find(instance => instance.name === wanted);
  return matched;
};
export function instanceNames(instances: readonly Instance[]) {
  return instances.map(instance => instance.name);
}
export function instancesAt(instances: Array<Instance>, url: string) {
  return instances.filter(instance => instance.url === url);
}
export function hasInstance(instances: Instance[], name: string) {
  return instances.some(instance => instance.name === name);
}
export function instancePosition(instances: Instance[], instance: Instance) {
  return instances.indexOf(instance);
}
export function lastInstance(instances: Instance[]) {
  return instances.at(-1);
}
const firstOf = (instances: Instance[]) => instances[0];
function nameAt(instances: Instance[], index: number) {
  return instances[index].name;
}
export function instanceSummary(instances: Instance[]) {
  return { first: firstOf(instances), name: nameAt(instances, 0), count: instances.length };
}
export function instanceList(instances: Instance[]) {
  return instances.map(instance => `${instance.name} at ${instance.url}`).join(', ');
}
export * from './literals';
export { evenTicks, timeDomain, trimmedLabel, upperName, keyedLabel, linkLabels, hasLinks } from './returns';
export type { Link } from './returns';
export { requireSession, userOf, bothSet, registry, isOwner, initial, sessionSummary, page, ownerOf, messageOf, countOf, userNameOf, expiresOf, sessionOrUndefined, sessionOrNull, coerceFilter, lengthOf, numericPart, rootRoute, reloadRoutes, checkRoute, settled } from './narrowing';
export { withIde, ideSummary, sourceOf, shortId, spansMatching, spansByService, configuredOrEmpty, latestSpans, sortedIds, allKinds, openKinds } from './spreads';
export type { IdeConfig, Kind } from './spreads';
