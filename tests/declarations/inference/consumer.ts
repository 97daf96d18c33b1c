import makeDefault, {
  Instance,
  instanceNamed,
  instanceNames,
  instancesAt,
  hasInstance,
  instancePosition,
  lastInstance,
  instanceList,
  instanceSummary,
  Service,
  arrow,
  composite,
  config,
  counter,
  flags,
  instance,
  label,
  load,
  localResult,
  lookup,
  map,
  maybe,
  mode,
  nothing,
  now,
  router,
  store,
  total,
  typedStore,
} from './dist/index';
import type { Router } from 'express';
import { token, registered, Keys, statusOf, freshValues, builtValues, urlOf, retriesOf, storeName } from './dist/index';

const s: string[] = store.all();
// @ts-expect-error the default store holds strings
const sNumbers: number[] = store.all();
const n: number[] = typedStore.all();
// @ts-expect-error typedStore holds numbers
typedStore.add('x');
const r: Router = router;
// @ts-expect-error a Router is not a number
const rNumber: number = router;
const described: { n: number; label: string; even: boolean } = localResult;
// @ts-expect-error even is a boolean
const evenText: string = localResult.even;
const time: number = now;
// @ts-expect-error Date.now() is a number
const timeText: string = now;
const looked: number = lookup;
// @ts-expect-error lookup is never undefined
const lookedUndefined: undefined = lookup;
const inst: string = instance.name;
// @ts-expect-error Store<number> takes numbers
instance.add('x');
map.set('a', 1);
// @ts-expect-error the map holds numbers
map.set('a', 'b');
const fixed: 'fixed' = label;
const count: number = counter;
// @ts-expect-error counter is a number
const countText: string = counter;
const bools: boolean[] = flags;
const m: 'fast' | 'slow' = mode;
// @ts-expect-error mode is fast or slow
const m2: 'fast' = mode;
const retries: number = config.retries;
const compositeName: string = composite.name;
const compositeStore: string[] = composite.store.all();
const created: Date = composite.created;
const level: number = composite.nested.level;
// @ts-expect-error enabled is a boolean
const enabledText: string = composite.nested.enabled;
const made: string[] = composite.make('x').all();
const sum: number = total([1, 2]);
// @ts-expect-error total returns a number
const sumText: string = total([1]);
async function run() {
  const loaded: string[] = (await load('x')).all();
  // @ts-expect-error load resolves to a Store<string>
  const loadedNumbers: number[] = (await load('x')).all();
  const service = new Service();
  const fetched: string[] = (await service.fetch()).all();
  return { loaded, loadedNumbers, fetched };
}
const isBig: boolean = arrow(2);
// @ts-expect-error arrow takes a number
arrow('2');
const v: void = nothing();
const y: 'yes' | undefined = maybe(true);
// @ts-expect-error maybe can return undefined
const yes: string = maybe(true);
const service = new Service('p');
const ran: boolean = service.run();
const serviceStore: string[] = service.store.all();
const serviceCount: number = service.count;
const d: string[] = makeDefault.all();
// @ts-expect-error the default export holds strings
const dNumbers: number[] = makeDefault.all();

// Unique symbols are their own types: another symbol is not one of them.
const sameToken: typeof token = token;
// @ts-expect-error a unique symbol is not any symbol
const otherToken: typeof token = Symbol('token');
// @ts-expect-error registered is a different unique symbol
const mixed: typeof token = registered;
// @ts-expect-error Keys.marker is unique too
const markerAny: typeof Keys.marker = Symbol();
const status: 200 | 404 = statusOf('ok');
// @ts-expect-error the status is 200 or 404, not any number
const status500: 500 = statusOf('missing');
// @ts-expect-error the key is checked
statusOf('gone');
const fresh: number[] = freshValues;
// @ts-expect-error freshValues holds numbers
const freshStrings: string[] = freshValues;
const built: boolean[] = builtValues;
// @ts-expect-error builtValues holds booleans
const builtNumbers: number[] = builtValues;

