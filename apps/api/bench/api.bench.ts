// npm run bench:api — one JSON line on stdout, progress on stderr. Loads the read model (1M
// requests, 300k incidents, 100k clients; BENCH_REQUESTS and BENCH_CLIENTS change the sizes) into a database of its own on the test PostgreSQL
// (TEST_DATABASE_URL or 127.0.0.1:5432), runs the all-in-one app on it and drives it over HTTP
// with autocannon. The database is dropped at the end.
import { randomUUID } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import type { AutocannonRequest } from 'autocannon';
import { Pool } from 'pg';
import { createTestDatabase, freePort, startAppProcess } from '@switchboard/platform/testing';
import type { AppProcess, TestDatabase } from '@switchboard/platform/testing';
import { HttpClient, runAutocannon, runLoop } from './load.driver';
import type { LoadOptions, Measured, RouteResult } from './load.driver';
import { demoUsers, seedReadModels, settleCheckpoints } from './read-models.seed';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1_000_000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 100_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 2);
const SINGLE_S = Number(process.env.BENCH_SINGLE_S ?? 5);
/** A safety net well above a normal run (about four minutes), so a hang cannot leave the database behind. */
const DEADLINE_S = Number(process.env.BENCH_DEADLINE_S ?? 480);
const KEEP_DATABASE = process.env.BENCH_KEEP_DATABASE === 'true';
const BY_ID_SAMPLE = 5_000;

const log = (message: string): void => void process.stderr.write(`[bench] ${message}\n`);
const load = (): string =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

const searchQueries = [
  'petrov',
  'ivanova anna',
  'kuznetsov oleg',
  'smirn',
  'sokolova mari',
  'volkov sergeevich',
  'lebedeva',
  'pavlov dmitr',
  'novikova elena',
  'fedorov ivan',
  'egorova',
  'morozov andrey',
];
/** Words of seeded messages (each in about one conversation in sixteen), one or two at a time. */
const requestSearchQueries = [
  'router lights',
  'invoice',
  'technician',
  'microwave',
  'password reset',
  'crackling',
  'tariff',
  'static address',
  'Lenina',
  'dial tone',
  'balance',
  'sports channels',
];
const randomOf = <T>(values: readonly T[]): T => values[Math.floor(Math.random() * values.length)];

/** Three filters each: state, channel and assignee (a north operator, or none for NEW), as a department manager narrows the list. */
const filteredLists: string[] = [
  ...['IN_PROGRESS', 'ESCALATED', 'CLOSED'].flatMap((state) =>
    ['telegram', 'phone', 'sms'].flatMap((channel) =>
      [demoUsers.hdUserNorth, demoUsers.hdUserNorth2].map((assignee) => `/requests?state=${state}&channel=${channel}&assignee=${assignee}`),
    ),
  ),
  ...['telegram', 'phone', 'sms'].map((channel) => `/requests?state=NEW&channel=${channel}&assignee=none`),
];

interface Cleanup {
  app?: AppProcess;
  pool?: Pool;
  database?: TestDatabase;
  http?: HttpClient;
}

