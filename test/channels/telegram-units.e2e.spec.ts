import { Pool } from 'pg';
import { unitCallbackData } from '@switchboard/channel-telegram';
import { LocalBotApi } from '@switchboard/channel-telegram/testing';
import { createTestDatabase, freePort, passwordGrant, startAppProcess } from '@switchboard/platform/testing';
import type { AppProcess, TestDatabase } from '@switchboard/platform/testing';

const webhookSecret = 'units-telegram-secret';
const botToken = '777:units-test-token-0123456789';
/** The demo estate (apps/runtime/src/demo/demo-data.ts): Anna Volkova holds an apartment and a parking space, Ivan Petrov one apartment. */
const ANNA = { phone: '447400123456', apartment: '0e57a7e0-0000-4000-8000-000000000245', parking: '0e57a7e0-0000-4000-8000-000000000212' };
const IVAN = { phone: '79161234567', apartment: '0e57a7e0-0000-4000-8000-000000000107' };
const ANNA_CLIENT = '7c1e0000-0000-4000-8000-000000000004';

interface InlineButton {
  readonly text: string;
  readonly callback_data: string;
}

/**
 * The Telegram bot asks a client with several units which one a new request is about (issue 16):
 * the contact is stored first, the question follows with one button per unit (the portal's
 * labels), and a press sets the request's unit once — Telegram's redelivery, a second press of the
 * same unit and a press from another chat change nothing. `/pass` orders a visitor pass for the
 * resident's unit, once per update. The all-in-one app with a local stand-in for the Bot API
 * (telegraf sends the question and edits it after the choice).
 */
