import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { PostgresEventStore } from '@switchboard/eventstore';
import { createTestDatabase, freePort, startAppProcess } from '@switchboard/platform/testing';
import type { AppProcess, TestDatabase } from '@switchboard/platform/testing';
import { ExecuteRequestCommand, ExecuteRequestCommandHandler } from '@switchboard/service-desk';
import { requestStreamId } from '@switchboard/service-desk/domain';

const secret = 'telegram-webhook-secret_42';
const demoClientId = '7c1e0000-0000-4000-8000-000000000001'; // Ivan Petrov, +79161234567, in the demo data

// Updates shaped like the Bot API's own samples (https://core.telegram.org/bots/webhooks).
let nextUpdateId = 70_000;
function update(chatId: number, message: object, updateId = nextUpdateId++): { update_id: number; message: object } {
  const person = { id: chatId, is_bot: false, first_name: 'Ivan', last_name: 'Petrov', username: `ivan${chatId}`, language_code: 'ru' };
  return { update_id: updateId, message: { message_id: updateId % 10_000, from: person, chat: { ...person, type: 'private' }, date: 1764064800, ...message } };
}

interface Stored {
  type: string;
  data: Record<string, unknown>;
}

describe('the Telegram webhook of a running gateway', () => {
  let db: TestDatabase;
  let gateway: AppProcess;
  let pool: Pool;
  let store: PostgresEventStore;

  const post = (body: unknown, headers: Record<string, string> = { 'x-telegram-bot-api-secret-token': secret }) =>
    fetch(`${gateway.url}/channels/telegram/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  async function requestOfUpdate(updateId: number): Promise<string | undefined> {
    const { rows } = await pool.query<{ request_id: string }>(`SELECT request_id FROM intake_messages WHERE channel = 'telegram' AND message_id = $1`, [
      String(updateId),
    ]);
    return rows[0]?.request_id;
  }

  async function eventsOf(requestId: string): Promise<Stored[]> {
    const events: Stored[] = [];
    for await (const e of store.readStream(requestStreamId(requestId))) events.push({ type: e.type, data: e.data as Record<string, unknown> });
    return events;
  }

  async function messageEventCount(): Promise<number> {
    const { rows } = await pool
      .query<{ n: number }>(`SELECT count(*)::int AS n FROM eventstore.events WHERE event_type = 'MessageReceived'`)
      .catch(() => ({ rows: [{ n: 0 }] }));
    return rows[0].n;
  }

  beforeAll(async () => {
    db = await createTestDatabase('telegram_e2e');
    gateway = startAppProcess({
      entry: 'dist/apps/gateway/src/main.js',
      port: await freePort(),
      // No reopen window: a message after closure registers a new request (reopen: test/channels/reopen.e2e.spec.ts).
      env: { DATABASE_URL: db.url, DEMO_DATA: 'true', TELEGRAM_WEBHOOK_SECRET: secret, REOPEN_WINDOW_DAYS: '0' },
    });
    await gateway.waitForOutput(/Switchboard gateway is ready/, 90_000);
    pool = new Pool({ connectionString: db.url, max: 2 });
    // pool.end() resolves before its sockets close; the database drop may end them first.
    pool.on('error', () => undefined);
    store = new PostgresEventStore(db.url);
  }, 120_000);

  afterAll(async () => {
    await gateway?.stop();
    await store?.close();
    await pool?.end();
    await db?.drop();
  });

  it('refuses an update without the secret token, or with a wrong one, and stores nothing', async () => {
    const before = await messageEventCount();
    const unsigned = await post(update(5001, { text: 'hello' }), {});
    expect(unsigned.status).toBe(401);
    expect(unsigned.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await unsigned.json()) as { detail: string }).detail).toBe('X-Telegram-Bot-Api-Secret-Token is missing: set the webhook with secret_token.');
    const wrong = await post(update(5001, { text: 'hello' }), { 'x-telegram-bot-api-secret-token': 'not-the-secret' });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { detail: string }).detail).toBe('X-Telegram-Bot-Api-Secret-Token does not match TELEGRAM_WEBHOOK_SECRET.');
    expect(await messageEventCount()).toBe(before);
    expect(gateway.output()).toContain('webhook refused (401): X-Telegram-Bot-Api-Secret-Token is missing');
  });

  it('greets /start and asks for the phone number in its answer, storing nothing', async () => {
    const start = update(5002, { text: '/start' });
    const response = await post(start);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      method: 'sendMessage',
      chat_id: 5002,
      text: expect.stringContaining('share your phone number'),
      reply_markup: { keyboard: [[{ text: 'Share my phone number', request_contact: true }]], resize_keyboard: true, one_time_keyboard: true },
    });
    expect(await requestOfUpdate(start.update_id)).toBeUndefined();
  });

  it('stores a text message as a new request before it answers 200, and a redelivered update once', async () => {
    const message = update(5003, { text: 'My internet is down since the morning' });
    const response = await post(message);
    expect(response.status).toBe(200);
    // Answered 200: the message is already durable.
    const requestId = await requestOfUpdate(message.update_id);
    expect(requestId).toBeDefined();
    const events = await eventsOf(requestId as string);
    expect(events.map((e) => e.type)).toEqual(['RequestRegistered', 'MessageReceived']);
    expect(events[0].data.contact).toEqual({ channel: 'telegram', address: '5003', displayName: 'Ivan Petrov @ivan5003' });
    expect(events[1].data).toMatchObject({
      messageId: String(message.update_id),
      channel: 'telegram',
      text: 'My internet is down since the morning',
      receivedAt: '2025-11-25T10:00:00.000Z',
    });

    const again = await post(message);
    expect(again.status).toBe(200);
    expect((await eventsOf(requestId as string)).filter((e) => e.type === 'MessageReceived')).toHaveLength(1);
  });

  it('joins a photo and a document of the same chat to its open request, keeping their file ids', async () => {
    const text = update(5004, { text: 'The router blinks red' });
    await post(text);
    const photo = update(5004, {
      caption: 'See the lights',
      photo: [
        { file_id: 'AgACAgIAAxkBAAMsmall', file_unique_id: 'AQADs', file_size: 1402, width: 90, height: 51 },
        { file_id: 'AgACAgIAAxkBAAMlarge', file_unique_id: 'AQADl', file_size: 68092, width: 1280, height: 720 },
      ],
    });
    const document = update(5004, {
      document: { file_id: 'BQACAgIAAxkBAAMdoc', file_unique_id: 'AgADd', file_name: 'contract.pdf', mime_type: 'application/pdf', file_size: 20480 },
    });
    expect((await post(photo)).status).toBe(200);
    expect((await post(document)).status).toBe(200);
    const requestId = await requestOfUpdate(text.update_id);
    expect(await requestOfUpdate(photo.update_id)).toBe(requestId);
    expect(await requestOfUpdate(document.update_id)).toBe(requestId);
    const messages = (await eventsOf(requestId as string))
      .filter((e) => e.type === 'MessageReceived')
      .map((e) => ({ text: e.data.text, attachments: e.data.attachments }));
    expect(messages).toEqual([
      { text: 'The router blinks red', attachments: [] },
      { text: 'See the lights', attachments: [{ kind: 'photo', fileId: 'AgACAgIAAxkBAAMlarge' }] },
      { text: '', attachments: [{ kind: 'document', fileId: 'BQACAgIAAxkBAAMdoc', name: 'contract.pdf' }] },
    ]);
  });

  it('links the chat to the client by the phone number it shares, on its open request and its later ones', async () => {
    const first = update(5005, { text: 'Hello, my TV does not work' });
    await post(first);
    const requestId = (await requestOfUpdate(first.update_id)) as string;
    const shared = update(5005, { contact: { phone_number: '79161234567', first_name: 'Ivan', last_name: 'Petrov', user_id: 5005 } });
    const response = await post(shared);
    expect(await response.json()).toEqual({
      method: 'sendMessage',
      chat_id: 5005,
      text: 'Thank you! We have your number +79161234567.',
      reply_markup: { remove_keyboard: true },
    });
    const events = await eventsOf(requestId);
    expect(events.find((e) => e.type === 'ClientLinked')?.data).toMatchObject({ clientId: demoClientId, by: 'channel:telegram' });
    expect(events.filter((e) => e.type === 'MessageReceived').map((e) => e.data.text)).toContain('Shared their phone number +79161234567');
    const { rows } = await pool.query('SELECT phone FROM telegram_chats WHERE chat_id = $1', [5005]);
    expect(rows).toEqual([{ phone: '+79161234567' }]);

    // Closed, then the same chat writes again: the new request is registered for the client.
    const handler = new ExecuteRequestCommandHandler(store, { routeFor: async () => undefined });
    await handler.execute(
      new ExecuteRequestCommand(
        requestId,
        { type: 'CloseRequest', reason: 'answered', by: 'operator-1', now: new Date() },
        { commandId: randomUUID(), origin: 'user' },
      ),
    );
    const later = update(5005, { text: 'It broke again' });
    await post(later);
    const laterId = (await requestOfUpdate(later.update_id)) as string;
    expect(laterId).not.toBe(requestId);
    expect((await eventsOf(laterId))[0].data).toMatchObject({ clientId: demoClientId, previousRequestId: requestId });
  });

  it('opts the chat’s client out of marketing on the "Unsubscribe" button, answering the button and storing no message', async () => {
    // Chat 5005 shared Ivan Petrov's number above.
    const before = await messageEventCount();
    const press = {
      update_id: nextUpdateId++,
      callback_query: {
        id: 'cb-unsub-1',
        from: { id: 5005, is_bot: false, first_name: 'Ivan' },
        message: { message_id: 77, date: 1764064800, chat: { id: 5005, type: 'private' } },
        data: 'unsub',
      },
    };
    const response = await post(press);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ method: 'answerCallbackQuery', callback_query_id: 'cb-unsub-1', text: 'Вы отписались от рекламных сообщений.' });
    const { rows } = await pool.query<{ opted_out: string[] }>('SELECT opted_out FROM communication_availability WHERE client_id = $1', [demoClientId]);
    expect(rows[0]?.opted_out).toEqual(['marketing']);
    expect(await messageEventCount()).toBe(before);
  });

  it('keeps a contact card of someone else as a message without linking the chat', async () => {
    const card = update(5006, { contact: { phone_number: '+79035550101', first_name: 'Maria', last_name: 'Sokolova', user_id: 9999 } });
    const response = await post(card);
    expect(await response.json()).toEqual({});
    const events = await eventsOf((await requestOfUpdate(card.update_id)) as string);
    expect(events[0].data.clientId).toBeUndefined();
    expect(events[1].data.text).toBe('Shared a contact: Maria Sokolova +79035550101');
    expect((await pool.query('SELECT 1 FROM telegram_chats WHERE chat_id = $1', [5006])).rowCount).toBe(0);
  });

  it('answers 200 to an update kind it does not keep, and logs it', async () => {
    const edited = {
      update_id: nextUpdateId++,
      edited_message: { message_id: 1, date: 1764064800, edit_date: 1764064900, chat: { id: 5007, type: 'private', first_name: 'Ivan' }, text: 'edited' },
    };
    const response = await post(edited);
    expect(response.status).toBe(200);
    await gateway.waitForOutput(new RegExp(`update ${edited.update_id} not kept: edited_message updates are not kept`), 5_000);
  });

  it('refuses a malformed update with a problem naming the bad fields', async () => {
    const response = await post({ update_id: 'seven', message: { message_id: 1, date: 1764064800 } });
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { type: string; errors: { field: string }[] };
    expect(problem.type).toBe('https://switchboard.dev/problems/validation');
    expect(problem.errors.map((e) => e.field)).toEqual(['update_id', 'message.chat']);
  });

  it('refuses a body that is not JSON, and JSON that does not parse', async () => {
    const text = await fetch(`${gateway.url}/channels/telegram/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'x-telegram-bot-api-secret-token': secret },
      body: 'hello',
    });
    expect(text.status).toBe(415);
    const broken = await fetch(`${gateway.url}/channels/telegram/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
      body: '{"update_id": 1,',
    });
    expect(broken.status).toBe(400);
    expect(broken.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('stores an update dated far in the future at the time it arrived, and says so in the log', async () => {
    const inAYear = Math.floor(Date.now() / 1000) + 365 * 24 * 3600;
    const body = update(5008, { date: inAYear, text: 'Sent from a broken clock' });
    const before = Date.now();
    expect((await post(body)).status).toBe(200);
    const events = await eventsOf((await requestOfUpdate(body.update_id)) as string);
    const receivedAt = Date.parse(String(events[1].data.receivedAt));
    expect(receivedAt).toBeGreaterThanOrEqual(before - 1_000);
    expect(receivedAt).toBeLessThanOrEqual(Date.now());
    await gateway.waitForOutput(new RegExp(`update ${body.update_id}: date ${inAYear} lies in the future; stored with the receive time`), 5_000);
  });
});
