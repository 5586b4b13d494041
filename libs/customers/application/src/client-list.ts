import type { Client, LegacyClientRecord } from '@switchboard/customers/domain';
import { clientNameKey, normaliseEmail, normaliseInn, normalisePhone, splitFullName } from '@switchboard/customers/domain';

/** A client in a merged list: ours, or a LegacyDB record not migrated yet. */
export type ListedClient =
  | {
      readonly source: 'ours';
      readonly id: string;
      readonly legacyId?: number;
      readonly lastName: string;
      readonly firstName: string;
      readonly middleName?: string;
      readonly phone: string;
      readonly email?: string;
      readonly inn?: string;
      readonly organisation?: string;
    }
  | {
      readonly source: 'legacy';
      readonly legacyId: number;
      readonly lastName: string;
      readonly firstName: string;
      readonly middleName?: string;
      /** E.164 when the recorded phone is a valid number. */
      readonly phone?: string;
      /** The phone as the LegacyDB has it. */
      readonly recordedPhone: string;
      readonly email?: string;
      readonly inn?: string;
      readonly organisation?: string;
    };

/** A list entry with its sort key: name key, then a key unique across both sources. */
export interface SortableClient {
  readonly nameKey: string;
  readonly uniqueKey: string;
  readonly item: ListedClient;
}

export function listedOurs(client: Client, nameKey: string = clientNameKey(client)): SortableClient {
  const { id, legacyId, lastName, firstName, middleName, phone, email, inn, organisation } = client;
  return {
    nameKey,
    uniqueKey: `o:${id}`,
    item: {
      source: 'ours',
      id,
      ...(legacyId !== undefined ? { legacyId } : {}),
      lastName,
      firstName,
      ...(middleName ? { middleName } : {}),
      phone,
      ...(email ? { email } : {}),
      ...(inn ? { inn } : {}),
      ...(organisation ? { organisation } : {}),
    },
  };
}

export function listedLegacy(record: LegacyClientRecord): SortableClient & { readonly phone?: string } {
  const name = splitFullName(record.fullName);
  const phone = normalisePhone(record.phone);
  const email = normaliseEmail(record.email);
  const inn = normaliseInn(record.inn);
  const organisation = record.organisation?.trim();
  return {
    nameKey: clientNameKey(name),
    uniqueKey: `l:${String(record.legacyId).padStart(15, '0')}`,
    phone,
    item: {
      source: 'legacy',
      legacyId: record.legacyId,
      lastName: name.lastName,
      firstName: name.firstName,
      ...(name.middleName ? { middleName: name.middleName } : {}),
      ...(phone ? { phone } : {}),
      recordedPhone: record.phone,
      ...(email ? { email } : {}),
      ...(inn ? { inn } : {}),
      ...(organisation ? { organisation } : {}),
    },
  };
}

/**
 * Compares by Unicode code point, which is the byte order of UTF-8: the order PostgreSQL's "C"
 * collation gives, so a page of ours sorted by the database merges exactly with legacy hits sorted here.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i) ?? 0;
    const y = b.codePointAt(i) ?? 0;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

export const compareListed = (a: SortableClient, b: SortableClient): number =>
  compareCodePoints(a.nameKey, b.nameKey) || compareCodePoints(a.uniqueKey, b.uniqueKey);

/** Whether an entry comes after a position in the list (a cursor's). */
export const listedAfter = (entry: SortableClient, position: { readonly sortKey: string; readonly uniqueKey: string }): boolean =>
  (compareCodePoints(entry.nameKey, position.sortKey) || compareCodePoints(entry.uniqueKey, position.uniqueKey)) > 0;

/** One page of two sorted sources merged: both are given at least up to the page's end. */
export function pageOfMerged(ours: readonly SortableClient[], legacy: readonly SortableClient[], offset: number, pageSize: number): SortableClient[] {
  return [...ours, ...legacy].sort(compareListed).slice(offset, offset + pageSize);
}
