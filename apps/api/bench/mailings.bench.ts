// npm run bench:mailings — one JSON line on stdout, progress on stderr. Runs `switchboard start` (every
// role in one process, as the README's first command does) on a database of its own in the test
// PostgreSQL (TEST_DATABASE_URL or 127.0.0.1:5432), dropped at the end. BENCH_RECIPIENTS clients
// (100,000 by default) get one tag; a manager creates a mailing to that tag through the API and
// starts it; the bench follows the mailing's progress as the console and `switchboard mailings
// progress` do, until every recipient is handed to the sending point (`handed*`), then until every
// communication has an outcome (`settled*`). No channel sender is configured, so each communication
// ends failed ("no sender for the sms channel"): the run measures the mailing and the sending point's
// own work (policies, dispatch, outcome), not a provider. BENCH_CPU_PROF_DIR=<dir> writes the app's CPU profile.
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { createTestDatabase, freePort, passwordGrant, startAppProcess } from '@switchboard/platform/testing';
import type { AppProcess, TestDatabase } from '@switchboard/platform/testing';

const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 100_000);
/** A safety net well above a normal run, so a hang cannot leave the database behind. */
const DEADLINE_S = Number(process.env.BENCH_DEADLINE_S ?? 1_800);
const MANAGER = 'hd.manager.north';
const CPU_PROF_DIR = process.env.BENCH_CPU_PROF_DIR;

const log = (message: string): void => void process.stderr.write(`[bench] ${message}\n`);
const load = (): string =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
const seconds = (since: number): number => Math.round((performance.now() - since) / 100) / 10;

interface Progress {
  total: number;
  pending: number;
  queued: number;
  sent: number;
  delivered: number;
  failed: number;
  blocked: number;
  cancelled: number;
  skipped: number;
}

async function main(): Promise<void> {
  let database: TestDatabase | undefined;
  let app: AppProcess | undefined;
  let pool: Pool | undefined;
  const release = async () => {
    await app?.stop().catch(() => undefined);
    await pool?.end().catch(() => undefined);
    await database?.drop().catch(() => undefined);
  };
  const deadline = setTimeout(() => {
    log(`still running after ${DEADLINE_S} s: giving up`);
    void release().finally(() => process.exit(1));
  }, DEADLINE_S * 1_000);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void release().finally(() => process.exit(130)));
  try {
    database = await createTestDatabase('bench_mailings');
    const port = await freePort();
    app = startAppProcess({
      entry: 'dist/apps/switchboard/src/main.js',
      args: ['start'],
      port,
      env: { DATABASE_URL: database.url, DEMO_DATA: 'true' },
      nodeArgs: CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF_DIR}`, '--cpu-prof-name=switchboard.cpuprofile'] : [],
    });
    await app.waitForOutput(/is ready/, 120_000);
    log(`switchboard start ready on ${app.url}; load average ${load()}`);
    pool = new Pool({ connectionString: database.url, max: 2 });

    let started = performance.now();
    await pool.query(
      `INSERT INTO customers_clients (id, first_name, last_name, phone, name_key, tags)
       SELECT gen_random_uuid(), 'Client', 'N' || g, '+7901' || lpad(g::text, 7, '0'), 'n' || g, ARRAY['bench-mailing']
         FROM generate_series(1, $1::int) g`,
      [RECIPIENTS],
    );
    log(`${RECIPIENTS} clients seeded in ${seconds(started)} s`);

    const token = await passwordGrant(`${app.url}/dev-idp/realms/switchboard/protocol/openid-connect/token`, 'switchboard-console', MANAGER, 'demo');
    const call = async (method: string, path: string, body?: unknown): Promise<Record<string, unknown>> => {
      const response = await fetch(`${app?.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(method === 'POST' ? { 'idempotency-key': randomUUID() } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const answer = (await response.json()) as Record<string, unknown>;
      if (response.status >= 300) throw new Error(`${method} ${path} → ${response.status} ${JSON.stringify(answer)}`);
      return answer;
    };
    await call('POST', '/communication-templates', {
      id: 'bench-works',
      name: 'Planned works',
      communicationType: 'service',
      bodies: { ru: 'Плановые работы {{date}}', en: 'Planned works on {{date}}' },
    });
    const mailing = await call('POST', '/mailings', {
      name: 'Bench: planned works',
      department: 'first-line-north',
      audience: { tags: { match: 'any', values: ['bench-mailing'] } },
      templateId: 'bench-works',
      variables: { date: '8 December' },
      communicationType: 'service',
      perMinute: 100_000,
    });
    const id = String(mailing.id);

    started = performance.now();
    const running = await call('POST', `/mailings/${id}/start`, {});
    const frozenSeconds = seconds(started);
    log(`started: ${String(running.recipients)} recipients frozen in ${frozenSeconds} s`);

    let progress = (await call('GET', `/mailings/${id}`)).progress as Progress;
    let lastLog = performance.now();
    while (progress.pending > 0) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      progress = (await call('GET', `/mailings/${id}`)).progress as Progress;
      if (performance.now() - lastLog > 5_000) {
        log(`handed ${progress.total - progress.pending}/${progress.total}; load average ${load()}`);
        lastLog = performance.now();
      }
    }
    const handedSeconds = seconds(started);
    log(`every recipient handed to the sending point in ${handedSeconds} s; load average ${load()}`);

    const outcomes = (p: Progress) => p.sent + p.delivered + p.failed + p.blocked + p.cancelled + p.skipped;
    while (outcomes(progress) < progress.total) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      progress = (await call('GET', `/mailings/${id}`)).progress as Progress;
      if (performance.now() - lastLog > 5_000) {
        log(`with an outcome ${outcomes(progress)}/${progress.total}: ${JSON.stringify(progress)}; load average ${load()}`);
        lastLog = performance.now();
      }
    }
    const settledSeconds = seconds(started);
    log(`every communication has an outcome ${settledSeconds} s after the start: ${JSON.stringify(progress)}`);

    process.stdout.write(
      `${JSON.stringify({
        recipients: progress.total,
        frozenSeconds,
        handedSeconds,
        handedPerSec: Math.round(progress.total / handedSeconds),
        settledSeconds,
        settledPerSec: Math.round(progress.total / settledSeconds),
      })}\n`,
    );
  } finally {
    clearTimeout(deadline);
    await release();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
