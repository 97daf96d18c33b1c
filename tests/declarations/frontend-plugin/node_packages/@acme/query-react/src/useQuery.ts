export interface QueryOptions<T> {
  staleTime?: number;
  initial?: T;
}

export interface QueryResult<T> {
  data: T | undefined;
  loading: boolean;
  error: Error | null;
  refetch: () => Promise<void>;
}

export function useQuery<T>(
  key: string[],
  fetcher: () => Promise<T>,
  options: QueryOptions<T> = {},
): QueryResult<T> {
  void key;
  void fetcher;
  return {
    data: options.initial,
    loading: false,
    error: null,
    refetch: async () => {},
  };
}
