import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import {
  CommunicationProcessorsModule,
  CommunicationSendersModule,
  CoreModule,
  EVENT_STORE,
  IntakeModule,
  PG_POOL,
  ProcessManagersModule,
  RequestCommunicationsModule,
  applyMigrations,
  loadDemoData,
} from '@switchboard/app-runtime';
import { CATALOGUE_REPOSITORY } from '@switchboard/catalogue';
import type { CatalogueRepository } from '@switchboard/catalogue';
import { CUSTOMERS_REPOSITORY } from '@switchboard/customers';
import type { CustomersRepository } from '@switchboard/customers';
import { LocalBotApi } from '@switchboard/channel-telegram/testing';
import type { EventStore, RecordedEvent } from '@switchboard/eventstore';
import { parkedEvents } from '@switchboard/eventstore/processing';
import type { Principal } from '@switchboard/identity/domain';
import { MetricsRegistry, loadConfig } from '@switchboard/platform';
import { createTestDatabase } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import { ExecuteRequestCommand, IntakeService, ProblemCommands } from '@switchboard/service-desk';
import type { CommandEnvelope } from '@switchboard/service-desk';
import { problemDecider, requestDecider } from '@switchboard/service-desk/domain';
import type { Decider, ProblemState, RequestCommand, RequestState } from '@switchboard/service-desk/domain';
import { OutboxModule } from '../outbox/outbox.module';

const token = '123456789:AAE-test-token-for-the-local-bot-api';
const hdUserNorth = '5b0a0000-0000-4000-8000-000000000111';
const manager: Principal = {
  userId: '5b0a0000-0000-4000-8000-000000000101',
  username: 'hd.manager.north',
  roles: ['HelpDeskManager'],
  departments: ['first-line-north'],
  workGroups: [],
};
const CONTACTS = 500;
const ESCALATED = 50;
const THRESHOLD = 10;
const SERVICE = 1001;
const FIRST_CHAT = 700_000_000;
const PROCESS_MANAGERS = [
  'escalation',
  'incident-opened-notification',
  'incident-closure',
  'assignment-notification',
  'problem-detection',
  'problem-closure',
  'request-communications',
  'request-communication-outcomes',
];

/**
 * The outage burst (issue 14): 500 clients report the same outage through intake; 50 reports are
 * escalated to incidents of one service, which opens a problem by itself; the other 450 requests
 * are linked to it in bulk; closing it closes all 500 requests and tells each client once on
 * Telegram, and a replay of every process manager from the start sends nothing more.
 */
