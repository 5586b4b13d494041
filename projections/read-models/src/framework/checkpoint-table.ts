import type { Pool, PoolClient } from 'pg';

/** A projection's row in `rm_checkpoints`. */
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
  projection: string;
  version: number;
  position: string | null;
  events_applied: string;
  last_event_at: Date | null;
  updated_at: Date;
}

const COLUMNS = 'projection, version, position, events_applied::text AS events_applied, last_event_at, updated_at';

const toCheckpoint = (r: Row): CheckpointRow => ({
  projection: r.projection,
  version: r.version,
  position: r.position ?? undefined,
  eventsApplied: Number(r.events_applied),
  lastEventAt: r.last_event_at ?? undefined,
  updatedAt: r.updated_at,
});

type Queryable = Pool | PoolClient;

export async function readCheckpoints(db: Queryable, projections?: readonly string[]): Promise<CheckpointRow[]> {
  const { rows } = projections
    ? await db.query<Row>(`SELECT ${COLUMNS} FROM rm_checkpoints WHERE projection = ANY($1::text[]) ORDER BY projection`, [projections])
    : await db.query<Row>(`SELECT ${COLUMNS} FROM rm_checkpoints ORDER BY projection`);
  return rows.map(toCheckpoint);
}

export async function readCheckpoint(db: Queryable, projection: string): Promise<CheckpointRow | undefined> {
  const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM rm_checkpoints WHERE projection = $1`, [projection]);
  return rows[0] && toCheckpoint(rows[0]);
}

/** The row as it is, or a new one at the start of the store with `version`. */
export async function ensureCheckpoint(db: Queryable, projection: string, version: number): Promise<CheckpointRow> {
  await db.query('INSERT INTO rm_checkpoints (projection, version) VALUES ($1, $2) ON CONFLICT (projection) DO NOTHING', [projection, version]);
  const row = await readCheckpoint(db, projection);
  if (!row) throw new Error(`rm_checkpoints lost the row of ${projection}`);
  return row;
}

/**
 * Locks the projection's row for the rest of the transaction. Every writer of a projection's
 * tables takes this lock first (batches, the rebuild swap), so they serialise without deadlocks.
 */
export async function lockCheckpoint(tx: PoolClient, projection: string): Promise<CheckpointRow | undefined> {
  const { rows } = await tx.query<Row>(`SELECT ${COLUMNS} FROM rm_checkpoints WHERE projection = $1 FOR UPDATE`, [projection]);
  return rows[0] && toCheckpoint(rows[0]);
}

export async function advanceCheckpoint(tx: PoolClient, projection: string, position: string, events: number, lastEventAt: Date): Promise<void> {
  await tx.query(
    `UPDATE rm_checkpoints SET position = $2, events_applied = events_applied + $3, last_event_at = $4, updated_at = now()
      WHERE projection = $1`,
    [projection, position, events, lastEventAt],
  );
}

/** Sets the row outright: after a rebuild swap, the rebuilt tables' position and version. */
export async function replaceCheckpoint(
  tx: PoolClient,
  row: { projection: string; version: number; position: string | undefined; eventsApplied: number; lastEventAt: Date | undefined },
): Promise<void> {
  await tx.query(
    `INSERT INTO rm_checkpoints (projection, version, position, events_applied, last_event_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, now())
     ON CONFLICT (projection) DO UPDATE SET version = excluded.version, position = excluded.position,
       events_applied = excluded.events_applied, last_event_at = excluded.last_event_at, updated_at = now()`,
    [row.projection, row.version, row.position ?? null, row.eventsApplied, row.lastEventAt ?? null],
  );
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
