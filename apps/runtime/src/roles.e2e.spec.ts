import { randomBytes } from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import { createTestDatabase, freePort, startAppProcess, waitForStatus } from '@switchboard/platform/testing';
import type { AppProcess, TestDatabase } from '@switchboard/platform/testing';

interface Health {
  status: string;
  checks: Record<string, { status: string; error?: string }>;
}

const roles = [
  { app: 'api', checks: ['dev-idp', 'eventstore', 'postgres', 'redis'] },
  { app: 'gateway', checks: ['amqp', 'esb-intake', 'eventstore', 'postgres', 'redis'] },
  { app: 'projector', checks: ['clickhouse', 'eventstore', 'postgres', 'processors'] },
  { app: 'notifier', checks: ['amqp', 'eventstore', 'outbox', 'postgres', 'processors', 'smtp'] },
];

describe('each role as its own app', () => {
  let db: TestDatabase;
  let smtp: SMTPServer;
  let smtpPort: number;
  const running: AppProcess[] = [];

  // The projector creates its analytics database; each run gets its own on the shared test server.
  const clickhouseServer = (process.env.CLICKHOUSE_URL ?? 'http://127.0.0.1:8123').replace(/\/+$/, '');
  const clickhouseDatabase = `sb_roles_${process.pid}_${randomBytes(3).toString('hex')}`;

  const env = () => ({
    DATABASE_URL: db.url,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    AMQP_URL: process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672',
    CLICKHOUSE_URL: `${clickhouseServer}/${clickhouseDatabase}`,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
  });

  const start = async (app: string, extra: Record<string, string> = {}): Promise<AppProcess> => {
    const process = startAppProcess({ entry: `dist/apps/${app}/src/main.js`, port: await freePort(), env: { ...env(), ...extra } });
    running.push(process);
    await process.waitForOutput(new RegExp(`Switchboard ${app} is ready`), 90_000);
    return process;
  };

  beforeAll(async () => {
    db = await createTestDatabase('roles');
    smtpPort = await freePort();
    smtp = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'] });
    await new Promise<void>((r) => smtp.listen(smtpPort, '127.0.0.1', r));
  });

  afterAll(async () => {
    await Promise.all(running.map((p) => p.stop()));
    await new Promise<void>((r) => smtp.close(() => r()));
    await db.drop();
    for (const database of [clickhouseDatabase, `${clickhouseDatabase}_rebuild`, `${clickhouseDatabase}_retired`]) {
      await fetch(`${clickhouseServer}/`, { method: 'POST', body: `DROP DATABASE IF EXISTS ${database}` }).catch(() => undefined);
    }
  });

  it.each(roles)('starts $app, checks its real dependencies and exposes metrics', async ({ app, checks }) => {
    const process = await start(app);
    await waitForStatus(`${process.url}/health/ready`, 200, 30_000);
    const health = (await (await fetch(`${process.url}/health`)).json()) as Health;
    expect(Object.keys(health.checks).sort()).toEqual(checks);
    expect((await fetch(`${process.url}/health/live`)).status).toBe(200);
    const metrics = await (await fetch(`${process.url}/metrics`)).text();
    expect(metrics).toContain(`switchboard_process_cpu_user_seconds_total{app="${app}"}`);
    expect(await process.stop('SIGTERM')).toBe(0);
  });

  it('reports not ready, naming the dependency, when one is down', async () => {
    const deadPort = await freePort();
    const gateway = await start('gateway', { REDIS_URL: `redis://127.0.0.1:${deadPort}` });
    const response = await fetch(`${gateway.url}/health/ready`);
    expect(response.status).toBe(503);
    const health = (await response.json()) as Health;
    expect(health.status).toBe('not_ready');
    expect(health.checks.redis.status).toBe('down');
    expect(health.checks.postgres.status).toBe('up');
  });

  it('refuses to start a single role without DATABASE_URL', async () => {
    const process = startAppProcess({ entry: 'dist/apps/projector/src/main.js', port: await freePort(), env: {} });
    expect(await process.exited).toBe(2);
    expect(process.output()).toMatch(/^switchboard: configuration error: DATABASE_URL is required/);
  });
});
