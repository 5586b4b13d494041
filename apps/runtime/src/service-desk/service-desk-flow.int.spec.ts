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
import { MetricsRegistry, loadConfig } from '@switchboard/platform';
import { createTestDatabase, freePort } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import { ConcurrencyConflictError, ExecuteIncidentCommand, ExecuteRequestCommand } from '@switchboard/service-desk';
import type { CommandEnvelope, CommandResult } from '@switchboard/service-desk';
import type { IncidentCommand, RequestCommand } from '@switchboard/service-desk/domain';
import { CoreModule } from '../core.module';
import { EVENT_STORE, PG_POOL } from '../database/database.tokens';
import { applyMigrations } from '../database/migrations';
import { demoClients, demoOrders } from '../demo/demo-data';
import { loadDemoData } from '../demo/load-demo-data';
import { ProcessManagersModule } from './process-managers.module';
import { ServiceDeskModule } from './service-desk.module';

// Realm users (deploy/keycloak/switchboard-realm.json) the flow acts as.
const hdUserNorth = '5b0a0000-0000-4000-8000-000000000111';
const l3ManagerNetwork = '5b0a0000-0000-4000-8000-000000000201';
const l3UserNetwork = '5b0a0000-0000-4000-8000-000000000211';

interface ReceivedMail {
  to: string[];
  subject: string;
}