async function main(): Promise<void> {
  const cleanup: Cleanup = {};
  const watchdog = setTimeout(() => {
    log(`deadline of ${DEADLINE_S} s passed: stopping`);
    void release(cleanup).finally(() => process.exit(1));
  }, DEADLINE_S * 1000);
  watchdog.unref();
  process.once('SIGINT', () => void release(cleanup).finally(() => process.exit(130)));
  const loadAtStart = load();
  log(`load average at start: ${loadAtStart} on ${availableParallelism()} CPUs (app, PostgreSQL and autocannon share them)`);
  try {
    const database = await createTestDatabase('bench_api');
    cleanup.database = database;
    log(`database ${database.name}`);
    const port = await freePort();
    const env = { DATABASE_URL: database.url, DEMO_DATA: 'true', LOG_LEVEL: 'warn' };

    let started = performance.now();
    cleanup.app = await startSwitchboard(port, env);
    await cleanup.app.stop();
    cleanup.app = undefined;
    log(`migrations and demo data in ${seconds(started)} s`);

    started = performance.now();
    const pool = new Pool({ connectionString: database.url, max: 2 });
    pool.on('error', () => undefined);
    cleanup.pool = pool;
    const counts = await seedReadModels(pool, { requests: REQUESTS, clients: CLIENTS }, log);
    const checkpoints = await settleCheckpoints(pool, counts);
    log(`read model loaded in ${seconds(started)} s: ${JSON.stringify(counts)}; checkpoints ${JSON.stringify(checkpoints)}`);
    const { rows: sample } = await pool.query<{ id: string }>(
      `SELECT id::text AS id FROM rm_requests TABLESAMPLE BERNOULLI (1) REPEATABLE (42) WHERE department = 'first-line-north' LIMIT ${BY_ID_SAMPLE}`,
    );
    const byIdSample = sample.map((r) => r.id);

    started = performance.now();
    const app = await startSwitchboard(port, env, 120_000);
    cleanup.app = app;
    log(`app restarted on the loaded database in ${seconds(started)} s; load average ${load()}`);
    const http = new HttpClient(app.url, CONNECTIONS * 2);
    cleanup.http = http;
    const manager = await token(http, 'hd.manager.north');
    const operator = await token(http, 'hd.user.north');
    const health = await http.send('GET', '/health', {});
    log(`health ${health.status}: ${health.body.slice(0, 400)}`);
    await preflight(http, manager, byIdSample);

    const auth = (bearer: string): Record<string, string> => ({ authorization: `Bearer ${bearer}` });
    const measure = async (
      name: string,
      options: Omit<LoadOptions, 'url' | 'connections' | 'duration'>,
      shape = { connections: CONNECTIONS, duration: DURATION_S },
    ): Promise<RouteResult> => {
      await runAutocannon({ ...options, url: app.url, connections: shape.connections, duration: WARMUP_S });
      const measured = await runAutocannon({ ...options, url: app.url, ...shape });
      report(name, measured);
      if (measured.failures > 0) throw new Error(`${name}: ${measured.failures} requests failed or answered non-2xx:\n${app.output().slice(-2_000)}`);
      return pick(measured);
    };

    const list = { headers: auth(manager), requests: [{ method: 'GET', path: '/requests' }] };
    const search = {
      headers: auth(manager),
      requests: [{ method: 'GET', setupRequest: (r: AutocannonRequest) => ({ ...r, path: `/clients?q=${encodeURIComponent(randomOf(searchQueries))}` }) }],
    };
    const routes: Record<string, RouteResult> = {};
    routes.list = await measure('list', list);
    routes.listFiltered = await measure('listFiltered', {
      headers: auth(manager),
      requests: [{ method: 'GET', setupRequest: (r) => ({ ...r, path: randomOf(filteredLists) }) }],
    });
    routes.search = await measure('search', search);
    routes.requestSearch = await measure('requestSearch (GET /requests?q= over message text)', {
      headers: auth(manager),
      requests: [{ method: 'GET', setupRequest: (r) => ({ ...r, path: `/requests?q=${encodeURIComponent(randomOf(requestSearchQueries))}` }) }],
    });
    routes.byId = await measure('byId', {
      headers: auth(manager),
      requests: [{ method: 'GET', setupRequest: (r) => ({ ...r, path: `/requests/${randomOf(byIdSample)}` }) }],
    });
    routes.command = await measureCommands(http, manager);
    routes.hello = await measure('hello (GET /health/live)', { headers: {}, requests: [{ method: 'GET', path: '/health/live' }] });
    // Besides the JSON (stderr only): one connection, i.e. service time without queueing behind the
    // other connections, and the narrowest visibility (own requests) beside the manager's department.
    await measure('list, 1 connection', list, { connections: 1, duration: SINGLE_S });
    await measure('search, 1 connection', search, { connections: 1, duration: SINGLE_S });
    await measure('list as hd.user.north', { headers: auth(operator), requests: [{ method: 'GET', path: '/requests' }] });

    const loadAtEnd = load();
    log(`load average at end: ${loadAtEnd} (start ${loadAtStart})`);
    process.stdout.write(`${JSON.stringify({ routes })}\n`);
  } finally {
    clearTimeout(watchdog);
    await release(cleanup);
  }
}

