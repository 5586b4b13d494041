import { Inject, Injectable } from '@nestjs/common';
import { applyClientPatch, clientFromLegacy, parseClientDetails, withDetails } from '@switchboard/customers/domain';
import type { Client, ClientDetails, ClientPatch } from '@switchboard/customers/domain';
import { ClientNotFoundError, CustomersValidationError } from './customers.errors';
import { CUSTOMERS_REPOSITORY, PhoneTakenError } from './customers.port';
import type { CustomersRepository } from './customers.port';
import { LegacyClientMigration } from './legacy-client-migration.service';

export interface EditClientCommand {
  /** Our client… */
  readonly clientId?: string;
  /** …or a LegacyDB client (`client_no`), migrated before it is edited. */
  readonly legacyClientId?: number;
  readonly patch: ClientPatch;
  readonly newId: () => string;
}

export interface EditedClient {
  readonly client: Client;
  /** This edit copied the client in from the LegacyDB first. */
  readonly migrated: boolean;
}

/**
 * Edits a client. A LegacyDB-only client is migrated first (the patch fills what the record lacks,
 * e.g. an unusable phone); the edit is checked in full before anything is written, so an invalid
 * edit migrates nothing.
 */
@Injectable()
export class ClientEditing {
  constructor(
    @Inject(CUSTOMERS_REPOSITORY) private readonly customers: CustomersRepository,
    @Inject(LegacyClientMigration) private readonly migration: LegacyClientMigration,
  ) {}

  async update(command: EditClientCommand): Promise<EditedClient> {
    if (command.clientId !== undefined) {
      const client = await this.customers.findClientById(command.clientId);
      if (!client) throw new ClientNotFoundError(`no client ${command.clientId}`);
      return { client: await this.save(client, command.patch), migrated: false };
    }
    if (command.legacyClientId === undefined) throw new CustomersValidationError([{ field: 'clientId', message: 'or legacyClientId is required' }]);

    const linked = await this.customers.findClientByLegacyId(command.legacyClientId);
    if (linked) return { client: await this.save(linked, command.patch), migrated: false };
    const record = await this.migration.findLegacyClient(command.legacyClientId);
    if (!record) throw new ClientNotFoundError(`no legacy client ${command.legacyClientId}`);
    // What the client would be after migration and edit: refused here, nothing is migrated.
    const candidate = clientFromLegacy(record, { id: '', enrichment: command.patch });
    if (!candidate.ok) throw new CustomersValidationError(candidate.errors);
    patched(candidate.value, command.patch);

    const { client, created } = await this.migration.migrate(record, { newId: command.newId, enrichment: command.patch });
    return { client: await this.save(client, command.patch), migrated: created };
  }

  private async save(client: Client, patch: ClientPatch): Promise<Client> {
    const updated = withDetails(client, patched(client, patch));
    try {
      await this.customers.updateClient(updated);
    } catch (error) {
      if (error instanceof PhoneTakenError) throw new CustomersValidationError([{ field: 'phone', message: 'belongs to another client' }]);
      throw error;
    }
    return updated;
  }
}

function patched(client: ClientDetails, patch: ClientPatch): ClientDetails {
  const details = parseClientDetails(applyClientPatch(client, patch));
  if (!details.ok) throw new CustomersValidationError(details.errors);
  return details.value;
}
