import { useApi } from '@acme/plugin-api';
import { useQuery } from '@acme/query-react';
import { reportApiRef } from './api';
import { useLocalQuery } from './localQuery';

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

// An API whose ref another module makes (its type is that module's), called in the fetcher: the
// type arguments are left to the consumer's checker through a conditional type over the
// arguments' types. The refetch destructured from the result is called with no arguments.
export function useTeamReport(team: string, since?: string) {
  const reports = useApi(reportApiRef);
  const { data, loading, refetch } = useQuery(['report', team], () =>
    reports.report(team, { since }),
  );
  return { report: data ?? null, loading, reload: () => refetch() };
}

// Type arguments written on the call: the result's type with them.
export function useTeamNames(team: string) {
  const { data } = useQuery<string[]>(['names', team], () => Promise.resolve([team]));
  return { names: data ?? [] };
}

// A generic function of another module of the package: its signature is read from that module's
// source, and its types are written as imports of it.
export function useTeamSize(team: string) {
  const { data, reload } = useLocalQuery(async () => ({ team, size: team.length }));
  return { size: data?.size ?? 0, reload };
}