const url: string = urlOf({ baseUrl: 'b', retries: 1 });
// @ts-expect-error urlOf gives a string (apiUrl's undefined is removed by ||)
const urlNumber: number | undefined = urlOf({ baseUrl: 'b', retries: 1 });
const tries: number = retriesOf({ baseUrl: 'b', retries: 1 });
// @ts-expect-error retries is a number
const triesText: string = retriesOf({ baseUrl: 'b', retries: 1 });
const named: string = storeName;
// @ts-expect-error the store's name is a string
const namedNumber: number = storeName;

const oneInstance = { name: 'a', url: 'u' };
const foundInstance: Instance | undefined = instanceNamed({ instances: [oneInstance], wanted: 'a' });
// @ts-expect-error find may give undefined
const foundSurely: Instance = instanceNamed({ instances: [oneInstance], wanted: 'a' });
const instanceNameList: string[] = instanceNames([oneInstance]);
// @ts-expect-error map gives the names, strings
const instanceNameNumbers: number[] = instanceNames([oneInstance]);
const instancesThere: Instance[] = instancesAt([oneInstance], 'u');
// @ts-expect-error filter gives instances
const instancesThereText: string[] = instancesAt([oneInstance], 'u');
const hasIt: boolean = hasInstance([oneInstance], 'a');
// @ts-expect-error some gives a boolean
const hasItText: string = hasInstance([oneInstance], 'a');
const positionOf: number = instancePosition([oneInstance], oneInstance);
// @ts-expect-error indexOf gives a number
const positionText: string = instancePosition([oneInstance], oneInstance);
const lastOne: Instance | undefined = lastInstance([oneInstance]);
// @ts-expect-error at may give undefined
const lastSurely: Instance = lastInstance([oneInstance]);
const summaryFirst: Instance = instanceSummary([oneInstance]).first;
// @ts-expect-error the first element is an instance
const summaryFirstText: string = instanceSummary([oneInstance]).first;
const summaryName: string = instanceSummary([oneInstance]).name;
// @ts-expect-error the element's name is a string
const summaryNameNumber: number = instanceSummary([oneInstance]).name;
const summaryCount: number = instanceSummary([oneInstance]).count;
// @ts-expect-error length is a number
const summaryCountText: string = instanceSummary([oneInstance]).count;
const listText: string = instanceList([oneInstance]);
// @ts-expect-error join gives a string
const listNumber: number = instanceList([oneInstance]);

export {
  s, sNumbers, n, r, rNumber, described, evenText, time, timeText, inst, fixed, count, countText, bools, m, m2,
  retries, compositeName, compositeStore, created, level, enabledText, made, sum, sumText, run, isBig, v, y, yes,
  looked, lookedUndefined, ran, serviceStore, serviceCount, d, dNumbers, sameToken, otherToken, mixed,
  markerAny, status, status500, fresh, freshStrings, built, builtNumbers, url, urlNumber, tries, triesText,
  named, namedNumber, foundInstance, foundSurely, instanceNameList, instanceNameNumbers, instancesThere,
  instancesThereText, hasIt, hasItText, positionOf, positionText, lastOne, lastSurely, listText, listNumber,
  summaryFirst, summaryFirstText, summaryName, summaryNameNumber, summaryCount, summaryCountText,
};