describe('the Telegram bot for residents: which unit, and /pass', () => {
  let db: TestDatabase;
  let app: AppProcess | undefined;
  let pool: Pool;
  const botApi = new LocalBotApi();
  let updateId = 880_000;

  const webhook = async (update: Record<string, unknown>): Promise<Record<string, unknown>> => {
    const response = await fetch(`${(app as AppProcess).url}/channels/telegram/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': webhookSecret },
      body: JSON.stringify(update),
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  };
  const shareContact = async (chatId: number, phone: string, firstName: string) => {
    updateId += 1;
    const id = updateId;
    const answer = await webhook({
      update_id: id,
      message: {
        message_id: id,
        date: Math.floor(Date.now() / 1000),
        chat: { id: chatId, type: 'private', first_name: firstName },
        from: { id: chatId, is_bot: false, first_name: firstName },
        contact: { phone_number: phone, first_name: firstName, user_id: chatId },
      },
    });
    const { rows } = await pool.query<{ request_id: string }>("SELECT request_id FROM intake_messages WHERE channel = 'telegram' AND message_id = $1", [
      String(id),
    ]);
    return { answer, requestId: rows[0]?.request_id ?? '' };
  };
  const press = (chatId: number, data: string, id = ++updateId) =>
    webhook({
      update_id: id,
      callback_query: {
        id: `cb-${id}`,
        from: { id: chatId, is_bot: false, first_name: 'Anna' },
        message: { message_id: 501, chat: { id: chatId, type: 'private' } },
        data,
      },
    });
  const unitEvents = async (requestId: string) =>
    (
      await pool.query<{ data: { unitId: string; siteSlug: string } }>(
        "SELECT data FROM eventstore.events WHERE stream_id = $1 AND event_type = 'RequestUnitSet' ORDER BY revision",
        [`request-${requestId}`],
      )
    ).rows.map((r) => r.data);
  const registeredUnit = async (requestId: string) =>
    (
      await pool.query<{ data: { unitId?: string } }>("SELECT data FROM eventstore.events WHERE stream_id = $1 AND event_type = 'RequestRegistered'", [
        `request-${requestId}`,
      ])
    ).rows[0]?.data.unitId;
  const questionTo = (chatId: number) =>
    botApi.sentTo(chatId).find((c) => (c.body.reply_markup as { inline_keyboard?: unknown } | undefined)?.inline_keyboard !== undefined);

  beforeAll(async () => {
    await botApi.start();
    db = await createTestDatabase('telegram_units');
    pool = new Pool({ connectionString: db.url, max: 2 });
    pool.on('error', () => undefined);
    const port = await freePort();
    app = startAppProcess({
      entry: 'dist/apps/switchboard/src/main.js',
      args: ['start'],
      port,
      env: {
        DATABASE_URL: db.url,
        DEMO_DATA: 'true',
        DEMO_ESTATE: 'true',
        // A message after closure opens a new request at once (the new-request path asks in the webhook's answer).
        REOPEN_WINDOW_DAYS: '0',
        TELEGRAM_WEBHOOK_SECRET: webhookSecret,
        TELEGRAM_BOT_TOKEN: botToken,
        TELEGRAM_API_ROOT: botApi.url,
      },
    });
    await app.waitForOutput(/Switchboard switchboard is ready/, 120_000);
  }, 180_000);

  afterAll(async () => {
    await app?.stop();
    await pool?.end();
    await db?.drop();
    await botApi.stop();
  });

  let annaRequest = '';
  let annaSecond = '';
  let buttons: InlineButton[] = [];
  const staff = async (user: string) => {
    const url = (app as AppProcess).url;
    const token = await passwordGrant(`${url}/dev-idp/realms/switchboard/protocol/openid-connect/token`, 'switchboard-console', user, 'demo');
    return (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
      fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
        body: body ? JSON.stringify(body) : undefined,
      });
  };
  const revisionOf = async (call: Awaited<ReturnType<typeof staff>>, requestId: string) => {
    for (let i = 0; i < 100; i++) {
      const read = await call('GET', `/requests/${requestId}`);
      if (read.ok) return ((await read.json()) as { revision: number }).revision;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`request ${requestId} not readable`);
  };

  it('stores the contact, then asks a client with two units which one, with the portal’s labels', async () => {
    const shared = await shareContact(7001, ANNA.phone, 'Anna');
    annaRequest = shared.requestId;
    expect(annaRequest).not.toBe('');
    // The webhook's own answer is the thanks for the number; the question comes through the Bot API.
    expect(shared.answer).toMatchObject({ method: 'sendMessage', chat_id: 7001, reply_markup: { remove_keyboard: true } });
    await botApi.until(() => questionTo(7001) !== undefined);
    const question = questionTo(7001);
    expect(question?.token).toBe(botToken);
    buttons = (question?.body.reply_markup as { inline_keyboard: InlineButton[][] }).inline_keyboard.map((row) => row[0]);
    expect(buttons.map((b) => b.text)).toEqual(['River Park, Building 2, 45', 'River Park, Building 2, P-12']);
    expect(await registeredUnit(annaRequest)).toBeUndefined();
  });

  it('sets the request’s unit on a press, once, and takes the buttons away', async () => {
    const parking = buttons[1].callback_data;
    const id = ++updateId;
    const answered = await press(7001, parking, id);
    expect(answered).toMatchObject({ method: 'answerCallbackQuery', callback_query_id: `cb-${id}`, text: 'Thank you! Noted: River Park, Building 2, P-12.' });
    expect(await unitEvents(annaRequest)).toEqual([expect.objectContaining({ unitId: ANNA.parking, siteSlug: 'river-park' })]);
    await botApi.until(() => botApi.calls.some((c) => c.method === 'editMessageText' && c.body.chat_id === 7001));

    // Telegram redelivers the update; Anna presses the same unit again: nothing new.
    expect(await press(7001, parking, id)).toMatchObject({ method: 'answerCallbackQuery', text: 'Thank you! Noted: River Park, Building 2, P-12.' });
    await press(7001, parking);
    expect(await unitEvents(annaRequest)).toHaveLength(1);
    // The request list shows it (the projection follows the event).
    const projected = async () =>
      (await pool.query<{ unit_id: string | null }>('SELECT unit_id::text AS unit_id FROM rm_requests WHERE id::text = $1', [annaRequest])).rows[0]?.unit_id;
    for (let i = 0; i < 100 && (await projected()) !== ANNA.parking; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await projected()).toBe(ANNA.parking);

    // She meant the apartment: the other button changes it, naming the one it replaced.
    await press(7001, buttons[0].callback_data);
    expect((await unitEvents(annaRequest)).map((e) => e.unitId)).toEqual([ANNA.parking, ANNA.apartment]);
  });

  it('refuses a press from another chat, and data that names no unit of the client', async () => {
    expect(await press(7002, buttons[1].callback_data)).toMatchObject({ method: 'answerCallbackQuery', text: 'Sorry, this choice is no longer possible.' });
    const forged = buttons[1].callback_data.replace(/:[^:]+$/, `:${Buffer.from(IVAN.apartment.replace(/-/g, ''), 'hex').toString('base64url')}`);
    expect(await press(7001, forged)).toMatchObject({ method: 'answerCallbackQuery', text: 'Sorry, this choice is no longer possible.' });
    expect(await unitEvents(annaRequest)).toHaveLength(2);
  });

  it('asks in its answer when a message from the linked chat opens a new request', async () => {
    const url = (app as AppProcess).url;
    const token = await passwordGrant(`${url}/dev-idp/realms/switchboard/protocol/openid-connect/token`, 'switchboard-console', 'hd.manager.north', 'demo');
    const manager = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
      fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
        body: body ? JSON.stringify(body) : undefined,
      });
    let card: { revision?: number } = {};
    for (let i = 0; i < 100 && card.revision === undefined; i++) {
      const read = await manager('GET', `/requests/${annaRequest}`);
      if (read.ok) card = (await read.json()) as { revision: number };
      else await new Promise((r) => setTimeout(r, 100));
    }
    const closed = await manager(
      'POST',
      `/requests/${annaRequest}/close`,
      { reason: 'Done' },
      { 'if-match': `"${String(card.revision)}"`, 'idempotency-key': crypto.randomUUID() },
    );
    expect(closed.status).toBe(202);

    updateId += 1;
    const answer = await webhook({
      update_id: updateId,
      message: {
        message_id: updateId,
        date: Math.floor(Date.now() / 1000),
        chat: { id: 7001, type: 'private', first_name: 'Anna' },
        from: { id: 7001, is_bot: false, first_name: 'Anna' },
        text: 'The lift is stuck again',
      },
    });
    const { rows } = await pool.query<{ request_id: string }>("SELECT request_id FROM intake_messages WHERE channel = 'telegram' AND message_id = $1", [
      String(updateId),
    ]);
    const second = rows[0]?.request_id ?? '';
    annaSecond = second;
    expect(second).not.toBe(annaRequest);
    expect(answer).toMatchObject({ method: 'sendMessage', chat_id: 7001, text: 'Which of your premises is this about? Choose one below.' });
    const keyboard = (answer.reply_markup as { inline_keyboard: InlineButton[][] }).inline_keyboard.map((row) => row[0]);
    expect(keyboard.map((b) => b.text)).toEqual(['River Park, Building 2, 45', 'River Park, Building 2, P-12']);
    await press(7001, keyboard[0].callback_data);
    expect((await unitEvents(second)).map((e) => e.unitId)).toEqual([ANNA.apartment]);
    expect(await unitEvents(annaRequest)).toHaveLength(2);
  });

  it('asks nothing of a client with one unit: intake registered the request for it', async () => {
    const shared = await shareContact(7003, IVAN.phone, 'Ivan');
    expect(await registeredUnit(shared.requestId)).toBe(IVAN.apartment);
    await new Promise((r) => setTimeout(r, 500));
    expect(questionTo(7003)).toBeUndefined();
  });

  it('orders a visitor pass by /pass for the resident’s unit, once per update, and stores no request for it', async () => {
    const command = async (chatId: number, text: string, id = ++updateId) => {
      const answer = await webhook({
        update_id: id,
        message: {
          message_id: id,
          date: Math.floor(Date.now() / 1000),
          chat: { id: chatId, type: 'private', first_name: 'Resident' },
          from: { id: chatId, is_bot: false, first_name: 'Resident' },
          text,
        },
      });
      return { answer, id };
    };
    const passes = async () =>
      (
        await pool.query<{ data: Record<string, unknown> }>(
          "SELECT data FROM eventstore.events WHERE stream_id LIKE 'pass-%' AND event_type = 'PassCreated' ORDER BY global_position",
        )
      ).rows.map((r) => r.data);

    // Ivan holds one unit: the pass is for it. Telegram redelivers the update: still one pass.
    const ivan = await command(7003, '/pass Pyotr Ivanov');
    expect(ivan.answer).toMatchObject({
      method: 'sendMessage',
      chat_id: 7003,
      text: expect.stringMatching(/^Pass ordered: Pyotr Ivanov, Old Town, Building 1, 7, until /),
    });
    await command(7003, '/pass Pyotr Ivanov', ivan.id);
    expect(await passes()).toEqual([
      expect.objectContaining({
        unitId: IVAN.apartment,
        siteSlug: 'old-town',
        visitorName: 'Pyotr Ivanov',
        kind: 'one-time',
        issuedAs: 'Resident',
        residentPhone: `+${IVAN.phone}`,
      }),
    ]);
    const stored = await pool.query("SELECT 1 FROM intake_messages WHERE channel = 'telegram' AND message_id = $1", [String(ivan.id)]);
    expect(stored.rowCount).toBe(0);

    // Anna holds two: the bot lists them, and the number picks one.
    expect((await command(7001, '/pass Olga')).answer).toMatchObject({
      text: expect.stringContaining('1. River Park, Building 2, 45\n2. River Park, Building 2, P-12'),
    });
    expect((await command(7001, '/pass 2 А123ВС77')).answer).toMatchObject({
      text: expect.stringMatching(/^Pass ordered: А123ВС77, River Park, Building 2, P-12/),
    });
    expect((await passes()).map((p) => [p.unitId, p.visitorName ?? p.plate])).toEqual([
      [IVAN.apartment, 'Pyotr Ivanov'],
      [ANNA.parking, 'А123ВС77'],
    ]);

    // A chat that never shared its number, and a command with nobody to let in.
    expect((await command(7009, '/pass Olga')).answer).toMatchObject({ text: expect.stringMatching(/^Please share your phone number first/) });
    expect((await command(7001, '/pass')).answer).toMatchObject({ text: expect.stringMatching(/^To order a pass, send \/pass/) });
    expect(await passes()).toHaveLength(2);
  });

  it('fails the update when the client cannot be looked up, so Telegram delivers it again, and orders one pass then', async () => {
    const id = ++updateId;
    const body = JSON.stringify({
      update_id: id,
      message: {
        message_id: id,
        date: Math.floor(Date.now() / 1000),
        chat: { id: 7003, type: 'private', first_name: 'Ivan' },
        from: { id: 7003, is_bot: false, first_name: 'Ivan' },
        text: '/pass Maria Sidorova',
      },
    });
    const deliver = () =>
      fetch(`${(app as AppProcess).url}/channels/telegram/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': webhookSecret },
        body,
      });
    const ordered = async () =>
      (
        await pool.query(
          "SELECT 1 FROM eventstore.events WHERE stream_id LIKE 'pass-%' AND event_type = 'PassCreated' AND data->>'visitorName' = 'Maria Sidorova'",
        )
      ).rowCount;
    // The clients' table is unreachable for a moment (a failover, a dropped connection).
    await pool.query('ALTER TABLE customers_clients RENAME TO customers_clients_away');
    let failed: Response;
    try {
      failed = await deliver();
    } finally {
      await pool.query('ALTER TABLE customers_clients_away RENAME TO customers_clients');
    }
    expect(failed.status).toBeGreaterThanOrEqual(500);
    expect(await failed.text()).not.toContain('share your phone number');
    expect(await ordered()).toBe(0);

    // Telegram delivers the update again, and once more (the answer was lost): one pass.
    for (const attempt of [1, 2]) {
      const again = await deliver();
      expect([attempt, again.status]).toEqual([attempt, 200]);
      expect((await again.json()) as { text: string }).toMatchObject({
        text: expect.stringMatching(/^Pass ordered: Maria Sidorova, Old Town, Building 1, 7, until /),
      });
    }
    expect(await ordered()).toBe(1);
  });

  it('refuses to move a request someone works to a unit at another site, and says so', async () => {
    // Anna now also rents at Old Town; her second request (River Park, 45) is assigned to an operator.
    const office = await staff('client.service');
    const today = new Date().toISOString().slice(0, 10);
    const rented = await office('POST', `/units/${IVAN.apartment}/residents`, { clientId: ANNA_CLIENT, relation: 'tenant', from: today });
    expect(rented.status).toBe(201);
    const manager = await staff('hd.manager.north');
    const assigned = await manager(
      'POST',
      `/requests/${annaSecond}/assign`,
      { assigneeId: 'hd.user.north' },
      { 'if-match': `"${String(await revisionOf(manager, annaSecond))}"`, 'idempotency-key': crypto.randomUUID() },
    );
    expect(assigned.status).toBe(202);

    // A button naming the Old Town unit under an old question of that request.
    const answer = await press(7001, unitCallbackData(annaSecond, IVAN.apartment));
    expect(answer).toMatchObject({
      method: 'answerCallbackQuery',
      text: 'Sorry, this choice is no longer possible: your request is already being worked on at the other premises. Please write to us here if it is about this one.',
    });
    expect((await unitEvents(annaSecond)).map((e) => [e.unitId, e.siteSlug])).toEqual([[ANNA.apartment, 'river-park']]);

    // Within its site the resident may still correct it: the parking space.
    expect(await press(7001, unitCallbackData(annaSecond, ANNA.parking))).toMatchObject({ text: 'Thank you! Noted: River Park, Building 2, P-12.' });
    expect((await unitEvents(annaSecond)).map((e) => e.unitId)).toEqual([ANNA.apartment, ANNA.parking]);
  });
});