describe('service desk, from registration to closure', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let commands: CommandBus;
  let store: EventStore;
  let smtp: SMTPServer;
  const mails: ReceivedMail[] = [];

  const user = (commandId = randomUUID(), expectedRevision?: bigint): CommandEnvelope => ({ commandId, origin: 'user', expectedRevision });
  const onRequest = (id: string, command: RequestCommand, envelope = user()): Promise<CommandResult> =>
    commands.execute(new ExecuteRequestCommand(id, command, envelope));
  const onIncident = (id: string, command: IncidentCommand, envelope = user()): Promise<CommandResult> =>
    commands.execute(new ExecuteIncidentCommand(id, command, envelope));

  async function typesIn(streamId: string): Promise<string[]> {
    const types: string[] = [];
    try {
      for await (const e of store.readStream(streamId)) types.push(e.type);
    } catch {
      return [];
    }
    return types;
  }

  async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
    const deadline = Date.now() + 15_000;
    let value = await probe();
    while (!done(value)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
      await new Promise((r) => setTimeout(r, 50));
      value = await probe();
    }
    return value;
  }

  beforeAll(async () => {
    db = await createTestDatabase('service_desk_flow');
    const smtpPort = await freePort();
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let raw = '';
        stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), subject: /^Subject: (.*)$/m.exec(raw)?.[1] ?? '' });
          callback();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(smtpPort, '127.0.0.1', r));

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
    class FlowModule {}
    app = await NestFactory.create(FlowModule, { logger: ['error'] });
    await applyMigrations(app.get(MikroORM), app.get<Pool>(PG_POOL));
    await loadDemoData(app.get<CatalogueRepository>(CATALOGUE_REPOSITORY), app.get<CustomersRepository>(CUSTOMERS_REPOSITORY));
    await app.init();
    commands = app.get(CommandBus);
    store = app.get<EventStore>(EVENT_STORE);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await new Promise<void>((r) => smtp.close(() => r()));
    await db?.drop();
  });

  it('runs register → assign → link → escalate → incident work → closed, closing the request and emailing managers', async () => {
    const requestId = randomUUID();
    const incidentId = randomUUID();
    const now = new Date();
    const contact = { channel: 'telegram' as const, address: '100200300', displayName: 'Ivan' };

    await onRequest(requestId, {
      type: 'RegisterRequest',
      requestId,
      contact,
      department: 'first-line-north',
      message: { messageId: 'tg-1', text: 'No internet since morning', receivedAt: now },
      by: 'channel:telegram',
      now,
    });
    await onRequest(requestId, { type: 'AssignRequest', assigneeId: hdUserNorth, by: hdUserNorth, now });
    await onRequest(requestId, { type: 'LinkClient', clientId: demoClients[0].id, by: hdUserNorth, now });
    await onRequest(requestId, { type: 'LinkOrder', orderId: demoOrders[0].id, orderCode: demoOrders[0].code, by: hdUserNorth, now });
    await onRequest(requestId, { type: 'EscalateRequest', incidentId, serviceCode: 1001, by: hdUserNorth, now });

    await eventually(
      () => typesIn(`incident-${incidentId}`),
      (t) => t.includes('IncidentOpened'),
      'the escalation process to open the incident',
    );
    await eventually(
      async () => mails.length,
      (n) => n >= 1,
      'the work-group manager email',
    );
    expect(mails[0]).toEqual({ to: ['sergey.novikov@switchboard.example'], subject: expect.stringContaining('New incident for your work group') });

    await onIncident(incidentId, { type: 'AssignIncident', assigneeId: l3UserNetwork, by: l3ManagerNetwork, now });
    await onIncident(incidentId, { type: 'StartIncident', by: l3UserNetwork, now });
    await onIncident(incidentId, { type: 'AddNarrative', narrativeId: randomUUID(), text: 'Replaced the ONT at the client premises', by: l3UserNetwork, now });
    await onIncident(incidentId, { type: 'ResolveIncident', resolution: 'ONT replaced', by: l3UserNetwork, now });
    await onIncident(incidentId, { type: 'CloseIncident', by: l3UserNetwork, now });

    const requestEvents = await eventually(
      () => typesIn(`request-${requestId}`),
      (t) => t.includes('ClientNotified'),
      'the closure process to close the request',
    );
    expect(requestEvents).toEqual([
      'RequestRegistered',
      'MessageReceived',
      'RequestAssigned',
      'ClientLinked',
      'OrderLinked',
      'RequestEscalated',
      'RequestClosed',
      'ClientNotified',
    ]);
    expect(await typesIn(`incident-${incidentId}`)).toEqual([
      'IncidentOpened',
      'IncidentAssigned',
      'IncidentStarted',
      'NarrativeAdded',
      'IncidentResolved',
      'IncidentClosed',
    ]);

    await eventually(
      async () => mails.filter((m) => m.subject.includes('was closed')).length,
      (n) => n >= 2,
      'the closure emails',
    );
    const closureMails = mails.filter((m) => m.subject.includes('was closed'));
    // The engineer the manager assigned was told too (the operator who assigned themself was not).
    await eventually(
      async () => mails.filter((m) => m.subject.includes('assigned to you')).length,
      (n) => n >= 1,
      'the assignment email',
    );
    expect(mails.filter((m) => m.subject.includes('assigned to you'))).toEqual([
      { to: ['maxim.popov@switchboard.example'], subject: expect.stringContaining('An incident was assigned to you') },
    ]);
    expect(closureMails.map((m) => m.to).sort()).toEqual([['nikolai.orlov@switchboard.example'], ['sergey.novikov@switchboard.example']].sort());
    expect(closureMails.every((m) => m.subject.includes(`Incident ${incidentId} was closed`))).toBe(true);
  });

  it('treats a resubmitted command id as done: same result, no new events', async () => {
    const requestId = randomUUID();
    const now = new Date();
    await onRequest(requestId, { type: 'RegisterRequest', requestId, contact: { channel: 'sms', address: '+79161234567' }, by: 'channel:sms', now });
    const commandId = randomUUID();
    const first = await onRequest(requestId, { type: 'AssignRequest', assigneeId: hdUserNorth, by: hdUserNorth, now }, user(commandId));
    await onRequest(requestId, { type: 'SendReply', replyId: randomUUID(), text: 'Looking into it', by: hdUserNorth, now });
    const again = await onRequest(requestId, { type: 'AssignRequest', assigneeId: hdUserNorth, by: hdUserNorth, now }, user(commandId));
    expect(again).toEqual({ ...first, appended: false });
    expect(await typesIn(`request-${requestId}`)).toEqual(['RequestRegistered', 'RequestAssigned', 'ReplySent']);
  });

  it('gives every loser of 20 conflicting operator commands a conflict and keeps the stream valid', async () => {
    const requestId = randomUUID();
    const now = new Date();
    const registered = await onRequest(requestId, { type: 'RegisterRequest', requestId, contact: { channel: 'esb', address: 'crm' }, by: 'channel:esb', now });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        onRequest(requestId, { type: 'AssignRequest', assigneeId: `operator-${i}`, by: `operator-${i}`, now }, user(randomUUID(), registered.revision)),
      ),
    );
    const winners = outcomes.filter((o) => o.status === 'fulfilled');
    const losers = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(19);
    expect(losers.every((l) => l.reason instanceof ConcurrencyConflictError)).toBe(true);
    const revisions: bigint[] = [];
    for await (const e of store.readStream(`request-${requestId}`)) revisions.push(e.revision);
    expect(revisions).toEqual([0n, 1n]);
  });

  it('retries system commands that race, so every one lands', async () => {
    const requestId = randomUUID();
    const now = new Date();
    await onRequest(requestId, { type: 'RegisterRequest', requestId, contact: { channel: 'telegram', address: '42' }, by: 'channel:telegram', now });
    await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        onRequest(
          requestId,
          { type: 'ReceiveMessage', message: { messageId: `m-${i}`, text: `part ${i}`, receivedAt: now }, by: 'channel:telegram', now },
          { commandId: randomUUID(), origin: 'system' },
        ),
      ),
    );
    expect((await typesIn(`request-${requestId}`)).filter((t) => t === 'MessageReceived')).toHaveLength(4);
  });
});