import { addItems, fixedTemplate, levels, nestedConst, greeting, sumOf, countLabel } from './dist/index';
const added = addItems(['a']);
const addType: 'ADD' = added.type;
const payload: string[] = added.payload;
// @ts-expect-error the payload holds strings, not numbers
const wrongPayload: number[] = added.payload;
// @ts-expect-error an as-const member is readonly
added.type = 'ADD';
const fixedText: 'fixed' = fixedTemplate;
// @ts-expect-error the template's literal type is 'fixed'
const notFixed: 'other' = fixedTemplate;
const firstLevel: 'low' = levels[0];
// @ts-expect-error the tuple has three elements
const fourth = levels[3];
const inner: 'x' = nestedConst.outer.inner[0];
const greetingText: string = greeting('a');
// @ts-expect-error 'hello ' + name is a string
const greetingNumber: number = greeting('a');
const sumValue: number = sumOf(1, 2);
// @ts-expect-error a + b of two numbers is a number
const sumText: string = sumOf(1, 2);
// @ts-expect-error count + ' items' is a string
const countNumber: number = countLabel(1);
export const literalUses = [addType, payload, wrongPayload, fixedText, notFixed, firstLevel, fourth, inner, greetingText, greetingNumber, sumValue, sumText, countNumber, countLabel];
import { scopedKinds } from './dist/index';
const kindSet: Set<string> = scopedKinds;
// @ts-expect-error the set holds strings
const kindNumbers: Set<number> = scopedKinds;
export { kindSet, kindNumbers };
import { requireSession, userOf, bothSet } from './dist/index';
const session: { user: string; expires: number } = requireSession('a');
// @ts-expect-error the session is not undefined after the guard
const sessionMaybe: undefined extends ReturnType<typeof requireSession> ? true : false = true;
const user: 'anonymous' | { user: string } = userOf('a');
// @ts-expect-error the session's user is a string
const userWrong: 'anonymous' | { user: number } = userOf('a');
const set: readonly [string, true] = bothSet('a', true);
// @ts-expect-error enabled is narrowed to true
const setWrong: readonly [string, false] = bothSet('a', true);
export { session, sessionMaybe, user, userWrong, set, setWrong };
import { registry } from './dist/index';
const names = registry();
const hasName: boolean = names.has('a');
// @ts-expect-error has returns a boolean
const hasWrong: string = names.has('a');
const sizeOf: number | undefined = names.sizeOf('a');
// @ts-expect-error a map's get may be undefined
const sizeWrong: number = names.sizeOf('a');
const upper: string = names.upper('a');
const parts: string[] = names.parts('a.b');
// @ts-expect-error split gives strings
const partsWrong: number[] = names.parts('a.b');
export { hasName, hasWrong, sizeOf, sizeWrong, upper, parts, partsWrong };
import { isOwner, initial } from './dist/index';
const owner: boolean | undefined = isOwner(undefined, 'a');
// @ts-expect-error the session may be missing
const ownerAlways: boolean = isOwner(undefined, 'a');
const firstLetter: string = initial('abc');
// @ts-expect-error a string's first letter is a string
const firstLetterWrong: number = initial('abc');
export { owner, ownerAlways, firstLetter, firstLetterWrong };
import { sessionSummary } from './dist/index';
const summary: { user: string; expires: number | undefined } = sessionSummary('a');
// @ts-expect-error the session may be missing, so expires may be undefined
const summaryExpires: number = sessionSummary('a').expires;
export { summary, summaryExpires };
import { page } from './dist/index';
const pageOf: { offset: number; limit: number; range: number[] } = page(10, 50);
// @ts-expect-error the offset is a number
page('first');
export { pageOf };
import { ownerOf } from './dist/index';
const annotatedOwner: string | undefined = ownerOf({});
// @ts-expect-error the annotations and tags may be missing
const annotatedOwnerAlways: string = ownerOf({});
export { annotatedOwner, annotatedOwnerAlways };
import { messageOf, countOf } from './dist/index';
const errorMessage: string | null = messageOf(null);
// @ts-expect-error there may be no error
const errorMessageAlways: string = messageOf(null);
const itemCount: number = countOf();
export { errorMessage, errorMessageAlways, itemCount };
import { userNameOf, expiresOf } from './dist/index';
const userName: string | undefined = userNameOf('a');
const expiresAt: number = expiresOf('a');
// @ts-expect-error the expiry is a number
const expiresAtText: string = expiresOf('a');
export { userName, expiresAt, expiresAtText };
import { withIde, ideSummary, sourceOf, shortId } from './dist/index';
const ide: string = withIde('vim').defaultIde;
const port: number | undefined = withIde('vim').port;
const ownerSet = withIde('vim');
ownerSet.owner = 'other';
// @ts-expect-error the spread's properties keep their types
const portText: string = withIde('vim').port;
const describedValue: { id: number; defaultIde: 'vscode' | 'intellij'; label: string; done: boolean; owner: string } = ideSummary({ label: 'x' });
// @ts-expect-error the extra's label is a string
const labelNumber: number = ideSummary({ label: 'x' }).label;
const source: string = sourceOf(undefined).source;
const isUrl: boolean = sourceOf(undefined).isUrl;
const target: string | undefined = sourceOf(undefined).target;
// @ts-expect-error the target may be undefined
const targetAlways: string = sourceOf(undefined).target;
const id: string = shortId();
// @ts-expect-error the id is a string
const idNumber: number = shortId();
export { ide, port, portText, describedValue, labelNumber, source, isUrl, target, targetAlways, id, idNumber };
import { spansMatching } from './dist/index';
const spanIds: string[] = spansMatching(undefined, 'a').map(span => span.id);
// @ts-expect-error the spans are objects
const spanStrings: string[] = spansMatching(undefined, 'a');
export { spanIds, spanStrings };
import { spansByService, configuredOrEmpty } from './dist/index';
const grouped: Record<string, { id: string }[]> = spansByService([]);
// @ts-expect-error the groups are arrays of spans
const groupedWrong: Record<string, string> = spansByService([]);
type ExactlyStrings = (<T>() => T extends ReturnType<typeof configuredOrEmpty> ? 1 : 2) extends (<T>() => T extends string[] ? 1 : 2) ? true : false;
const configuredExact: ExactlyStrings = true;
// @ts-expect-error the configured values are strings
const configuredNumbers: number[] = configuredOrEmpty(undefined, true);
export { grouped, groupedWrong, configuredExact, configuredNumbers };
import { latestSpans, sortedIds } from './dist/index';
const latestIds: string[] = latestSpans([]).map(span => span.id);
// @ts-expect-error the spans are objects
const latestStrings: string[] = latestSpans([]);
const sorted: string[] = sortedIds(new Set(['a']));
// @ts-expect-error the ids are strings
const sortedNumbers: number[] = sortedIds(new Set(['a']));
export { latestIds, latestStrings, sorted, sortedNumbers };

