import type { Pool, PoolClient } from 'pg';

/** A projection's row in the processors' checkpoint table (`processor_checkpoints`). */
export interface CheckpointRow {
  readonly projection: string;
  readonly version: number;
  /** Undefined before the first event. */
  readonly position: string | undefined;
  readonly eventsApplied: number;
  /** When the last applied event was recorded in the store. */
  readonly lastEventAt: Date | undefined;
  readonly updatedAt: Date;
}

interface Row {
  processor: string;
  version: number;
  position: string | null;
  events_processed: string;
  last_event_at: Date | null;
  updated_at: Date;
}

const COLUMNS = 'processor, version, position, events_processed::text AS events_processed, last_event_at, updated_at';

const toCheckpoint = (r: Row): CheckpointRow => ({
  projection: r.processor,
  version: r.version,
  position: r.position ?? undefined,
  eventsApplied: Number(r.events_processed),
  lastEventAt: r.last_event_at ?? undefined,
  updatedAt: r.updated_at,
});

type Queryable = Pool | PoolClient;

export async function readCheckpoints(db: Queryable, projections: readonly string[]): Promise<CheckpointRow[]> {
  const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM processor_checkpoints WHERE processor = ANY($1::text[]) ORDER BY processor`, [projections]);
  return rows.map(toCheckpoint);
}

export async function readCheckpoint(db: Queryable, projection: string): Promise<CheckpointRow | undefined> {
  const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM processor_checkpoints WHERE processor = $1`, [projection]);
  return rows[0] && toCheckpoint(rows[0]);
}

/**
 * Locks the projection's row for the rest of the transaction. Every writer of a projection's
 * tables takes this lock first (batches, the rebuild swap), so they serialise without deadlocks.
 */
export async function lockCheckpoint(tx: PoolClient, projection: string): Promise<CheckpointRow | undefined> {
  const { rows } = await tx.query<Row>(`SELECT ${COLUMNS} FROM processor_checkpoints WHERE processor = $1 FOR UPDATE`, [projection]);
  return rows[0] && toCheckpoint(rows[0]);
}

/**
 * Sets position and version outright: after a rebuild swap, the rebuilt tables'. The holder and
 * its fencing token stay: a running instance finds the position moved and resumes from it.
 */
export async function replaceCheckpoint(
  tx: PoolClient,
  row: { projection: string; version: number; position: string | undefined; eventsApplied: number; lastEventAt: Date | undefined },
): Promise<void> {
  await tx.query(
    `INSERT INTO processor_checkpoints (processor, version, position, events_processed, last_event_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, now())
     ON CONFLICT (processor) DO UPDATE SET version = excluded.version, position = excluded.position,
       events_processed = excluded.events_processed, last_event_at = excluded.last_event_at, updated_at = now()`,
    [row.projection, row.version, row.position ?? null, row.eventsApplied, row.lastEventAt ?? null],
  );
}
