import type { EventStore, RecordedEvent } from '@switchboard/eventstore';
import { comparePositions } from '@switchboard/eventstore';
import { inTransaction } from '@switchboard/eventstore/processing';
import type { EventBacklog } from '@switchboard/eventstore/processing';
import { errorMessage } from '@switchboard/kernel';
import type { Pool, PoolClient } from 'pg';
import { applyEvents, silentLogger } from './apply-events';
import type { ProjectionLogger } from './apply-events';
import { lockCheckpoint, replaceCheckpoint } from './checkpoint-table';
import type { Projection, ProjectionTx } from './projection';
import { createShadowTables, liveSchema, quoteIdentifier, shadowSchemaOf, shadowTablesExist, swapShadowTables } from './shadow-tables';

export interface RebuildProgress {
  readonly projection: string;
  readonly phase: 'building' | 'swapping' | 'done';
  /** Events read into the shadow tables so far (handled or not). */
  readonly applied: number;
  /** Events to read in all, as estimated at the start (more may arrive meanwhile). */
  readonly total: number | undefined;
  readonly position: string | undefined;
}

export interface RebuildOptions {
  /** Start over even when a shadow of the same version can be resumed. */
  readonly fresh?: boolean;
  /** Events per transaction. Default 500. */
  readonly batchSize?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: RebuildProgress) => void;
}

export interface RebuildResult {
  readonly projection: string;
  readonly version: number;
  readonly events: number;
  readonly position: string | undefined;
  readonly resumed: boolean;
}

export interface ProjectionRebuilderOptions {
  readonly backlog?: EventBacklog;
  readonly logger?: ProjectionLogger;
  /** How long the swap waits for queries holding the live tables before it retries. Default 5 s. */
  readonly lockTimeoutMs?: number;
  /** Test seam: runs inside the swap transaction just before the tables change places. */
  readonly beforeSwap?: (tx: ProjectionTx) => Promise<void>;
}

export class RebuildInProgressError extends Error {
  constructor(readonly projection: string) {
    super(`A rebuild of ${projection} is already running`);
    this.name = 'RebuildInProgressError';
  }
}

export class RebuildAbortedError extends Error {
  constructor(readonly projection: string) {
    super(`The rebuild of ${projection} was stopped; its shadow tables are kept and can be resumed`);
    this.name = 'RebuildAbortedError';
  }
}

// Arbitrary constant: the advisory lock class of rebuilds, keyed by projection name.
const REBUILD_LOCK = 0x5b0a_4d01;
const READ_CHUNK = 5_000;
const SWAP_ATTEMPTS = 5;
const TOTAL_CAP = 100_000_000;

interface RebuildRow {
  version: number;
  position: string | null;
  events_applied: string;
  last_event_at: Date | null;
}

interface Cursor {
  position: string | undefined;
  applied: number;
  lastEventAt: Date | undefined;
}

/**
 * Rebuilds a projection from the first event into shadow tables beside the live ones, then swaps
 * them in one transaction. Live queries keep reading the old tables until the swap (and wait only
 * for the swap's DDL); the live processor of the projection keeps going too and, after the swap, finds
 * its checkpoint moved and resumes from the rebuilt position. Progress is checkpointed in
 * `rm_rebuilds` with the shadow rows, so a stopped rebuild resumes where it was.
 */
export class ProjectionRebuilder {
  private readonly logger: ProjectionLogger;
  private readonly lockTimeoutMs: number;

  constructor(
    private readonly pool: Pool,
    private readonly store: EventStore,
    private readonly options: ProjectionRebuilderOptions = {},
  ) {
    this.logger = options.logger ?? silentLogger;
    this.lockTimeoutMs = options.lockTimeoutMs ?? 5_000;
  }

  async rebuild(projection: Projection, options: RebuildOptions = {}): Promise<RebuildResult> {
    const lock = await this.pool.connect();
    let broken = false;
    try {
      const { rows } = await lock.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok', [REBUILD_LOCK, projection.name]);
      if (!rows[0].ok) throw new RebuildInProgressError(projection.name);
      try {
        return await this.rebuildLocked(lock, projection, options);
      } finally {
        await lock.query('SELECT pg_advisory_unlock($1, hashtext($2))', [REBUILD_LOCK, projection.name]).catch(() => {
          broken = true;
        });
      }
    } finally {
      lock.release(broken);
    }
  }

