// A workspace sibling as Backstage lays them out: its `types` is its TypeScript source.
export { useQuery } from './useQuery';
export type { QueryOptions, QueryResult } from './useQuery';
