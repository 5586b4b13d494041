import type { Channel, RoutableClient } from '@switchboard/service-desk/domain';

/** What the ledger knows when intake takes a contact: the message's request if it was stored, the contact's open request. */
export interface ContactLedgerEntry {
  readonly storedIn?: string;
  readonly openRequest?: string;
}

/** What intake did: the request the message is now stored in, and the contact's open request (`null` clears it). */
export interface ContactLedgerUpdate {
  readonly storedIn?: string;
  readonly openRequest?: string | null;
}

/**
 * What intake remembers outside the event streams: which channel messages are already stored
 * (so a redelivery is acknowledged without a second copy) and which request is open per contact.
 */
export interface IntakeLedger {
  /**
   * Runs `work` while no other intake process handles the same contact (one contact's messages
   * serialise), then records its update. Losing the update is safe: see IntakeService.
   */
  withContact<T>(
    channel: Channel,
    address: string,
    messageId: string,
    work: (entry: ContactLedgerEntry) => Promise<{ result: T; update: ContactLedgerUpdate }>,
  ): Promise<T>;
}

export const INTAKE_LEDGER = Symbol('IntakeLedger');

export interface ClientHint {
  /** E.164. */
  readonly phone?: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly email?: string;
  readonly orderCode?: string;
}

export interface ResolvedClient {
  readonly clientId?: string;
  readonly order?: { readonly orderId: string; readonly orderCode: string };
  /** What routing rules may match on. */
  readonly profile?: RoutableClient;
  /** The client's only estate unit, when they hold exactly one: the request is about it (with its building and site). */
  readonly unit?: { readonly unitId: string; readonly buildingId: string; readonly siteSlug?: string };
}

/** Identity resolution: channel identity → client (and order), through the customers context. */
export interface ClientResolver {
  resolve(hint: ClientHint): Promise<ResolvedClient>;
}

export const CLIENT_RESOLVER = Symbol('ClientResolver');

export interface IntakeOptions {
  /** Help-desk department new requests from channels belong to (its managers triage them). */
  readonly department?: string;
  /** A message on a request closed less than this long ago reopens it; unset or 0 never reopens. */
  readonly reopenWindowMs?: number;
  /** Group commit (with a batch ledger): contacts per transaction, and transactions at once. */
  readonly groupCommit?: { readonly maxBatch: number; readonly maxInFlight: number };
}

export const INTAKE_OPTIONS = Symbol('IntakeOptions');
