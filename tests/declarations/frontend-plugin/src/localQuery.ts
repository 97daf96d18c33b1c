export interface LocalResult<T> {
  data: T | undefined;
  reload(): void;
}

/** A generic hook of this package, called from another of its modules. */
export function useLocalQuery<T>(fetcher: () => Promise<T>): LocalResult<T> {
  void fetcher;
  return { data: undefined, reload: () => {} };
}
