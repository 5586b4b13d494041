import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { LocalBotApi } from '@switchboard/channel-telegram/testing';
import { PostgresEventStore } from '@switchboard/eventstore';
import { createTestDatabase, freePort, startAppProcess } from '@switchboard/platform/testing';
import type { AppProcess, TestDatabase } from '@switchboard/platform/testing';
import { ExecuteRequestCommand, ExecuteRequestCommandHandler } from '@switchboard/service-desk';
import { requestStreamId } from '@switchboard/service-desk/domain';

const token = '123456789:AAE-test-token-for-the-local-bot-api';
const secret = 'telegram-webhook-secret';

describe('a Telegram conversation through `switchboard start`: message in, reply out', () => {
  const botApi = new LocalBotApi();
  let db: TestDatabase;
  let app: AppProcess;
  let pool: Pool;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase('outbox_e2e');
    await botApi.start();
    app = startAppProcess({
      entry: 'dist/apps/switchboard/src/main.js',
      args: ['start'],
      port: await freePort(),
      env: { DATABASE_URL: db.url, TELEGRAM_WEBHOOK_SECRET: secret, TELEGRAM_BOT_TOKEN: token, TELEGRAM_API_ROOT: botApi.url, OUTBOX_RETRY_BASE_MS: '50' },
    });
    await app.waitForOutput(/Switchboard switchboard is ready/, 120_000);
    pool = new Pool({ connectionString: db.url, max: 2 });
    // pool.end() resolves before its sockets close; the database drop may end them first.
    pool.on('error', () => undefined);
    store = new PostgresEventStore(db.url);
  }, 180_000);

  afterAll(async () => {
    await app?.stop();
    await store?.close();
    await pool?.end();
    await botApi.stop();
    await db?.drop();
  });

  it("sends the operator's reply to the chat with sendMessage and records it as sent with Telegram's message id", async () => {
    const update = {
      update_id: 880_001,
      message: {
        message_id: 11,
        date: 1764064800,
        chat: { id: 6001, type: 'private', first_name: 'Anna' },
        from: { id: 6001, is_bot: false, first_name: 'Anna' },
        text: 'Is my order shipped?',
      },
    };
    const received = await fetch(`${app.url}/channels/telegram/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
      body: JSON.stringify(update),
    });
    expect(received.status).toBe(200);
    const { rows } = await pool.query<{ request_id: string }>(`SELECT request_id FROM intake_messages WHERE channel = 'telegram' AND message_id = '880001'`);
    const requestId = rows[0].request_id;

    const replyId = randomUUID();
    await new ExecuteRequestCommandHandler(store, { routeFor: async () => undefined }).execute(
      new ExecuteRequestCommand(
        requestId,
        { type: 'SendReply', replyId, text: 'Yes, it left the warehouse today.', by: 'operator-1', now: new Date() },
        { commandId: randomUUID(), origin: 'user' },
      ),
    );

    await botApi.until(() => botApi.sentTo(6001).length === 1);
    expect(botApi.sentTo(6001)[0]).toEqual({ token, method: 'sendMessage', body: { chat_id: 6001, text: 'Yes, it left the warehouse today.' } });

    const deadline = Date.now() + 20_000;
    let sent: Record<string, unknown> | undefined;
    while (!sent) {
      for await (const e of store.readStream(requestStreamId(requestId))) if (e.type === 'OutboundSent') sent = e.data as Record<string, unknown>;
      if (!sent && Date.now() > deadline) throw new Error('OutboundSent was never recorded');
      if (!sent) await new Promise((r) => setTimeout(r, 100));
    }
    // Replies go through the communications' sending point (ADR 0023 addendum); the outcome is recorded by it.
    expect(sent).toMatchObject({ outboundId: replyId, channelMessageId: '501', by: 'system:communications' });

    // The depth is measured every few seconds.
    const metricsDeadline = Date.now() + 15_000;
    let metrics = '';
    do {
      if (metrics) await new Promise((r) => setTimeout(r, 200));
      metrics = await (await fetch(`${app.url}/metrics`)).text();
    } while (!/switchboard_outbox_depth\{outbox="replies",app="switchboard"\} 0/.test(metrics) && Date.now() < metricsDeadline);
    expect(metrics).toMatch(/switchboard_outbox_depth\{outbox="replies",app="switchboard"\} 0/);
  });
});