import { allKinds, openKinds, Kind } from './dist/index';
const clusterKind: Kind = 'nodes';
const kindCount: 4 = allKinds.length;
const secondKind: 'clusters' = allKinds[1];
// @ts-expect-error the kinds are the four literals
const otherKind: Kind = 'other';
const openFirst: 'namespaces' = openKinds[0];
// @ts-expect-error the spread array adds strings
const openRest: number = openKinds[1];
export { clusterKind, kindCount, secondKind, otherKind, openFirst, openRest };
import { evenTicks, timeDomain } from './dist/index';
const ticks: number[] = evenTicks(3, 0);
// @ts-expect-error the ticks are numbers
const tickStrings: string[] = evenTicks(3, 0);
const domain = timeDomain([1, 2]);
const domainTicks: number[] = domain.ticks;
const domainRange: [number, number] = domain.domain;
// @ts-expect-error the early return's empty ticks leave the union: ticks are numbers
const domainTickStrings: string[] = domain.ticks;
// @ts-expect-error the label may be undefined
const domainLabel: string = domain.label;
export { ticks, tickStrings, domainTicks, domainRange, domainTickStrings, domainLabel };
import { trimmedLabel, upperName, keyedLabel, linkLabels, hasLinks } from './dist/index';
const trimmed: string | undefined = trimmedLabel({});
// @ts-expect-error the label may be undefined
const trimmedDefined: string = trimmedLabel({});
const upperOf: string | undefined = upperName();
// @ts-expect-error a string or undefined
const upperNumber: number | undefined = upperName();
const keyed: string = keyedLabel({});
// @ts-expect-error a string
const keyedNumber: number = keyedLabel({});
const labelsOf: { label: string; targets: string[] }[] = linkLabels();
// @ts-expect-error each label is a string
const labelNumbers: { label: number }[] = linkLabels();
// @ts-expect-error the targets are strings
const targetNumbers: number[] = linkLabels()[0].targets;
const linked: Promise<boolean> = hasLinks(undefined);
// @ts-expect-error true is possible too
const neverLinked: Promise<false> = hasLinks(undefined);
export { trimmed, trimmedDefined, upperOf, upperNumber, keyed, keyedNumber, labelsOf, labelNumbers, targetNumbers, linked, neverLinked };
import { sessionOrUndefined, sessionOrNull, catalogUrl, portUrl, proxyUrl, versionedUrl, endpointsOf, mutableUrl, readmeUrl, randomText } from './dist/index';
const maybeSession: { user: string } | undefined = sessionOrUndefined(undefined);
// @ts-expect-error undefined is still possible
const surelySession: { user: string } = sessionOrUndefined(undefined);
const nullableSession: { user: string } | null = sessionOrNull(null);
// @ts-expect-error null is still possible
const definiteSession: { user: string } = sessionOrNull(null);
const catalogExact: 'http://localhost:7007/api/catalog' = catalogUrl;
// @ts-expect-error the constant's value
const catalogOther: 'http://localhost/' = catalogUrl;
const portExact: 'http://localhost:7008/' = portUrl;
const versionedExact: 'http://localhost:7007/api/proxy/coder/v2' = versionedUrl;
// @ts-expect-error the template literal type reduces to the literal
const proxyOther: 'http://localhost:7007/coder' = proxyUrl;
const usersExact: 'http://localhost:7007/api/proxy/coder/v2/users' = endpointsOf.users;
mutableUrl.url = 'anything';
const readme: string = readmeUrl();
readmeUrl satisfies () => string;
// @ts-expect-error a function's returned literal widens
readmeUrl satisfies () => 'http://localhost:7007/api/catalog/readme';
const random: string = randomText;
// @ts-expect-error not a constant
const randomLiteral: '1' = randomText;
export { maybeSession, surelySession, nullableSession, definiteSession, catalogExact, catalogOther, portExact, versionedExact, proxyOther, usersExact, readme, random, randomLiteral };

