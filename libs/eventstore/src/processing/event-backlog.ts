import type { EventFilter, EventStore } from '../event-store.port';
import type { Pool } from 'pg';
import { decodePosition } from '../positions';

/** Events a projection has not applied yet: how many (up to a cap) and how old the oldest is. */
export interface Backlog {
  readonly events: number;
  /** True when there are more than `events`. */
  readonly capped: boolean;
  /** When the oldest event after the position was recorded; undefined when there is none. */
  readonly oldestAt: Date | undefined;
}

/** Measures lag and rebuild totals. The port has no "count after", so each store gets its own. */
export interface EventBacklog {
  after(from: string | undefined, filter: EventFilter, cap: number): Promise<Backlog>;
}

/**
 * Counts in SQL on the PostgreSQL event store's table (an index range scan on its primary key).
 * Reads the adapter's table directly (libs/eventstore/src/postgres/postgres-schema.ts): keep the
 * two in step, or move this into the event store as a port method.
 */
export class PostgresEventBacklog implements EventBacklog {
  private readonly table: string;

  constructor(
    private readonly pool: Pool,
    schema = 'eventstore',
  ) {
    if (!/^[a-z_][a-z0-9_]{0,47}$/.test(schema)) throw new TypeError(`Invalid event store schema: '${schema}'`);
    this.table = `"${schema}".events`;
  }

  async after(from: string | undefined, filter: EventFilter, cap: number): Promise<Backlog> {
    const start = from === undefined ? { major: 0n, minor: 0n } : decodePosition(from);
    const params: unknown[] = [start.major.toString(), start.minor.toString(), cap + 1];
    const conditions: string[] = [];
    if (filter.streamPrefixes?.length) {
      params.push(filter.streamPrefixes.map((p) => `${p.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
      conditions.push(`AND e.stream_id LIKE ANY ($${params.length}::text[])`);
    }
    if (filter.eventTypes?.length) {
      params.push(filter.eventTypes);
      conditions.push(`AND e.event_type = ANY ($${params.length}::text[])`);
    }
    try {
      const { rows } = await this.pool.query<{ events: number; oldest: Date | null }>(
        `SELECT count(*)::int AS events, min(x.created_at) AS oldest FROM (
           SELECT e.created_at FROM ${this.table} e
            WHERE (e.transaction_id, e.global_position) > ($1::xid8, $2::bigint) ${conditions.join(' ')}
            ORDER BY e.transaction_id, e.global_position
            LIMIT $3) x`,
        params,
      );
      const events = rows[0].events;
      return { events: Math.min(events, cap), capped: events > cap, oldestAt: rows[0].oldest ?? undefined };
    } catch (error) {
      // No events table yet: nothing was ever appended.
      if ((error as { code?: unknown }).code === '42P01') return { events: 0, capped: false, oldestAt: undefined };
      throw error;
    }
  }
}

/** Any store, through the port: reads up to `cap` events. Fine for small lags, costly for big ones. */
export class ReadAllEventBacklog implements EventBacklog {
  constructor(private readonly store: EventStore) {}

  async after(from: string | undefined, filter: EventFilter, cap: number): Promise<Backlog> {
    let events = 0;
    let oldestAt: Date | undefined;
    for await (const event of this.store.readAll({ from, filter, maxCount: cap + 1 })) {
      oldestAt ??= event.createdAt;
      events++;
    }
    return { events: Math.min(events, cap), capped: events > cap, oldestAt };
  }
}
