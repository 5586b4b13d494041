import type { LegacyClientRecord, LegacyOrderRecord, NameQuery } from '@switchboard/customers/domain';

export interface LegacySearchResult {
  /** Ordered by legacy id. */
  readonly clients: LegacyClientRecord[];
  /** More records matched than the source returns for one search. */
  readonly truncated: boolean;
}

/**
 * The LegacyDB: a separate, read-only PostgreSQL with the old schema. Every call has a time limit;
 * past it, or when the database cannot be reached, the call fails with `LegacyUnavailableError`.
 */
export interface LegacyCustomersSource {
  searchClientsByName(query: NameQuery): Promise<LegacySearchResult>;
  findClient(legacyId: number): Promise<LegacyClientRecord | undefined>;
  /** Records whose phone, in whatever format it was written, is this E.164 number; oldest first. */
  findClientsByPhone(phone: string): Promise<LegacyClientRecord[]>;
  findOrder(code: string): Promise<LegacyOrderRecord | undefined>;
}

export const LEGACY_CUSTOMERS_SOURCE = Symbol('LegacyCustomersSource');

export class LegacyUnavailableError extends Error {
  constructor(
    readonly reason: 'timeout' | 'unreachable',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`legacy database ${reason === 'timeout' ? 'timed out' : 'unreachable'}: ${message}`, options);
    this.name = 'LegacyUnavailableError';
  }
}

/** No LegacyDB configured: nothing is ever found there. */
export const noLegacyCustomersSource: LegacyCustomersSource = {
  searchClientsByName: async () => ({ clients: [], truncated: false }),
  findClient: async () => undefined,
  findClientsByPhone: async () => [],
  findOrder: async () => undefined,
};
