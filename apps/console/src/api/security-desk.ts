import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { visitorMatches } from '../domain/visitor-match';
import { call } from './client';
import { newIdempotencyKey } from './commands';
import { DeskQueue } from './desk-queue';
import type { QueuedVisitStep } from './desk-queue';
import { isApiError } from './problem';
import type { components } from './schema';

type Schemas = components['schemas'];
export type DeskPass = Schemas['Pass'];
export type PassBody = Schemas['PassBody'];
export type Visit = Schemas['Visit'];
export type UnitContact = Schemas['UnitContact'];

export const deskKeys = {
  all: ['security-desk'] as const,
  sites: ['security-desk', 'sites'] as const,
  expected: (site: string, day: string) => ['security-desk', 'expected', site, day] as const,
  search: (site: string, q: string) => ['security-desk', 'search', site, q] as const,
  log: (site: string, day: string) => ['security-desk', 'log', site, day] as const,
  contacts: (site: string, q: string) => ['security-desk', 'contacts', site, q] as const,
};

/** The expected list refreshes itself; a guard's screen stays open all shift. */
const REFRESH_MS = 30_000;
/** While steps wait in the queue, sending is tried again this often (and at once when the browser says it is online). */
const RETRY_MS = 3_000;
const CACHE_PREFIX = 'switchboard.desk.expected.v1:';
const READ_MODEL_CATCH_UP_MS = 1_500;

/** The guard's day in the tablet's own time zone: local midnight to the next. */
export function localDay(now = new Date()): { from: string; to: string; key: string } {
  const from = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const to = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  return { from: from.toISOString(), to: to.toISOString(), key: from.toISOString() };
}

const isNetworkError = (error: unknown): boolean => isApiError(error) && error.status === 0;

interface CachedList {
  readonly savedAt: string;
  readonly day: string;
  readonly items: DeskPass[];
}

function readCache(site: string, day: string): CachedList | undefined {
  try {
    const cached = JSON.parse(localStorage.getItem(CACHE_PREFIX + site) ?? 'null') as CachedList | null;
    return cached && cached.day === day ? cached : undefined;
  } catch {
    return undefined;
  }
}

function writeCache(site: string, list: CachedList): void {
  try {
    localStorage.setItem(CACHE_PREFIX + site, JSON.stringify(list));
  } catch {
    // Storage full or disabled: the desk still works online.
  }
}

/**
 * Cards the API answered to this desk's own steps: the lists come from a read model that may lag a
 * moment behind, so a row shows the answered card until the list has caught up with its revision.
 */
const answered = new Map<string, DeskPass>();
const answeredListeners = new Set<() => void>();
let answeredVersion = 0;

function remember(card: DeskPass): void {
  answered.set(card.id, card);
  answeredVersion++;
  for (const listener of answeredListeners) listener();
}

/** The passes as the desk should show them: each at its newest known revision. */
export function useFreshPasses(passes: readonly DeskPass[]): DeskPass[] {
  useSyncExternalStore(
    (listener) => {
      answeredListeners.add(listener);
      return () => answeredListeners.delete(listener);
    },
    () => answeredVersion,
  );
  return passes.map((pass) => {
    const card = answered.get(pass.id);
    return card && card.revision > pass.revision ? card : pass;
  });
}

async function sendStep(step: QueuedVisitStep): Promise<void> {
  const route = step.action === 'check-in' ? '/passes/{id}/check-in' : '/passes/{id}/check-out';
  const answer = await call('POST', route, { path: { id: step.passId }, body: { at: step.at }, headers: { 'Idempotency-Key': step.key } });
  remember(answer.data);
}

/** The one outbox of this browser's desk. */
export const deskQueue = new DeskQueue(localStorage, sendStep);

/** Keeps the outbox sending while the desk is open: when the browser comes back online, and every few seconds while steps wait. */
export function useDeskQueueRunner(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    let before = deskQueue.snapshot.queued.length;
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const refresh = () => void queryClient.invalidateQueries({ queryKey: deskKeys.all });
    const unsubscribe = deskQueue.subscribe(() => {
      const now = deskQueue.snapshot.queued.length;
      if (now < before) {
        // Now, and once more when the read model has most likely caught up with the step.
        refresh();
        const timer = setTimeout(() => {
          timers.delete(timer);
          refresh();
        }, READ_MODEL_CATCH_UP_MS);
        timers.add(timer);
      }
      before = now;
    });
    const flush = () => void deskQueue.flush();
    window.addEventListener('online', flush);
    const timer = setInterval(() => {
      if (deskQueue.snapshot.queued.length > 0) flush();
    }, RETRY_MS);
    flush();
    return () => {
      unsubscribe();
      for (const t of timers) clearTimeout(t);
      window.removeEventListener('online', flush);
      clearInterval(timer);
    };
  }, [queryClient]);
}

