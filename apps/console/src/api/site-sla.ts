import { useQuery } from '@tanstack/react-query';
import { call } from './client';

/** SLA per site and category over a range (GET /reports/sites-sla): the caller's sites only. */
export function useSitesSla(range: { from: string; to: string }) {
  return useQuery({
    queryKey: ['reports', 'sites-sla', range.from, range.to],
    queryFn: async ({ signal }) => (await call('GET', '/reports/sites-sla', { query: range, signal })).data,
  });
}
