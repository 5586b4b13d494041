import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import { SMTPServer } from 'smtp-server';
import { CATALOGUE_REPOSITORY } from '@switchboard/catalogue';
import type { CatalogueRepository } from '@switchboard/catalogue';
import { CUSTOMERS_REPOSITORY } from '@switchboard/customers';
import type { CustomersRepository } from '@switchboard/customers';
import type { EventStore } from '@switchboard/eventstore';
import { parkedEvents } from '@switchboard/eventstore/processing';
import { MetricsRegistry, loadConfig } from '@switchboard/platform';
import { createTestDatabase, freePort } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import { ExecuteIncidentCommand, ExecuteRequestCommand } from '@switchboard/service-desk';
import type { CommandEnvelope } from '@switchboard/service-desk';
import type { IncidentCommand, RequestCommand } from '@switchboard/service-desk/domain';
import { CoreModule } from '../core.module';
import { EVENT_STORE, PG_POOL } from '../database/database.tokens';
import { applyMigrations } from '../database/migrations';
import { loadDemoData } from '../demo/load-demo-data';
import { ProcessorRegistry } from '../processing/processor-registry';
import { ProcessManagersModule } from './process-managers.module';
import { ServiceDeskModule } from './service-desk.module';

const hdUserNorth = '5b0a0000-0000-4000-8000-000000000111';
const l3ManagerNetwork = '5b0a0000-0000-4000-8000-000000000201';
const l3UserNetwork = '5b0a0000-0000-4000-8000-000000000211';
const OUTAGE_MS = 30_000;

interface ReceivedMail {
  readonly to: string[];
  readonly subject: string;
}

/**
 * The process managers with their SMTP server down for 30 s: nothing is lost or parked, the
 * incident is opened and the request closed meanwhile, and every email goes out once, after the
 * server is back. (Before the backbone, five tries over ~3 s dropped these events for good.)
 */
