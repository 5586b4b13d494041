import { useQuery } from '@tanstack/react-query';
import { markRowsArrived } from '../perf/render-measure';
import { call } from './client';
import { LIVE_REFRESH_MS } from './queries';

export const estateKeys = {
  sites: ['sites'] as const,
  buildings: (siteId: string) => ['sites', siteId, 'buildings'] as const,
  grid: (siteId: string, buildingId: string) => ['sites', siteId, 'buildings', buildingId, 'grid'] as const,
  unit: (unitId: string) => ['units', unitId] as const,
  clientUnits: (clientId: string) => ['clients', clientId, 'units'] as const,
};

export const sitesQuery = () => ({
  queryKey: estateKeys.sites,
  queryFn: async ({ signal }: { signal: AbortSignal }) => (await call('GET', '/sites', { signal })).data,
});

export const buildingsQuery = (siteId: string) => ({
  queryKey: estateKeys.buildings(siteId),
  queryFn: async ({ signal }: { signal: AbortSignal }) => (await call('GET', '/sites/{siteId}/buildings', { path: { siteId }, signal })).data,
});

export function useSites() {
  return useQuery(sitesQuery());
}

export function useSite(siteId: string) {
  return useQuery({ queryKey: ['sites', siteId], queryFn: async ({ signal }) => (await call('GET', '/sites/{siteId}', { path: { siteId }, signal })).data });
}

export function useBuildings(siteId: string) {
  return useQuery(buildingsQuery(siteId));
}

/** The grid; its arrival is marked for the render measure (`switchboard:grid`). */
export function useBuildingGrid(siteId: string, buildingId: string) {
  return useQuery({
    queryKey: estateKeys.grid(siteId, buildingId),
    queryFn: async ({ signal }) => {
      const grid = (await call('GET', '/sites/{siteId}/buildings/{buildingId}/grid', { path: { siteId, buildingId }, signal })).data;
      markRowsArrived('switchboard:grid');
      return grid;
    },
    refetchInterval: 30_000,
  });
}

export function useUnitCard(unitId: string) {
  return useQuery({
    queryKey: estateKeys.unit(unitId),
    queryFn: async ({ signal }) => (await call('GET', '/units/{unitId}', { path: { unitId }, signal })).data,
    refetchInterval: LIVE_REFRESH_MS,
  });
}

export function useClientUnits(clientId: string, enabled: boolean) {
  return useQuery({
    queryKey: estateKeys.clientUnits(clientId),
    queryFn: async ({ signal }) => (await call('GET', '/clients/{clientId}/units', { path: { clientId }, signal })).data,
    enabled,
  });
}

/** Units of a site matching every word of `q` (building, number): the pass form's unit picker. */
export function useSiteUnits(siteId: string, q: string) {
  const query = q.trim();
  return useQuery({
    queryKey: ['sites', siteId, 'units', query] as const,
    queryFn: async ({ signal }) => (await call('GET', '/sites/{siteId}/units', { path: { siteId }, query: query ? { q: query } : {}, signal })).data.items,
    enabled: siteId !== '',
    placeholderData: (previous) => previous,
  });
}
