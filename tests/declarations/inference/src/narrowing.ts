// Early exits narrow what the later returns use, as tsc's control flow does.
export interface Session {
  user: string;
  expires: number;
}

const sessions = new Map<string, Session>();

export function requireSession(id: string) {
  const session = sessions.get(id);
  if (!session) {
    throw new Error(`no session ${id}`);
  }
  return session;
}

export function userOf(id: string) {
  const session = sessions.get(id);
  if (session == null) return 'anonymous';
  return { user: session.user };
}

export function bothSet(first: string | undefined, enabled: boolean | null) {
  if (!first || !enabled) throw new Error('unset');
  return [first, enabled] as const;
}

// Methods of Set, Map and string called with arguments.
export function registry() {
  const names = new Set<string>();
  const sizes = new Map<string, number>();
  return {
    has: (name: string) => names.has(name),
    sizeOf: (name: string) => sizes.get(name),
    upper: (name: string) => name.toUpperCase(),
    parts: (name: string) => name.split('.'),
  };
}

// `a && b`: the falsy part of `a`, or `b` (where `a` is truthy).
export const isOwner = (session: Session | undefined, user: string) =>
  session && session.user === user;
export const initial = (name: string) => name && name[0];

// Optional chains: the member, or `undefined` where the chain stops.
export function sessionSummary(id: string) {
  const session = sessions.get(id);
  return { user: session?.user ?? 'anonymous', expires: session?.expires };
}

// A parameter's default widens a literal constant (`limit?: number`, not `25`), and the body sees
// the parameter as that type.
const DEFAULT_LIMIT = 25;
export function page(offset = 0, limit = DEFAULT_LIMIT) {
  return { offset, limit, range: [offset, offset + limit] };
}

const ANNOTATIONS = { OWNER: 'acme.io/owner' } as const;
export const ownerOf = (meta: { annotations?: Record<string, string>; tags?: string[] }) =>
  meta.annotations?.[ANNOTATIONS.OWNER] ?? meta.tags?.[0];

// A conditional's test narrows the name in the branch where it is truthy.
export const messageOf = (error: Error | null) => (error ? error.message || 'failed' : null);
export const countOf = (items?: string[]) => (!items ? 0 : items.length);

// Returns inside an `if` that checks the name see it narrowed.
export function userNameOf(id: string) {
  const session = sessions.get(id);
  if (session) {
    return session.user;
  }
  return undefined;
}

export function expiresOf(id: string) {
  const session = sessions.get(id);
  if (session !== undefined) {
    return session.expires;
  }
  return 0;
}

// `=== null` leaves `undefined` possible, `=== undefined` leaves `null`.
export function sessionOrUndefined(session: Session | null | undefined) {
  if (session === null) throw new Error('revoked');
  return session;
}
export function sessionOrNull(session: Session | null | undefined) {
  if (session === undefined) throw new Error('unknown');
  return session;
}

// `typeof` tests narrow the parameter in the branch and after an early return.
export function coerceFilter(filter: string | string[] | undefined) {
  if (typeof filter === 'string') {
    return [filter];
  }
  return filter;
}
export const lengthOf = (value: string | number[] | null) =>
  typeof value !== 'string' ? value : value.length;
export function numericPart(value: number | 'none' | boolean) {
  if ('number' !== typeof value) throw new Error('not a number');
  return value;
}

// A call of the module's own function with a written return type is that type, and an async
// function returning one of its promises is a promise of what it settles to.
interface Route {
  path: string;
}
function routeOf(path: string): Route {
  return { path };
}
async function loadRoutes(prefix: string): Promise<Route[]> {
  return [routeOf(prefix)];
}
function isRoute(value: unknown): value is Route {
  return typeof value === 'object' && value !== null && 'path' in value;
}
export const rootRoute = () => routeOf('/');
export async function reloadRoutes(prefix: string) {
  return loadRoutes(prefix);
}
export const checkRoute = (value: unknown) => isRoute(value);
export async function settled(skip: boolean) {
  if (skip) {
    return Promise.resolve();
  }
  return Promise.resolve(42);
}
