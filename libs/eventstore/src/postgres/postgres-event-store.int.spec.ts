import { Client, Pool } from 'pg';
import { createTestDatabase } from '@switchboard/platform/testing';
import type { EventStore } from '../event-store.port';
import { SubscriptionCollector, newEvent, sleep, toArray, uniqueCategory } from '../testing/event-store-test-kit';
import { postgresUnderTest } from '../testing/postgres-under-test';
import type { EventStoreUnderTest } from '../testing/event-store.contract';
import { PostgresEventStore } from './postgres-event-store';
import type { PostgresEventStoreOptions } from './postgres-event-store';
import { PostgresStatements, appendValues } from './postgres-statements';

// PostgreSQL-specific behaviour, and proof that each race in the contract suite really happens
// here: the same scenario, read or written the naive bigserial way, loses.

let underTest: EventStoreUnderTest & { readonly url: string };
let pool: Pool;
let store: EventStore;
const stores: EventStore[] = [];

const openStore = (options: PostgresEventStoreOptions = {}): PostgresEventStore => {
  const opened = new PostgresEventStore(underTest.url, options);
  stores.push(opened);
  return opened;
};

beforeAll(async () => {
  underTest = await postgresUnderTest('eventstore_postgres');
  pool = new Pool({ connectionString: underTest.url, max: 24 });
  pool.on('error', () => undefined);
  store = await underTest.open();
  stores.push(store);
});

afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  await pool?.end();
  await underTest?.dispose();
});

/** Reads the way a naive bigserial store does: everything after the last position seen. */
class NaivePositionReader {
  private constructor(
    private last: bigint,
    private readonly prefix: string,
  ) {}

  static async startingNow(prefix: string): Promise<NaivePositionReader> {
    const { rows } = await pool.query<{ last: string }>(`SELECT last_value::text AS last FROM eventstore.events_global_position_seq`);
    return new NaivePositionReader(BigInt(rows[0].last), prefix);
  }

  get checkpoint(): bigint {
    return this.last;
  }

  /** `contiguous`: the gap-aware variant, which only moves past a position once the one before it is seen. */
  async poll(options: { contiguous?: boolean; from?: bigint } = {}): Promise<string[]> {
    const { rows } = await pool.query<{ id: string; position: string; stream_id: string }>(
      `SELECT event_id::text AS id, global_position::text AS position, stream_id FROM eventstore.events
        WHERE global_position > $1 ORDER BY global_position`,
      [(options.from ?? this.last).toString()],
    );
    const seen: string[] = [];
    for (const row of rows) {
      const position = BigInt(row.position);
      if (options.contiguous && position !== this.last + 1n) break;
      this.last = position;
      if (row.stream_id.startsWith(this.prefix)) seen.push(row.id);
    }
    return seen;
  }
}

