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
import type { Principal } from '@switchboard/identity/domain';
import { MetricsRegistry, loadConfig } from '@switchboard/platform';
import { createTestDatabase } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import {
  ConcurrencyConflictError,
  ExecuteIncidentCommand,
  ExecuteRequestCommand,
  IdempotencyKeyReusedError,
  OperatorCommands,
} from '@switchboard/service-desk';
import type { CommandEnvelope } from '@switchboard/service-desk';
import { DomainRuleError, incidentStreamId, requestStreamId } from '@switchboard/service-desk/domain';
import { CoreModule } from '../core.module';
import { EVENT_STORE, PG_POOL } from '../database/database.tokens';
import { applyMigrations } from '../database/migrations';
import { loadDemoData } from '../demo/load-demo-data';
import { ServiceDeskModule } from './service-desk.module';

// Realm users (deploy/keycloak/switchboard-realm.json), as their tokens would make them.
const hdUserNorth: Principal = {
  userId: '5b0a0000-0000-4000-8000-000000000111',
  username: 'hd.user.north',
  roles: ['HelpDeskUser'],
  departments: ['first-line-north'],
  workGroups: [],
};
const l3ManagerNetwork: Principal = {
  userId: '5b0a0000-0000-4000-8000-000000000201',
  username: 'l3.manager.network',
  roles: ['SL3Manager'],
  departments: [],
  workGroups: ['network-l3'],
};

