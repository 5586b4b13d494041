// `switchboard start` with every job on (read models, ClickHouse analytics, process managers,
// outbox, integration events): every connection the app has to its database is terminated
// (pg_terminate_backend: the lock session, the event store's listener and readers, the pools),
// twice, and every job keeps processing the contacts that come after.
import { randomBytes, randomUUID } from 'node:crypto';
import { connect } from 'amqplib';
import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import { Client, Pool } from 'pg';
import { SMTPServer } from 'smtp-server';
import { LocalBotApi } from '@switchboard/channel-telegram/testing';
import { PostgresEventStore } from '@switchboard/eventstore';
import type { NewEvent } from '@switchboard/eventstore';
import { createTestDatabase, freePort, recordSkip, startAppProcess, waitForStatus } from '@switchboard/platform/testing';
import type { AppProcess, TestDatabase } from '@switchboard/platform/testing';
import { incidentDecider, incidentStreamId, requestDecider, requestStreamId } from '@switchboard/service-desk/domain';
import type { Decider, IncidentCommand, RequestCommand } from '@switchboard/service-desk/domain';

const amqpUrl = process.env.AMQP_URL;
const clickhouseServer = process.env.CLICKHOUSE_URL?.replace(/\/+$/, '');
if (!amqpUrl || !clickhouseServer) recordSkip('processing backbone resilience', 'AMQP_URL or CLICKHOUSE_URL not set: run scripts/test-services/provision.sh');
const describeWithServices = amqpUrl && clickhouseServer ? describe : describe.skip;

const TEST_APPLICATION = 'backbone-resilience-test';
const token = '123456789:AAE-test-token-for-the-local-bot-api';
const OPERATOR = '5b0a0000-0000-4000-8000-000000000111';
const L3 = '5b0a0000-0000-4000-8000-000000000211';
const L3_MANAGER = '5b0a0000-0000-4000-8000-000000000201';

