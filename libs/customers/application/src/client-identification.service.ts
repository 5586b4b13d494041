import { Inject, Injectable } from '@nestjs/common';
import {
  normaliseOrderCode,
  normalisePhone,
  orderFromLegacy,
  parseClientDetails,
  parseOrderDetails,
  phoneFormatMessage,
  underField,
} from '@switchboard/customers/domain';
import type { Client, ClientInput, Order, OrderInput } from '@switchboard/customers/domain';
import { ClientNotFoundError, CustomersValidationError, OrderNotFoundError, OrderOfAnotherClientError } from './customers.errors';
import { CUSTOMERS_REPOSITORY } from './customers.port';
import type { CustomersRepository } from './customers.port';
import { LEGACY_CUSTOMERS_SOURCE } from './legacy-customers-source.port';
import type { LegacyCustomersSource } from './legacy-customers-source.port';
import { LegacyClientMigration } from './legacy-client-migration.service';

export interface IdentifyClientCommand {
  /** Our client, chosen by the operator. */
  readonly clientId?: string;
  /** A LegacyDB client (`client_no`), e.g. a legacy search hit. */
  readonly legacyClientId?: number;
  /** The contact's phone in any format, e.g. from the channel. */
  readonly phone?: string;
  readonly orderCode?: string;
  /** Details to create the client with when nobody matches; when a legacy client is copied, they fill what it lacks. */
  readonly newClient?: ClientInput;
  /** Details to create the order with when no order has the code. */
  readonly newOrder?: OrderInput;
  readonly now: Date;
  readonly newId: () => string;
  /** Who asks (recorded in the history of a client or order this creates): a user id, `channel:<name>`. */
  readonly by?: string;
}

/** Where the client or order came from: already ours, copied in from the LegacyDB, or created now. */
export type CustomerSource = 'ours' | 'legacy' | 'new';

/**
 * The four identification cases: 1 client ours, order ours (or none, or new); 2 client ours, order
 * copied from the LegacyDB; 3 client copied from the LegacyDB; 4 client created (with its order).
 */
export type IdentificationCase = 1 | 2 | 3 | 4;

export interface Identification {
  readonly clientId: string;
  readonly orderId?: string;
  readonly case: IdentificationCase;
  readonly client: CustomerSource;
  readonly order?: CustomerSource;
  /** Whether the client is a legal entity (INN and organisation), and its INN: what intake routing may look at. */
  readonly legalEntity: boolean;
  readonly inn?: string;
  readonly tags?: readonly string[];
}

/**
 * Links a request to a client and an order, pulling them lazily from the LegacyDB: ours first,
 * then the LegacyDB (copied in, enriched with what the request knows), then created from the given
 * details. A LegacyDB outage fails the call (`LegacyUnavailableError`) rather than create a duplicate.
 */
@Injectable()
export class ClientIdentification {
  constructor(
    @Inject(CUSTOMERS_REPOSITORY) private readonly customers: CustomersRepository,
    @Inject(LEGACY_CUSTOMERS_SOURCE) private readonly legacy: LegacyCustomersSource,
    @Inject(LegacyClientMigration) private readonly migration: LegacyClientMigration,
  ) {}

  async identify(command: IdentifyClientCommand): Promise<Identification> {
    const client = await this.identifyClient(command);
    const order = await this.identifyOrder(command, client.client);
    const identified: IdentificationCase = client.source === 'ours' ? (order?.source === 'legacy' ? 2 : 1) : client.source === 'legacy' ? 3 : 4;
    return {
      clientId: client.client.id,
      ...(order ? { orderId: order.order.id, order: order.source } : {}),
      case: identified,
      client: client.source,
      legalEntity: client.client.inn !== undefined && client.client.organisation !== undefined,
      ...(client.client.inn !== undefined ? { inn: client.client.inn } : {}),
      ...(client.client.tags?.length ? { tags: client.client.tags } : {}),
    };
  }

