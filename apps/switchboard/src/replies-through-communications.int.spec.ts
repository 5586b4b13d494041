import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import { CoreModule, EVENT_STORE, PG_POOL, applyMigrations } from '@switchboard/app-runtime';
import { LocalSmsc } from '@switchboard/channel-sms/testing';
import { LocalBotApi } from '@switchboard/channel-telegram/testing';
import { Communications } from '@switchboard/communications';
import { PostgresCommunicationPolicies } from '@switchboard/communications/infrastructure';
import { comparePositions, deterministicUuid } from '@switchboard/eventstore';
import type { EventStore } from '@switchboard/eventstore';
import { SMPP_COMMUNICATION_SENDER, SMPP_OUTBOUND_SENDER, SmppModule } from '@switchboard/gateway';
import { NotifierModule } from '@switchboard/notifier';
import { MetricsRegistry, loadConfig } from '@switchboard/platform';
import { createTestDatabase, freePort } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import { ExecuteRequestCommand, requestCommunicationCommandId } from '@switchboard/service-desk';
import type { ChannelContact, RequestCommand } from '@switchboard/service-desk/domain';

const token = '123456789:AAE-test-token-for-the-local-bot-api';
const department = 'first-line-north';

interface Recorded {
  readonly type: string;
  readonly data: Record<string, unknown>;
}

/**
 * The service desk's replies and notices through the communications' sending point, in the
 * all-in-one composition (`switchboard start`'s: the gateway's transceiver bind, the notifier's
 * processors): a request an operator registered reaches its client's phone by SMS, a Telegram
 * request is answered in its chat exactly once (replays included), an opt-out of marketing never
 * silences a reply, and every outcome — sent, delivered, blocked — is back on the request.
 */
