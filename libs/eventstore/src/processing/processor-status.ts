import type { Pool } from 'pg';
import type { EventFilter } from '../event-store.port';
import type { EventBacklog } from './event-backlog';
import { PROCESSOR_LOCK_CLASS } from './processing-schema';

/**
 * One processor as stored, for `switchboard processors status`. `state` is what its active
 * instance reports (`running`, `retrying`, `starting`); `stopped` when the last holder stopped it
 * for good; `idle` when no process holds its lock (none runs it, or all are down).
 */
export interface ProcessorStatus {
  readonly processor: string;
  readonly state: string;
  /** The lock session holding it now (`<role>@<host>:<pid>`), else undefined. */
  readonly holder: string | undefined;
  readonly holderSince: Date | undefined;
  readonly version: number;
  readonly position: string | undefined;
  readonly eventsProcessed: number;
  /** Events in the store after the checkpoint that this processor reads (at most the cap). */
  readonly lagEvents: number;
  readonly lagCapped: boolean;
  /** Age of the oldest event not processed yet; 0 when caught up. */
  readonly lagSeconds: number;
  /** Open parked events: parked, or waiting for a retry. */
  readonly parked: number;
  readonly lastError: string | undefined;
  readonly updatedAt: Date;
}

interface Row {
  processor: string;
  version: number;
  position: string | null;
  events_processed: string;
  filter: EventFilter | null;
  holder_since: Date | null;
  state: string | null;
  last_error: string | null;
  updated_at: Date;
  lock_holder: string | null;
  held: boolean;
  parked: number;
}

export class ProcessorStatusReader {
  constructor(
    private readonly pool: Pool,
    private readonly backlog: EventBacklog,
    private readonly lagCap = 1_000_000,
  ) {}

  async status(now: Date = new Date()): Promise<ProcessorStatus[]> {
    // The lock is the truth about who runs a processor: the row only says who claimed it last.
    const { rows } = await this.pool.query<Row>(
      `SELECT c.processor, c.version, c.position, c.events_processed::text AS events_processed, c.filter, c.holder_since, c.state,
              c.last_error, c.updated_at, a.application_name AS lock_holder, l.pid IS NOT NULL AS held, coalesce(p.n, 0)::int AS parked
         FROM processor_checkpoints c
         LEFT JOIN pg_locks l ON l.locktype = 'advisory' AND l.granted AND l.classid = $1::int::oid AND l.objsubid = 2
              AND l.objid = (hashtext(c.processor)::bigint & 4294967295)::oid
              AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
         LEFT JOIN pg_stat_activity a ON a.pid = l.pid
         LEFT JOIN (SELECT processor, count(*) AS n FROM parked_events WHERE status IN ('parked', 'retry-requested') GROUP BY processor) p
              ON p.processor = c.processor
        ORDER BY c.processor`,
      [PROCESSOR_LOCK_CLASS],
    );
    return Promise.all(
      rows.map(async (row): Promise<ProcessorStatus> => {
        const position = row.position ?? undefined;
        const lag = await this.backlog.after(position, row.filter ?? {}, this.lagCap);
        return {
          processor: row.processor,
          state: row.held ? (row.state ?? 'running') : row.state === 'stopped' ? 'stopped' : 'idle',
          holder: row.held ? (row.lock_holder ?? 'unknown') : undefined,
          holderSince: row.held ? (row.holder_since ?? undefined) : undefined,
          version: row.version,
          position,
          eventsProcessed: Number(row.events_processed),
          lagEvents: lag.events,
          lagCapped: lag.capped,
          lagSeconds: lag.oldestAt ? Math.max(0, (now.getTime() - lag.oldestAt.getTime()) / 1000) : 0,
          parked: row.parked,
          lastError: row.last_error ?? undefined,
          updatedAt: row.updated_at,
        };
      }),
    );
  }

  /** Whether any process holds the processor's lock now. */
  async isRunning(processor: string): Promise<boolean> {
    const { rows } = await this.pool.query<{ held: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = $1::int::oid AND objsubid = 2
                 AND objid = (hashtext($2)::bigint & 4294967295)::oid
                 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())) AS held`,
      [PROCESSOR_LOCK_CLASS, processor],
    );
    return rows[0].held;
  }
}
