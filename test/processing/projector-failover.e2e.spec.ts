// Two projector processes on one database: one runs each processor, the other stands by; the
// active one is killed with SIGKILL while it works through a large backlog, the other takes over
// and the read models end exactly as one process alone builds them from the same events.
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { Pool } from 'pg';
import { PostgresEventStore } from '@switchboard/eventstore';
import { createTestDatabase, freePort, startAppProcess } from '@switchboard/platform/testing';
import type { AppProcess, TestDatabase } from '@switchboard/platform/testing';
import { appendBacklog, helpDeskBacklog } from './help-desk-backlog';

const PROJECTIONS = ['incident-list', 'problem-list', 'request-list', 'status-history'];
/** Every processor of the projector role: the read models above and the security desk's (no pass events in this backlog). */
const PROCESSORS = ['access-role-permissions', 'incident-list', 'passes-list', 'problem-list', 'request-list', 'status-history'];
const BACKLOGGED = ['incident-list', 'request-list', 'status-history'];
const TABLES = [
  'rm_problems',
  'rm_problem_links',
  'rm_requests',
  'rm_request_messages',
  'rm_request_incidents',
  'rm_incidents',
  'rm_incident_narrative',
  'rm_incident_requests',
  'rm_status_history',
];
const root = resolve(__dirname, '../..');

interface Readiness {
  status: string;
  checks: { processors?: { status: string; details?: Record<string, { state: string }> } };
}

async function processorStates(app: AppProcess): Promise<Record<string, string>> {
  const response = await fetch(`${app.url}/health/ready`, { signal: AbortSignal.timeout(2_000) });
  const body = (await response.json()) as Readiness;
  return Object.fromEntries(Object.entries(body.checks.processors?.details ?? {}).map(([name, d]) => [name, d.state]));
}

async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs: number, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    try {
      last = await probe();
      if (done(last)) return last;
    } catch {
      // not answering yet
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

async function checkpoints(pool: Pool): Promise<Record<string, { position: string | null; events: number }>> {
  const { rows } = await pool.query<{ processor: string; position: string | null; events: string }>(
    'SELECT processor, position, events_processed::text AS events FROM processor_checkpoints WHERE processor = ANY($1::text[])',
    [PROJECTIONS],
  );
  return Object.fromEntries(rows.map((r) => [r.processor, { position: r.position, events: Number(r.events) }]));
}

/** Every row of every read-model table, as text, in a stable order. */
async function readModel(pool: Pool): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of TABLES)
    out[table] = (await pool.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM ${table} t ORDER BY 1`)).rows.map((r) => r.row);
  return out;
}

describe('two projectors on one database', () => {
  const backlog = helpDeskBacklog(3_000);
  let db: TestDatabase;
  let reference: TestDatabase;
  const pools: Pool[] = [];
  const stores: PostgresEventStore[] = [];
  const running: AppProcess[] = [];

  const projector = async (url: string): Promise<AppProcess> => {
    const app = startAppProcess({ entry: 'dist/apps/projector/src/main.js', port: await freePort(), env: { DATABASE_URL: url } });
    running.push(app);
    await app.waitForOutput(/Switchboard projector is ready/, 90_000);
    return app;
  };

  const connect = (url: string): { pool: Pool; store: PostgresEventStore } => {
    const pool = new Pool({ connectionString: url, max: 10 });
    pool.on('error', () => undefined);
    const store = new PostgresEventStore(pool);
    pools.push(pool);
    stores.push(store);
    return { pool, store };
  };

  beforeAll(async () => {
    [db, reference] = await Promise.all([createTestDatabase('failover'), createTestDatabase('failover_reference')]);
  });

  afterAll(async () => {
    await Promise.all(running.map((p) => p.stop('SIGKILL')));
    await Promise.all(stores.map((s) => s.close()));
    await Promise.all(pools.map((p) => p.end()));
    await db?.drop();
    await reference?.drop();
  });

  const phase = (what: string, since: number): void => void process.stdout.write(`${what}: ${Math.round(performance.now() - since)} ms\n`);

  it('runs each processor once, fails over within 10 s of a SIGKILL mid-backlog, and ends with the same read model as one process', async () => {
    const { pool, store } = connect(db.url);
    const started = performance.now();
    await appendBacklog(store, backlog);
    phase(`appended ${backlog.events} events`, started);
    let last = '';
    for await (const event of store.readAll()) last = event.position;

    const a = await projector(db.url);
    const b = await projector(db.url);
    // Exactly one runs each processor: a took them all, b stands by for every one.
    await until(
      () => processorStates(a),
      (s) => PROCESSORS.every((p) => s[p] === 'running'),
      'a to run the projections',
      30_000,
    );
    expect(await processorStates(b)).toEqual(Object.fromEntries(PROCESSORS.map((p) => [p, 'standby'])));
    const status = spawnSync(process.execPath, [resolve(root, 'dist/apps/switchboard/src/main.js'), 'processors', 'status', '--json'], {
      cwd: root,
      env: { PATH: process.env.PATH, DATABASE_URL: db.url },
      encoding: 'utf8',
    });
    const holders = (JSON.parse(status.stdout) as { processor: string; holder?: string; state: string }[]).filter((s) => PROCESSORS.includes(s.processor));
    expect(holders.map((h) => [h.processor, h.state, h.holder])).toEqual(PROCESSORS.map((p) => [p, 'running', `projector@${hostname()}:${a.child.pid}`]));

    // Kill a while it is in the middle of the backlog.
    const midway = await until(
      () => checkpoints(pool),
      (c) => Object.values(c).some((x) => x.events > backlog.events * 0.2),
      'a to be into the backlog',
      60_000,
      20,
    );
    a.child.kill('SIGKILL');
    const killedAt = performance.now();
    // The projections that carry the backlog are mid-way; problem-list has one problem per thirty
    // requests and may be through its few events already (the takeover and the final comparison cover it).
    expect(BACKLOGGED.every((p) => midway[p]?.position !== last)).toBe(true);

    await until(
      () => processorStates(b),
      (s) => PROCESSORS.every((p) => s[p] === 'running'),
      'b to take over',
      10_000,
      50,
    );
    const failoverMs = Math.round(performance.now() - killedAt);
    process.stdout.write(`projector failover: b ran every projection ${failoverMs} ms after a was killed mid-backlog\n`);
    expect(failoverMs).toBeLessThan(10_000);

    await until(
      () => checkpoints(pool),
      (c) => PROJECTIONS.every((p) => c[p]?.position === last),
      'b to finish the backlog',
      120_000,
      200,
    );
    phase('backlog projected with a failover', killedAt);

    // The same events, one projector alone.
    const alone = connect(reference.url);
    await appendBacklog(alone.store, backlog);
    let referenceLast = '';
    for await (const event of alone.store.readAll()) referenceLast = event.position;
    const c = await projector(reference.url);
    await until(
      () => checkpoints(alone.pool),
      (cp) => PROJECTIONS.every((p) => cp[p]?.position === referenceLast),
      'the single projector to finish',
      120_000,
      200,
    );
    await c.stop('SIGTERM');
    phase('reference built', started);

    const [failedOver, single] = await Promise.all([readModel(pool), readModel(alone.pool)]);
    for (const table of TABLES) {
      expect({ table, rows: failedOver[table].length }).toEqual({ table, rows: single[table].length });
      expect(failedOver[table]).toEqual(single[table]);
    }
    expect(failedOver.rm_requests).toHaveLength(3_000);
  }, 400_000);
});
