// npm run bench:communications — one JSON line on stdout, progress on stderr. Runs against the test
// PostgreSQL (TEST_DATABASE_URL or 127.0.0.1:5432) in a database of its own, dropped at the end.
// Each communication is requested, judged by the policies (type and channel active, availability,
// quiet hours, opt-outs, channel preference, the department's rate limit reserved in PostgreSQL),
// and handed to a local recording sender: three appends to the event store and one ledger
// transaction. Raw commits (one INSERT per transaction) on the same pool and concurrency are the yardstick.
import { randomUUID } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { Communications } from '@switchboard/communications';
import type { ChannelSender, DispatchContextSource, OutgoingCommunication } from '@switchboard/communications';
import { availableClient, defaultCommunicationChannels, defaultCommunicationTypes } from '@switchboard/communications/domain';
import type { DispatchContext } from '@switchboard/communications/domain';
import { PostgresEventStore } from '@switchboard/eventstore';
import { createTestDatabase } from '@switchboard/platform/testing';
import { CommunicationsMigration20261207000200, PostgresRateLimitLedger } from '../src';

const WORKERS = Number(process.env.BENCH_WORKERS ?? 32);
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 5_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 2_000);

const log = (message: string): void => void process.stderr.write(`[bench] ${message}\n`);
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const round = (n: number): number => Math.round(n);
const round2 = (n: number): number => Math.round(n * 100) / 100;

/** The local sender double: keeps a count of what it was handed. */
class RecordingSender implements ChannelSender {
  handed = 0;
  constructor(readonly channel: ChannelSender['channel']) {}
  async send(_: OutgoingCommunication): Promise<{ providerMessageId: string }> {
    this.handed += 1;
    return { providerMessageId: `bench-${this.handed}` };
  }
}

/** What the policies read, built in the bench: a service notice, an available client, SMS preferred, a limit that counts but rarely holds. */
const context: Omit<DispatchContext, 'sent' | 'now'> = {
  type: defaultCommunicationTypes.find((t) => t.code === 'service'),
  channels: defaultCommunicationChannels,
  availability: availableClient,
  preferred: ['messenger', 'sms', 'email'],
  addresses: { sms: '+79161234567', email: 'client@example.com' },
  rateLimits: [{ id: 'hundred-an-hour', limit: 100, unit: 'hour', units: 1 }],
};
const contexts: DispatchContextSource = { contextFor: async (_, now) => ({ ...context, now }) };

/** Runs `WORKERS` loops of `operation` for one window; returns operations per second and each one's milliseconds. */
async function throughput(operation: (worker: number, i: number) => Promise<void>): Promise<{ perSec: number; ms: number[] }> {
  const deadline = performance.now() + WINDOW_MS;
  const started = performance.now();
  const ms: number[] = [];
  await Promise.all(
    Array.from({ length: WORKERS }, async (_, worker) => {
      for (let i = 0; performance.now() < deadline; i++) {
        const t0 = performance.now();
        await operation(worker, i);
        ms.push(performance.now() - t0);
      }
    }),
  );
  return { perSec: ms.length / ((performance.now() - started) / 1000), ms };
}

async function main(): Promise<void> {
  const database = await createTestDatabase('bench_communications');
  log(`database ${database.name}; ${WORKERS} workers, ${ROUNDS} rounds of ${WINDOW_MS} ms; ${availableParallelism()} cores, load ${loadavg()[0].toFixed(2)}`);
  const pool = new Pool({ connectionString: database.url, max: WORKERS });
  pool.on('error', () => undefined);
  try {
    const store = new PostgresEventStore(pool);
    await store.ensureSchema();
    const migration = new CommunicationsMigration20261207000200(null as never, null as never);
    await migration.up();
    for (const statement of migration.getQueries()) await pool.query(String(statement));
    await pool.query('CREATE TABLE raw_commits (id bigserial PRIMARY KEY, payload jsonb NOT NULL)');

    const senders = [new RecordingSender('sms'), new RecordingSender('email')];
    const communications = new Communications(store, contexts, new PostgresRateLimitLedger(pool), senders);
    const communicate = async (worker: number, i: number): Promise<void> => {
      const { communicationId } = await communications.request(
        {
          department: 'first-line-north',
          clientId: `client-${(worker * 7919 + i) % CLIENTS}`,
          communicationType: 'service',
          message: { text: 'Плановые работы 12.12 с 02:00 до 04:00. Planned works on 12.12, 02:00–04:00.' },
          by: 'bench',
        },
        { commandId: randomUUID(), origin: 'system' },
      );
      const verdict = await communications.dispatch(communicationId);
      if (verdict?.kind !== 'dispatch') throw new Error(`expected a dispatch, got ${JSON.stringify(verdict)}`);
      await communications.deliver(communicationId);
    };
    const rawCommit = async (): Promise<void> => {
      await pool.query({
        name: 'raw-insert',
        text: 'INSERT INTO raw_commits (payload) VALUES ($1)',
        values: [JSON.stringify({ id: randomUUID(), text: 'Planned works', at: new Date().toISOString() })],
      });
    };

    log('warming up');
    await throughput(rawCommit);
    await throughput(communicate);

    const rawRuns: number[] = [];
    const decidedRuns: number[] = [];
    const latencies: number[] = [];
    // Interleaved so machine noise lands on both sides.
    for (let r = 0; r < ROUNDS; r++) {
      const before = senders.reduce((n, s) => n + s.handed, 0);
      const raw = await throughput(rawCommit);
      const decided = await throughput(communicate);
      const handed = senders.reduce((n, s) => n + s.handed, 0) - before;
      if (handed !== decided.ms.length) throw new Error(`${decided.ms.length} communications decided but ${handed} handed to the senders`);
      rawRuns.push(raw.perSec);
      decidedRuns.push(decided.perSec);
      latencies.push(...decided.ms);
      log(`round ${r + 1}: raw ${round(raw.perSec)} commits/s, decided and handed ${round(decided.perSec)} /s`);
    }
    const sorted = latencies.sort((a, b) => a - b);
    const decidedPerSec = round(median(decidedRuns));
    const rawCommitsPerSec = round(median(rawRuns));
    process.stdout.write(
      `${JSON.stringify({
        decidedPerSec,
        rawCommitsPerSec,
        ratio: round2(decidedPerSec / rawCommitsPerSec),
        decideMs: { p50: round2(percentile(sorted, 50)), p99: round2(percentile(sorted, 99)) },
      })}\n`,
    );
  } finally {
    await pool.end();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
