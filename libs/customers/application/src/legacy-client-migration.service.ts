import { Inject, Injectable } from '@nestjs/common';
import { clientFromLegacy } from '@switchboard/customers/domain';
import type { Client, ClientInput, LegacyClientRecord } from '@switchboard/customers/domain';
import { CustomersValidationError } from './customers.errors';
import { CUSTOMERS_REPOSITORY } from './customers.port';
import type { CustomersRepository } from './customers.port';
import { LEGACY_HITS_CACHE } from './legacy-hits-cache.port';
import type { LegacyHitsCache } from './legacy-hits-cache.port';
import { LEGACY_CUSTOMERS_SOURCE } from './legacy-customers-source.port';
import type { LegacyCustomersSource } from './legacy-customers-source.port';

/**
 * Copies a LegacyDB client into ours, once: a second migration of the same record, or of a
 * duplicate record with the same phone, answers the client the first one made, even when both run
 * at the same moment (the repository's insert-or-find settles the race in PostgreSQL).
 */
@Injectable()
export class LegacyClientMigration {
  constructor(
    @Inject(CUSTOMERS_REPOSITORY) private readonly customers: CustomersRepository,
    @Inject(LEGACY_CUSTOMERS_SOURCE) private readonly legacy: LegacyCustomersSource,
    @Inject(LEGACY_HITS_CACHE) private readonly cache: LegacyHitsCache,
  ) {}

  /** The legacy record, from the search cache when a recent search showed it. */
  async findLegacyClient(legacyId: number): Promise<LegacyClientRecord | undefined> {
    return (await this.cache.getClient(legacyId)) ?? (await this.legacy.findClient(legacyId));
  }

  /**
   * Our client for the legacy record, migrating it if needed; `created` says whether this call
   * made the client (false when it was migrated before or merged with a client of the same phone).
   */
  async migrate(
    record: LegacyClientRecord,
    options: { newId: () => string; enrichment?: ClientInput; by?: string },
  ): Promise<{ client: Client; created: boolean }> {
    const linked = await this.customers.findClientByLegacyId(record.legacyId);
    if (linked) return { client: linked, created: false };
    const candidate = clientFromLegacy(record, { id: options.newId(), enrichment: options.enrichment });
    if (!candidate.ok) throw new CustomersValidationError(candidate.errors);
    const { client, created } = await this.customers.insertClientOrFind(candidate.value, { by: options.by ?? 'system:customers', change: 'migrated' });
    const linkedTo = await this.customers.linkLegacyClient(record.legacyId, client.id);
    if (linkedTo === client.id) return { client, created };
    // The record was linked to another client meanwhile (its phone changed since): the first link wins.
    const winner = await this.customers.findClientById(linkedTo);
    if (!winner) throw new Error(`legacy client ${record.legacyId} is linked to client ${linkedTo}, which does not exist`);
    return { client: winner, created: false };
  }

  /** Records that other legacy records (duplicates of one person) are this client too. */
  async linkDuplicates(records: readonly LegacyClientRecord[], client: Client): Promise<void> {
    for (const r of records) if (r.legacyId !== client.legacyId) await this.customers.linkLegacyClient(r.legacyId, client.id);
  }
}
