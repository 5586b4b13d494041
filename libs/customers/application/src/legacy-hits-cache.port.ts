import type { LegacyClientRecord } from '@switchboard/customers/domain';

/** What a name search found only in the LegacyDB, as it was when it was asked. */
export interface LegacySearchSnapshot {
  readonly clients: LegacyClientRecord[];
  readonly truncated: boolean;
}

/**
 * Legacy-only hits, kept for a while (TTL) so paging through a search does not ask the LegacyDB
 * again and the pages come from one snapshot. A cache never fails a caller: errors read as misses.
 */
export interface LegacyHitsCache {
  /** `queryKey` is the canonical query text (`nameQueryKey`). */
  getSearch(queryKey: string): Promise<LegacySearchSnapshot | undefined>;
  putSearch(queryKey: string, snapshot: LegacySearchSnapshot): Promise<void>;
  getClient(legacyId: number): Promise<LegacyClientRecord | undefined>;
  putClients(clients: readonly LegacyClientRecord[]): Promise<void>;
}

export const LEGACY_HITS_CACHE = Symbol('LegacyHitsCache');

/** No Redis configured: every read misses. */
export const noLegacyHitsCache: LegacyHitsCache = {
  getSearch: async () => undefined,
  putSearch: async () => undefined,
  getClient: async () => undefined,
  putClients: async () => undefined,
};
