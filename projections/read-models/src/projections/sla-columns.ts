import type { SlaClock } from '@switchboard/service-desk/domain';

/** When nothing runs: the keyset column of `sort=dueAt` is never null. */
export const NO_DUE_AT = '9999-12-31T00:00:00.000Z';

/** The next due time among the targets still running (the one a queue sorted by urgency shows first). */
export function nextSlaDueAt(clock: SlaClock): string {
  const running = [clock.firstResponse, clock.resolution].filter((t) => t?.status === 'running' && t.dueAt).map((t) => t?.dueAt as string);
  return running.sort()[0] ?? NO_DUE_AT;
}

/**
 * The SLA columns of a row moved to revision $2 by an SLA event (parameters from $3), without
 * touching updated_at: the clock moving does not reorder the lists by activity.
 */
export const advanceSla = (table: 'rm_requests' | 'rm_incidents', set: string): string =>
  `UPDATE ${table} SET last_revision = $2, ${set} WHERE id = $1 AND last_revision < $2`;
