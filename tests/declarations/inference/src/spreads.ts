// Object spreads, `||` with a literal fallback and methods of what those give.
export interface IdeConfig {
  defaultIde: 'vscode' | 'intellij';
  port?: number;
  readonly owner: string;
}

const defaults: IdeConfig = { defaultIde: 'vscode', owner: 'team' };

/** A spread and a property after it: the property's type wins, in the spread's place. */
export const withIde = (ide: string) => ({ ...defaults, defaultIde: ide });

/** Properties before a spread, a spread, and properties after. */
export function ideSummary(extra: { label: string }) {
  return { id: 1, ...defaults, ...extra, done: true };
}

/** `|| ''` of a string is a string, and its string methods are known. */
export function sourceOf(annotations: Record<string, string> | undefined) {
  const source = annotations?.['source-location'] || '';
  const isUrl = source.startsWith('url:');
  return { source, isUrl, target: isUrl ? source.substring(4) : undefined };
}

/** `Math`'s methods return numbers; a number's `toString` a string. */
export const shortId = () => Math.random().toString(36).substring(2, 6);

interface Span {
  id: string;
  service?: string;
}

/** `?? []` of an array, and `filter` with a callback that cannot narrow its parameter. */
export function spansMatching(spans: Span[] | undefined, query: string) {
  const all = spans ?? [];
  if (!query) {
    return all;
  }
  return all.filter(span => span.id.toLowerCase().includes(query));
}

/** `reduce` with an asserted initial value is of that value's type. */
export function spansByService(spans: Span[]) {
  return spans.reduce((groups, span) => {
    const key = span.service ?? 'none';
    groups[key] = [...(groups[key] ?? []), span];
    return groups;
  }, {} as Record<string, Span[]>);
}

/** `[]` among several results is left out next to another array (`never[]` is a subtype). */
export function configuredOrEmpty(configured: string[] | undefined, loaded: boolean) {
  if (!loaded) {
    return [];
  }
  return configured !== undefined ? configured : [];
}

/** `Array.from` of a map's values, `sort`, and an array spread keep the element type. */
export const latestSpans = (spans: Span[]) => {
  const byId = new Map<string, Span>();
  spans.forEach(span => byId.set(span.id, span));
  return Array.from(byId.values()).sort((a, b) => a.id.localeCompare(b.id));
};
export const sortedIds = (ids: Set<string>) => [...Array.from(ids)].reverse();

const clusterKinds = ['clusters', 'nodes'] as const;
const moreKinds: string[] = ['extra'];

/** A const tuple spread into another: its members, in place; an array spread is a rest element. */
export const allKinds = ['namespaces', ...clusterKinds, 'projects'] as const;
export type Kind = (typeof allKinds)[number];
export const openKinds = ['namespaces', ...moreKinds] as const;
