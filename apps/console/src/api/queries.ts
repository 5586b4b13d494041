import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { markRowsArrived } from '../perf/render-measure';
import { call } from './client';
import type { IncidentListFilters, RequestListFilters } from './models';

/** How often lists and cards poll while visible: the live refresh (a command's own write is read back at once with `minPosition`). */
export const LIVE_REFRESH_MS = 5_000;
export const PAGE_SIZE = 50;

export const queryKeys = {
  requests: ['requests'] as const,
  request: (id: string) => ['request', id] as const,
  incidents: ['incidents'] as const,
  incident: (id: string) => ['incident', id] as const,
  clients: ['clients'] as const,
  client: (id: string) => ['client', id] as const,
  services: ['services'] as const,
  directory: ['directory'] as const,
  savedFilters: (resource: string) => ['saved-filters', resource] as const,
};

export function useRequestList(filters: RequestListFilters, options: { minPosition?: string; live?: boolean } = {}) {
  return useInfiniteQuery({
    queryKey: [...queryKeys.requests, filters],
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam, signal }) => {
      const page = (await call('GET', '/requests', { query: { ...filters, cursor: pageParam, limit: PAGE_SIZE, minPosition: options.minPosition }, signal }))
        .data;
      markRowsArrived('switchboard:request-rows');
      return page;
    },
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    refetchInterval: options.live === false ? false : LIVE_REFRESH_MS,
  });
}

export function useIncidentList(filters: IncidentListFilters, options: { minPosition?: string; live?: boolean } = {}) {
  return useInfiniteQuery({
    queryKey: [...queryKeys.incidents, filters],
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam, signal }) => {
      const page = (await call('GET', '/incidents', { query: { ...filters, cursor: pageParam, limit: PAGE_SIZE, minPosition: options.minPosition }, signal }))
        .data;
      markRowsArrived('switchboard:incident-rows');
      return page;
    },
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    refetchInterval: options.live === false ? false : LIVE_REFRESH_MS,
  });
}

/** A card reads its own write: after a command it asks with the command's `minPosition`. */
export function useRequest(id: string, minPosition?: string) {
  return useQuery({
    queryKey: [...queryKeys.request(id), minPosition ?? null],
    queryFn: async ({ signal }) => (await call('GET', '/requests/{id}', { path: { id }, query: { minPosition }, signal })).data,
    placeholderData: keepPreviousData,
    refetchInterval: LIVE_REFRESH_MS,
  });
}

export function useIncident(id: string, minPosition?: string) {
  return useQuery({
    queryKey: [...queryKeys.incident(id), minPosition ?? null],
    queryFn: async ({ signal }) => (await call('GET', '/incidents/{id}', { path: { id }, query: { minPosition }, signal })).data,
    placeholderData: keepPreviousData,
    refetchInterval: LIVE_REFRESH_MS,
  });
}

export function useServices() {
  return useQuery({
    queryKey: queryKeys.services,
    queryFn: async ({ signal }) => (await call('GET', '/services', { signal })).data.items,
    staleTime: 10 * 60_000,
  });
}

export function useSavedFilters(resource: 'requests' | 'incidents') {
  return useQuery({
    queryKey: queryKeys.savedFilters(resource),
    queryFn: async ({ signal }) => (await call('GET', '/me/filters', { query: { resource }, signal })).data.items,
  });
}

export function useClientSearch(q: string, page = 1) {
  return useQuery({
    queryKey: [...queryKeys.clients, q, page],
    queryFn: async ({ signal }) => (await call('GET', '/clients', { query: { q, page, pageSize: 20 }, signal })).data,
    enabled: q.trim().length >= 2,
    placeholderData: keepPreviousData,
  });
}

/** The clients screen: pages follow each other by cursor ("Load more"). */
export function useClientSearchPages(q: string) {
  return useInfiniteQuery({
    queryKey: [...queryKeys.clients, 'pages', q],
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam, signal }) => (await call('GET', '/clients', { query: { q, cursor: pageParam ?? undefined, pageSize: 20 }, signal })).data,
    getNextPageParam: (last) => last.nextCursor,
    enabled: q.trim().length >= 2,
    placeholderData: keepPreviousData,
  });
}

export function useClientCard(id: string, minPosition?: string) {
  return useQuery({
    queryKey: [...queryKeys.client(id), minPosition ?? null],
    queryFn: async ({ signal }) => (await call('GET', '/clients/{id}', { path: { id }, query: { minPosition }, signal })).data,
  });
}

export function useOrders(clientId: string | null, q: string) {
  return useQuery({
    queryKey: ['orders', clientId, q],
    queryFn: async ({ signal }) => (await call('GET', '/orders', { query: { clientId: clientId ?? undefined, q, pageSize: 20 }, signal })).data,
    enabled: Boolean(clientId),
  });
}

/** The people of the operator's own departments and work groups (pickers, names next to ids); changes rarely. */
export function useDirectory() {
  return useQuery({
    queryKey: queryKeys.directory,
    queryFn: async ({ signal }) => (await call('GET', '/directory/users', { signal })).data.items,
    staleTime: 10 * 60_000,
  });
}