describeWithServices('every processor survives its database connections being terminated', () => {
  const suffix = `${process.pid}_${randomBytes(3).toString('hex')}`;
  const clickhouseDatabase = `sb_resilience_${suffix}`;
  const exchange = `sb-test-${suffix}.events`;
  const intakeQueue = `sb-test-${suffix}.intake`;
  const deadLetters = `sb-test-${suffix}.dlx`;
  const botApi = new LocalBotApi();
  const mails: string[] = [];
  let db: TestDatabase;
  let app: AppProcess;
  let smtp: SMTPServer;
  let pool: Pool;
  let store: PostgresEventStore;
  let broker: ChannelModel;
  let consumer: Channel;
  const published: ConsumeMessage[] = [];

  /** Runs commands through the real decider against the stream as stored, and appends what they decide. */
  async function act<C, E extends { type: string; data: unknown }, S>(decider: Decider<C, E, S>, streamId: string, commands: readonly C[]): Promise<void> {
    let state = decider.initialState;
    let revision = -1n;
    try {
      for await (const event of store.readStream(streamId)) {
        state = decider.evolve(state, { type: event.type, data: event.data } as E);
        revision = event.revision;
      }
    } catch {
      // a new stream
    }
    const events: NewEvent[] = [];
    for (const command of commands) {
      for (const event of decider.decide(command, state)) {
        events.push({ id: randomUUID(), type: event.type, data: event.data });
        state = decider.evolve(state, event);
      }
    }
    await store.append(streamId, events, { expectedRevision: revision < 0n ? 'no_stream' : revision });
  }

  async function until(what: string, probe: () => Promise<boolean> | boolean, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await Promise.resolve(probe()).catch(() => false))) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${app.output().split('\n').slice(-40).join('\n')}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  const typesIn = async (streamId: string): Promise<string[]> => {
    const types: string[] = [];
    for await (const event of store.readStream(streamId)) types.push(event.type);
    return types;
  };

  const clickhouseCount = async (query: string): Promise<number> => {
    const response = await fetch(`${clickhouseServer}/?database=${clickhouseDatabase}`, { method: 'POST', body: `${query} FORMAT JSON` });
    if (!response.ok) return -1;
    return Number(((await response.json()) as { data: { n: string }[] }).data[0]?.n ?? 0);
  };

  /** One contact's life through every job: registered, answered, escalated, its incident worked and closed. */
  async function contactLife(round: number): Promise<void> {
    const requestId = randomUUID();
    const incidentId = randomUUID();
    const chatId = 900_000 + round;
    const now = new Date();
    const onRequest = (command: Record<string, unknown>, by = OPERATOR) => ({ ...command, by, now }) as RequestCommand;
    const onIncident = (command: Record<string, unknown>, by = L3) => ({ ...command, by, now }) as IncidentCommand;
    await act(requestDecider, requestStreamId(requestId), [
      onRequest(
        {
          type: 'RegisterRequest',
          requestId,
          contact: { channel: 'telegram', address: String(chatId) },
          department: 'first-line-north',
          message: { messageId: `tg-${round}`, text: 'no internet', receivedAt: now },
        },
        'channel:telegram',
      ),
      onRequest({ type: 'AssignRequest', assigneeId: OPERATOR }),
      onRequest({ type: 'SendReply', replyId: randomUUID(), text: `on it (${round})` }),
      onRequest({ type: 'EscalateRequest', incidentId, serviceCode: 1001 }),
    ]);

    // Process managers: the escalation opens the incident, the work group's manager is emailed.
    await until(`round ${round}: the incident opened by the escalation`, async () =>
      (await typesIn(incidentStreamId(incidentId)).catch((): string[] => [])).includes('IncidentOpened'),
    );
    await until(`round ${round}: the email about the incident`, () => mails.some((m) => m.includes(incidentId)));
    await act(incidentDecider, incidentStreamId(incidentId), [
      onIncident({ type: 'AssignIncident', assigneeId: L3 }, L3_MANAGER),
      onIncident({ type: 'StartIncident' }),
      onIncident({ type: 'ResolveIncident', resolution: 'done' }),
      onIncident({ type: 'CloseIncident' }),
    ]);
    // The closure closes the request and notifies the client.
    await until(`round ${round}: the closure`, async () => (await typesIn(requestStreamId(requestId))).includes('ClientNotified'));
    // Replies and notices (through the communications): the reply and the closure notification went to the chat, and their outcomes are on the request.
    await until(`round ${round}: the reply and the notification sent`, () => botApi.sentTo(chatId).length === 2);
    await until(
      `round ${round}: the outcomes recorded`,
      async () => (await typesIn(requestStreamId(requestId))).filter((t) => t === 'OutboundSent').length === 2,
    );
    // Read models.
    await until(`round ${round}: the read models`, async () => {
      const { rows } = await pool.query<{ state: string; incident_state: string | null }>('SELECT state, incident_state FROM rm_requests WHERE id = $1', [
        requestId,
      ]);
      const history = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM rm_status_history WHERE entity_id = $1', [incidentId]);
      return rows[0]?.state === 'CLOSED' && rows[0]?.incident_state === 'CLOSED' && history.rows[0].n >= 4;
    });
    // Analytics.
    await until(
      `round ${round}: ClickHouse`,
      async () => (await clickhouseCount(`SELECT count() AS n FROM request_facts FINAL WHERE request_id = '${requestId}' AND status = 'CLOSED'`)) === 1,
    );
    // Integration events.
    await until(
      `round ${round}: the integration events`,
      () => published.filter((m) => JSON.parse(m.content.toString()).data?.requestId === requestId && m.fields.routingKey === 'request.closed').length === 1,
    );
  }

  /** pg_terminate_backend on every session of the app's database but this test's own. */
  async function terminateAppSessions(): Promise<number> {
    const admin = new Client({ connectionString: db.url, application_name: TEST_APPLICATION });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ n: number }>(
        `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name <> $1`,
        [TEST_APPLICATION],
      );
      return rows[0].n;
    } finally {
      await admin.end();
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase('backbone_resilience');
    await botApi.start();
    const smtpPort = await freePort();
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, callback) {
        let raw = '';
        stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
        stream.on('end', () => {
          mails.push(raw.replace(/\r?\n[ \t]+/g, ' '));
          callback();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(smtpPort, '127.0.0.1', r));
    broker = await connect(amqpUrl ?? '');
    consumer = await broker.createChannel();
    await consumer.assertExchange(exchange, 'topic', { durable: true });
    const { queue } = await consumer.assertQueue('', { exclusive: true });
    await consumer.bindQueue(queue, exchange, '#');
    await consumer.consume(queue, (message) => message && published.push(message), { noAck: true });

    app = startAppProcess({
      entry: 'dist/apps/switchboard/src/main.js',
      args: ['start'],
      port: await freePort(),
      env: {
        DATABASE_URL: db.url,
        DEMO_DATA: 'true',
        CLICKHOUSE_URL: `${clickhouseServer}/${clickhouseDatabase}`,
        AMQP_URL: amqpUrl ?? '',
        ESB_EVENTS_EXCHANGE: exchange,
        ESB_INTAKE_QUEUE: intakeQueue,
        ESB_DEAD_LETTER_EXCHANGE: deadLetters,
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        TELEGRAM_BOT_TOKEN: token,
        TELEGRAM_API_ROOT: botApi.url,
        OUTBOX_RETRY_BASE_MS: '100',
      },
    });
    await app.waitForOutput(/Switchboard switchboard is ready/, 120_000);
    pool = new Pool({ connectionString: db.url, max: 4, application_name: TEST_APPLICATION });
    pool.on('error', () => undefined);
    store = new PostgresEventStore(pool, { notify: false });
  }, 180_000);

  afterAll(async () => {
    await app?.stop();
    await store?.close();
    await pool?.end();
    if (broker) {
      await consumer.deleteExchange(exchange).catch(() => undefined);
      for (const queue of [intakeQueue, `${intakeQueue}.dead`]) await consumer.deleteQueue(queue).catch(() => undefined);
      await consumer.deleteExchange(deadLetters).catch(() => undefined);
      await broker.close();
    }
    await new Promise<void>((r) => (smtp ? smtp.close(() => r()) : r()));
    await botApi.stop();
    await db?.drop();
    for (const database of [clickhouseDatabase, `${clickhouseDatabase}_rebuild`, `${clickhouseDatabase}_retired`]) {
      await fetch(`${clickhouseServer}/`, { method: 'POST', body: `DROP DATABASE IF EXISTS ${database}` }).catch(() => undefined);
    }
  });

  it('keeps every job processing after its connections were terminated, twice', async () => {
    await waitForStatus(`${app.url}/health/ready`, 200, 60_000);
    await contactLife(1);

    for (const round of [2, 3]) {
      const terminated = await terminateAppSessions();
      expect(terminated).toBeGreaterThan(3);
      await contactLife(round);
    }

    await waitForStatus(`${app.url}/health/ready`, 200, 30_000);
    const health = (await (await fetch(`${app.url}/health/ready`)).json()) as { checks: { processors: { details: Record<string, { state: string }> } } };
    expect(
      Object.entries(health.checks.processors.details)
        .map(([name, d]) => [name, d.state])
        .sort(),
    ).toEqual(
      [
        'access-role-permissions',
        'analytics',
        'assignment-notification',
        'auto-assignment',
        'closure-surveys',
        'communications-delivery',
        'communications-dispatch',
        'communications-list',
        'communications-webhooks',
        'escalation',
        'incident-closure',
        'incident-list',
        'incident-opened-notification',
        'integration-events:amqp',
        'outbox-relay',
        'passes-list',
        'problem-closure',
        'problem-detection',
        'problem-list',
        'request-communication-outcomes',
        'request-communications',
        'request-list',
        'sla-breach-notification',
        'sla-clock',
        'status-history',
        'survey-questions',
        'survey-responses',
      ].map((name) => [name, 'running']),
    );
    expect(await pool.query('SELECT processor, event_id FROM parked_events')).toMatchObject({ rows: [] });
    expect(app.output()).toMatch(/processor lock session lost/);
  }, 400_000);
});