/** Check a visitor in or out: queued with its key and time, sent now if the connection allows. */
export function recordVisitStep(pass: DeskPass, action: QueuedVisitStep['action']): Promise<void> {
  const label = [pass.visitorName, pass.plate, pass.unitLabel].filter(Boolean).join(' · ');
  return deskQueue.add({ key: newIdempotencyKey(), passId: pass.id, action, at: new Date().toISOString(), label });
}

export function useDeskSites() {
  return useQuery({ queryKey: deskKeys.sites, queryFn: async ({ signal }) => (await call('GET', '/security-desk/sites', { signal })).data.sites });
}

/**
 * Today's expected visitors at a site, kept in localStorage on every answer: when the connection
 * is lost the desk goes on with the list it last had (`offlineSince` says since when).
 */
export function useExpectedVisitors(site: string) {
  const day = localDay();
  return useQuery({
    queryKey: deskKeys.expected(site, day.key),
    queryFn: async ({ signal }): Promise<{ items: DeskPass[]; offlineSince?: string }> => {
      try {
        const answer = await call('GET', '/security-desk/expected', { query: { site, from: day.from, to: day.to }, signal });
        writeCache(site, { savedAt: new Date().toISOString(), day: day.key, items: answer.data.items });
        return { items: answer.data.items };
      } catch (error) {
        const cached = isNetworkError(error) ? readCache(site, day.key) : undefined;
        if (!cached) throw error;
        return { items: cached.items, offlineSince: cached.savedAt };
      }
    },
    refetchInterval: REFRESH_MS,
    enabled: site !== '',
    // Offline the query still runs (React Query would pause it) and answers from the cache.
    networkMode: 'always',
    retry: false,
  });
}

/** The guard's search: the API's when online; offline, the cached day's list filtered the same way. */
export function useDeskSearch(site: string, query: string) {
  const q = query.trim();
  return useQuery({
    queryKey: deskKeys.search(site, q),
    queryFn: async ({ signal }): Promise<DeskPass[]> => {
      try {
        return (await call('GET', '/security-desk/search', { query: { q, site }, signal })).data.items;
      } catch (error) {
        const cached = isNetworkError(error) ? readCache(site, localDay().key) : undefined;
        if (!cached) throw error;
        return cached.items.filter((pass) => visitorMatches(pass, q));
      }
    },
    enabled: site !== '' && q !== '',
    networkMode: 'always',
    retry: false,
  });
}

export function useDayLog(site: string) {
  const day = localDay();
  return useQuery({
    queryKey: deskKeys.log(site, day.key),
    queryFn: async ({ signal }) => (await call('GET', '/security-desk/log', { query: { site, from: day.from, to: day.to }, signal })).data.items,
    refetchInterval: REFRESH_MS,
    enabled: site !== '',
  });
}

export function useUnitContacts(site: string, query: string) {
  const q = query.trim();
  return useQuery({
    queryKey: deskKeys.contacts(site, q),
    queryFn: async ({ signal }) => (await call('GET', '/security-desk/unit-contacts', { query: { q, site }, signal })).data.items,
    enabled: site !== '' && q.length >= 2,
  });
}

/** Order a pass: one Idempotency-Key per submitted body, so a retry after a lost answer orders one pass. */
export function useCreatePass() {
  const queryClient = useQueryClient();
  const keys = useRef(new Map<string, string>());
  return useMutation({
    mutationFn: async (body: PassBody) => {
      const intent = JSON.stringify(body);
      const key = keys.current.get(intent) ?? newIdempotencyKey();
      keys.current.set(intent, key);
      const answer = await call('POST', '/passes', { body, headers: { 'Idempotency-Key': key } });
      keys.current.delete(intent);
      return answer.data;
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: deskKeys.all }),
  });
}

export function useRevokePass() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) =>
      (await call('POST', '/passes/{id}/revoke', { path: { id }, body: {}, headers: { 'Idempotency-Key': newIdempotencyKey() } })).data,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: deskKeys.all }),
  });
}
