import { Inject, Injectable } from '@nestjs/common';
import { matchesNameQuery, nameQueryKey, parseNameQuery } from '@switchboard/customers/domain';
import type { LegacyClientRecord, NameQuery } from '@switchboard/customers/domain';
import { listedLegacy, listedOurs, pageOfMerged } from './client-list';
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
  /** 1-based. */
  readonly page?: number;
  readonly pageSize?: number;
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
  /** Matches in all, ours and legacy-only; absent when the answer is partial. */
  readonly total?: number;
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
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > maxPageSize) errors.push({ field: 'pageSize', message: `must be a whole number from 1 to ${maxPageSize}` });
    if (!parsed.ok || errors.length > 0) throw new CustomersValidationError(errors);
    const query = parsed.value;

    const offset = (page - 1) * pageSize;
    const [ours, legacy] = await Promise.all([this.customers.searchClientsByName(query, offset + pageSize), this.legacyOnlyHits(query)]);
    const legacyListed = legacy.clients.map(listedLegacy);
    const items = pageOfMerged(
      ours.hits.map((h) => listedOurs(h.client, h.nameKey)),
      legacyListed,
      offset,
      pageSize,
    );

    const shownLegacy = new Set(items.flatMap((i) => (i.item.source === 'legacy' ? [i.item.legacyId] : [])));
    if (shownLegacy.size > 0) await this.cache.putClients(legacy.clients.filter((c) => shownLegacy.has(c.legacyId)));

    const partialReason: PartialReason | undefined = legacy.unavailable ?? (legacy.truncated ? 'legacy-truncated' : undefined);
    return {
      items: items.map((i) => i.item),
      page,
      pageSize,
      ...(partialReason ? { partial: true, partialReason } : { partial: false, total: ours.total + legacyListed.length }),
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
    return candidates
      .filter((c) => !migrated.legacyIds.has(c.record.legacyId) && !(c.phone && migrated.phones.has(c.phone)))
      .map((c) => c.record);
  }
}
