// Finding: a NUL (\u0000) or half a surrogate pair in a contact made PostgreSQL refuse it, the
// gateway answered 5xx, and the sender redelivered it forever. Each channel now drops those
// characters and stores the rest.
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { connect } from 'amqplib';
import type { ChannelModel, ConfirmChannel } from 'amqplib';
import { Pool } from 'pg';
import { LocalSmsc } from '@switchboard/channel-sms/testing';
import { PostgresEventStore } from '@switchboard/eventstore';
import { createTestDatabase, freePort, recordSkip, startAppProcess } from '@switchboard/platform/testing';
import type { AppProcess, TestDatabase } from '@switchboard/platform/testing';
import { requestStreamId } from '@switchboard/service-desk/domain';

const amqpUrl = process.env.AMQP_URL;
if (!amqpUrl) recordSkip('unstorable characters over the ESB', 'AMQP_URL not set: run scripts/test-services/provision.sh');
const itWithRabbit = amqpUrl ? it : it.skip;

const telegramSecret = 'unstorable-telegram-secret';
const smsSecret = 'unstorable-sms-webhook-secret';
const UCS2 = 0x08;
const ucs2 = (text: string): Buffer => Buffer.from(text, 'utf16le').swap16();

interface Stored {
  readonly type: string;
  readonly data: Record<string, unknown>;
}

