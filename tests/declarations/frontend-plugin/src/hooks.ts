import { useQuery } from '@acme/query-react';

export interface Widget {
  id: string;
  size: number;
}

async function loadWidgets(team: string): Promise<unknown> {
  return (await fetch(`/widgets/${team}`)).json();
}

// A generic hook of a workspace sibling, called with an options interface, destructured, and
// returned with `?? []`.
export function useWidgets(team: string) {
  const { data, loading, error, refetch } = useQuery(
    ['widgets', team],
    () => loadWidgets(team) as Promise<Widget[]>,
    { staleTime: 1000 },
  );
  return { widgets: data ?? [], loading, error, refetch };
}

export interface Gadget {
  name: string;
}

// A fetcher with its return type written and a body of statements.
export function useGadgets(team: string) {
  const { data, loading } = useQuery(['gadgets', team], async (): Promise<Gadget[]> => {
    const loaded = await loadWidgets(team);
    if (!Array.isArray(loaded)) {
      return [];
    }
    return loaded.map(item => ({ name: String(item) }));
  });
  return { gadgets: data ?? [], loading };
}
