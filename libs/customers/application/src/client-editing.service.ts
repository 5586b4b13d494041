import { Inject, Injectable } from '@nestjs/common';
import { applyClientPatch, clientChanges, clientFromLegacy, parseClientDetails, withDetails } from '@switchboard/customers/domain';
import type { Client, ClientDetails, ClientPatch } from '@switchboard/customers/domain';
import { ClientNotFoundError, CustomersValidationError } from './customers.errors';
import { CUSTOMERS_REPOSITORY, PhoneTakenError, StaleClientError } from './customers.port';
import type { CustomersRepository } from './customers.port';
import { LegacyClientMigration } from './legacy-client-migration.service';

export interface EditClientCommand {
  /** Our client… */
  readonly clientId?: string;
  /** …or a LegacyDB client (`client_no`), migrated before it is edited. */
  readonly legacyClientId?: number;
  readonly patch: ClientPatch;
  readonly newId: () => string;
  /** Who edits (recorded in the client's history). */
  readonly by?: string;
  /** The revision the editor saw (If-Match): a client edited since is refused with StaleClientError. */
  readonly expectedRevision?: number;
}

export interface EditedClient {
  readonly client: Client;
  /** This edit copied the client in from the LegacyDB first. */
  readonly migrated: boolean;
}

const SYSTEM = 'system:customers';
// An edit without If-Match that meets a concurrent one is re-applied to the newer client: each round
// one of the editors wins, so this bounds the wait of the unluckiest of as many concurrent editors.
const UNGUARDED_ATTEMPTS = 25;

/**
 * Edits a client. A LegacyDB-only client is migrated first (the patch fills what the record lacks,
 * e.g. an unusable phone); the edit is checked in full before anything is written, so an invalid
 * edit migrates nothing. Every edit is recorded (who, when, what) and moves the client's revision;
 * one that names a revision the client has left is refused.
 */
@Injectable()
export class ClientEditing {
  constructor(
    @Inject(CUSTOMERS_REPOSITORY) private readonly customers: CustomersRepository,
    @Inject(LegacyClientMigration) private readonly migration: LegacyClientMigration,
  ) {}

  async update(command: EditClientCommand): Promise<EditedClient> {
    const by = command.by ?? SYSTEM;
    if (command.clientId !== undefined) {
      for (let attempt = 1; ; attempt++) {
        const client = await this.customers.findClientById(command.clientId);
        if (!client) throw new ClientNotFoundError(`no client ${command.clientId}`);
        const revision = client.revision ?? 0;
        if (command.expectedRevision !== undefined && command.expectedRevision !== revision)
          throw new StaleClientError(client.id, command.expectedRevision, revision);
        try {
          return { client: await this.save(client, command.patch, by), migrated: false };
        } catch (error) {
          if (!(error instanceof StaleClientError) || command.expectedRevision !== undefined || attempt >= UNGUARDED_ATTEMPTS) throw error;
        }
      }
    }
    if (command.legacyClientId === undefined) throw new CustomersValidationError([{ field: 'clientId', message: 'or legacyClientId is required' }]);

    const linked = await this.customers.findClientByLegacyId(command.legacyClientId);
    if (linked) return this.update({ ...command, clientId: linked.id, legacyClientId: undefined });
    const record = await this.migration.findLegacyClient(command.legacyClientId);
    if (!record) throw new ClientNotFoundError(`no legacy client ${command.legacyClientId}`);
    // What the client would be after migration and edit: refused here, nothing is migrated.
    const candidate = clientFromLegacy(record, { id: '', enrichment: command.patch });
    if (!candidate.ok) throw new CustomersValidationError(candidate.errors);
    patched(candidate.value, command.patch);

    const { client, created } = await this.migration.migrate(record, { newId: command.newId, enrichment: command.patch, by });
    const edited = await this.update({ ...command, clientId: client.id, legacyClientId: undefined });
    return { client: edited.client, migrated: created };
  }

  /** The patched client, recorded; an edit that changes nothing writes nothing. */
  private async save(client: Client, patch: ClientPatch, by: string): Promise<Client> {
    const updated = withDetails(client, patched(client, patch));
    const changes = clientChanges(client, updated);
    if (Object.keys(changes).length === 0) return client;
    try {
      const revision = await this.customers.updateClient(updated, { by, expectedRevision: client.revision ?? 0, changes });
      return { ...updated, revision };
    } catch (error) {
      if (error instanceof PhoneTakenError) throw new CustomersValidationError([{ field: 'phone', message: 'belongs to another client' }]);
      throw error;
    }
  }
}

function patched(client: ClientDetails, patch: ClientPatch): ClientDetails {
  const details = parseClientDetails(applyClientPatch(client, patch));
  if (!details.ok) throw new CustomersValidationError(details.errors);
  return details.value;
}
