import type { Client, ClientChanges, NameQuery, Order } from '@switchboard/customers/domain';

/** Who changed a client (a Keycloak user id, `channel:<name>`, `system:<process>`). */
export interface ClientAudit {
  readonly by: string;
}

/** A client found by a name search, with the key it is ordered by. */
export interface ClientHit {
  readonly client: Client;
  readonly nameKey: string;
}

/** Which part of a name search's matches to return. */
export interface ClientSearchSlice {
  readonly limit: number;
  readonly offset?: number;
  /** Only matches after this position (name key, then unique key `o:<id>` / `l:<legacy id>`). */
  readonly after?: { readonly nameKey: string; readonly uniqueKey: string };
  readonly countUpTo: number;
}

/** Our clients and orders (state-stored in PostgreSQL). */
export interface CustomersRepository {
  /** Writes a client as given, by id (demo and reference loads). */
  upsertClient(client: Client): Promise<void>;
  /** Writes an order as given, by id (demo and reference loads). */
  upsertOrder(order: Order): Promise<void>;
  countClients(): Promise<number>;

  findClientById(id: string): Promise<Client | undefined>;
  /** `phone` in E.164. */
  findClientByPhone(phone: string): Promise<Client | undefined>;
  /** The client with this email (case-insensitive); emails are not unique: the earliest such client. */
  findClientByEmail(email: string): Promise<Client | undefined>;
  /** The client a LegacyDB record was migrated into (or merged with, for a legacy duplicate). */
  findClientByLegacyId(legacyId: number): Promise<Client | undefined>;
  /**
   * Inserts the client unless one with the same phone or legacy id exists, and answers the client
   * that holds them: concurrent inserts of one person leave one row and give everyone its id.
   */
  insertClientOrFind(client: Client, audit?: ClientAudit & { readonly change?: 'created' | 'migrated' }): Promise<{ client: Client; created: boolean }>;
  /**
   * Records that a LegacyDB record is (merged into) a client; the first link of a record wins.
   * Answers the client the record is linked to.
   */
  linkLegacyClient(legacyId: number, clientId: string): Promise<string>;
  /**
   * Replaces a client's details and records the change (revision + 1), if the client is still at
   * `expectedRevision` (`StaleClientError` otherwise); `PhoneTakenError` when the phone belongs to
   * another client. Answers the new revision.
   */
  updateClient(client: Client, edit: ClientAudit & { readonly expectedRevision: number; readonly changes: ClientChanges }): Promise<number>;

  findOrderByCode(code: string): Promise<Order | undefined>;
  /** Inserts the order unless its code exists, and answers the order holding the code. */
  insertOrderOrFind(order: Order, audit?: ClientAudit): Promise<{ order: Order; created: boolean }>;

  /** Matches ordered by name key, then `o:<id>` (after `after`, skipping `offset`, at most `limit`); and how many match in all, counted up to `countUpTo + 1`. */
  searchClientsByName(query: NameQuery, page: ClientSearchSlice): Promise<{ hits: ClientHit[]; total: number }>;
  /** Which of these legacy ids and E.164 phones are already ours. */
  findMigrated(legacyIds: readonly number[], phones: readonly string[]): Promise<{ legacyIds: Set<number>; phones: Set<string> }>;
}

export const CUSTOMERS_REPOSITORY = Symbol('CustomersRepository');

/** The client changed since the caller read it (another edit came first). */
export class StaleClientError extends Error {
  constructor(
    readonly clientId: string,
    readonly expectedRevision: number,
    readonly actualRevision: number,
  ) {
    super(`client ${clientId} is at revision ${actualRevision}, not ${expectedRevision}: it changed since it was read`);
    this.name = 'StaleClientError';
  }
}

/** The phone is another client's; phones are unique. */
export class PhoneTakenError extends Error {
  constructor(readonly phone: string) {
    super(`phone ${phone} belongs to another client`);
    this.name = 'PhoneTakenError';
  }
}
