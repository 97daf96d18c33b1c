export interface Paginated<T> {
  items: T[];
  nextCursor?: string;
}
export type Maybe<T> = T | undefined;
export type DeepReadonly<T> = { readonly [K in keyof T]: DeepReadonly<T[K]> };