describe('replies and notices through the communications', () => {
  const botApi = new LocalBotApi();
  let db: TestDatabase;
  let smsc: LocalSmsc;
  let app: INestApplication;
  let phones = 0;
  const nextPhone = (): string => `7916${String(process.pid % 1000).padStart(3, '0')}${String(phones++).padStart(4, '0')}`;

  async function start(): Promise<INestApplication> {
    const config = loadConfig(
      { DATABASE_URL: db.url, SMPP_URL: smsc.url, SMPP_ENQUIRE_LINK_SECONDS: '1', TELEGRAM_BOT_TOKEN: token, TELEGRAM_API_ROOT: botApi.url },
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
        SmppModule,
        NotifierModule.forRoot({
          sms: { module: SmppModule, token: SMPP_OUTBOUND_SENDER },
          communicationSms: { module: SmppModule, token: SMPP_COMMUNICATION_SENDER },
        }),
      ],
    })
    class AllInOneTestModule {}
    const started = await NestFactory.create(AllInOneTestModule, { logger: ['error'] });
    await applyMigrations(started.get(MikroORM), started.get<Pool>(PG_POOL));
    await started.init();
    return started;
  }

  const pool = () => app.get<Pool>(PG_POOL);
  const execute = (requestId: string, command: RequestCommand) =>
    app.get(CommandBus).execute(new ExecuteRequestCommand(requestId, command, { commandId: randomUUID(), origin: 'system' }));

  async function register(contact: ChannelContact, clientId?: string): Promise<string> {
    const requestId = randomUUID();
    await execute(requestId, {
      type: 'RegisterRequest',
      requestId,
      contact,
      department,
      ...(clientId ? { clientId } : {}),
      by: 'hd.user.north',
      now: new Date(),
    });
    return requestId;
  }

  async function reply(requestId: string, text: string): Promise<string> {
    const replyId = randomUUID();
    await execute(requestId, { type: 'SendReply', replyId, text, by: 'hd.user.north', now: new Date() });
    return replyId;
  }

  async function clientWithPhone(email?: string): Promise<{ clientId: string; phone: string }> {
    const clientId = randomUUID();
    const phone = nextPhone();
    await pool().query(
      `INSERT INTO customers_clients (id, first_name, last_name, phone, email, name_key) VALUES ($1, 'Irina', 'Petrova', $2, $3, 'petrova irina')`,
      [clientId, `+${phone}`, email ?? null],
    );
    return { clientId, phone };
  }

  async function eventsOf(streamId: string): Promise<Recorded[]> {
    const events: Recorded[] = [];
    for await (const e of app.get<EventStore>(EVENT_STORE).readStream(streamId)) events.push({ type: e.type, data: e.data as Record<string, unknown> });
    return events;
  }

  const outcomesOf = async (requestId: string, outboundId: string) =>
    (await eventsOf(`request-${requestId}`)).filter((e) => e.type.startsWith('Outbound') && e.data.outboundId === outboundId);

  async function until(what: string, probe: () => Promise<boolean> | boolean, timeoutMs = 45_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await probe())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  const countOf = async (eventType: string): Promise<number> =>
    (await pool().query<{ n: number }>('SELECT count(*)::int AS n FROM eventstore.events WHERE event_type = $1', [eventType])).rows[0].n;

  beforeAll(async () => {
    db = await createTestDatabase('replies_communications');
    await botApi.start();
    smsc = await LocalSmsc.start(await freePort(), { receiptFor: () => 'DELIVRD' });
    app = await start();
    await smsc.whenBound();
  }, 60_000);

  afterAll(async () => {
    app?.get<Pool>(PG_POOL).on('error', () => undefined);
    await app?.close();
    await smsc?.stop();
    await botApi.stop();
    await db?.drop();
  });

  it('sends a reply to a request an operator registered for a client with a phone by SMS, and shows it sent and delivered on the request', async () => {
    const { clientId, phone } = await clientWithPhone('irina@example.test');
    const requestId = await register({ channel: 'operator', address: 'hd.user.north' }, clientId);
    const replyId = await reply(requestId, 'A technician comes tomorrow at 10.');

    await until('the reply delivered', async () => (await outcomesOf(requestId, replyId)).some((e) => e.type === 'OutboundDelivered'));
    const submitted = smsc.submitted.filter((s) => s.destination === phone);
    expect(submitted.map((s) => s.text)).toEqual(['A technician comes tomorrow at 10.']);
    expect(await outcomesOf(requestId, replyId)).toEqual([
      { type: 'OutboundSent', data: expect.objectContaining({ outboundId: replyId, channelMessageId: submitted[0].messageId, by: 'system:communications' }) },
      { type: 'OutboundDelivered', data: expect.objectContaining({ outboundId: replyId, by: 'system:communications' }) },
    ]);
    // The communication behind it: personal, for the client, from the request's department, by SMS.
    // The communication behind it, found by the id its request and reply derive: personal, from the request's department, by SMS.
    const communicationId = deterministicUuid(`communication:${requestCommunicationCommandId(requestId, replyId)}`);
    const communication = await app.get(Communications, { strict: false }).find(communicationId);
    expect(communication).toMatchObject({
      status: 'DELIVERED',
      department,
      clientId,
      communicationType: 'personal',
      channel: 'sms',
      origin: { kind: 'request-reply', id: `${requestId}:${replyId}` },
    });
  });

  it('answers a Telegram request in its chat exactly once, also after the process managers replay from the start', async () => {
    const requestId = await register({ channel: 'telegram', address: '7001', displayName: 'Anna' });
    const replyId = await reply(requestId, 'Yes, it left the warehouse today.');
    await until('the reply sent', async () => (await outcomesOf(requestId, replyId)).length === 1);
    expect(botApi.sentTo(7001)).toEqual([{ token, method: 'sendMessage', body: { chat_id: 7001, text: 'Yes, it left the warehouse today.' } }]);
    expect(await outcomesOf(requestId, replyId)).toEqual([
      {
        type: 'OutboundSent',
        data: expect.objectContaining({ outboundId: replyId, channelMessageId: expect.stringMatching(/^\d+$/), by: 'system:communications' }),
      },
    ]);

    const managers = ['request-communications', 'request-communication-outcomes', 'communications-dispatch', 'communications-delivery'];
    const before = (
      await pool().query<{ processor: string; position: string }>('SELECT processor, position FROM processor_checkpoints WHERE processor = ANY($1)', [managers])
    ).rows;
    expect(before).toHaveLength(managers.length);
    const requested = await countOf('CommunicationRequested');
    const calls = botApi.calls.length;
    await app.close();
    const { Client } = await import('pg');
    const admin = new Client({ connectionString: db.url });
    await admin.connect();
    await admin.query('DELETE FROM processor_checkpoints WHERE processor = ANY($1)', [managers]);
    app = await start();
    await until(
      'the process managers to replay up to where they were',
      async () => {
        const { rows } = await admin.query<{ processor: string; position: string | null }>(
          'SELECT processor, position FROM processor_checkpoints WHERE processor = ANY($1)',
          [managers],
        );
        // At least where they were: one still finishing the reply's outcome when `before` was read goes a little further.
        return before.every((b) => rows.some((r) => r.processor === b.processor && r.position !== null && comparePositions(r.position, b.position) >= 0));
      },
      30_000,
    );
    await admin.end();
    expect(await countOf('CommunicationRequested')).toBe(requested);
    expect(botApi.calls.length).toBe(calls);
    expect(botApi.sentTo(7001)).toHaveLength(1);
    expect(await outcomesOf(requestId, replyId)).toHaveLength(1);
  }, 60_000);

  it('still sends replies and notices to a client who opted out of marketing, while a mass communication is blocked', async () => {
    const { clientId, phone } = await clientWithPhone();
    await app.get(PostgresCommunicationPolicies, { strict: false }).optOut(clientId, ['marketing'], { by: 'client:sms', at: new Date() });
    const requestId = await register({ channel: 'phone', address: `+${phone}` }, clientId);
    const replyId = await reply(requestId, 'We have found the fault.');
    const notificationId = `closure:${requestId}`;
    await execute(requestId, { type: 'NotifyClient', notificationId, text: 'Your request is closed.', by: 'system:test', now: new Date() });
    await until('both sent', async () => {
      const [r, n] = [await outcomesOf(requestId, replyId), await outcomesOf(requestId, notificationId)];
      return r.some((e) => e.type === 'OutboundSent') && n.some((e) => e.type === 'OutboundSent');
    });
    expect(
      smsc.submitted
        .filter((s) => s.destination === phone)
        .map((s) => s.text)
        .sort(),
    ).toEqual(['We have found the fault.', 'Your request is closed.']);

    const communications = app.get(Communications, { strict: false });
    const { communicationId } = await communications.request(
      { department, clientId, communicationType: 'mass', message: { text: 'Spring offers!' }, by: 'hd.manager.north' },
      { commandId: randomUUID(), origin: 'user' },
    );
    await until('the mass communication judged', async () => (await communications.find(communicationId))?.status === 'BLOCKED');
  });

  it('records a reply that a policy blocks as failed on the request, naming the rule', async () => {
    const { clientId, phone } = await clientWithPhone();
    await app
      .get(PostgresCommunicationPolicies, { strict: false })
      .setAvailability(clientId, { status: 'blocked', blockedPeriods: [], optedOut: [], language: 'ru' }, undefined, {
        by: 'hd.manager.north',
        at: new Date(),
      });
    const requestId = await register({ channel: 'operator', address: 'hd.user.north' }, clientId);
    const replyId = await reply(requestId, 'Hello?');
    await until('the outcome', async () => (await outcomesOf(requestId, replyId)).length > 0);
    expect(await outcomesOf(requestId, replyId)).toEqual([
      {
        type: 'OutboundFailed',
        data: expect.objectContaining({ reason: 'blocked by the client-blocked policy: the client is blocked for communication', by: 'system:communications' }),
      },
    ]);
    expect(smsc.submitted.filter((s) => s.destination === phone)).toEqual([]);
  });

  it('shows a reply held back while the client is unavailable as scheduled on the request, with when it goes and why', async () => {
    const { clientId, phone } = await clientWithPhone();
    const back = new Date(Date.now() + 2 * 3_600_000);
    await app
      .get(PostgresCommunicationPolicies, { strict: false })
      .setAvailability(
        clientId,
        { status: 'active', blockedPeriods: [{ from: new Date(Date.now() - 3_600_000), to: back }], optedOut: [], language: 'ru' },
        undefined,
        {
          by: 'hd.manager.north',
          at: new Date(),
        },
      );
    const requestId = await register({ channel: 'operator', address: 'hd.user.north' }, clientId);
    const replyId = await reply(requestId, 'We will call you back.');
    await until('the outcome', async () => (await outcomesOf(requestId, replyId)).length > 0);
    expect(await outcomesOf(requestId, replyId)).toEqual([
      {
        type: 'OutboundScheduled',
        data: expect.objectContaining({ outboundId: replyId, until: back.toISOString(), reason: 'client-unavailable', by: 'system:communications' }),
      },
    ]);
    expect(smsc.submitted.filter((s) => s.destination === phone)).toEqual([]);
  });
});