describe('PostgresEventStore', () => {
  describe('the races the contract suite covers, shown to happen', () => {
    it('a naive position reader loses a slow transaction that commits after a fast one; the store does not', async () => {
      const category = uniqueCategory();
      const naive = await NaivePositionReader.startingNow(category);
      const subscription = new SubscriptionCollector(store.subscribeToAll({ filter: { streamPrefixes: [category] } }));
      try {
        const slowEvent = newEvent('Slow');
        const fastEvent = newEvent('Fast');
        const slow = await underTest.holdAppend(`${category}-slow`, [slowEvent], 'no_stream');
        await store.append(`${category}-fast`, [fastEvent], { expectedRevision: 'no_stream' });
        expect(await naive.poll()).toEqual([fastEvent.id]);
        await slow.commit();
        expect(await naive.poll()).toEqual([]);
        expect((await subscription.waitFor(2)).map((e) => e.id)).toEqual([slowEvent.id, fastEvent.id]);
      } finally {
        await subscription.stop();
      }
    });

    it('the append statement without the unique (stream, revision) key lets concurrent writers share a revision', async () => {
      await pool.query(`CREATE SCHEMA IF NOT EXISTS naive`);
      await pool.query(`CREATE TABLE IF NOT EXISTS naive.events (LIKE eventstore.events INCLUDING DEFAULTS INCLUDING IDENTITY)`);
      const append = new PostgresStatements('naive').append('exact', false);
      const streamId = `${uniqueCategory()}-contested`;
      await pool.query({ text: append.text, values: appendValues(streamId, [newEvent()], -1n) });
      const writers = await Promise.all(Array.from({ length: 20 }, () => pool.connect()));
      try {
        // Every writer checks and inserts before any commits: all of them saw revision 0.
        await Promise.all(writers.map((c) => c.query('BEGIN')));
        await Promise.all(writers.map((c) => c.query({ text: append.text, values: appendValues(streamId, [newEvent()], 0n) })));
        await Promise.all(writers.map((c) => c.query('COMMIT')));
      } finally {
        writers.forEach((c) => c.release());
      }
      const { rows } = await pool.query<{ n: string }>(`SELECT count(*)::text AS n FROM naive.events WHERE stream_id = $1 AND revision = 1`, [streamId]);
      expect(Number(rows[0].n)).toBe(20);
    });

    it('a naive checkpoint (the last position) resumes past an event that commits after it was saved; the store resumes with it', async () => {
      const category = uniqueCategory();
      const naive = await NaivePositionReader.startingNow(category);
      const first = new SubscriptionCollector(store.subscribeToAll({ filter: { streamPrefixes: [category] } }));
      const held = await underTest.holdAppend(`${category}-late`, [newEvent('Late')], 'no_stream');
      const early = newEvent('Early');
      await store.append(`${category}-early`, [early]);
      await store.append(`${category}-early2`, [newEvent('Early')]);
      expect(await naive.poll()).toHaveLength(2);
      const naiveCheckpoint = naive.checkpoint;
      // The store delivers nothing from behind the open transaction, so its checkpoint cannot pass it.
      await sleep(200);
      expect(first.events).toHaveLength(0);
      await held.commit();
      const [late] = await first.waitFor(1);
      await first.stop();
      expect(await naive.poll({ from: naiveCheckpoint })).toEqual([]);
      const restarted = new SubscriptionCollector(store.subscribeToAll({ from: late.position, filter: { streamPrefixes: [category] } }));
      try {
        expect((await restarted.waitFor(2)).map((e) => e.type)).toEqual(['Early', 'Early']);
      } finally {
        await restarted.stop();
      }
    });

    it('a gap-aware naive reader stalls forever on the position a rolled-back transaction burned; the store does not', async () => {
      const category = uniqueCategory();
      const naive = await NaivePositionReader.startingNow(category);
      const subscription = new SubscriptionCollector(store.subscribeToAll({ filter: { streamPrefixes: [category] } }));
      try {
        const doomed = await underTest.holdAppend(`${category}-doomed`, [newEvent('Doomed')], 'no_stream');
        const after = newEvent('After');
        await store.append(`${category}-after`, [after]);
        await doomed.rollback();
        expect((await subscription.waitFor(1, 2_000)).map((e) => e.id)).toEqual([after.id]);
        await sleep(300);
        expect(await naive.poll({ contiguous: true })).toEqual([]);
      } finally {
        await subscription.stop();
      }
    });
  });

  describe('the stability horizon', () => {
    it('is not held back by a transaction running in another database', async () => {
      const elsewhere = await createTestDatabase('eventstore_elsewhere');
      const other = new Client({ connectionString: elsewhere.url });
      await other.connect();
      try {
        await other.query('BEGIN');
        await other.query('SELECT pg_current_xact_id()');
        const category = uniqueCategory();
        const subscription = new SubscriptionCollector(store.subscribeToAll({ filter: { streamPrefixes: [category] } }));
        try {
          await store.append(`${category}-a`, [newEvent()]);
          await subscription.waitFor(1, 2_000);
          expect(await toArray(store.readAll({ filter: { streamPrefixes: [category] } }))).toHaveLength(1);
        } finally {
          await subscription.stop();
        }
      } finally {
        await other.end();
        await elsewhere.drop();
      }
    });

    it('is held back by any transaction with an id running in this database, until it ends', async () => {
      const neighbour = await pool.connect();
      const category = uniqueCategory();
      const subscription = new SubscriptionCollector(store.subscribeToAll({ filter: { streamPrefixes: [category] } }));
      try {
        await neighbour.query('BEGIN');
        await neighbour.query('SELECT pg_current_xact_id()');
        await store.append(`${category}-a`, [newEvent()]);
        await sleep(300);
        expect(subscription.events).toHaveLength(0);
        await neighbour.query('COMMIT');
        await subscription.waitFor(1, 2_000);
      } finally {
        neighbour.release();
        await subscription.stop();
      }
    });
  });

  describe('schema', () => {
    it('is created idempotently, also by stores starting at the same time', async () => {
      const stores = Array.from({ length: 4 }, () => openStore({ schema: 'concurrent_start' }));
      await Promise.all(stores.map((s) => s.ensureSchema()));
      await openStore({ schema: 'concurrent_start' }).ensureSchema();
      const { rows } = await pool.query(`SELECT 1 FROM pg_tables WHERE schemaname = 'concurrent_start' AND tablename = 'events'`);
      expect(rows).toHaveLength(1);
    });

    it('keeps separate stores in separate schemas', async () => {
      const other = openStore({ schema: 'other_store' });
      const streamId = `${uniqueCategory()}-x`;
      await other.append(streamId, [newEvent()]);
      expect(await toArray(other.readStream(streamId))).toHaveLength(1);
      await expect(toArray(store.readStream(streamId))).rejects.toThrow(/not found/);
    });

    it('refuses to start on events whose transaction ids this server has not reached (a logical restore)', async () => {
      await openStore({ schema: 'restored' }).ensureSchema();
      await pool.query(
        `INSERT INTO restored.events (transaction_id, stream_id, revision, event_id, event_type, data, metadata)
         VALUES ('900000000000'::xid8, 'request-x', 0, gen_random_uuid(), 'Restored', '{}', '{}')`,
      );
      await expect(openStore({ schema: 'restored' }).ensureSchema()).rejects.toThrow(/restored from another cluster/);
    });

    it('rejects a schema name that is not a plain identifier', () => {
      expect(() => new PostgresEventStore(underTest.url, { schema: 'x"; DROP TABLE y; --' })).toThrow(TypeError);
    });

    it('reads pages through the (transaction_id, global_position) index', async () => {
      await pool.query(`CREATE SCHEMA IF NOT EXISTS plan_check`);
      await openStore({ schema: 'plan_check' }).ensureSchema();
      await pool.query(
        `INSERT INTO plan_check.events (stream_id, revision, event_id, event_type, data, metadata)
         SELECT 'plan-' || (g / 100), g % 100, gen_random_uuid(), 'Planned', '{}', '{}' FROM generate_series(0, 49999) g`,
      );
      await pool.query(`ANALYZE plan_check.events`);
      const page = new PostgresStatements('plan_check').page(undefined);
      const { rows } = await pool.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN ${page.text.replace('$3', '1000')}`.replace('$1::xid8', `'0'::xid8`).replace('$2::bigint', '0::bigint'),
      );
      const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
      expect(plan).toMatch(/Index Scan using events_pkey on events e/);
      expect(plan).not.toMatch(/Seq Scan on events/);
    });
  });

  describe('combined appends', () => {
    it('commits appends queued behind one another together, each checked on its own', async () => {
      const serial = openStore({ appendConcurrency: 1 });
      const category = uniqueCategory();
      const existing = `${category}-existing`;
      await serial.append(existing, [newEvent()], { expectedRevision: 'no_stream' });
      const duplicate = newEvent();
      await serial.append(`${category}-dup`, [duplicate], { expectedRevision: 'no_stream' });

      const fresh = Array.from({ length: 6 }, (_, i) => serial.append(`${category}-fresh${i}`, [newEvent(), newEvent()], { expectedRevision: 'no_stream' }));
      const stale = serial.append(existing, [newEvent()], { expectedRevision: 'no_stream' });
      const again = serial.append(`${category}-dup`, [duplicate], { expectedRevision: 'no_stream' });
      const [results] = await Promise.all([
        Promise.all(fresh),
        expect(stale).rejects.toMatchObject({ name: 'WrongExpectedVersionError', actual: 0n }),
        expect(again).resolves.toMatchObject({ nextExpectedRevision: 0n }),
      ]);

      expect(results.map((r) => r.nextExpectedRevision)).toEqual(Array(6).fill(1n));
      // The first went alone; the five queued behind it shared one transaction.
      const transactions = new Set(results.map((r) => r.position.split(':')[0]));
      expect(transactions.size).toBe(2);
    });

    it('retries each append alone when one poisons the combined statement', async () => {
      const serial = openStore({ appendConcurrency: 1 });
      const category = uniqueCategory();
      const first = serial.append(`${category}-first`, [newEvent()]);
      const good = serial.append(`${category}-good`, [newEvent()]);
      // jsonb rejects \u0000 in text: this append fails wherever it goes.
      const poisoned = serial.append(`${category}-bad`, [newEvent('Bad', { text: 'nul \u0000 byte' })]);
      await Promise.all([
        expect(first).resolves.toBeDefined(),
        expect(good).resolves.toMatchObject({ nextExpectedRevision: 0n }),
        expect(poisoned).rejects.toThrow(/unsupported Unicode escape/),
      ]);
    });
  });

  describe('pools', () => {
    it("does not end a caller's pool on close", async () => {
      const callersPool = new Pool({ connectionString: underTest.url, max: 2 });
      callersPool.on('error', () => undefined);
      const borrowed = new PostgresEventStore(callersPool);
      await borrowed.append(`${uniqueCategory()}-p`, [newEvent()]);
      await borrowed.close();
      await expect(callersPool.query('SELECT 1')).resolves.toBeDefined();
      await callersPool.end();
    });
  });

  describe('wake-ups', () => {
    it('wakes a subscriber in another process within milliseconds through NOTIFY, long before its poll', async () => {
      const category = uniqueCategory();
      const subscriber = openStore({ pollIntervalMs: 10_000 });
      const subscription = new SubscriptionCollector(subscriber.subscribeToAll({ filter: { streamPrefixes: [category] } }));
      try {
        await subscription.waitFor(0);
        await sleep(300); // listener connected
        const started = Date.now();
        await store.append(`${category}-n`, [newEvent()]);
        await subscription.waitFor(1, 5_000);
        expect(Date.now() - started).toBeLessThan(1_000);
      } finally {
        await subscription.stop();
      }
    });

    it('still delivers by polling when the listening connection is killed', async () => {
      const category = uniqueCategory();
      const subscriber = openStore({ pollIntervalMs: 200 });
      const subscription = new SubscriptionCollector(subscriber.subscribeToAll({ filter: { streamPrefixes: [category] } }));
      try {
        await sleep(300);
        await pool.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()`,
        );
        await store.append(`${category}-a`, [newEvent()]);
        await subscription.waitFor(1, 5_000);
        await sleep(1_500); // reconnected
        await store.append(`${category}-b`, [newEvent()]);
        await subscription.waitFor(2, 5_000);
      } finally {
        await subscription.stop();
      }
    });
  });

  describe('connection loss', () => {
    it('a subscription retries from its cursor when a read loses its connection', async () => {
      const category = uniqueCategory();
      const flakyPool = new Pool({ connectionString: underTest.url, max: 2 });
      flakyPool.on('error', () => undefined);
      const subscriber = new PostgresEventStore(flakyPool);
      stores.push(subscriber);
      await subscriber.ensureSchema();
      await store.append(`${category}-a`, [newEvent()]);
      const lost = (): Promise<never> => Promise.reject(Object.assign(new Error('Connection terminated unexpectedly')));
      jest
        .spyOn(flakyPool, 'query')
        .mockImplementationOnce(lost as never)
        .mockImplementationOnce(lost as never);
      const subscription = new SubscriptionCollector(subscriber.subscribeToAll({ filter: { streamPrefixes: [category] } }));
      try {
        await store.append(`${category}-b`, [newEvent()]);
        expect(await subscription.waitFor(2, 5_000)).toHaveLength(2);
      } finally {
        await subscription.stop();
        await flakyPool.end();
      }
    });
  });

  describe('readAll', () => {
    it('waits for an event held back behind a briefly open transaction', async () => {
      const category = uniqueCategory();
      const held = await underTest.holdAppend(`${category}-held`, [newEvent('Held')], 'no_stream');
      await store.append(`${category}-visible`, [newEvent('Visible')]);
      setTimeout(() => void held.commit(), 150);
      const read = await toArray(store.readAll({ filter: { streamPrefixes: [category] } }));
      expect(read.map((e) => e.type)).toEqual(['Held', 'Visible']);
    });

    it('ends early, never past a running transaction, when it stays open beyond the settle time', async () => {
      const category = uniqueCategory();
      const impatient = openStore({ readAllSettleMs: 100 });
      const held = await underTest.holdAppend(`${category}-held`, [newEvent('Held')], 'no_stream');
      try {
        await store.append(`${category}-visible`, [newEvent('Visible')]);
        expect(await toArray(impatient.readAll({ filter: { streamPrefixes: [category] } }))).toEqual([]);
      } finally {
        await held.commit();
      }
      const read = await toArray(store.readAll({ filter: { streamPrefixes: [category] } }));
      expect(read.map((e) => e.type)).toEqual(['Held', 'Visible']);
    });
  });

  describe('large numbers', () => {
    it('keeps revisions as bigint end to end', async () => {
      const streamId = `${uniqueCategory()}-big`;
      await pool.query(
        `INSERT INTO eventstore.events (stream_id, revision, event_id, event_type, data, metadata)
         VALUES ($1, 9007199254740993, gen_random_uuid(), 'Big', '{}', '{}')`,
        [streamId],
      );
      const result = await store.append(streamId, [newEvent()], { expectedRevision: 9_007_199_254_740_993n });
      expect(result.nextExpectedRevision).toBe(9_007_199_254_740_994n);
      const [last] = await toArray(store.readStream(streamId, { direction: 'backwards', maxCount: 1 }));
      expect(last.revision).toBe(9_007_199_254_740_994n);
    });
  });
});
