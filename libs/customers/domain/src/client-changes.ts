import type { ClientDetails } from './client';

/** How a client's history names what happened to it. */
export type ClientChangeKind = 'created' | 'migrated' | 'edited' | 'order-added';

export interface FieldChange {
  readonly from: string | null;
  readonly to: string | null;
}

/** What changed, field by field (an order added names the order under `order`). */
export type ClientChanges = Readonly<Record<string, FieldChange>>;

const fields: readonly Exclude<keyof ClientDetails, 'tags'>[] = ['firstName', 'lastName', 'middleName', 'phone', 'email', 'inn', 'organisation'];

/** The fields that differ between two versions of a client (all set fields for a new one). */
export function clientChanges(before: ClientDetails | undefined, after: ClientDetails): ClientChanges {
  const changes: Record<string, FieldChange> = {};
  for (const field of fields) {
    const from = before?.[field] ?? null;
    const to = after[field] ?? null;
    if (from !== to) changes[field] = { from, to };
  }
  // Tags read as one line in the history: "vip, key-account".
  const tagsFrom = before?.tags?.length ? before.tags.join(', ') : null;
  const tagsTo = after.tags?.length ? after.tags.join(', ') : null;
  if (tagsFrom !== tagsTo) changes.tags = { from: tagsFrom, to: tagsTo };
  return changes;
}
