import type { Pool, PoolClient } from 'pg';
import type { EventFilter } from '../event-store.port';

/** A processor's row in `processor_checkpoints`. */
export interface ProcessorCheckpoint {
  readonly processor: string;
  readonly version: number;
  /** Undefined before the first event. */
  readonly position: string | undefined;
  readonly eventsProcessed: number;
  /** When the last processed event was recorded in the store. */
  readonly lastEventAt: Date | undefined;
  readonly filter: EventFilter;
  /** Who claimed it last (the lock holder at the time), and the fencing token of that claim. */
  readonly holder: string | undefined;
  readonly holderEpoch: number;
  readonly holderSince: Date | undefined;
  /** As the holder last reported it. */
  readonly state: string | undefined;
  readonly lastError: string | undefined;
  readonly updatedAt: Date;
}

interface Row {
  processor: string;
  version: number;
  position: string | null;
  events_processed: string;
  last_event_at: Date | null;
  filter: EventFilter | null;
  holder: string | null;
  holder_epoch: string;
  holder_since: Date | null;
  state: string | null;
  last_error: string | null;
  updated_at: Date;
}

const COLUMNS = `processor, version, position, events_processed::text AS events_processed, last_event_at, filter, holder,
  holder_epoch::text AS holder_epoch, holder_since, state, last_error, updated_at`;

const toCheckpoint = (r: Row): ProcessorCheckpoint => ({
  processor: r.processor,
  version: r.version,
  position: r.position ?? undefined,
  eventsProcessed: Number(r.events_processed),
  lastEventAt: r.last_event_at ?? undefined,
  filter: r.filter ?? {},
  holder: r.holder ?? undefined,
  holderEpoch: Number(r.holder_epoch),
  holderSince: r.holder_since ?? undefined,
  state: r.state ?? undefined,
  lastError: r.last_error ?? undefined,
  updatedAt: r.updated_at,
});

export type Queryable = Pool | PoolClient;

export async function readProcessorCheckpoint(db: Queryable, processor: string): Promise<ProcessorCheckpoint | undefined> {
  const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM processor_checkpoints WHERE processor = $1`, [processor]);
  return rows[0] && toCheckpoint(rows[0]);
}

export async function readProcessorCheckpoints(db: Queryable): Promise<ProcessorCheckpoint[]> {
  const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM processor_checkpoints ORDER BY processor`);
  return rows.map(toCheckpoint);
}

/** Locks the row for the rest of the transaction: every writer of a processor's checkpoint takes this lock first. */
export async function lockProcessorCheckpoint(tx: PoolClient, processor: string): Promise<ProcessorCheckpoint | undefined> {
  const { rows } = await tx.query<Row>(`SELECT ${COLUMNS} FROM processor_checkpoints WHERE processor = $1 FOR UPDATE`, [processor]);
  return rows[0] && toCheckpoint(rows[0]);
}

export interface ClaimOptions {
  readonly version: number;
  readonly filter: EventFilter;
  readonly holder: string;
  /** Where a processor without a row starts (a position imported from an older store); else the start. */
  readonly initial?: () => Promise<{ readonly position: string; readonly events: number } | undefined>;
}

/**
 * Starts a tenure: creates the row if missing and takes the next fencing token (`holder_epoch`).
 * A batch of an earlier holder that has not committed yet waits on the row lock and then finds
 * the token changed, so it rolls back; one that committed first is simply where this holder starts.
 */
export async function claimProcessorCheckpoint(pool: Pool, processor: string, options: ClaimOptions): Promise<ProcessorCheckpoint> {
  if (!(await readProcessorCheckpoint(pool, processor))) {
    const initial = await options.initial?.();
    await pool.query(
      `INSERT INTO processor_checkpoints (processor, version, position, events_processed, filter) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (processor) DO NOTHING`,
      [processor, options.version, initial?.position ?? null, initial?.events ?? 0, JSON.stringify(options.filter)],
    );
  }
  const { rows } = await pool.query<Row>(
    `UPDATE processor_checkpoints SET holder_epoch = holder_epoch + 1, holder = $2, holder_since = now(), filter = $3,
            state = 'starting', last_error = NULL, updated_at = now()
      WHERE processor = $1 RETURNING ${COLUMNS}`,
    [processor, options.holder, JSON.stringify(options.filter)],
  );
  if (!rows[0]) throw new Error(`processor_checkpoints lost the row of ${processor}`);
  return toCheckpoint(rows[0]);
}

export async function advanceProcessorCheckpoint(tx: PoolClient, processor: string, position: string, events: number, lastEventAt: Date): Promise<void> {
  await tx.query(
    `UPDATE processor_checkpoints SET position = $2, events_processed = events_processed + $3, last_event_at = $4, updated_at = now()
      WHERE processor = $1`,
    [processor, position, events, lastEventAt],
  );
}

/** What the holder is doing, for `processors status`; only while it still holds the row. */
export async function reportProcessorState(db: Queryable, processor: string, epoch: number, state: string, error: string | undefined): Promise<void> {
  await db.query(`UPDATE processor_checkpoints SET state = $3, last_error = $4 WHERE processor = $1 AND holder_epoch = $2`, [
    processor,
    epoch,
    state,
    error ?? null,
  ]);
}

/** Runs `work` in a transaction on its own connection; rolls back (and rethrows) on any error. */
export async function inTransaction<T>(pool: Pool, work: (tx: PoolClient) => Promise<T>): Promise<T> {
  const tx = await pool.connect();
  let broken = false;
  try {
    await tx.query('BEGIN');
    const result = await work(tx);
    await tx.query('COMMIT');
    return result;
  } catch (error) {
    await tx.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    tx.release(broken);
  }
}