async function measureCommands(http: HttpClient, bearer: string): Promise<RouteResult> {
  const headers = { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' };
  const body = JSON.stringify({ subject: 'Caller reports no internet since morning', text: 'Registered from a phone call: the router shows a red light.' });
  let lastFailure = '';
  // Register, then read it back at the position the command produced (read-your-write).
  const roundTrip = async (): Promise<boolean> => {
    const registered = await http.send('POST', '/requests', { ...headers, 'idempotency-key': randomUUID() }, body);
    if (registered.status !== 202) {
      lastFailure = `POST /requests ${registered.status}: ${registered.body.slice(0, 300)}`;
      return false;
    }
    const accepted = JSON.parse(registered.body) as { id: string; position: string | null };
    const query = accepted.position ? `?minPosition=${encodeURIComponent(accepted.position)}` : '';
    const read = await http.send('GET', `/requests/${accepted.id}${query}`, headers);
    if (read.status !== 200) lastFailure = `GET /requests/${accepted.id}${query} ${read.status}: ${read.body.slice(0, 300)}`;
    return read.status === 200;
  };
  await runLoop(CONNECTIONS, WARMUP_S, roundTrip);
  const measured = await runLoop(CONNECTIONS, DURATION_S, roundTrip);
  report('command (POST /requests + GET /requests/:id?minPosition)', measured);
  if (measured.failures > measured.operations / 100)
    throw new Error(`command: ${measured.failures} of ${measured.operations + measured.failures} round trips failed; last: ${lastFailure}`);
  if (measured.failures > 0) log(`command: ${measured.failures} round trips failed; last: ${lastFailure}`);
  return pick(measured);
}

/** Every route answers as expected once before it is measured: a benchmark of 401s or empty pages measures nothing. */
async function preflight(http: HttpClient, bearer: string, byIdSample: readonly string[]): Promise<void> {
  const headers = { authorization: `Bearer ${bearer}` };
  const json = async <T>(path: string): Promise<T> => {
    const answer = await http.send('GET', path, headers);
    if (answer.status !== 200) throw new Error(`preflight GET ${path}: ${answer.status} ${answer.body.slice(0, 500)}`);
    return JSON.parse(answer.body) as T;
  };
  const first = await json<{ items: unknown[]; nextCursor: string | null }>('/requests');
  if (first.items.length !== 20 || !first.nextCursor) throw new Error(`preflight: first page has ${first.items.length} items`);
  const filtered = await Promise.all(filteredLists.map((path) => json<{ items: unknown[] }>(path)));
  log(`preflight: filtered lists answer ${filtered.map((f) => f.items.length).join('/')} items`);
  const searches = await Promise.all(searchQueries.map((q) => json<{ total?: number; partial: boolean }>(`/clients?q=${encodeURIComponent(q)}`)));
  log(`preflight: client searches match ${searches.map((s, i) => `${searchQueries[i]}=${s.total ?? '?'}`).join(', ')}`);
  if (searches.some((s) => !s.total)) throw new Error('preflight: a client search matched nothing');
  const requestSearches = await Promise.all(requestSearchQueries.map((q) => json<{ items: unknown[] }>(`/requests?q=${encodeURIComponent(q)}`)));
  log(`preflight: request searches answer ${requestSearches.map((s, i) => `${requestSearchQueries[i]}=${s.items.length}`).join(', ')}`);
  if (requestSearches.some((s) => s.items.length === 0)) throw new Error('preflight: a request search matched nothing');
  if (byIdSample.length === 0) throw new Error('preflight: no requests sampled for GET /requests/:id');
  await json(`/requests/${byIdSample[0]}`);
}

async function token(http: HttpClient, username: string): Promise<string> {
  const form = new URLSearchParams({ grant_type: 'password', client_id: 'switchboard-console', username, password: 'demo' }).toString();
  const answer = await http.send(
    'POST',
    '/dev-idp/realms/switchboard/protocol/openid-connect/token',
    { 'content-type': 'application/x-www-form-urlencoded' },
    form,
  );
  if (answer.status !== 200) throw new Error(`token for ${username}: ${answer.status} ${answer.body}`);
  return (JSON.parse(answer.body) as { access_token: string }).access_token;
}

function report(name: string, m: Measured): void {
  log(`${name}: ${m.rps} /s, p50 ${m.p50} ms, p99 ${m.p99} ms, max ${m.max} ms (${m.operations} ok, ${m.failures} failed); load average ${load()}`);
}

const pick = (m: Measured): RouteResult => ({ rps: m.rps, p50: m.p50, p99: m.p99 });
const seconds = (since: number): string => ((performance.now() - since) / 1000).toFixed(1);

async function release(cleanup: Cleanup): Promise<void> {
  cleanup.http?.close();
  await cleanup.app
    ?.stop()
    .then(() => undefined)
    .catch((error: unknown) => log(`stopping the app: ${String(error)}`));
  await cleanup.pool?.end().catch(() => undefined);
  if (cleanup.database) {
    if (KEEP_DATABASE) log(`kept database ${cleanup.database.name} (BENCH_KEEP_DATABASE=true); drop it when done`);
    else await cleanup.database.drop().catch((error: unknown) => log(`dropping ${cleanup.database?.name}: ${String(error)}`));
  }
  cleanup.app = undefined;
  cleanup.pool = undefined;
  cleanup.database = undefined;
  cleanup.http = undefined;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});

/** `switchboard start` (every role in one process), ready to serve; stopped if it never gets there. */
async function startSwitchboard(port: number, env: Record<string, string>, timeoutMs = 60_000): Promise<AppProcess> {
  const app = startAppProcess({ entry: 'dist/apps/switchboard/src/main.js', args: ['start'], port, env });
  try {
    await app.waitForOutput(/is ready/, timeoutMs);
  } catch (error) {
    await app.stop();
    throw error;
  }
  return app;
}