/** The operators' facade of the service desk on the real event store: business rules and one read per command. */
describe('operator commands', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let operators: OperatorCommands;
  let store: EventStore;

  const envelope = (fingerprint?: string, commandId = randomUUID()): CommandEnvelope => ({ commandId, origin: 'user', fingerprint });
  const reads = (streamId: string) => {
    const spy = jest.spyOn(store, 'readStream');
    return { count: () => spy.mock.calls.filter(([id]) => id === streamId).length, restore: () => spy.mockRestore() };
  };

  beforeAll(async () => {
    db = await createTestDatabase('operator_commands');
    const config = loadConfig({ DATABASE_URL: db.url }, { httpPort: 1, allowsEmbeddedDatabase: false });
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
      ],
    })
    class OperatorCommandsTestModule {}
    app = await NestFactory.create(OperatorCommandsTestModule, { logger: ['error'] });
    const pool = app.get<Pool>(PG_POOL);
    pool.on('error', () => undefined);
    await applyMigrations(app.get(MikroORM), pool);
    await loadDemoData(app.get<CatalogueRepository>(CATALOGUE_REPOSITORY), app.get<CustomersRepository>(CUSTOMERS_REPOSITORY));
    await app.init();
    operators = app.get(OperatorCommands);
    store = app.get<EventStore>(EVENT_STORE);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('registers a request in the operator’s department, taken by the HelpDeskUser who registers it', async () => {
    const { requestId } = await operators.register(hdUserNorth, { subject: 'From a call' }, envelope());
    const events = [];
    for await (const e of store.readStream(requestStreamId(requestId))) events.push({ type: e.type, data: e.data });
    expect(events).toEqual([
      {
        type: 'RequestRegistered',
        data: expect.objectContaining({ department: 'first-line-north', contact: { channel: 'operator', address: 'hd.user.north' } }),
      },
      { type: 'RequestAssigned', data: expect.objectContaining({ assigneeId: hdUserNorth.userId, transition: { from: 'NEW', to: 'IN_PROGRESS' } }) },
    ]);
  });

  it('lets an operator act on what they saw when only the SLA clock moved since, and not when someone changed the request', async () => {
    const { requestId, revision: seen } = await operators.register(hdUserNorth, { subject: 'Bookkeeping' }, envelope());
    const clock = { policyId: 'policy-1', policyName: 'Standard', priority: 'P3' as const };
    await app
      .get(CommandBus)
      .execute(
        new ExecuteRequestCommand(
          requestId,
          { type: 'SetRequestSlaClock', clock, by: 'system:sla', now: new Date() },
          { commandId: randomUUID(), origin: 'system' },
        ),
      );
    const reply = (text: string, expectedRevision: bigint, replyId: string = randomUUID()) =>
      operators.onRequest(
        hdUserNorth,
        requestId,
        { type: 'SendReply', replyId, text, by: hdUserNorth.userId, now: new Date() },
        { ...envelope(), expectedRevision },
      );
    const firstReplyId = randomUUID();
    const first = await reply('On it.', seen, firstReplyId);
    expect(first.appended).toBe(true);
    // The reply is a change a person makes: a screen from before it is stale.
    await expect(reply('Again?', seen)).rejects.toBeInstanceOf(ConcurrencyConflictError);
    // Where the reply stands (scheduled, sent, delivered) is bookkeeping too: a screen that saw the reply is still current.
    for (const outcome of [
      { outcome: 'scheduled' as const, until: new Date(Date.now() + 60_000).toISOString(), reason: 'quiet-hours' },
      { outcome: 'sent' as const },
    ]) {
      await app
        .get(CommandBus)
        .execute(
          new ExecuteRequestCommand(
            requestId,
            { type: 'RecordOutboundOutcome', outboundId: firstReplyId, ...outcome, by: 'system:communications', now: new Date() },
            { commandId: randomUUID(), origin: 'system' },
          ),
        );
    }
    expect((await reply('A technician comes at 9.', first.revision)).appended).toBe(true);
  });

  it('reads the request’s stream once for one command: the access check and the decision share it', async () => {
    const { requestId } = await operators.register(hdUserNorth, { subject: 'Read once' }, envelope());
    const counted = reads(requestStreamId(requestId));
    try {
      await operators.onRequest(
        hdUserNorth,
        requestId,
        { type: 'SendReply', replyId: randomUUID(), text: 'On it', by: hdUserNorth.userId, now: new Date() },
        envelope(),
      );
      expect(counted.count()).toBe(1);
    } finally {
      counted.restore();
    }
  });

  it('reads the incident’s stream once for one command', async () => {
    const { requestId } = await operators.register(hdUserNorth, { subject: 'Incident read once' }, envelope());
    const incidentId = randomUUID();
    await operators.onRequest(
      hdUserNorth,
      requestId,
      { type: 'EscalateRequest', incidentId, serviceCode: 1001, by: hdUserNorth.userId, now: new Date() },
      envelope(),
    );
    await app
      .get(CommandBus)
      .execute(
        new ExecuteIncidentCommand(
          incidentId,
          { type: 'OpenIncident', incidentId, requestId, serviceCode: 1001, workGroupCode: 301, by: 'system:escalation', now: new Date() },
          { commandId: randomUUID(), origin: 'system' },
        ),
      );
    const counted = reads(incidentStreamId(incidentId));
    try {
      await operators.onIncident(l3ManagerNetwork, incidentId, { type: 'StartIncident', by: l3ManagerNetwork.userId, now: new Date() }, envelope());
      expect(counted.count()).toBe(1);
    } finally {
      counted.restore();
    }
  });

  it('refuses to link an order before the client, without asking the customers context', async () => {
    const { requestId } = await operators.register(hdUserNorth, { subject: 'No client yet' }, envelope());
    const identify = jest.fn(async () => ({ orderId: randomUUID(), orderCode: 'ORD-100001' }));
    await expect(operators.linkOrder(hdUserNorth, requestId, identify, envelope())).rejects.toMatchObject({
      constructor: DomainRuleError,
      rule: 'order-needs-client',
    });
    expect(identify).not.toHaveBeenCalled();
  });

  it('stores the command’s fingerprint with its id and refuses the id with another fingerprint', async () => {
    const { requestId } = await operators.register(hdUserNorth, { subject: 'Fingerprints' }, envelope());
    const commandId = randomUUID();
    const reply = (text: string) => ({ type: 'SendReply' as const, replyId: `reply-${commandId}`, text, by: hdUserNorth.userId, now: new Date() });
    const first = await operators.onRequest(hdUserNorth, requestId, reply('A'), envelope('fingerprint-A', commandId));
    expect(await operators.onRequest(hdUserNorth, requestId, reply('A'), envelope('fingerprint-A', commandId))).toEqual({ ...first, appended: false });
    await expect(operators.onRequest(hdUserNorth, requestId, reply('B'), envelope('fingerprint-B', commandId))).rejects.toBeInstanceOf(
      IdempotencyKeyReusedError,
    );
    const stored = [];
    for await (const e of store.readStream(requestStreamId(requestId))) if (e.metadata.commandId === commandId) stored.push(e.metadata.commandHash);
    expect(stored).toEqual(['fingerprint-A']);
  });
});