  private async rebuildLocked(db: PoolClient, projection: Projection, options: RebuildOptions): Promise<RebuildResult> {
    const name = projection.name;
    const live = await liveSchema(db);
    const shadow = shadowSchemaOf(projection);
    const handled = new Set(projection.handles);
    const batchSize = options.batchSize ?? 500;

    const previous = await db.query<RebuildRow>(
      'SELECT version, position, events_applied::text AS events_applied, last_event_at FROM rm_rebuilds WHERE projection = $1',
      [name],
    );
    const resumable = !options.fresh && previous.rows[0]?.version === projection.version && (await shadowTablesExist(db, shadow, projection.tables));
    const cursor: Cursor = resumable
      ? {
          position: previous.rows[0].position ?? undefined,
          applied: Number(previous.rows[0].events_applied),
          lastEventAt: previous.rows[0].last_event_at ?? undefined,
        }
      : { position: undefined, applied: 0, lastEventAt: undefined };
    if (!resumable) {
      await createShadowTables(db, live, shadow, projection.tables);
      await db.query(
        `INSERT INTO rm_rebuilds (projection, version) VALUES ($1, $2)
         ON CONFLICT (projection) DO UPDATE SET version = excluded.version, position = NULL, events_applied = 0,
           last_event_at = NULL, started_at = now(), updated_at = now()`,
        [name, projection.version],
      );
    }
    this.logger.log(`${resumable ? 'resuming' : 'starting'} the rebuild of ${name} v${projection.version} in ${shadow}`);

    const backlog = this.options.backlog ? await this.options.backlog.after(cursor.position, projection.filter, TOTAL_CAP) : undefined;
    const total = backlog ? cursor.applied + backlog.events : undefined;
    const report = (phase: RebuildProgress['phase']): void =>
      options.onProgress?.({ projection: name, phase, applied: cursor.applied, total, position: cursor.position });
    const searchPath = `SET LOCAL search_path TO ${quoteIdentifier(shadow)}, ${quoteIdentifier(live)}`;

    const applyBatch = async (batch: readonly RecordedEvent[]): Promise<void> => {
      const last = batch[batch.length - 1];
      await inTransaction(this.pool, async (tx) => {
        await tx.query(searchPath);
        await applyEvents(tx, projection, batch, handled);
        await tx.query(
          `UPDATE rm_rebuilds SET position = $2, events_applied = events_applied + $3, last_event_at = $4, updated_at = now()
            WHERE projection = $1`,
          [name, last.position, batch.length, last.createdAt],
        );
      });
      advance(cursor, batch);
      report('building');
    };

    report('building');
    for (;;) {
      let read = 0;
      let batch: RecordedEvent[] = [];
      for await (const event of this.store.readAll({ from: cursor.position, filter: projection.filter, maxCount: READ_CHUNK })) {
        if (options.signal?.aborted) throw new RebuildAbortedError(name);
        read++;
        batch.push(event);
        if (batch.length >= batchSize) {
          await applyBatch(batch);
          batch = [];
        }
      }
      if (batch.length > 0) await applyBatch(batch);
      if (read < READ_CHUNK) break;
    }
    if (options.signal?.aborted) throw new RebuildAbortedError(name);

    report('swapping');
    await this.swap(projection, live, shadow, cursor, searchPath, handled);
    report('done');
    this.logger.log(`rebuilt ${name} v${projection.version}: ${cursor.applied} events, at ${cursor.position ?? 'the start'}`);
    return { projection: name, version: projection.version, events: cursor.applied, position: cursor.position, resumed: resumable };
  }

  /**
   * Locks the live checkpoint (the live processor's next batch waits), catches the shadow up to where
   * the live tables are if they are ahead, then swaps. Events after that are the live processor's.
   */
  private async swap(projection: Projection, live: string, shadow: string, cursor: Cursor, searchPath: string, handled: ReadonlySet<string>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const attemptCursor = { ...cursor };
      try {
        await inTransaction(this.pool, async (tx) => {
          await tx.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.round(this.lockTimeoutMs))}`);
          const liveRow = await lockCheckpoint(tx, projection.name);
          await tx.query(searchPath);
          const target = liveRow?.position;
          if (comparePositions(attemptCursor.position, target) < 0) {
            // Everything up to the live checkpoint is stable; stop there so no read waits on newer writes.
            const batch: RecordedEvent[] = [];
            for await (const event of this.store.readAll({ from: attemptCursor.position, filter: projection.filter })) {
              batch.push(event);
              if (comparePositions(event.position, target) >= 0) break;
            }
            if (batch.length > 0) {
              await applyEvents(tx, projection, batch, handled);
              advance(attemptCursor, batch);
            }
          }
          await this.options.beforeSwap?.(tx);
          await swapShadowTables(tx, live, shadow, projection.tables);
          await replaceCheckpoint(tx, {
            projection: projection.name,
            version: projection.version,
            position: attemptCursor.position,
            eventsApplied: attemptCursor.applied,
            lastEventAt: attemptCursor.lastEventAt,
          });
          await tx.query('DELETE FROM rm_rebuilds WHERE projection = $1', [projection.name]);
        });
        Object.assign(cursor, attemptCursor);
        return;
      } catch (error) {
        // 55P03: lock_not_available (a long query held the live tables past lock_timeout).
        if ((error as { code?: unknown }).code !== '55P03' || attempt >= SWAP_ATTEMPTS) throw error;
        this.logger.warn(`swap of ${projection.name} waited too long for the live tables (${errorMessage(error)}); retrying`);
      }
    }
  }
}

function advance(cursor: Cursor, batch: readonly RecordedEvent[]): void {
  const last = batch[batch.length - 1];
  cursor.position = last.position;
  cursor.applied += batch.length;
  cursor.lastEventAt = last.createdAt;
}
