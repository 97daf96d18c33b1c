import { createApiRef } from '@acme/plugin-api';

export interface ReportApi {
  report(team: string, options?: { since?: string }): Promise<{ total: number; teams: string[] }>;
}

export const reportApiRef = createApiRef<ReportApi>({ id: 'plugin.acme.reports' });
