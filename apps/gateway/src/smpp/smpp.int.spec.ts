import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import type { Pool } from 'pg';
import { CoreModule, EVENT_STORE, PG_POOL, applyMigrations } from '@switchboard/app-runtime';
import { smppSchema } from '@switchboard/channel-sms';
import { LocalSmsc } from '@switchboard/channel-sms/testing';
import type { EventStore } from '@switchboard/eventstore';
import { MetricsRegistry, loadConfig } from '@switchboard/platform';
import { createTestDatabase, freePort } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import { ContactIntake, ExecuteRequestCommand } from '@switchboard/service-desk';
import type { OutboundChannelSender } from '@switchboard/service-desk';
import { SMPP_OUTBOUND_SENDER, SmppModule } from './smpp.module';

const UDHI = 0x40;
const UCS2 = 0x08;
const gsm = (text: string): Buffer => Buffer.from(text, 'latin1');
const ucs2 = (text: string): Buffer => Buffer.from(text, 'utf16le').swap16();
const udh = (reference: number, total: number, seq: number): Buffer => Buffer.from([0x05, 0x00, 0x03, reference, total, seq]);

interface StoredMessage {
  readonly requestId: string;
  readonly messageId: string;
  readonly channel: string;
  readonly text: string;
}

describe('SMS over SMPP against a local SMSC', () => {
  let db: TestDatabase;
  let smsc: LocalSmsc;
  let app: INestApplication;
  let store: EventStore;
  let phoneCounter = 0;

  // A fresh sender per test: every test reads only its own messages.
  const nextPhone = (): string => `7916${String(process.pid % 1000).padStart(3, '0')}${String(phoneCounter++).padStart(4, '0')}`;

  async function startGateway(): Promise<INestApplication> {
    const config = loadConfig({ DATABASE_URL: db.url, SMPP_URL: smsc.url, SMPP_ENQUIRE_LINK_SECONDS: '1' }, { httpPort: 1, allowsEmbeddedDatabase: false });
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
      ],
    })
    class SmppTestModule {}
    const gateway = await NestFactory.create(SmppTestModule, { logger: ['error'] });
    const pool = gateway.get<Pool>(PG_POOL);
    await applyMigrations(gateway.get(MikroORM), pool);
    for (const statement of smppSchema) await pool.query(statement);
    await gateway.init();
    return gateway;
  }

  async function messagesFrom(phone: string): Promise<StoredMessage[]> {
    const found: StoredMessage[] = [];
    for await (const event of store.readAll({ filter: { eventTypes: ['MessageReceived'] } })) {
      const data = event.data as StoredMessage & { requestId: string };
      if (data.messageId.includes(`+${phone}:`)) found.push({ requestId: data.requestId, messageId: data.messageId, channel: data.channel, text: data.text });
    }
    return found;
  }

  async function eventsOf(requestId: string): Promise<{ type: string; data: Record<string, unknown> }[]> {
    const events: { type: string; data: Record<string, unknown> }[] = [];
    for await (const event of store.readStream(`request-${requestId}`)) events.push({ type: event.type, data: event.data as Record<string, unknown> });
    return events;
  }

  async function eventually<T>(probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (accept(value) || Date.now() > deadline) return value;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase('smpp');
    smsc = await LocalSmsc.start(await freePort(), {
      receiptFor: (submitted) => (submitted.destination.endsWith('0000') ? 'UNDELIV' : 'DELIVRD'),
    });
    app = await startGateway();
    store = app.get<EventStore>(EVENT_STORE);
    await smsc.whenBound();
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await smsc?.stop();
    await db?.drop();
  });

  it('reports the bind as the sms channel being connected, for the disconnect alert', async () => {
    // The SMSC sees the bind before the client has read the bind response.
    const connected = /switchboard_channel_connected\{channel="sms",app="test"\} 1/;
    let text = await app.get(MetricsRegistry).registry.metrics();
    for (let i = 0; i < 50 && !connected.test(text); i++) {
      await new Promise((r) => setTimeout(r, 100));
      text = await app.get(MetricsRegistry).registry.metrics();
    }
    expect(text).toMatch(connected);
  });

  it('stores a single SMS in a request on the sms channel, with the sender as E.164', async () => {
    const phone = nextPhone();
    expect(await smsc.deliver({ source: phone, shortMessage: gsm('My internet is down') })).toBe(0);
    const [message] = await messagesFrom(phone);
    expect(message).toMatchObject({ channel: 'sms', text: 'My internet is down' });
    const [registered] = await eventsOf(message.requestId);
    expect(registered.data.contact).toEqual({ channel: 'sms', address: `+${phone}` });
  });

  it('answers deliver_sm only after the message is stored', async () => {
    const phone = nextPhone();
    const blocker = new Client({ connectionString: db.url });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE intake_messages IN ACCESS EXCLUSIVE MODE');
      let answered = false;
      const delivery = smsc.deliver({ source: phone, shortMessage: gsm('stored first') }).then((status) => ((answered = true), status));
      await new Promise((r) => setTimeout(r, 700));
      // Storing is blocked, so an ack-then-store gateway would have answered by now.
      expect(answered).toBe(false);
      await blocker.query('COMMIT');
      expect(await delivery).toBe(0);
      expect(await messagesFrom(phone)).toHaveLength(1);
    } finally {
      await blocker.end();
    }
  });

  it('stores an SMS the SMSC resends (its answer was lost) once', async () => {
    const phone = nextPhone();
    expect(await smsc.deliver({ source: phone, shortMessage: gsm('Resent twice') })).toBe(0);
    expect(await smsc.deliver({ source: phone, shortMessage: gsm('Resent twice') })).toBe(0);
    expect(await smsc.deliver({ source: phone, shortMessage: gsm('Resent twice') })).toBe(0);
    expect((await messagesFrom(phone)).map((m) => m.text)).toEqual(['Resent twice']);
  });

  it('reassembles a long GSM message from UDH parts arriving out of order, answering each part', async () => {
    const phone = nextPhone();
    const parts = ['This is the first part of a long message, ', 'then the second part ', 'and the end.'];
    const statuses = await Promise.all(
      [3, 1, 2].map((seq) => smsc.deliver({ source: phone, esmClass: UDHI, shortMessage: Buffer.concat([udh(0x33, 3, seq), gsm(parts[seq - 1])]) })),
    );
    expect(statuses).toEqual([0, 0, 0]);
    const stored = await messagesFrom(phone);
    expect(stored.map((m) => m.text)).toEqual([parts.join('')]);
    expect(stored[0].messageId).toMatch(new RegExp(`^smpp:concat:\\+${phone}:51:3:`));
    // A resend of a part after the message was stored changes nothing.
    expect(await smsc.deliver({ source: phone, esmClass: UDHI, shortMessage: Buffer.concat([udh(0x33, 3, 2), gsm(parts[1])]) })).toBe(0);
    expect(await messagesFrom(phone)).toHaveLength(1);
  });

  it('decodes UCS-2, also across parts that split a surrogate pair', async () => {
    const phone = nextPhone();
    expect(await smsc.deliver({ source: phone, dataCoding: UCS2, shortMessage: ucs2('Здравствуйте, не работает интернет') })).toBe(0);
    const whole = ucs2('Счёт 😀 неверный');
    const cut = 12; // inside the surrogate pair of the emoji
    expect(await smsc.deliver({ source: phone, dataCoding: UCS2, esmClass: UDHI, shortMessage: Buffer.concat([udh(9, 2, 1), whole.subarray(0, cut)]) })).toBe(
      0,
    );
    expect(await smsc.deliver({ source: phone, dataCoding: UCS2, esmClass: UDHI, shortMessage: Buffer.concat([udh(9, 2, 2), whole.subarray(cut)]) })).toBe(0);
    expect((await messagesFrom(phone)).map((m) => m.text)).toEqual(['Здравствуйте, не работает интернет', 'Счёт 😀 неверный']);
  });

  it('keeps a stored part across a gateway restart and completes the message with the part that comes after', async () => {
    const phone = nextPhone();
    expect(await smsc.deliver({ source: phone, esmClass: UDHI, shortMessage: Buffer.concat([udh(0x77, 2, 1), gsm('Before the crash, ')]) })).toBe(0);
    await app.close();
    app = await startGateway();
    store = app.get<EventStore>(EVENT_STORE);
    await smsc.whenBound();
    expect(await smsc.deliver({ source: phone, esmClass: UDHI, shortMessage: Buffer.concat([udh(0x77, 2, 2), gsm('after the crash.')]) })).toBe(0);
    expect((await messagesFrom(phone)).map((m) => m.text)).toEqual(['Before the crash, after the crash.']);
  });

  it('refuses a sender that is not a phone number and a binary message, each with its own status', async () => {
    expect(await smsc.deliver({ source: 'BANK', sourceTon: 5, shortMessage: gsm('promo') })).toBe(0x000a);
    expect(await smsc.deliver({ source: nextPhone(), dataCoding: 0x04, shortMessage: Buffer.from([0xde, 0xad]) })).toBe(0x0104);
  });

  describe('replies', () => {
    async function requestWithReply(phone: string, text: string): Promise<{ requestId: string; replyId: string }> {
      const { requestId } = await app.get(ContactIntake).receive({
        channel: 'sms',
        messageId: `test:${randomUUID()}`,
        contact: { channel: 'sms', address: `+${phone}` },
        text: 'Hello',
        receivedAt: new Date(),
      });
      const replyId = randomUUID();
      await app
        .get(CommandBus)
        .execute(
          new ExecuteRequestCommand(
            requestId,
            { type: 'SendReply', replyId, text, by: 'operator-1', now: new Date() },
            { commandId: randomUUID(), origin: 'user' },
          ),
        );
      return { requestId, replyId };
    }

    const outcomes = async (requestId: string) => (await eventsOf(requestId)).filter((e) => e.type === 'OutboundDelivered' || e.type === 'OutboundFailed');

    it('submits a reply and records it delivered when the receipt says so', async () => {
      const phone = nextPhone();
      const { requestId, replyId } = await requestWithReply(phone, 'We are on it');
      const sender = app.get<OutboundChannelSender>(SMPP_OUTBOUND_SENDER);
      const receipt = await sender.send({ outboundId: replyId, requestId, contact: { channel: 'sms', address: `+${phone}` }, text: 'We are on it' });
      const submitted = smsc.submitted.filter((s) => s.destination === phone);
      expect(submitted).toMatchObject([{ text: 'We are on it', dataCoding: 0, registeredDelivery: 1 }]);
      expect(receipt.channelMessageId).toBe(submitted[0].messageId);
      const recorded = await eventually(
        () => outcomes(requestId),
        (e) => e.length > 0,
      );
      expect(recorded).toEqual([{ type: 'OutboundDelivered', data: expect.objectContaining({ outboundId: replyId }) }]);
    });

    it('submits a long Cyrillic reply as concatenated UCS-2 parts and records it delivered once every part is', async () => {
      const phone = nextPhone();
      const text = 'Мастер приедет завтра с 10 до 12. '.repeat(4);
      const { requestId, replyId } = await requestWithReply(phone, text);
      await app
        .get<OutboundChannelSender>(SMPP_OUTBOUND_SENDER)
        .send({ outboundId: replyId, requestId, contact: { channel: 'sms', address: `+${phone}` }, text });
      const submitted = smsc.submitted.filter((s) => s.destination === phone);
      expect(submitted.map((s) => [s.dataCoding, s.esmClass & UDHI])).toEqual([
        [UCS2, UDHI],
        [UCS2, UDHI],
        [UCS2, UDHI],
      ]);
      expect(submitted.map((s) => s.text).join('')).toBe(text);
      const recorded = await eventually(
        () => outcomes(requestId),
        (e) => e.length > 0,
      );
      expect(recorded.map((e) => e.type)).toEqual(['OutboundDelivered']);
    });

    it('records a reply failed with the SMSC state when the receipt says it was undeliverable', async () => {
      const phone = `7916${String(process.pid % 1000).padStart(3, '0')}0000`;
      const { requestId, replyId } = await requestWithReply(phone, 'Nobody home');
      await app
        .get<OutboundChannelSender>(SMPP_OUTBOUND_SENDER)
        .send({ outboundId: replyId, requestId, contact: { channel: 'sms', address: `+${phone}` }, text: 'Nobody home' });
      const recorded = await eventually(
        () => outcomes(requestId),
        (e) => e.length > 0,
      );
      expect(recorded).toEqual([
        { type: 'OutboundFailed', data: expect.objectContaining({ outboundId: replyId, reason: expect.stringMatching(/^SMSC receipt UNDELIV/) }) },
      ]);
    });

    it('does not submit a reply twice when the send is retried', async () => {
      const phone = nextPhone();
      const { requestId, replyId } = await requestWithReply(phone, 'Only once');
      const sender = app.get<OutboundChannelSender>(SMPP_OUTBOUND_SENDER);
      const message = { outboundId: replyId, requestId, contact: { channel: 'sms' as const, address: `+${phone}` }, text: 'Only once' };
      const first = await sender.send(message);
      const again = await sender.send(message);
      expect(again).toEqual(first);
      expect(smsc.submitted.filter((s) => s.destination === phone)).toHaveLength(1);
    });
  });

  describe('the bind', () => {
    it('rebinds after the SMSC restarts and takes messages again', async () => {
      const binds = smsc.binds;
      await smsc.restart(300);
      await eventually(
        async () => smsc.binds,
        (n) => n > binds && smsc.isBound,
        15_000,
      );
      const phone = nextPhone();
      expect(await smsc.deliver({ source: phone, shortMessage: gsm('After the restart') })).toBe(0);
      expect(await messagesFrom(phone)).toHaveLength(1);
    });

    it('drops a bind that stops answering enquire_link and binds again', async () => {
      const binds = smsc.binds;
      smsc.silenceCurrentBinds();
      await eventually(
        async () => smsc.binds,
        (n) => n > binds && smsc.isBound,
        15_000,
      );
      expect(smsc.binds).toBeGreaterThan(binds);
    });

    it('resends a message the gateway never answered once it is bound again', async () => {
      const phone = nextPhone();
      await app.close();
      const delivery = smsc.deliver({ source: phone, shortMessage: gsm('Sent while the gateway was down') });
      app = await startGateway();
      store = app.get<EventStore>(EVENT_STORE);
      expect(await delivery).toBe(0);
      expect(await messagesFrom(phone)).toHaveLength(1);
    });
  });
});
