import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { createTestDatabase } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import type { RecordedEvent } from '../event-store.port';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import { readProcessorCheckpoint } from './checkpoints';
import { parkedEvents, requestRetry, skipParked } from './parked-events';
import { processingSchema } from './processing-schema';
import { ProcessorLocks } from './processor-locks';
import { ProcessorStatusReader } from './processor-status';
import { PostgresEventBacklog } from './event-backlog';
import type { ProcessorDefinition, ProcessorHealth } from './processor';
import { ProcessorHost } from './processor-host';

const fast = { baseMs: 5, maxMs: 20, maxAttempts: 3 };

describe('processors', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  const hosts: ProcessorHost[] = [];
  let name: string;

  const host = (definitions: ProcessorDefinition[], identity = `test-${hosts.length}`): ProcessorHost => {
    const h = new ProcessorHost({ pool, store, identity, standbyRetryMs: 100, retryPollMs: 200 });
    for (const d of definitions) h.register(d);
    hosts.push(h);
    return h;
  };

  /** Appends `perStream` events (amounts 1..perStream) to each stream, interleaved; returns them in store order. */
  async function append(streams: readonly string[], perStream: number): Promise<string> {
    let last = '';
    for (let i = 1; i <= perStream; i++)
      for (const stream of streams) {
        const event = { id: randomUUID(), type: 'Added', data: { amount: i } };
        last = (await appendOnce(stream, event)).position;
      }
    return last;
  }

  /**
   * One append as a writer makes it: a connection the server terminated a moment ago may still sit
   * idle in the pool (its FATAL not read yet): the append sent on it never ran, so it is sent again
   * (the subject here is the processors' recovery, not this writer's).
   */
  async function appendOnce(stream: string, event: { id: string; type: string; data: Record<string, unknown> }) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await store.append(stream, [event]);
      } catch (error) {
        if ((error as { code?: string }).code !== '57P01' || attempt >= 3) throw error;
      }
    }
  }

  async function eventually<T>(probe: () => Promise<T> | T, done: (value: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let value = await probe();
    while (!done(value)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
      await new Promise((r) => setTimeout(r, 20));
      value = await probe();
    }
    return value;
  }

  const checkpointAt = (position: string) =>
    eventually(
      () => readProcessorCheckpoint(pool, name),
      (row) => row?.position === position,
      `${name} to reach ${position}`,
    );

  /** How often each event was applied (a transactional log without keys: a double apply shows as 2). */
  async function applied(): Promise<Map<string, number>> {
    const { rows } = await pool.query<{ event_id: string; n: number }>(
      'SELECT event_id, count(*)::int AS n FROM fx_log WHERE processor = $1 GROUP BY event_id',
      [name],
    );
    return new Map(rows.map((r) => [r.event_id, r.n]));
  }

  async function eventsOf(prefix: string): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    for await (const e of store.readAll({ filter: { streamPrefixes: [prefix] } })) events.push(e);
    return events;
  }

  /** Logs each event in the batch's transaction; throws for the events `fails` says, as long as it says so. */
  function loggingProcessor(
    prefix: string,
    fails: (event: RecordedEvent) => Error | undefined,
    overrides: Partial<ProcessorDefinition> = {},
  ): ProcessorDefinition {
    return {
      name,
      filter: { streamPrefixes: [prefix] },
      batch: { maxEvents: 50, maxWaitMs: 20, lingerMs: 5 },
      failure: fast,
      handler: {
        kind: 'transactional',
        async handle(tx, events) {
          for (const event of events) {
            await tx.query('INSERT INTO fx_log (processor, event_id) VALUES ($1, $2)', [name, event.id]);
            const error = fails(event);
            if (error) throw error;
          }
        },
      },
      ...overrides,
    };
  }

  beforeAll(async () => {
    db = await createTestDatabase('processors');
    pool = new Pool({ connectionString: db.url, max: 20 });
    pool.on('error', () => undefined);
    for (const statement of processingSchema) await pool.query(statement);
    await pool.query('CREATE TABLE fx_log (seq bigserial PRIMARY KEY, processor text NOT NULL, event_id text NOT NULL)');
    store = new PostgresEventStore(pool, { pollIntervalMs: 50 });
    await store.ensureSchema();
  });

  beforeEach(() => {
    name = `p-${randomUUID().slice(0, 8)}`;
  });

  afterEach(async () => {
    await Promise.all(hosts.splice(0).map((h) => h.stop()));
  });

  afterAll(async () => {
    await store.close();
    await pool.end();
    await db.drop();
  });

  it('parks exactly the event that keeps failing, processes the rest, and a retry after the fix applies it once', async () => {
    const prefix = `park${name.slice(2)}-`;
    const streams = [`${prefix}a`, `${prefix}b`, `${prefix}c`];
    // The whole backlog is there before the processor starts: its first batch holds the poisoned event among good ones.
    const last = await append(streams, 10);
    const poisoned = (await eventsOf(prefix)).find((e) => e.streamId === streams[1] && e.revision === 4n);
    if (!poisoned) throw new Error('no poisoned event');
    let faulty = true;
    let attemptsOnPoisoned = 0;
    const processors = host([
      loggingProcessor(prefix, (event) => {
        if (event.id !== poisoned.id) return undefined;
        attemptsOnPoisoned++;
        return faulty ? new Error('violates check constraint "amount_sane"') : undefined;
      }),
    ]);
    processors.start();

    await checkpointAt(last);
    const parked = await parkedEvents(pool, { processor: name });
    expect(parked).toEqual([
      expect.objectContaining({
        eventId: poisoned.id,
        streamId: streams[1],
        revision: 4n,
        position: poisoned.position,
        eventType: 'Added',
        attempts: 3,
        lastError: 'violates check constraint "amount_sane"',
        status: 'parked',
      }),
    ]);
    const once = await applied();
    expect(once.size).toBe(29);
    expect([...once.values()].every((n) => n === 1)).toBe(true);
    expect(once.has(poisoned.id)).toBe(false);
    // One try inside the failed batch, then three on its own.
    expect(attemptsOnPoisoned).toBe(4);
    expect(processors.health()[0]).toMatchObject({ state: 'running' });

    // A retry while the fault is still there fails again and leaves it parked, recorded.
    expect(await requestRetry(pool, { processor: name, eventId: poisoned.id, by: 'operator-1' })).toHaveLength(1);
    const failedAgain = await eventually(
      () => parkedEvents(pool, { processor: name }),
      ([p]) => p.status === 'parked',
      'the retry to fail',
    );
    expect(failedAgain[0]).toMatchObject({ attempts: 4, outcome: 'failed: violates check constraint "amount_sane"', requestedBy: 'operator-1' });

    faulty = false;
    await requestRetry(pool, { processor: name, eventId: poisoned.id, by: 'operator-1', reason: 'constraint fixed' });
    const retried = await eventually(
      () => parkedEvents(pool, { processor: name }),
      ([p]) => p.status === 'retried',
      'the retry to apply',
    );
    expect(retried[0]).toMatchObject({ outcome: 'applied', requestedBy: 'operator-1', reason: 'constraint fixed', resolvedAt: expect.any(Date) });
    const after = await applied();
    expect(after.get(poisoned.id)).toBe(1);
    expect(after.size).toBe(30);

    // Nothing is open any more: another retry or a skip finds nothing to do.
    expect(await requestRetry(pool, { processor: name, eventId: poisoned.id, by: 'operator-1' })).toEqual([]);
    expect(await skipParked(pool, { processor: name, eventId: 'all', by: 'operator-1', reason: 'x' })).toEqual([]);
    await new Promise((r) => setTimeout(r, 300));
    expect((await applied()).get(poisoned.id)).toBe(1);
  });

  it('parks a failing event of an external handler and moves its checkpoint only after the work is done', async () => {
    const prefix = `ext${name.slice(2)}-`;
    const done: string[] = [];
    let poisonedId = '';
    const processors = host([
      {
        name,
        filter: { streamPrefixes: [prefix] },
        batch: { maxEvents: 1 },
        failure: fast,
        handler: {
          kind: 'external',
          async handle(events) {
            for (const event of events) {
              if (event.id === poisonedId) throw new Error('the work group has no manager');
              done.push(event.id);
            }
          },
        },
      },
    ]);
    const [first] = (await Promise.all([store.append(`${prefix}a`, [{ id: randomUUID(), type: 'Added', data: {} }])])).map((r) => r.position);
    processors.start();
    await checkpointAt(first);
    poisonedId = randomUUID();
    await store.append(`${prefix}a`, [{ id: poisonedId, type: 'Added', data: {} }]);
    const last = (await store.append(`${prefix}b`, [{ id: randomUUID(), type: 'Added', data: {} }])).position;
    await checkpointAt(last);
    expect(done).toHaveLength(2);
    expect((await parkedEvents(pool, { processor: name })).map((p) => [p.eventId, p.attempts])).toEqual([[poisonedId, 3]]);

    // Skipped with a reason: closed, never applied.
    const [skipped] = await skipParked(pool, { processor: name, eventId: poisonedId, by: 'operator-2', reason: 'work group dissolved' });
    expect(skipped).toMatchObject({ status: 'skipped', reason: 'work group dissolved', requestedBy: 'operator-2' });
    expect(done).not.toContain(poisonedId);
  });

  it('waits out a transient failure, however long, without parking anything', async () => {
    const prefix = `tr${name.slice(2)}-`;
    let outage = 8;
    const processors = host([
      loggingProcessor(prefix, () => (outage-- > 0 ? Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), { code: 'ECONNREFUSED' }) : undefined)),
    ]);
    const last = await append([`${prefix}a`, `${prefix}b`], 3);
    processors.start();
    await checkpointAt(last);
    expect(outage).toBeLessThan(0);
    expect(await parkedEvents(pool, { processor: name })).toEqual([]);
    expect([...(await applied()).values()]).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('runs each processor on one instance only; the standby takes over when the active one is gone and resumes from the checkpoint', async () => {
    const prefix = `ha${name.slice(2)}-`;
    const definition = () => loggingProcessor(prefix, () => undefined);
    const a = host([definition()], 'instance-a');
    const b = host([definition()], 'instance-b');
    a.start();
    await eventually(
      () => a.health()[0].state,
      (s) => s === 'running',
      'a to run it',
    );
    b.start();
    await new Promise((r) => setTimeout(r, 400));
    expect(states(a, b)).toEqual(['running', 'standby']);
    const first = await append([`${prefix}a`], 5);
    await checkpointAt(first);
    expect((await readProcessorCheckpoint(pool, name))?.holder).toBe('instance-a');

    await a.stop();
    hosts.splice(hosts.indexOf(a), 1);
    const second = await append([`${prefix}a`], 5);
    await eventually(
      () => b.health()[0].state,
      (s) => s === 'running',
      'b to take over',
    );
    await checkpointAt(second);
    expect((await readProcessorCheckpoint(pool, name))?.holder).toBe('instance-b');
    expect([...(await applied()).values()]).toEqual(Array(10).fill(1));
  });

  it('fences an instance that lost its lock mid-batch: its late work never moves the checkpoint', async () => {
    const prefix = `fe${name.slice(2)}-`;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let blocked = true;
    const work: string[] = [];
    const external = (identity: string): ProcessorDefinition => ({
      name,
      filter: { streamPrefixes: [prefix] },
      batch: { maxEvents: 100, maxWaitMs: 20, lingerMs: 5 },
      failure: fast,
      handler: {
        kind: 'external',
        async handle(events) {
          if (identity === 'stale' && blocked) {
            blocked = false;
            await gate;
          }
          for (const e of events) work.push(`${identity}:${e.id}`);
        },
      },
    });
    const last = await append([`${prefix}a`, `${prefix}b`], 5);
    const stale = host([external('stale')], 'stale');
    stale.start();
    await eventually(
      () => blocked,
      (b) => !b,
      'the stale instance to start its batch',
    );
    // Its lock session dies while the batch is in the handler; another instance takes over.
    await killSessions(db.url, 'stale');
    const fresh = host([external('fresh')], 'fresh');
    fresh.start();
    await checkpointAt(last);
    release();
    await eventually(
      () => work.filter((w) => w.startsWith('stale:')).length,
      (n) => n === 10,
      'the stale batch to finish',
    );
    await new Promise((r) => setTimeout(r, 300));
    const row = await readProcessorCheckpoint(pool, name);
    // The fresh instance did the 10 events once; the stale batch (done twice, as external work may be) moved nothing.
    expect(row).toMatchObject({ position: last, eventsProcessed: 10, holder: 'fresh' });
  });

  it('keeps processing after every connection of the database was terminated', async () => {
    const prefix = `kill${name.slice(2)}-`;
    const processors = host([loggingProcessor(prefix, () => undefined)]);
    processors.start();
    const first = await append([`${prefix}a`], 3);
    await checkpointAt(first);
    await killSessions(db.url);
    const second = await append([`${prefix}a`], 3);
    await checkpointAt(second);
    expect(processors.health()[0].state).toBe('running');
    expect([...(await applied()).values()]).toEqual(Array(6).fill(1));
  });

  it('resubscribes after its subscription fails, says so while it does, and is running again once the new one reads', async () => {
    const prefix = `sub${name.slice(2)}-`;
    let failuresLeft = 2;
    const failing = Object.create(store) as PostgresEventStore;
    failing.subscribeToAll = (opts) => {
      if (failuresLeft-- <= 0) return store.subscribeToAll(opts);
      return {
        async *[Symbol.asyncIterator]() {
          yield* [];
          throw new Error('could not read the events table: permission denied');
        },
        stop: async () => undefined,
      };
    };
    const h = new ProcessorHost({ pool, store: failing, identity: 'sub-test', standbyRetryMs: 50 });
    h.register({ ...loggingProcessor(prefix, () => undefined), failure: { baseMs: 200, maxMs: 400, maxAttempts: 3 } });
    hosts.push(h);
    h.start();
    const retrying = await eventually(
      () => h.health()[0],
      (x) => x.state === 'retrying',
      'the failure to show',
    );
    expect(retrying.lastError).toBe('subscription failed: could not read the events table: permission denied');
    // Caught up and idle: healthy again without needing an event to prove it.
    await eventually(
      () => h.health()[0].state,
      (st) => st === 'running',
      'the new subscription to count as healthy',
      10_000,
    );
    const last = await append([`${prefix}a`], 2);
    await checkpointAt(last);
    expect([...(await applied()).values()]).toEqual([1, 1]);
  });

  it('frees the locks of a holder that stops talking (frozen, cut off) for a standby, without a TCP reset', async () => {
    const lost: Error[] = [];
    const frozen = new ProcessorLocks({ connection: pool.options, holder: 'frozen', onRetryRequested: () => undefined, onLost: (e) => lost.push(e) });
    await frozen.connect();
    expect(await frozen.tryAcquire(name)).toBe(true);
    const status = new ProcessorStatusReader(pool, new PostgresEventBacklog(pool));
    expect(await status.isRunning(name)).toBe(true);
    // No heartbeat from here on: the server ends the idle session and the lock goes with it.
    await eventually(
      () => status.isRunning(name),
      (running) => !running,
      'the server to end the silent session',
      25_000,
    );
    await frozen.close();
  }, 30_000);

  function states(...of: ProcessorHost[]): ProcessorHealth['state'][] {
    return of.map((h) => h.health()[0].state);
  }
});

/** Terminates this database's sessions (all but the caller's), or only those of one application name. */
async function killSessions(url: string, applicationName?: string): Promise<void> {
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND ($1::text IS NULL OR application_name = $1)`,
      [applicationName ?? null],
    );
  } finally {
    await admin.end();
  }
}
