import type { Channel } from '@switchboard/service-desk/domain';

/**
 * What intake remembers outside the event streams: which channel messages are already stored
 * (so a redelivery is acknowledged without a second copy) and which request is open per contact.
 */
export interface IntakeLedger {
  /** The request a channel message was stored in, if it was. */
  findMessage(channel: Channel, messageId: string): Promise<string | undefined>;
  recordMessage(channel: Channel, messageId: string, requestId: string): Promise<void>;
  openRequestOf(channel: Channel, address: string): Promise<string | undefined>;
  setOpenRequest(channel: Channel, address: string, requestId: string | undefined): Promise<void>;
  /** Runs `work` while no other intake process handles the same contact (messages of one contact serialise). */
  withContactLock<T>(channel: Channel, address: string, work: () => Promise<T>): Promise<T>;
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
}

/** Identity resolution: channel identity → client (and order), through the customers context. */
export interface ClientResolver {
  resolve(hint: ClientHint): Promise<ResolvedClient>;
}

export const CLIENT_RESOLVER = Symbol('ClientResolver');

export interface IntakeOptions {
  /** Help-desk department new requests from channels belong to (its managers triage them). */
  readonly department?: string;
}

export const INTAKE_OPTIONS = Symbol('IntakeOptions');
