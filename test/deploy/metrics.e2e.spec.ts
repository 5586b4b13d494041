// Scrapes /metrics of every app as operators run it (compiled entry points) and hands the page to
// Debian's promtool (package `prometheus`), the linter Prometheus itself uses.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createTestDatabase, freePort, recordSkip, startAppProcess } from '@switchboard/platform/testing';
import type { AppProcess, TestDatabase } from '@switchboard/platform/testing';

const promtool = spawnSync('promtool', ['--version']).status === 0;
if (!promtool) recordSkip('promtool check metrics on /metrics', 'promtool not installed (apt-get install prometheus)');
const describeWithPromtool = promtool ? describe : describe.skip;

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const PHONE = /^\+?\d{6,}$/;

/** The families issue 7 asks every app to expose once SwitchboardMetrics is wired in. */
const FAMILIES = [
  'switchboard_contacts_received_total',
  'switchboard_commands_total',
  'switchboard_eventstore_append_seconds',
  'switchboard_processor_lag_events',
  'switchboard_processor_lag_seconds',
  'switchboard_processor_batch_seconds',
  'switchboard_processor_parked_events',
  'switchboard_processor_active',
  'switchboard_processor_stopped',
  'switchboard_outbox_depth',
  'switchboard_channel_connected',
  'switchboard_dead_lettered_total',
  'switchboard_http_request_duration_seconds',
];

function labelValues(page: string): string[] {
  return page
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .flatMap((line) => [...line.matchAll(/\w+="((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]));
}

describeWithPromtool('/metrics of every app', () => {
  let db: TestDatabase;
  const clickhouseDatabase = `sb_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const clickhouseServer = (process.env.CLICKHOUSE_URL ?? 'http://127.0.0.1:8123').replace(/\/+$/, '');
  const running: AppProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('metrics_e2e');
  });

  afterAll(async () => {
    await Promise.all(running.map((p) => p.stop()));
    await db.drop();
    await fetch(`${clickhouseServer}/`, { method: 'POST', body: `DROP DATABASE IF EXISTS ${clickhouseDatabase}` }).catch(() => undefined);
  });

  it.each(['api', 'gateway', 'projector', 'notifier'])('%s serves a page promtool accepts, with bounded labels', async (app) => {
    const server = startAppProcess({
      entry: `dist/apps/${app}/src/main.js`,
      port: await freePort(),
      env: {
        DATABASE_URL: db.url,
        REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
        AMQP_URL: process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672',
        CLICKHOUSE_URL: `${clickhouseServer}/${clickhouseDatabase}`,
      },
    });
    running.push(server);
    await server.waitForOutput(new RegExp(`Switchboard ${app} is ready`), 90_000);
    // One request through a route template, so the HTTP histogram has series.
    await fetch(`${server.url}/health/live`);
    const page = await (await fetch(`${server.url}/metrics`)).text();

    const result = spawnSync('promtool', ['check', 'metrics'], { input: page, encoding: 'utf8' });
    const problems = `${result.stdout}${result.stderr}`.split('\n').filter((line) => line.trim() !== '');
    expect({ app, status: result.status, problems }).toEqual({ app, status: 0, problems: [] });

    const unbounded = labelValues(page).filter((value) => UUID.test(value) || PHONE.test(value));
    expect({ app, unbounded }).toEqual({ app, unbounded: [] });
    expect(page).toContain(`switchboard_http_request_duration_seconds_bucket{`);

    const missing = FAMILIES.filter((family) => !page.includes(`# TYPE ${family} `));
    if (missing.length > 0) recordSkip(`${app} /metrics families`, `not exposed yet (SwitchboardMetrics not wired into the app): ${missing.join(', ')}`);
    const exit = await server.stop('SIGTERM');
    // A clean stop exits 0; otherwise the app's own last words are in the failure.
    expect({ app, exit, lastWords: exit === 0 ? '' : server.output().slice(-4_000) }).toEqual({ app, exit: 0, lastWords: '' });
    running.splice(running.indexOf(server), 1);
  });
});