describe('contacts with NUL or half a surrogate pair, through a running gateway', () => {
  const prefix = `sb-unstorable-${process.pid}-${randomBytes(3).toString('hex')}`;
  const intakeQueue = `${prefix}.intake`;
  const deadLetterExchange = `${prefix}.intake.dlx`;
  let db: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  let smsc: LocalSmsc;
  let gateway: AppProcess;
  let broker: ChannelModel | undefined;
  let publisher: ConfirmChannel | undefined;

  async function requestOf(channel: string, messageId: string): Promise<string | undefined> {
    const { rows } = await pool.query<{ request_id: string }>('SELECT request_id FROM intake_messages WHERE channel = $1 AND message_id = $2', [
      channel,
      messageId,
    ]);
    return rows[0]?.request_id;
  }

  async function eventsOf(requestId: string): Promise<Stored[]> {
    const events: Stored[] = [];
    for await (const e of store.readStream(requestStreamId(requestId))) events.push({ type: e.type, data: e.data as Record<string, unknown> });
    return events;
  }

  async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase('unstorable_e2e');
    smsc = await LocalSmsc.start(await freePort());
    gateway = startAppProcess({
      entry: 'dist/apps/gateway/src/main.js',
      port: await freePort(),
      env: {
        DATABASE_URL: db.url,
        TELEGRAM_WEBHOOK_SECRET: telegramSecret,
        SMS_WEBHOOK_SECRET: smsSecret,
        SMPP_URL: smsc.url,
        ...(amqpUrl ? { AMQP_URL: amqpUrl, ESB_INTAKE_QUEUE: intakeQueue, ESB_DEAD_LETTER_EXCHANGE: deadLetterExchange } : {}),
      },
    });
    await gateway.waitForOutput(/Switchboard gateway is ready/, 90_000);
    pool = new Pool({ connectionString: db.url, max: 2 });
    pool.on('error', () => undefined);
    store = new PostgresEventStore(db.url);
    if (amqpUrl) {
      broker = await connect(amqpUrl);
      broker.on('error', () => undefined);
      publisher = await broker.createConfirmChannel();
    }
    await smsc.whenBound();
  }, 120_000);

  afterAll(async () => {
    await gateway?.stop();
    await smsc?.stop();
    if (broker) {
      const cleanup = await broker.createChannel();
      await cleanup.deleteQueue(intakeQueue).catch(() => undefined);
      await cleanup.deleteQueue(`${intakeQueue}.dead`).catch(() => undefined);
      await cleanup.deleteExchange(deadLetterExchange).catch(() => undefined);
      await broker.close();
    }
    await store?.close();
    await pool?.end();
    await db?.drop();
  });

  it("Telegram: answers 200 and keeps the text, the caption and the sender's name without them", async () => {
    const person = { id: 6001, is_bot: false, first_name: 'Iv\u0000an', last_name: 'Pe\ud800trov' };
    const post = (body: object) =>
      fetch(`${gateway.url}/channels/telegram/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': telegramSecret },
        body: JSON.stringify(body),
      });
    const text = {
      update_id: 880_001,
      message: { message_id: 1, date: 1764064800, from: person, chat: { ...person, type: 'private' }, text: 'router\u0000 is down \udc00📡' },
    };
    expect((await post(text)).status).toBe(200);
    const photo = {
      update_id: 880_002,
      message: {
        message_id: 2,
        date: 1764064801,
        from: person,
        chat: { ...person, type: 'private' },
        photo: [{ file_id: 'AgAC\u0000large', width: 1280, height: 960 }],
        caption: 'the \u0000lights\ud83d',
      },
    };
    expect((await post(photo)).status).toBe(200);

    const events = await eventsOf((await requestOf('telegram', '880001')) as string);
    expect(events[0].data.contact).toEqual({ channel: 'telegram', address: '6001', displayName: 'Ivan Petrov' });
    expect(events[1].data).toMatchObject({ text: 'router is down 📡' });
    const captioned = (await eventsOf((await requestOf('telegram', '880002')) as string)).find(
      (e) => e.type === 'MessageReceived' && e.data.messageId === '880002',
    );
    expect(captioned?.data).toMatchObject({ text: 'the lights', attachments: [{ kind: 'photo', fileId: 'AgAClarge' }] });
  });

  it('SMS webhook: answers 200 and stores the message without them', async () => {
    const body = JSON.stringify({
      messageId: 'gw-nul\u0000-1',
      from: '+79035550111',
      to: '+74950000000',
      text: 'Нет\u0000 интернета\udc00',
      receivedAt: '2026-11-25T10:00:00Z',
    });
    const response = await fetch(`${gateway.url}/channels/sms/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature': `sha256=${createHmac('sha256', smsSecret).update(body).digest('hex')}` },
      body,
    });
    expect(response.status).toBe(200);
    const events = await eventsOf((await requestOf('sms', 'http:gw-nul-1')) as string);
    expect(events[1].data).toMatchObject({ messageId: 'http:gw-nul-1', text: 'Нет интернета' });
  });

  it('SMPP: acknowledges a UCS-2 deliver_sm holding U+0000 and half a surrogate pair, and stores the rest', async () => {
    const phone = `79035${String(process.pid % 100_000).padStart(6, '0')}`;
    expect(await smsc.deliver({ source: phone, shortMessage: ucs2('Нет\u0000 связи \ud83d'), dataCoding: UCS2 })).toBe(0);
    const { rows } = await pool.query<{ request_id: string }>(`SELECT request_id FROM intake_messages WHERE channel = 'sms' AND message_id LIKE $1`, [
      `%+${phone}%`,
    ]);
    expect(rows).toHaveLength(1);
    expect((await eventsOf(rows[0].request_id))[1].data).toMatchObject({ channel: 'sms', text: 'Нет связи ' });
  });

  itWithRabbit('ESB: acknowledges the message, dead-letters nothing and stores the contact without them', async () => {
    const channel = publisher as ConfirmChannel;
    for (
      let i = 0;
      !(await channel.checkQueue(intakeQueue).then(
        () => true,
        () => false,
      ));
      i++
    ) {
      if (i > 200) throw new Error('the gateway never declared the intake queue');
      await new Promise((r) => setTimeout(r, 50));
    }
    const messageId = randomUUID();
    const body = {
      source: 'crm',
      client: { phone: '+79035550112', firstName: 'Iv\u0000an', lastName: 'Petrov\ud800' },
      subject: 'Sub\u0000ject',
      body: 'Счёт\u0000 не пришёл \udfff',
      occurredAt: '2026-11-25T10:00:00Z',
    };
    channel.sendToQueue(intakeQueue, Buffer.from(JSON.stringify(body)), { persistent: true, contentType: 'application/json', messageId: `${messageId}\u0000` });
    await channel.waitForConfirms();
    const requestId = await eventually(() => requestOf('esb', messageId), 'the ESB contact to be stored');
    const events = await eventsOf(requestId);
    expect(events[0].data).toMatchObject({ subject: 'Subject', contact: { channel: 'esb', address: 'crm:+79035550112', displayName: 'Ivan Petrov' } });
    expect(events[1].data).toMatchObject({ text: 'Счёт не пришёл' });
    expect((await channel.checkQueue(`${intakeQueue}.dead`)).messageCount).toBe(0);
  });
});
