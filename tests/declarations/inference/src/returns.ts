// Results tsc reduces or maps: `Array.from(arrayLike, mapper)` is an array of what the mapper
// gives (its index is a number); an early `return { ticks: [] }` is a subtype of the final
// `{ ticks: number[] }` and leaves the union.
export const evenTicks = (count: number, start: number) =>
  Array.from({ length: count }, (_, i) => start + i * 2);

export const timeDomain = (timestamps: number[], fallback?: string) => {
  if (timestamps.length === 0) {
    return { ticks: [], days: 0, domain: [0, 1] as [number, number], label: fallback };
  }
  const first = timestamps[0];
  const last = timestamps[timestamps.length - 1];
  const ticks = Array.from({ length: 5 }, (_, i) => first + (i * (last - first)) / 4);
  return { ticks, days: (last - first) / 86400000, domain: [first, last] as [number, number], label: fallback };
};

// Optional calls, reads by a constant key, `m.get(k) || []`, `find` on one object type (its
// property comparisons cannot narrow it), a block-bodied `map` callback, `&&` of booleans in an
// async function.
const LABEL_KEY = 'acme.io/label';
export interface Link {
  name: string;
  label?: string;
}
export const trimmedLabel = (annotations?: Record<string, string>) =>
  annotations?.[LABEL_KEY]?.trim();
export const upperName = (name?: string) => name?.toUpperCase();
export const keyedLabel = (annotations: Record<string, string>) => annotations[LABEL_KEY].trim();
export function linkLabels(links?: Link[]) {
  const targets = new Map<string, string[]>();
  return Array.from(targets.keys()).map(name => {
    const link = links?.find(l => l.name === name);
    return { label: (link && link.label) || name, targets: targets.get(name) || [] };
  });
}
export async function hasLinks(links: Link[] | undefined) {
  return !!links && !!links.length && links.length > 0;
}