describe('an outage burst ends through one problem', () => {
  const botApi = new LocalBotApi();
  let db: TestDatabase;
  let app: INestApplication;
  let store: EventStore;

  async function startApp(): Promise<void> {
    const config = loadConfig(
      {
        DATABASE_URL: db.url,
        TELEGRAM_BOT_TOKEN: token,
        TELEGRAM_API_ROOT: botApi.url,
        PROBLEM_THRESHOLD_INCIDENTS: String(THRESHOLD),
        PROBLEM_WINDOW_MINUTES: '15',
        OUTBOX_RETRY_BASE_MS: '20',
        OUTBOX_RETRY_MAX_MS: '200',
      },
      { httpPort: 1, allowsEmbeddedDatabase: false },
    );
    @Module({
      imports: [
        CoreModule.forRoot({
          role: { name: 'test', dependencies: [] },
          config,
          databaseUrl: db.url,
          identityBaseUrl: 'http://127.0.0.1:1/dev-idp',
          metrics: new MetricsRegistry('test'),
        }),
        IntakeModule,
        ProcessManagersModule,
        // The notifier's way out: notices through the communications' sending point, the outbox draining (ADR 0023 addendum).
        CommunicationProcessorsModule,
        CommunicationSendersModule.forRoot(),
        RequestCommunicationsModule,
        OutboxModule.forRoot([], 'drain'),
      ],
    })
    class OutageBurstModule {}
    app = await NestFactory.create(OutageBurstModule, { logger: ['error'] });
    await applyMigrations(app.get(MikroORM), app.get<Pool>(PG_POOL));
    await app.init();
    store = app.get<EventStore>(EVENT_STORE);
  }

  const system = (): CommandEnvelope => ({ commandId: randomUUID(), origin: 'user' });
  const onRequest = (id: string, command: RequestCommand) => app.get(CommandBus).execute(new ExecuteRequestCommand(id, command, system()));

  async function stateOf<S>(decider: Decider<never, { type: string; data: object }, S>, streamId: string): Promise<S> {
    let state = decider.initialState;
    try {
      for await (const e of store.readStream(streamId)) state = decider.evolve(state, { type: e.type, data: e.data } as never);
    } catch {
      return decider.initialState;
    }
    return state;
  }
  const requestState = (id: string) => stateOf(requestDecider as unknown as Decider<never, { type: string; data: object }, RequestState>, `request-${id}`);
  const problemState = (id: string) => stateOf(problemDecider as unknown as Decider<never, { type: string; data: object }, ProblemState>, `problem-${id}`);

  async function eventsOf(type: string): Promise<RecordedEvent[]> {
    const found: RecordedEvent[] = [];
    for await (const e of store.readAll({ filter: { eventTypes: [type] } })) found.push(e);
    return found;
  }

  async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 60_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let value = await probe();
    while (!done(value)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)?.slice(0, 500)}`);
      await new Promise((r) => setTimeout(r, 100));
      value = await probe();
    }
    return value;
  }

  async function inParallel<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
    let next = 0;
    await Promise.all(
      Array.from({ length: limit }, async () => {
        while (next < items.length) {
          const i = next++;
          await work(items[i], i);
        }
      }),
    );
  }

  const notificationsSent = () => botApi.calls.filter((c) => c.method === 'sendMessage').length;

  beforeAll(async () => {
    db = await createTestDatabase('outage_burst');
    await botApi.start();
    await startApp();
    await loadDemoData(app.get<CatalogueRepository>(CATALOGUE_REPOSITORY), app.get<CustomersRepository>(CUSTOMERS_REPOSITORY));
  }, 60_000);

  afterAll(async () => {
    app?.get<Pool>(PG_POOL).on('error', () => undefined);
    await app?.close();
    await botApi.stop();
    await db?.drop();
  });

  it('opens a problem from 50 incidents, closes all 500 requests with it and notifies each client exactly once, also after a replay', async () => {
    // 500 contacts through intake, as the Telegram adapter hands them over.
    const intake = app.get(IntakeService);
    const requestIds: string[] = new Array<string>(CONTACTS);
    const intakeStarted = performance.now();
    await inParallel(
      Array.from({ length: CONTACTS }, (_, i) => i),
      20,
      async (i) => {
        const result = await intake.receive({
          channel: 'telegram',
          messageId: `outage-${i}`,
          contact: { channel: 'telegram', address: String(FIRST_CHAT + i) },
          text: 'No internet since this morning',
          receivedAt: new Date(),
        });
        requestIds[i] = result.requestId;
      },
    );
    const intakeMs = performance.now() - intakeStarted;
    expect(new Set(requestIds).size).toBe(CONTACTS);

    // 50 of them are escalated to incidents of one service by an operator.
    const escalated = requestIds.slice(0, ESCALATED);
    const escalationStarted = performance.now();
    const startedAt = Date.now();
    await inParallel(escalated, 10, async (requestId) => {
      await onRequest(requestId, { type: 'AssignRequest', assigneeId: hdUserNorth, by: manager.userId, now: new Date() });
      await onRequest(requestId, { type: 'EscalateRequest', incidentId: randomUUID(), serviceCode: SERVICE, by: hdUserNorth, now: new Date() });
    });

    const [opened] = await eventually(
      () => eventsOf('ProblemOpened'),
      (e) => e.length > 0,
      'the problem to open',
    );
    const timeToProblemMs = opened.createdAt.getTime() - startedAt;
    const problemId = (opened.data as { problemId: string }).problemId;
    const incidentsOpened = await eventsOf('IncidentOpened');
    const crossing = incidentsOpened[THRESHOLD - 1];
    const fromThresholdMs = opened.createdAt.getTime() - crossing.createdAt.getTime();
    expect(opened.data).toMatchObject({ serviceCode: SERVICE, origin: 'automatic' });

    // Every incident of the burst links to it: the first 10 when it opens, the others as they open.
    const linked = await eventually(
      () => problemState(problemId),
      (p) => p.exists && p.incidentIds.size === ESCALATED,
      'all 50 incidents to be linked',
    );
    const allLinkedMs = performance.now() - escalationStarted;
    const allIncidents = await eventsOf('IncidentOpened');
    expect(linked.exists && [...linked.incidentIds].sort()).toEqual(allIncidents.map((e) => (e.data as { incidentId: string }).incidentId).sort());

    // The other 450 reports are linked in bulk, as a manager does from the queue.
    const others = requestIds.slice(ESCALATED);
    const linkStarted = performance.now();
    await app.get(ProblemCommands).linkRequests(manager, problemId, others, { commandId: randomUUID(), origin: 'user' });
    const bulkLinkMs = performance.now() - linkStarted;

    const closeStarted = performance.now();
    await app.get(ProblemCommands).close(manager, problemId, 'Fibre spliced at the north exchange', { commandId: randomUUID(), origin: 'user' });
    await eventually(
      async () => new Set((await eventsOf('RequestClosed')).map((e) => e.streamId)).size,
      (closed) => closed === CONTACTS,
      'all 500 requests to close',
      120_000,
    );
    const allClosedMs = performance.now() - closeStarted;
    await eventually(
      async () => notificationsSent(),
      (n) => n >= CONTACTS,
      '500 notifications on Telegram',
      120_000,
    );
    const allNotifiedMs = performance.now() - closeStarted;
    await new Promise((r) => setTimeout(r, 2_000));

    const states = await Promise.all(requestIds.map(requestState));
    expect(states.filter((r) => r.exists && r.status === 'CLOSED')).toHaveLength(CONTACTS);
    const perChat = requestIds.map((_, i) => botApi.sentTo(FIRST_CHAT + i).length);
    expect(notificationsSent()).toBe(CONTACTS);
    expect(perChat.every((n) => n === 1)).toBe(true);
    expect(await eventsOf('ClientNotified')).toHaveLength(CONTACTS);
    expect(await eventsOf('ProblemOpened')).toHaveLength(1);
    expect((await eventsOf('IncidentClosed')).length).toBe(ESCALATED);
    expect(await parkedEvents(app.get<Pool>(PG_POOL))).toEqual([]);

    // A replay of every process manager from the start: the same decisions, nothing appended, nothing sent.
    const pool = app.get<Pool>(PG_POOL);
    const before = new Map(
      (
        await pool.query<{ processor: string; events_processed: string }>(
          'SELECT processor, events_processed FROM processor_checkpoints WHERE processor = ANY ($1)',
          [PROCESS_MANAGERS],
        )
      ).rows.map((r) => [r.processor, Number(r.events_processed)]),
    );
    expect([...before.keys()].sort()).toEqual([...PROCESS_MANAGERS].sort());
    const eventsBefore =
      (await eventsOf('RequestClosed')).length + (await eventsOf('ClientNotified')).length + (await eventsOf('ProblemIncidentsLinked')).length;
    await app.close();
    const { Client } = await import('pg');
    const admin = new Client({ connectionString: db.url });
    await admin.connect();
    await admin.query('UPDATE processor_checkpoints SET position = NULL, events_processed = 0 WHERE processor = ANY ($1)', [PROCESS_MANAGERS]);
    const replayStarted = performance.now();
    await startApp();
    await eventually(
      async () =>
        (
          await admin.query<{ processor: string; events_processed: string }>(
            'SELECT processor, events_processed FROM processor_checkpoints WHERE processor = ANY ($1)',
            [PROCESS_MANAGERS],
          )
        ).rows,
      (rows) => rows.every((r) => Number(r.events_processed) >= (before.get(r.processor) ?? 0)),
      'every process manager to replay the whole history',
      180_000,
    );
    const replayMs = performance.now() - replayStarted;
    await admin.end();
    await new Promise((r) => setTimeout(r, 3_000));

    expect(notificationsSent()).toBe(CONTACTS);
    expect(await eventsOf('ClientNotified')).toHaveLength(CONTACTS);
    expect(await eventsOf('ProblemOpened')).toHaveLength(1);
    expect((await eventsOf('RequestClosed')).length + (await eventsOf('ClientNotified')).length + (await eventsOf('ProblemIncidentsLinked')).length).toBe(
      eventsBefore,
    );
    expect(await parkedEvents(app.get<Pool>(PG_POOL))).toEqual([]);

    console.log(
      [
        'outage burst (500 contacts, 50 escalated to service 1001, threshold 10 incidents / 15 min):',
        `  intake of 500 contacts: ${Math.round(intakeMs)} ms`,
        `  time to problem: ${timeToProblemMs} ms from the first escalation; ${fromThresholdMs} ms after the 10th incident opened`,
        `  all 50 incidents linked: ${Math.round(allLinkedMs)} ms after the first escalation`,
        `  bulk link of 450 requests: ${Math.round(bulkLinkMs)} ms`,
        `  after closing the problem: all 500 requests closed in ${Math.round(allClosedMs)} ms, 500 notifications sent in ${Math.round(allNotifiedMs)} ms`,
        `  notifications sent: ${notificationsSent()} (one per client); after replaying the ${PROCESS_MANAGERS.length} process managers (${Math.round(replayMs)} ms): still ${notificationsSent()}`,
      ].join('\n'),
    );
  }, 600_000);
});
