import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import { CATALOGUE_REPOSITORY } from '@switchboard/catalogue';
import type { CatalogueRepository } from '@switchboard/catalogue';
import { CUSTOMERS_REPOSITORY } from '@switchboard/customers';
import type { CustomersRepository } from '@switchboard/customers';
import type { EventStore } from '@switchboard/eventstore';
import { MetricsRegistry, loadConfig } from '@switchboard/platform';
import { createTestDatabase } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import { ExecuteIncidentCommand, ExecuteRequestCommand, SLA_POLICY_STORE } from '@switchboard/service-desk';
import type { SlaPolicyStore } from '@switchboard/service-desk';
import { CoreModule } from '../core.module';
import { EVENT_STORE, PG_POOL } from '../database/database.tokens';
import { applyMigrations } from '../database/migrations';
import { loadDemoData } from '../demo/load-demo-data';
import { ProcessManagersModule } from './process-managers.module';
import { ServiceDeskModule } from './service-desk.module';

const manager = '5b0a0000-0000-4000-8000-000000000101';

/**
 * Durable SLA timers across a restart: the runtime schedules a request's breach, stops before the
 * due time, and two runtimes started after it fire the breach exactly once (FOR UPDATE SKIP LOCKED,
 * and a mark the decider records once).
 */
describe('SLA timers across a restart', () => {
  let db: TestDatabase;
  const apps: INestApplication[] = [];

  async function start(): Promise<INestApplication> {
    const config = loadConfig({ DATABASE_URL: db.url, SLA_TIMER_POLL_MS: '100' }, { httpPort: 1, allowsEmbeddedDatabase: false });
    @Module({
      imports: [
        CoreModule.forRoot({
          role: { name: 'test', dependencies: [] },
          config,
          databaseUrl: db.url,
          identityBaseUrl: 'http://127.0.0.1:1/dev-idp',
          metrics: new MetricsRegistry('test'),
        }),
        ServiceDeskModule,
        ProcessManagersModule,
      ],
    })
    class SlaModule {}
    const app = await NestFactory.create(SlaModule, { logger: ['error'] });
    await applyMigrations(app.get(MikroORM), app.get<Pool>(PG_POOL));
    await app.init();
    apps.push(app);
    return app;
  }

  async function typesIn(app: INestApplication, streamId: string): Promise<string[]> {
    const types: string[] = [];
    for await (const e of app.get<EventStore>(EVENT_STORE).readStream(streamId)) types.push(e.type);
    return types;
  }

  async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let value = await probe();
    while (!done(value)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
      await new Promise((r) => setTimeout(r, 100));
      value = await probe();
    }
    return value;
  }

  beforeAll(async () => {
    db = await createTestDatabase('sla_timers');
  });

  afterAll(async () => {
    for (const app of apps) await app.close().catch(() => undefined);
    await db?.drop();
  });

  it('fires a breach due while the runtime was down exactly once after it starts again, with two runtimes racing', async () => {
    const first = await start();
    await loadDemoData(first.get<CatalogueRepository>(CATALOGUE_REPOSITORY), first.get<CustomersRepository>(CUSTOMERS_REPOSITORY));
    await first.get<SlaPolicyStore>(SLA_POLICY_STORE).create(
      randomUUID(),
      {
        name: 'North 24/7',
        scope: { kind: 'department', department: 'first-line-north' },
        calendar: { kind: '24x7' },
        targets: { P3: { firstResponseMinutes: 1, resolutionMinutes: 60 } },
        escalateOnBreach: true,
      },
      { by: manager, at: new Date() },
    );

    // Registered 52 s ago: the one-minute first response falls due 8 s from now, its warning (80 %) is past.
    const requestId = randomUUID();
    const registeredAt = new Date(Date.now() - 52_000);
    const dueAt = new Date(registeredAt.getTime() + 60_000);
    await first.get(CommandBus).execute(
      new ExecuteRequestCommand(
        requestId,
        {
          type: 'RegisterRequest',
          requestId,
          contact: { channel: 'telegram', address: '100200999' },
          department: 'first-line-north',
          by: 'channel:telegram',
          now: registeredAt,
        },
        { commandId: randomUUID(), origin: 'user' },
      ),
    );
    const pool = first.get<Pool>(PG_POOL);
    await eventually(
      () => typesIn(first, `request-${requestId}`),
      (t) => t.includes('RequestSlaClockSet') && t.includes('RequestSlaWarning'),
      'the clock and the warning',
    );
    const { rows: pending } = await pool.query<{ mark: string; fire_at: Date }>('SELECT mark, fire_at FROM sla_timers WHERE entity_id = $1', [requestId]);
    expect(pending.map((t) => [t.mark, t.fire_at.toISOString()])).toContainEqual(['breach', dueAt.toISOString()]);

    await first.close();
    apps.splice(apps.indexOf(first), 1);
    expect(Date.now()).toBeLessThan(dueAt.getTime());
    await new Promise((r) => setTimeout(r, dueAt.getTime() - Date.now() + 1_000));

    const [a, b] = await Promise.all([start(), start()]);
    const types = await eventually(
      () => typesIn(a, `request-${requestId}`),
      (t) => t.includes('RequestSlaBreached'),
      'the breach after the restart',
    );
    // Both runtimes polled a few more rounds: still one breach, one escalation, no timer left for it.
    await new Promise((r) => setTimeout(r, 1_500));
    const after = await typesIn(b, `request-${requestId}`);
    expect(after.filter((t) => t === 'RequestSlaBreached')).toHaveLength(1);
    expect(after.filter((t) => t === 'RequestPrioritySet')).toHaveLength(1);
    expect(after.filter((t) => t === 'RequestSlaWarning')).toHaveLength(1);
    expect(types.indexOf('RequestSlaBreached')).toBeGreaterThan(types.indexOf('RequestSlaWarning'));
    const { rows: left } = await a.get<Pool>(PG_POOL).query("SELECT mark FROM sla_timers WHERE entity_id = $1 AND target = 'firstResponse'", [requestId]);
    expect(left).toEqual([]);
  }, 60_000);

  it('keeps an incident’s clock under its service’s policy: a hold drops its timers, a resume brings them back later', async () => {
    const app = apps[0] ?? (await start());
    const commands = app.get(CommandBus);
    const pool = app.get<Pool>(PG_POOL);
    await app.get<SlaPolicyStore>(SLA_POLICY_STORE).create(
      randomUUID(),
      {
        name: 'Home internet',
        scope: { kind: 'service', serviceCode: 1001 },
        calendar: { kind: '24x7' },
        targets: { P3: { firstResponseMinutes: 30, resolutionMinutes: 240 } },
        escalateOnBreach: false,
      },
      { by: manager, at: new Date() },
    );
    const [requestId, incidentId] = [randomUUID(), randomUUID()];
    const t0 = new Date(Date.now() - 60 * 60_000);
    const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
    const user = () => ({ commandId: randomUUID(), origin: 'user' as const });
    const engineer = '5b0a0000-0000-4000-8000-000000000211';
    await commands.execute(
      new ExecuteIncidentCommand(
        incidentId,
        { type: 'OpenIncident', incidentId, requestId, serviceCode: 1001, workGroupCode: 301, by: 'system:escalation', now: t0 },
        user(),
      ),
    );
    await commands.execute(new ExecuteIncidentCommand(incidentId, { type: 'StartIncident', by: engineer, now: at(10) }, user()));
    await commands.execute(
      new ExecuteIncidentCommand(incidentId, { type: 'PutIncidentOnHold', reason: 'waiting for the client', by: engineer, now: at(20) }, user()),
    );

    const timers = () =>
      pool.query<{ target: string; mark: string; fire_at: Date }>('SELECT target, mark, fire_at FROM sla_timers WHERE entity_id = $1 ORDER BY mark', [
        incidentId,
      ]);
    const clockOf = async () => {
      let clock: Record<string, unknown> | undefined;
      for await (const e of app.get<EventStore>(EVENT_STORE).readStream(`incident-${incidentId}`))
        if (e.type === 'IncidentSlaClockSet') clock = (e.data as { clock: Record<string, unknown> }).clock;
      return clock;
    };
    const paused = await eventually(clockOf, (c) => (c?.resolution as { status?: string } | undefined)?.status === 'paused', 'the paused clock');
    expect(paused).toMatchObject({ policyName: 'Home internet', firstResponse: { status: 'met' }, resolution: { status: 'paused', elapsedMs: 20 * 60_000 } });
    expect((await timers()).rows).toEqual([]);

    // Resumed 40 minutes later: 220 minutes of the 240 left, due 220 minutes after the resume.
    await commands.execute(new ExecuteIncidentCommand(incidentId, { type: 'ResumeIncident', by: engineer, now: at(60) }, user()));
    await eventually(clockOf, (c) => (c?.resolution as { status?: string } | undefined)?.status === 'running', 'the running clock');
    const scheduled = await eventually(timers, (r) => r.rows.length === 2, 'the timers after the resume');
    expect(scheduled.rows.map((r) => [r.target, r.mark, r.fire_at.toISOString()])).toEqual([
      ['resolution', 'breach', at(60 + 220).toISOString()],
      ['resolution', 'warning', at(60 + 192 - 20).toISOString()],
    ]);
  }, 60_000);
});
