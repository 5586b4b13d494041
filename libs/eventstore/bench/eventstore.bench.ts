// npm run bench:eventstore — one JSON line on stdout, progress on stderr. Runs against the test
// PostgreSQL (TEST_DATABASE_URL or 127.0.0.1:5432) in a database of its own, dropped at the end.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { PostgresEventStore } from '../src';
import type { EventStore, NewEvent } from '../src';
import { createTestDatabase } from '@switchboard/platform/testing';
import { PostgresStatements, appendValues } from '../src/postgres/postgres-statements';

const CONCURRENCY = [1, 8, 32] as const;
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 3_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const READ_ALL_EVENTS = Number(process.env.BENCH_READ_ALL_EVENTS ?? 1_000_000);
const BATCH_SIZE = 100;
const BATCH_WRITERS = 8;

const log = (message: string): void => void process.stderr.write(`[bench] ${message}\n`);

const payload = (): Record<string, unknown> => ({
  requestId: randomUUID(),
  channel: 'telegram',
  text: 'Good morning, the internet in flat 12 has been down since 7am',
  at: new Date().toISOString(),
});

const event = (): NewEvent => ({ id: randomUUID(), type: 'MessageReceived', data: payload(), metadata: { schemaVersion: 1 } });

/** Runs `writers` loops of `operation` for one window; returns completed operations per second. */
async function throughput(writers: number, operation: (writer: number) => Promise<void>): Promise<number> {
  const deadline = performance.now() + WINDOW_MS;
  const started = performance.now();
  let done = 0;
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      while (performance.now() < deadline) {
        await operation(writer);
        done += 1;
      }
    }),
  );
  return done / ((performance.now() - started) / 1000);
}

