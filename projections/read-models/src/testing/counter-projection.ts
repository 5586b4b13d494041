import type { EventStore, NewEvent } from '@switchboard/eventstore';
import { PostgresEventStore } from '@switchboard/eventstore';
import { createTestDatabase } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { processingSchema } from '@switchboard/eventstore/processing';
import { projectionRebuildSchema } from '../migrations/20261125000000-read-models.migration';
import type { Projection } from '../framework/projection';

/**
 * A projection small enough to reason about in framework tests: per stream, the sum of the
 * `amount`s added and how many events were counted. A double-applied event shows as a wrong sum.
 */
export function counterProjection(overrides: Partial<Projection> & { multiplier?: number } = {}): Projection {
  const multiplier = overrides.multiplier ?? 1;
  return {
    name: 'counter',
    version: 1,
    tables: ['fx_counters'],
    filter: { streamPrefixes: ['counter-'] },
    handles: ['Added'],
    async apply(tx, event) {
      const amount = (event.data as { amount: number }).amount * multiplier;
      await tx.query(
        `INSERT INTO fx_counters (stream_id, last_revision, total, events) VALUES ($1, $2, $3, 1)
         ON CONFLICT (stream_id) DO UPDATE SET last_revision = excluded.last_revision, total = fx_counters.total + excluded.total,
           events = fx_counters.events + 1
         WHERE fx_counters.last_revision < excluded.last_revision`,
        [event.streamId, event.revision.toString(), amount],
      );
    },
    ...overrides,
  };
}

export const counterTableSql = [
  `CREATE TABLE fx_counters (
    stream_id text PRIMARY KEY,
    last_revision bigint NOT NULL,
    total bigint NOT NULL,
    events integer NOT NULL,
    CONSTRAINT fx_counters_total_sane CHECK (total >= 0)
  )`,
  'CREATE INDEX fx_counters_total_idx ON fx_counters (total DESC, stream_id)',
];

export interface FrameworkTestKit {
  readonly db: TestDatabase;
  readonly pool: Pool;
  readonly store: PostgresEventStore;
  close(): Promise<void>;
}

export async function frameworkTestKit(label: string): Promise<FrameworkTestKit> {
  const db = await createTestDatabase(label);
  const pool = new Pool({ connectionString: db.url, max: 20 });
  pool.on('error', () => undefined);
  for (const statement of [...processingSchema, ...projectionRebuildSchema, ...counterTableSql]) await pool.query(statement);
  const store = new PostgresEventStore(pool, { pollIntervalMs: 50 });
  await store.ensureSchema();
  return {
    db,
    pool,
    store,
    async close() {
      await store.close();
      await pool.end();
      await db.drop();
    },
  };
}

export const added = (amount: number): NewEvent => ({ id: randomUUID(), type: 'Added', data: { amount } });

/** Appends `perStream` events of amount 1..perStream to each of `streams` streams, interleaved. */
export async function appendCounters(store: EventStore, streams: readonly string[], perStream: number): Promise<string> {
  let position = '';
  for (let i = 1; i <= perStream; i++) {
    for (const stream of streams) position = (await store.append(stream, [added(i)])).position;
  }
  return position;
}

export async function counters(pool: Pool): Promise<Record<string, { total: number; events: number }>> {
  const { rows } = await pool.query<{ stream_id: string; total: string; events: number }>(
    'SELECT stream_id, total::text AS total, events FROM fx_counters ORDER BY stream_id',
  );
  return Object.fromEntries(rows.map((r) => [r.stream_id, { total: Number(r.total), events: r.events }]));
}

export async function eventually<T>(probe: () => Promise<T> | T, done: (value: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  while (!done(value)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 20));
    value = await probe();
  }
  return value;
}