import { coerceFilter, lengthOf, numericPart, rootRoute, reloadRoutes, checkRoute, settled } from './dist/index';
const filters: string[] | undefined = coerceFilter('a');
// @ts-expect-error a string is made an array
const filterText: string | undefined = coerceFilter('a');
const lengthOrList: number | number[] | null = lengthOf('abc');
// @ts-expect-error a string's length is a number
const lengthText: string | number[] | null = lengthOf('abc');
const numeric: number = numericPart(1);
// @ts-expect-error only the number is left
const numericOrNone: 'none' = numericPart(1);
const rootPath: string = rootRoute().path;
// @ts-expect-error the route's path is a string
const rootPathNumber: number = rootRoute().path;
async function routesUse() {
  const routes = await reloadRoutes('/api');
  const firstPath: string = routes[0].path;
  // @ts-expect-error routes are an array of routes
  const notAnArray: string = routes;
  const candidate: unknown = { path: '/' };
  // tsc infers the wrapper's type predicate: the argument is narrowed to a route.
  const narrowedPath: string = checkRoute(candidate) ? candidate.path : '';
  const checked: boolean = checkRoute({});
  // @ts-expect-error a type guard's call is a boolean
  const checkedText: string = checkRoute({});
  const settledValue: number | void = await settled(false);
  // @ts-expect-error the promise settles to a number or nothing
  const settledText: string = await settled(false);
  return [firstPath, notAnArray, narrowedPath, checked, checkedText, settledValue, settledText];
}
export const narrowingUses = [filters, filterText, lengthOrList, lengthText, numeric, numericOrNone, rootPath, rootPathNumber, routesUse];