/** One stream per writer, appended to at its exact revision, as command handlers do. */
function singleAppender(store: EventStore, label: string): (writer: number) => Promise<void> {
  const streams = new Map<number, { id: string; revision: bigint }>();
  return async (writer) => {
    const stream = streams.get(writer) ?? { id: `bench-${label}-${writer}-${randomUUID()}`, revision: -1n };
    const result = await store.append(stream.id, [event()], {
      expectedRevision: stream.revision < 0n ? 'no_stream' : stream.revision,
    });
    streams.set(writer, { id: stream.id, revision: result.nextExpectedRevision });
  };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const round = (n: number): number => Math.round(n);
const round1 = (n: number): number => Math.round(n * 10) / 10;

async function main(): Promise<void> {
  const database = await createTestDatabase('bench_eventstore');
  log(`database ${database.name}`);
  // One pool of 32 for the raw inserts and both stores: same connections, same concurrency.
  const raw = new Pool({ connectionString: database.url, max: 32 });
  raw.on('error', () => undefined);
  const store = new PostgresEventStore(raw);
  const quiet = new PostgresEventStore(raw, { notify: false });
  const uncombined = new PostgresEventStore(raw, { appendConcurrency: 32, maxCombinedAppends: 1 });
  const subscriberStore = new PostgresEventStore(database.url, { poolSize: 2 });
  try {
    await store.ensureSchema();
    await raw.query(`CREATE TABLE raw_commits (id bigserial PRIMARY KEY, payload jsonb NOT NULL)`);
    const rawInsert = async (): Promise<void> => {
      await raw.query({ name: 'raw-insert', text: 'INSERT INTO raw_commits (payload) VALUES ($1)', values: [JSON.stringify(payload())] });
    };

    log('warming up (prepares statements on every connection)');
    await throughput(32, rawInsert);
    await throughput(32, singleAppender(store, 'warmup'));
    await throughput(32, singleAppender(quiet, 'warmup-quiet'));
    await throughput(32, singleAppender(uncombined, 'warmup-uncombined'));

    const appendsPerSec: Record<string, number> = {};
    const rawCommitsPerSec: Record<string, number> = {};
    for (const writers of CONCURRENCY) {
      const rawRuns: number[] = [];
      const appendRuns: number[] = [];
      // Interleaved so machine noise lands on both sides.
      for (let r = 0; r < ROUNDS; r++) {
        rawRuns.push(await throughput(writers, rawInsert));
        appendRuns.push(await throughput(writers, singleAppender(store, `w${writers}r${r}`)));
      }
      rawCommitsPerSec[writers] = round(median(rawRuns));
      appendsPerSec[writers] = round(median(appendRuns));
      log(
        `${writers} writers: raw ${rawRuns.map(round).join('/')} commits/s, append ${appendRuns.map(round).join('/')} /s ` +
          `(ratio ${(appendsPerSec[writers] / rawCommitsPerSec[writers]).toFixed(2)})`,
      );
    }

    // For comparison only (stderr): what each design choice is worth at 32 writers.
    const withoutNotify = await throughput(32, singleAppender(quiet, 'quiet'));
    const alone = await throughput(32, singleAppender(uncombined, 'uncombined'));
    const notifyInTransaction = await throughput(32, notifyingAppender(raw));
    log(
      `32 writers: notify=false ${round(withoutNotify)} appends/s; every append its own commit ${round(alone)} /s; ` +
        `pg_notify inside every append transaction ${round(notifyInTransaction)} /s`,
    );

    let batchStreams = 0;
    const batchAppendsPerSec = await throughput(BATCH_WRITERS, async () => {
      await store.append(`bench-batch-${batchStreams++}-${randomUUID()}`, Array.from({ length: BATCH_SIZE }, event), {
        expectedRevision: 'no_stream',
      });
    });
    const batchEventsPerSec = round(batchAppendsPerSec * BATCH_SIZE);
    log(`${BATCH_WRITERS} writers x ${BATCH_SIZE}-event batches: ${batchEventsPerSec} events/s`);

    const lag = await measureLag(store, subscriberStore);
    log(`lag while 32 writers append: p50 ${lag.p50} ms, p99 ${lag.p99} ms over ${lag.samples} events (${lag.appendsPerSec} appends/s)`);

    const readAllEventsPerSec = await measureReadAll(store, raw);

    process.stdout.write(
      `${JSON.stringify({
        appendsPerSec,
        batchEventsPerSec,
        readAllEventsPerSec,
        lagMs: { p50: lag.p50, p99: lag.p99 },
        rawCommitsPerSec,
      })}\n`,
    );
  } finally {
    await Promise.allSettled([store.close(), quiet.close(), uncombined.close(), subscriberStore.close()]);
    await raw.end();
    await database.drop();
  }
}

/** The store's own append statement with pg_notify added to it: what notifying inside every append costs. */
function notifyingAppender(pool: Pool): (writer: number) => Promise<void> {
  const statement = new PostgresStatements('eventstore').append('exact', false);
  const text = statement.text.replace('RETURNING ', "RETURNING pg_notify('bench_inline', NULL) IS NULL AS notified, ");
  if (text === statement.text) throw new Error('append statement changed shape; update the bench');
  const streams = new Map<number, { id: string; revision: bigint }>();
  return async (writer) => {
    const stream = streams.get(writer) ?? { id: `bench-inline-${writer}-${randomUUID()}`, revision: -1n };
    const { rowCount } = await pool.query({
      name: 'bench-append-notify-inline',
      text,
      values: appendValues(stream.id, [event()], stream.revision),
    });
    if (rowCount !== 1) throw new Error('inline-notify append did not write');
    streams.set(writer, { id: stream.id, revision: stream.revision + 1n });
  };
}

/** From an append's acknowledgement to its delivery to a subscriber of another store instance (its own LISTEN). */
async function measureLag(store: EventStore, subscriberStore: EventStore): Promise<{ p50: number; p99: number; samples: number; appendsPerSec: number }> {
  const marker = await store.append(`bench-lag-marker-${randomUUID()}`, [event()]);
  const acknowledged = new Map<string, number>();
  const lags: number[] = [];
  const subscription = subscriberStore.subscribeToAll({ from: marker.position, filter: { streamPrefixes: ['bench-lag-'] } });
  const consuming = (async () => {
    for await (const received of subscription) {
      const at = acknowledged.get(received.id);
      // Delivered before the writer heard back: zero lag from acknowledgement.
      lags.push(at === undefined ? 0 : Math.max(0, performance.now() - at));
      acknowledged.set(received.id, -1);
    }
  })();
  await new Promise((resolve) => setTimeout(resolve, 500)); // listener connected
  const streams = new Map<number, { id: string; revision: bigint }>();
  const appendsPerSec = await throughput(32, async (writer) => {
    const stream = streams.get(writer) ?? { id: `bench-lag-${writer}-${randomUUID()}`, revision: -1n };
    const e = event();
    const result = await store.append(stream.id, [e], { expectedRevision: stream.revision < 0n ? 'no_stream' : stream.revision });
    if (!acknowledged.has(e.id)) acknowledged.set(e.id, performance.now());
    streams.set(writer, { id: stream.id, revision: result.nextExpectedRevision });
  });
  const expected = [...streams.values()].reduce((n, s) => n + Number(s.revision) + 1, 0);
  const deadline = performance.now() + 10_000;
  while (lags.length < expected && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  await subscription.stop();
  await consuming;
  if (lags.length !== expected) throw new Error(`subscriber received ${lags.length} of ${expected} events`);
  const sorted = [...lags].sort((a, b) => a - b);
  return { p50: round1(percentile(sorted, 50)), p99: round1(percentile(sorted, 99)), samples: sorted.length, appendsPerSec: round(appendsPerSec) };
}

/** Fills the store to READ_ALL_EVENTS with set-based SQL in the store's table shape, then reads all of it. */
async function measureReadAll(store: EventStore, pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(`SELECT count(*)::text AS n FROM eventstore.events`);
  const missing = Math.max(0, READ_ALL_EVENTS - Number(rows[0].n));
  const started = performance.now();
  const chunk = 250_000;
  for (let from = 0; from < missing; from += chunk) {
    const to = Math.min(missing, from + chunk) - 1;
    await pool.query(
      `INSERT INTO eventstore.events (stream_id, revision, event_id, event_type, data, metadata)
       SELECT 'request-' || md5('bench' || (g / 40))::uuid, g % 40, gen_random_uuid(),
              (ARRAY['RequestRegistered', 'MessageReceived', 'RequestAssigned', 'RequestClosed'])[1 + g % 4],
              jsonb_build_object('requestId', md5('bench' || (g / 40))::uuid, 'channel', 'telegram',
                                 'text', 'Good morning, the internet in flat 12 has been down since 7am', 'n', g),
              '{"schemaVersion": 1}'
         FROM generate_series($1::int, $2::int) g`,
      [from, to],
    );
  }
  await pool.query(`VACUUM (ANALYZE) eventstore.events`);
  log(`filled to ${READ_ALL_EVENTS} events in ${round((performance.now() - started) / 1000)} s`);
  const readStarted = performance.now();
  let read = 0;
  for await (const recorded of store.readAll()) {
    if (recorded.revision >= 0n) read += 1;
  }
  const perSec = read / ((performance.now() - readStarted) / 1000);
  log(`readAll: ${read} events in ${round1((performance.now() - readStarted) / 1000)} s`);
  return round(perSec);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
