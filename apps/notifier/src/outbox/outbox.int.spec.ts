import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import { CoreModule, EVENT_STORE, PG_POOL, applyMigrations } from '@switchboard/app-runtime';
import { LocalBotApi, chatNotFound, serverError } from '@switchboard/channel-telegram/testing';
import type { EventStore } from '@switchboard/eventstore';
import { MetricsRegistry, loadConfig } from '@switchboard/platform';
import { createTestDatabase } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import { ExecuteRequestCommand } from '@switchboard/service-desk';
import type { ChannelContact, RequestCommand } from '@switchboard/service-desk/domain';
import { OutboxModule } from './outbox.module';

const token = '123456789:AAE-test-token-for-the-local-bot-api';

interface Outcome {
  type: string;
  data: { outboundId: string; channelMessageId?: string; reason?: string };
}

describe('the outbox relay', () => {
  const botApi = new LocalBotApi();
  let db: TestDatabase;
  let app: INestApplication;
  let metrics: MetricsRegistry;

  async function startApp(): Promise<void> {
    const config = loadConfig(
      {
        DATABASE_URL: db.url,
        TELEGRAM_BOT_TOKEN: token,
        TELEGRAM_API_ROOT: botApi.url,
        OUTBOX_MAX_ATTEMPTS: '4',
        OUTBOX_RETRY_BASE_MS: '20',
        OUTBOX_RETRY_MAX_MS: '80',
      },
      { httpPort: 1, allowsEmbeddedDatabase: false },
    );
    metrics = new MetricsRegistry('test');
    @Module({
      imports: [
        CoreModule.forRoot({ role: { name: 'test', dependencies: [] }, config, databaseUrl: db.url, identityBaseUrl: 'http://127.0.0.1:1/dev-idp', metrics }),
        OutboxModule.forRoot(),
      ],
    })
    class OutboxTestModule {}
    app = await NestFactory.create(OutboxTestModule, { logger: ['error'] });
    await applyMigrations(app.get(MikroORM), app.get<Pool>(PG_POOL));
    await app.init();
  }

  const execute = (requestId: string, command: RequestCommand) =>
    app.get(CommandBus).execute(new ExecuteRequestCommand(requestId, command, { commandId: randomUUID(), origin: 'system' }));

  async function requestOf(contact: ChannelContact): Promise<string> {
    const requestId = randomUUID();
    await execute(requestId, { type: 'RegisterRequest', requestId, contact, by: 'channel:test', now: new Date() });
    return requestId;
  }

  async function reply(requestId: string, text: string): Promise<string> {
    const replyId = randomUUID();
    await execute(requestId, { type: 'SendReply', replyId, text, by: 'operator-1', now: new Date() });
    return replyId;
  }

  async function outcomesOf(requestId: string): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    for await (const e of app.get<EventStore>(EVENT_STORE).readStream(`request-${requestId}`)) {
      if (e.type === 'OutboundSent' || e.type === 'OutboundFailed') outcomes.push({ type: e.type, data: e.data as Outcome['data'] });
    }
    return outcomes;
  }

  async function outcomeOf(requestId: string, outboundId: string, timeoutMs = 20_000): Promise<Outcome> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = (await outcomesOf(requestId)).find((o) => o.data.outboundId === outboundId);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no outcome for ${outboundId} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  const telegram = (chatId: number): ChannelContact => ({ channel: 'telegram', address: String(chatId) });

  beforeAll(async () => {
    db = await createTestDatabase('outbox');
    await botApi.start();
    await startApp();
  }, 60_000);

  afterAll(async () => {
    // pool.end() resolves before its sockets close; the database drop may end them first.
    app?.get<Pool>(PG_POOL).on('error', () => undefined);
    await app?.close();
    await botApi.stop();
    await db?.drop();
  });

  it("sends an operator's reply with sendMessage and records it as sent with Telegram's message id", async () => {
    const requestId = await requestOf(telegram(1001));
    const replyId = await reply(requestId, 'We are on it.');
    const outcome = await outcomeOf(requestId, replyId);
    const [call] = botApi.sentTo(1001);
    expect(call).toMatchObject({ token, body: { chat_id: 1001, text: 'We are on it.' } });
    expect(outcome).toEqual({
      type: 'OutboundSent',
      data: expect.objectContaining({ outboundId: replyId, channelMessageId: expect.stringMatching(/^\d+$/), by: 'system:outbox' }),
    });
  });

  it('sends a status notification for the client the same way', async () => {
    const requestId = await requestOf(telegram(1002));
    const notificationId = `test:${randomUUID()}`;
    await execute(requestId, { type: 'NotifyClient', notificationId, text: 'Your request is resolved.', by: 'system:test', now: new Date() });
    expect((await outcomeOf(requestId, notificationId)).type).toBe('OutboundSent');
    expect(botApi.sentTo(1002).map((c) => c.body.text)).toEqual(['Your request is resolved.']);
  });

  it('retries a Bot API that fails three times, then records the send once it succeeds', async () => {
    const requestId = await requestOf(telegram(1003));
    botApi.answerNext(3, serverError);
    const replyId = await reply(requestId, 'Third time lucky.');
    expect((await outcomeOf(requestId, replyId)).type).toBe('OutboundSent');
    expect(botApi.sentTo(1003)).toHaveLength(4);
    const { rows } = await app.get<Pool>(PG_POOL).query('SELECT attempts, status, last_error FROM outbound_deliveries WHERE outbound_id = $1', [replyId]);
    expect(rows[0]).toEqual({ attempts: 4, status: 'sent', last_error: 'Telegram 502: Bad Gateway' });
  });

  it("records a reply to a chat Telegram does not know as failed at once, with Telegram's reason", async () => {
    botApi.answerForChat(1004, chatNotFound);
    const requestId = await requestOf(telegram(1004));
    const replyId = await reply(requestId, 'Hello?');
    expect(await outcomeOf(requestId, replyId)).toEqual({
      type: 'OutboundFailed',
      data: expect.objectContaining({ reason: 'Telegram 400: Bad Request: chat not found' }),
    });
    expect(botApi.sentTo(1004)).toHaveLength(1);
  });

  it('gives up after the configured attempts and records the last error as the reason', async () => {
    botApi.answerForChat(1005, serverError);
    const requestId = await requestOf(telegram(1005));
    const replyId = await reply(requestId, 'Anyone there?');
    expect((await outcomeOf(requestId, replyId)).data.reason).toBe('gave up after 4 attempts: Telegram 502: Bad Gateway');
    expect(botApi.sentTo(1005)).toHaveLength(4);
  });

  it("sends a conversation's replies in order, the later one waiting while the earlier one is retried", async () => {
    const requestId = await requestOf(telegram(1006));
    botApi.answerNext(2, serverError);
    const first = await reply(requestId, 'first');
    const second = await reply(requestId, 'second');
    await outcomeOf(requestId, second);
    await outcomeOf(requestId, first);
    const delivered = botApi.sentTo(1006).map((c) => c.body.text);
    expect(delivered.slice(-2)).toEqual(['first', 'second']);
    expect(delivered.filter((t) => t === 'second')).toHaveLength(1);
  });

  it('records a reply on a channel without a sender as failed, naming the channel', async () => {
    const requestId = await requestOf({ channel: 'operator', address: 'hd.user.north' });
    const replyId = await reply(requestId, 'Noted.');
    expect((await outcomeOf(requestId, replyId)).data.reason).toBe('no sender for the operator channel is configured');
  });

  it('shows the outbox depth as a metric', async () => {
    // Measured every few seconds: wait for a measurement after the deliveries above settled.
    const deadline = Date.now() + 15_000;
    let text = await metrics.registry.metrics();
    while (!/switchboard_outbox_depth\{outbox="replies",app="test"\} 0/.test(text) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      text = await metrics.registry.metrics();
    }
    expect(text).toMatch(/switchboard_outbox_depth\{outbox="replies",app="test"\} 0/);
    expect(text).toMatch(/switchboard_outbox_sends_total\{channel="telegram",outcome="sent",app="test"\} \d+/);
  });

  it("never sends a reply again whose outcome is on the request, even when the outbox's own state says it is pending", async () => {
    const requestId = await requestOf(telegram(1007));
    const replyId = await reply(requestId, 'Only once.');
    await outcomeOf(requestId, replyId);
    await app.close();
    // The outbox table lost the outcome (restored from an older backup, a crash between recording and
    // marking): the delivery is due again, and no event will settle it.
    const { Client } = await import('pg');
    const admin = new Client({ connectionString: db.url });
    await admin.connect();
    await admin.query(`UPDATE outbound_deliveries SET status = 'pending', outcome_recorded = false, next_attempt_at = now() WHERE outbound_id = $1`, [replyId]);
    await startApp();
    const deadline = Date.now() + 20_000;
    for (;;) {
      const { rows } = await admin.query('SELECT status, outcome_recorded FROM outbound_deliveries WHERE outbound_id = $1', [replyId]);
      if (rows[0]?.status === 'sent' && rows[0]?.outcome_recorded) break;
      if (Date.now() > deadline) throw new Error(`the reply was not settled again: ${JSON.stringify(rows)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    await admin.end();
    expect(botApi.sentTo(1007)).toHaveLength(1);
    expect((await outcomesOf(requestId)).filter((o) => o.data.outboundId === replyId)).toHaveLength(1);
  });

  it('replays replies from the start when its checkpoint is lost, without sending any again', async () => {
    const before = botApi.calls.length;
    await app.close();
    const { Client } = await import('pg');
    const admin = new Client({ connectionString: db.url });
    await admin.connect();
    await admin.query(`DELETE FROM processor_checkpoints WHERE processor = 'outbox-relay'`);
    await admin.query('DELETE FROM outbound_deliveries');
    const {
      rows: [{ n: replies }],
    } = await admin.query(`SELECT count(*)::int AS n FROM eventstore.events WHERE event_type IN ('ReplySent', 'ClientNotified')`);
    await startApp();
    const deadline = Date.now() + 20_000;
    for (;;) {
      const {
        rows: [{ n }],
      } = await admin.query(`SELECT count(*)::int AS n FROM outbound_deliveries WHERE status <> 'pending' AND outcome_recorded`);
      if (n === replies) break;
      if (Date.now() > deadline) throw new Error(`${n} of ${replies} deliveries settled again`);
      await new Promise((r) => setTimeout(r, 50));
    }
    await admin.end();
    expect(botApi.calls.length).toBe(before);
  });
});
