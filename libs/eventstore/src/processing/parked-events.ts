import type { Pool, PoolClient } from 'pg';
import type { RecordedEvent } from '../event-store.port';
import type { Queryable } from './checkpoints';
import { PARKED_EVENTS_CHANNEL } from './processing-schema';

/**
 * `parked`: set aside after its attempts ran out, the checkpoint moved past it. `retry-requested`:
 * an operator asked for a retry, the processor's active instance will apply it. `retried`: applied
 * by a retry. `skipped`: an operator decided it needs no processing, with a reason.
 */
export type ParkedEventStatus = 'parked' | 'retry-requested' | 'retried' | 'skipped';

export interface ParkedEvent {
  readonly processor: string;
  readonly eventId: string;
  readonly streamId: string;
  readonly revision: bigint;
  readonly position: string;
  readonly eventType: string;
  readonly attempts: number;
  readonly lastError: string;
  readonly parkedAt: Date;
  readonly status: ParkedEventStatus;
  /** Who last asked for a retry or a skip, and when. */
  readonly requestedBy: string | undefined;
  readonly requestedAt: Date | undefined;
  readonly reason: string | undefined;
  /** What the last retry did: `applied`, or `failed: <error>`. */
  readonly outcome: string | undefined;
  readonly resolvedAt: Date | undefined;
}

interface Row {
  processor: string;
  event_id: string;
  stream_id: string;
  revision: string;
  position: string;
  event_type: string;
  attempts: number;
  last_error: string;
  parked_at: Date;
  status: ParkedEventStatus;
  requested_by: string | null;
  requested_at: Date | null;
  reason: string | null;
  outcome: string | null;
  resolved_at: Date | null;
}

const toParked = (r: Row): ParkedEvent => ({
  processor: r.processor,
  eventId: r.event_id,
  streamId: r.stream_id,
  revision: BigInt(r.revision),
  position: r.position,
  eventType: r.event_type,
  attempts: r.attempts,
  lastError: r.last_error,
  parkedAt: r.parked_at,
  status: r.status,
  requestedBy: r.requested_by ?? undefined,
  requestedAt: r.requested_at ?? undefined,
  reason: r.reason ?? undefined,
  outcome: r.outcome ?? undefined,
  resolvedAt: r.resolved_at ?? undefined,
});

const COLUMNS = `processor, event_id, stream_id, revision::text AS revision, position, event_type, attempts, last_error, parked_at, status,
  requested_by, requested_at, reason, outcome, resolved_at`;

/** In the transaction that moves the checkpoint past the event. Parked again (after a reset checkpoint), it is open again. */
export async function parkEvent(tx: PoolClient, processor: string, event: RecordedEvent, attempts: number, error: string): Promise<void> {
  await tx.query(
    `INSERT INTO parked_events (processor, event_id, stream_id, revision, position, event_type, attempts, last_error)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (processor, event_id) DO UPDATE SET attempts = parked_events.attempts + excluded.attempts, last_error = excluded.last_error,
       position = excluded.position, status = 'parked', parked_at = now(), resolved_at = NULL`,
    [processor, event.id, event.streamId, event.revision.toString(), event.position, event.type, attempts, error],
  );
}

export async function parkedEvents(db: Queryable, filter: { processor?: string; statuses?: readonly ParkedEventStatus[] } = {}): Promise<ParkedEvent[]> {
  const { rows } = await db.query<Row>(
    `SELECT ${COLUMNS} FROM parked_events
      WHERE ($1::text IS NULL OR processor = $1) AND ($2::text[] IS NULL OR status = ANY($2::text[]))
      ORDER BY processor, parked_at, event_id`,
    [filter.processor ?? null, filter.statuses ?? null],
  );
  return rows.map(toParked);
}

export async function parkedEvent(db: Queryable, processor: string, eventId: string): Promise<ParkedEvent | undefined> {
  const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM parked_events WHERE processor = $1 AND event_id = $2`, [processor, eventId]);
  return rows[0] && toParked(rows[0]);
}

/** Open (parked or waiting for a retry) events per processor. */
export async function openParkedCounts(db: Queryable): Promise<Map<string, number>> {
  const { rows } = await db.query<{ processor: string; n: number }>(
    `SELECT processor, count(*)::int AS n FROM parked_events WHERE status IN ('parked', 'retry-requested') GROUP BY processor`,
  );
  return new Map(rows.map((r) => [r.processor, r.n]));
}

/** Processors with a retry waiting for their active instance. */
export async function processorsWithRetries(db: Queryable): Promise<Set<string>> {
  const { rows } = await db.query<{ processor: string }>(`SELECT DISTINCT processor FROM parked_events WHERE status = 'retry-requested'`);
  return new Set(rows.map((r) => r.processor));
}

export interface ParkedEventAction {
  readonly processor: string;
  /** One event, or every open one of the processor. */
  readonly eventId: string | 'all';
  readonly by: string;
  readonly reason?: string;
}

/**
 * Marks parked events for a retry and wakes the processor's active instance (NOTIFY, delivered
 * at commit); an instance that starts later finds them too. Returns the events marked.
 */
export async function requestRetry(pool: Pool, action: ParkedEventAction): Promise<ParkedEvent[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<Row>(
      `UPDATE parked_events SET status = 'retry-requested', requested_by = $3, requested_at = now(), reason = $4, outcome = NULL
        WHERE processor = $1 AND ($2::text IS NULL OR event_id = $2) AND status = 'parked'
        RETURNING ${COLUMNS}`,
      [action.processor, action.eventId === 'all' ? null : action.eventId, action.by, action.reason ?? null],
    );
    if (rows.length > 0) await client.query('SELECT pg_notify($1, $2)', [PARKED_EVENTS_CHANNEL, action.processor]);
    await client.query('COMMIT');
    return rows.map(toParked);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Closes parked events without processing them; the reason is required. Returns the events skipped. */
export async function skipParked(db: Queryable, action: ParkedEventAction & { readonly reason: string }): Promise<ParkedEvent[]> {
  const { rows } = await db.query<Row>(
    `UPDATE parked_events SET status = 'skipped', requested_by = $3, requested_at = now(), reason = $4, outcome = NULL, resolved_at = now()
      WHERE processor = $1 AND ($2::text IS NULL OR event_id = $2) AND status = 'parked'
      RETURNING ${COLUMNS}`,
    [action.processor, action.eventId === 'all' ? null : action.eventId, action.by, action.reason],
  );
  return rows.map(toParked);
}

/** The retry was applied; in the handler's transaction for transactional handlers. False if it was no longer requested. */
export async function markRetried(db: Queryable, processor: string, eventId: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE parked_events SET status = 'retried', outcome = 'applied', attempts = attempts + 1, resolved_at = now()
      WHERE processor = $1 AND event_id = $2 AND status = 'retry-requested'`,
    [processor, eventId],
  );
  return (rowCount ?? 0) > 0;
}

/** The retry failed again: back to parked, with the new error. */
export async function markRetryFailed(db: Queryable, processor: string, eventId: string, error: string): Promise<void> {
  await db.query(
    `UPDATE parked_events SET status = 'parked', outcome = $3, last_error = $4, attempts = attempts + 1
      WHERE processor = $1 AND event_id = $2 AND status = 'retry-requested'`,
    [processor, eventId, `failed: ${error}`, error],
  );
}