describe('process managers through a 30 s SMTP outage', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let commands: CommandBus;
  let store: EventStore;
  let smtp: SMTPServer | undefined;
  let smtpPort: number;
  const mails: ReceivedMail[] = [];

  const user = (): CommandEnvelope => ({ commandId: randomUUID(), origin: 'user' });
  const onRequest = (id: string, command: RequestCommand) => commands.execute(new ExecuteRequestCommand(id, command, user()));
  const onIncident = (id: string, command: IncidentCommand) => commands.execute(new ExecuteIncidentCommand(id, command, user()));

  async function startSmtp(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let raw = '';
        stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
        stream.on('end', () => {
          // Long subjects are folded over several header lines.
          const headers = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), subject: /^Subject: (.*)$/m.exec(headers)?.[1] ?? '' });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(smtpPort, '127.0.0.1', resolve));
    smtp = server;
  }

  async function stopSmtp(): Promise<void> {
    const server = smtp;
    smtp = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async function typesIn(streamId: string): Promise<string[]> {
    const types: string[] = [];
    try {
      for await (const e of store.readStream(streamId)) types.push(e.type);
    } catch {
      return [];
    }
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

  const states = () =>
    Object.fromEntries(
      app
        .get(ProcessorRegistry)
        .states()
        .map((s) => [s.processor, s.state]),
    );

  beforeAll(async () => {
    db = await createTestDatabase('pm_smtp_outage');
    smtpPort = await freePort();
    await startSmtp();
    const config = loadConfig({ DATABASE_URL: db.url, SMTP_URL: `smtp://127.0.0.1:${smtpPort}` }, { httpPort: 1, allowsEmbeddedDatabase: false });
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
    class OutageModule {}
    app = await NestFactory.create(OutageModule, { logger: ['error'] });
    await applyMigrations(app.get(MikroORM), app.get<Pool>(PG_POOL));
    await loadDemoData(app.get<CatalogueRepository>(CATALOGUE_REPOSITORY), app.get<CustomersRepository>(CUSTOMERS_REPOSITORY));
    await app.init();
    commands = app.get(CommandBus);
    store = app.get<EventStore>(EVENT_STORE);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await stopSmtp();
    await db?.drop();
  });

  it('opens the incident, closes the request and sends every email once after SMTP is back, parking nothing', async () => {
    const now = new Date();
    const contact = { channel: 'telegram' as const, address: '100200301' };
    // Request B is escalated while the server is up: its incident's email goes out at once.
    const [requestA, incidentA, requestB, incidentB] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await onRequest(requestB, { type: 'RegisterRequest', requestId: requestB, contact, department: 'first-line-north', by: 'channel:telegram', now });
    await onRequest(requestB, { type: 'AssignRequest', assigneeId: hdUserNorth, by: hdUserNorth, now });
    await onRequest(requestB, { type: 'EscalateRequest', incidentId: incidentB, serviceCode: 1001, by: hdUserNorth, now });
    await eventually(
      async () => mails.filter((m) => m.subject.includes(incidentB)).length,
      (n) => n === 1,
      'the email about incident B',
    );

    await stopSmtp();
    const outageStarted = Date.now();
    // During the outage: A is escalated (its incident is opened, its email waits); B's incident is closed (B closes, its emails wait).
    await onRequest(requestA, {
      type: 'RegisterRequest',
      requestId: requestA,
      contact: { ...contact, address: '100200302' },
      department: 'first-line-north',
      by: 'channel:telegram',
      now,
    });
    await onRequest(requestA, { type: 'AssignRequest', assigneeId: hdUserNorth, by: hdUserNorth, now });
    await onRequest(requestA, { type: 'EscalateRequest', incidentId: incidentA, serviceCode: 1001, by: hdUserNorth, now });
    await onIncident(incidentB, { type: 'AssignIncident', assigneeId: l3UserNetwork, by: l3ManagerNetwork, now });
    await onIncident(incidentB, { type: 'StartIncident', by: l3UserNetwork, now });
    await onIncident(incidentB, { type: 'ResolveIncident', resolution: 'ONT replaced', by: l3UserNetwork, now });
    await onIncident(incidentB, { type: 'CloseIncident', by: l3UserNetwork, now });

    await eventually(
      () => typesIn(`incident-${incidentA}`),
      (t) => t.includes('IncidentOpened'),
      'the escalation to open incident A without SMTP',
    );
    await eventually(
      () => typesIn(`request-${requestB}`),
      (t) => t.includes('RequestClosed'),
      'the closure to close request B without SMTP',
    );
    await eventually(
      async () => states(),
      (s) => s['incident-opened-notification'] === 'retrying' && s['incident-closure'] === 'retrying',
      'the emailing processors to wait for SMTP',
    );
    await new Promise((r) => setTimeout(r, Math.max(0, OUTAGE_MS - (Date.now() - outageStarted))));
    expect(mails.filter((m) => m.subject.includes(incidentA) || m.subject.includes(`Incident ${incidentB} was closed`))).toEqual([]);
    expect(await parkedEvents(app.get<Pool>(PG_POOL))).toEqual([]);

    await startSmtp();
    // The next retry comes at most 30 s (the backoff's cap) after SMTP is back.
    await eventually(
      async () => mails.filter((m) => m.subject.includes(incidentA)).length,
      (n) => n >= 1,
      'the email about incident A',
      75_000,
    );
    await eventually(
      () => typesIn(`request-${requestB}`),
      (t) => t.includes('ClientNotified'),
      'the closure of B to finish',
      75_000,
    );
    await eventually(
      async () => states(),
      (s) => Object.values(s).every((state) => state === 'running'),
      'every process manager to run again',
      15_000,
    );
    await new Promise((r) => setTimeout(r, 1_000));

    const aboutA = mails.filter((m) => m.subject.includes(incidentA));
    expect(aboutA).toEqual([{ to: ['sergey.novikov@switchboard.example'], subject: expect.stringContaining('New incident for your work group') }]);
    const closedB = mails.filter((m) => m.subject.includes(`Incident ${incidentB} was closed`));
    expect(closedB.map((m) => m.to).sort()).toEqual([['nikolai.orlov@switchboard.example'], ['sergey.novikov@switchboard.example']].sort());
    expect(await typesIn(`request-${requestB}`)).toEqual(['RequestRegistered', 'RequestAssigned', 'RequestEscalated', 'RequestClosed', 'ClientNotified']);
    expect(await typesIn(`request-${requestA}`)).toEqual(['RequestRegistered', 'RequestAssigned', 'RequestEscalated']);
    expect(await parkedEvents(app.get<Pool>(PG_POOL))).toEqual([]);
  }, 180_000);
});