  private async identifyClient(command: IdentifyClientCommand): Promise<{ client: Client; source: CustomerSource }> {
    if (command.clientId !== undefined) {
      const client = await this.customers.findClientById(command.clientId);
      if (!client) throw new ClientNotFoundError(`no client ${command.clientId}`);
      return { client, source: 'ours' };
    }
    if (command.legacyClientId !== undefined) {
      const linked = await this.customers.findClientByLegacyId(command.legacyClientId);
      if (linked) return { client: linked, source: 'ours' };
      const record = await this.migration.findLegacyClient(command.legacyClientId);
      if (!record) throw new ClientNotFoundError(`no legacy client ${command.legacyClientId}`);
      const { client, created } = await this.migration.migrate(record, { newId: command.newId, enrichment: this.enrichment(command), by: command.by });
      return { client, source: created ? 'legacy' : 'ours' };
    }

    const rawPhone = command.phone ?? command.newClient?.phone ?? undefined;
    if (rawPhone) {
      const phone = normalisePhone(rawPhone);
      if (!phone) throw new CustomersValidationError([{ field: command.phone ? 'phone' : 'newClient.phone', message: phoneFormatMessage }]);
      const ours = await this.customers.findClientByPhone(phone);
      if (ours) return { client: ours, source: 'ours' };
      const [record, ...duplicates] = await this.legacy.findClientsByPhone(phone);
      if (record) {
        const { client, created } = await this.migration.migrate(record, { newId: command.newId, enrichment: this.enrichment(command), by: command.by });
        await this.migration.linkDuplicates(duplicates, client);
        return { client, source: created ? 'legacy' : 'ours' };
      }
    }

    if (!command.newClient) throw new ClientNotFoundError('no client matches the request; give newClient to create one');
    const details = parseClientDetails({ ...command.newClient, phone: command.newClient.phone ?? command.phone });
    if (!details.ok) throw new CustomersValidationError(underField('newClient', details.errors));
    const { client, created } = await this.customers.insertClientOrFind({ id: command.newId(), ...details.value }, { by: command.by ?? 'system:customers' });
    return { client, source: created ? 'new' : 'ours' };
  }

  /** What the request knows about the client, checked field by field. */
  private enrichment(command: IdentifyClientCommand): ClientInput | undefined {
    const enrichment: ClientInput = { ...command.newClient, phone: command.newClient?.phone ?? command.phone };
    const details = parseClientDetails(enrichment, { partial: true });
    if (!details.ok) throw new CustomersValidationError(underField('newClient', details.errors));
    return enrichment;
  }

  private async identifyOrder(command: IdentifyClientCommand, client: Client): Promise<{ order: Order; source: CustomerSource } | undefined> {
    const rawCode = command.orderCode ?? command.newOrder?.code ?? undefined;
    if (!rawCode) {
      if (command.newOrder) throw new CustomersValidationError([{ field: 'newOrder.code', message: 'is required' }]);
      return undefined;
    }
    const code = normaliseOrderCode(rawCode);
    if (!code)
      throw new CustomersValidationError([
        { field: command.orderCode ? 'orderCode' : 'newOrder.code', message: 'must be an order code without spaces, at most 64 characters' },
      ]);

    const ours = await this.customers.findOrderByCode(code);
    if (ours) {
      if (ours.clientId !== client.id) throw new OrderOfAnotherClientError(code, client.id);
      return { order: ours, source: 'ours' };
    }

    const record = await this.legacy.findOrder(code);
    if (record) {
      if (!(await this.isLegacyOwner(record.legacyClientId, client))) throw new OrderOfAnotherClientError(code, client.id);
      const copy = orderFromLegacy(record, { id: command.newId(), clientId: client.id });
      if (!copy.ok) throw new CustomersValidationError(copy.errors);
      return this.insertOrder(copy.value, 'legacy', client, command.by);
    }

    if (!command.newOrder) throw new OrderNotFoundError(code);
    const details = parseOrderDetails({ ...command.newOrder, code });
    if (!details.ok) throw new CustomersValidationError(underField('newOrder', details.errors));
    return this.insertOrder({ id: command.newId(), ...details.value, createdAt: command.now, clientId: client.id }, 'new', client, command.by);
  }

  private async insertOrder(
    candidate: Order,
    source: CustomerSource,
    client: Client,
    by = 'system:customers',
  ): Promise<{ order: Order; source: CustomerSource }> {
    const { order, created } = await this.customers.insertOrderOrFind(candidate, { by });
    if (order.clientId !== client.id) throw new OrderOfAnotherClientError(order.code, client.id);
    return { order, source: created ? source : 'ours' };
  }

  /**
   * Whether a legacy order's owner is this client: the same record, a record linked to it, or a
   * duplicate record with its phone. An order whose owner the LegacyDB lost goes to the client.
   */
  private async isLegacyOwner(legacyClientId: number, client: Client): Promise<boolean> {
    if (client.legacyId === legacyClientId) return true;
    const linked = await this.customers.findClientByLegacyId(legacyClientId);
    if (linked) return linked.id === client.id;
    const owner = await this.migration.findLegacyClient(legacyClientId);
    if (!owner) return true;
    if (normalisePhone(owner.phone) !== client.phone) return false;
    await this.customers.linkLegacyClient(legacyClientId, client.id);
    return true;
  }
}
