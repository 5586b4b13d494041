import { Inject, Injectable } from '@nestjs/common';
import {
  cappedCount,
  decodeClientSearchCursor,
  encodeClientSearchCursor,
  exactCountUpTo,
  matchesNameQuery,
  nameQueryKey,
  parseNameQuery,
} from '@switchboard/customers/domain';
import type { CappedCount, LegacyClientRecord, NameQuery } from '@switchboard/customers/domain';
import { listedAfter, listedLegacy, listedOurs, pageOfMerged } from './client-list';
import type { ListedClient } from './client-list';
import { CustomersValidationError } from './customers.errors';
import { CUSTOMERS_REPOSITORY } from './customers.port';
import type { CustomersRepository } from './customers.port';
import { LEGACY_HITS_CACHE } from './legacy-hits-cache.port';
import type { LegacyHitsCache, LegacySearchSnapshot } from './legacy-hits-cache.port';
import { LEGACY_CUSTOMERS_SOURCE, LegacyUnavailableError } from './legacy-customers-source.port';
import type { LegacyCustomersSource } from './legacy-customers-source.port';

export interface SearchClientsQuery {
  /** Words of a name, in any order: "petrov ivan". */
  readonly q: string;
  /** 1-based; ignored with a cursor. */
  readonly page?: number;
  readonly pageSize?: number;
  /** The `nextCursor` of the previous page: the next page without counting what lies before it. */
  readonly cursor?: string;
}

/**
 * Why an answer is partial: the LegacyDB did not answer in time, could not be reached, or matched
 * more records than one search returns (narrow the query).
 */
export type PartialReason = 'legacy-timeout' | 'legacy-unreachable' | 'legacy-truncated';

export interface ClientSearchResult {
  readonly items: ListedClient[];
  readonly page: number;
  readonly pageSize: number;
  /** Matches in all, ours and legacy-only, exact up to 1,000, else "1000+"; absent when the answer is partial. */
  readonly total?: CappedCount;
  /** The next page's cursor; null on the last page. */
  readonly nextCursor: string | null;
  readonly partial: boolean;
  readonly partialReason?: PartialReason;
}

export const maxPageSize = 100;

/**
 * Name search over ours and the LegacyDB merged: a migrated legacy client (by legacy id or phone)
 * appears once, as ours; legacy duplicates with one phone appear once. Ordered by name, then a
 * unique key, so pages are stable; the legacy side of a query is cached, so paging does not ask the
 * LegacyDB again. A LegacyDB timeout or outage gives our hits only, marked partial — never an error.
 */
@Injectable()
export class ClientSearch {
  constructor(
    @Inject(CUSTOMERS_REPOSITORY) private readonly customers: CustomersRepository,
    @Inject(LEGACY_CUSTOMERS_SOURCE) private readonly legacy: LegacyCustomersSource,
    @Inject(LEGACY_HITS_CACHE) private readonly cache: LegacyHitsCache,
  ) {}

  async search(request: SearchClientsQuery): Promise<ClientSearchResult> {
    const parsed = parseNameQuery(request.q);
    const page = request.page ?? 1;
    const pageSize = request.pageSize ?? 20;
    const errors = parsed.ok ? [] : [...parsed.errors];
    if (!Number.isInteger(page) || page < 1) errors.push({ field: 'page', message: 'must be a whole number from 1' });
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > maxPageSize)
      errors.push({ field: 'pageSize', message: `must be a whole number from 1 to ${maxPageSize}` });
    if (!parsed.ok || errors.length > 0) throw new CustomersValidationError(errors);
    const query = parsed.value;
    const after = request.cursor === undefined ? undefined : decodeClientSearchCursor(request.cursor);
    if (request.cursor !== undefined && !after) throw new CustomersValidationError([{ field: 'cursor', message: 'is not a cursor this search issued' }]);

    // One more than the page: whether a next page exists.
    const offset = after ? 0 : (page - 1) * pageSize;
    const [ours, legacy] = await Promise.all([
      this.customers.searchClientsByName(query, {
        limit: offset + pageSize + 1,
        after: after && { nameKey: after.sortKey, uniqueKey: after.uniqueKey },
        countUpTo: exactCountUpTo,
      }),
      this.legacyOnlyHits(query),
    ]);
    const legacyListed = legacy.clients.map(listedLegacy);
    const merged = pageOfMerged(
      ours.hits.map((h) => listedOurs(h.client, h.nameKey)),
      after ? legacyListed.filter((l) => listedAfter(l, after)) : legacyListed,
      offset,
      pageSize + 1,
    );
    const items = merged.slice(0, pageSize);
    const last = merged.length > pageSize ? items[items.length - 1] : undefined;

    const shownLegacy = new Set(items.flatMap((i) => (i.item.source === 'legacy' ? [i.item.legacyId] : [])));
    if (shownLegacy.size > 0) await this.cache.putClients(legacy.clients.filter((c) => shownLegacy.has(c.legacyId)));

    const partialReason: PartialReason | undefined = legacy.unavailable ?? (legacy.truncated ? 'legacy-truncated' : undefined);
    return {
      items: items.map((i) => i.item),
      page: after ? 1 : page,
      pageSize,
      nextCursor: last ? encodeClientSearchCursor({ sortKey: last.nameKey, uniqueKey: last.uniqueKey }) : null,
      ...(partialReason ? { partial: true, partialReason } : { partial: false, total: cappedCount(ours.total + legacyListed.length) }),
    };
  }

  /** Legacy hits not migrated yet, from the cache or the LegacyDB. */
  private async legacyOnlyHits(query: NameQuery): Promise<LegacySearchSnapshot & { unavailable?: PartialReason }> {
    const key = nameQueryKey(query);
    const cached = await this.cache.getSearch(key);
    if (cached) return { clients: await this.notMigrated(cached.clients, query), truncated: cached.truncated };
    let found;
    try {
      found = await this.legacy.searchClientsByName(query);
    } catch (error) {
      if (!(error instanceof LegacyUnavailableError)) throw error;
      return { clients: [], truncated: false, unavailable: error.reason === 'timeout' ? 'legacy-timeout' : 'legacy-unreachable' };
    }
    const snapshot = { clients: await this.notMigrated(found.clients, query), truncated: found.truncated };
    await this.cache.putSearch(key, snapshot);
    return snapshot;
  }

  /**
   * Drops records that do not match after normalisation, duplicates of an earlier record's phone,
   * and records already ours (by legacy id or phone). Records arrive ordered by legacy id, so the
   * oldest of duplicates stays.
   */
  private async notMigrated(records: readonly LegacyClientRecord[], query: NameQuery): Promise<LegacyClientRecord[]> {
    const seenPhones = new Set<string>();
    const candidates: { record: LegacyClientRecord; phone?: string }[] = [];
    for (const record of records) {
      const listed = listedLegacy(record);
      if (!matchesNameQuery(listed.nameKey, query)) continue;
      if (listed.phone) {
        if (seenPhones.has(listed.phone)) continue;
        seenPhones.add(listed.phone);
      }
      candidates.push({ record, phone: listed.phone });
    }
    if (candidates.length === 0) return [];
    const migrated = await this.customers.findMigrated(
      candidates.map((c) => c.record.legacyId),
      [...seenPhones],
    );
    return candidates.filter((c) => !migrated.legacyIds.has(c.record.legacyId) && !(c.phone && migrated.phones.has(c.phone))).map((c) => c.record);
  }
}
