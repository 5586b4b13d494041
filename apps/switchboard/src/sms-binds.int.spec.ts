import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import { CoreModule, EVENT_STORE, PG_POOL, applyMigrations } from '@switchboard/app-runtime';
import { LocalSmsc } from '@switchboard/channel-sms/testing';
import type { EventStore } from '@switchboard/eventstore';
import { SMPP_COMMUNICATION_SENDER, SMPP_OUTBOUND_SENDER, SmppModule } from '@switchboard/gateway';
import { NotifierModule } from '@switchboard/notifier';
import { MetricsRegistry, loadConfig } from '@switchboard/platform';
import { createTestDatabase, freePort } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import { ExecuteRequestCommand } from '@switchboard/service-desk';

/**
 * Which process binds to the SMSC how: a notifier on its own binds as a transmitter (it sends and
 * never takes an inbound SMS); `switchboard start` keeps the gateway's one transceiver bind and
 * sends the outbox's SMS through it.
 */
describe('SMPP binds per role', () => {
  let db: TestDatabase;
  let smsc: LocalSmsc;
  let app: INestApplication | undefined;
  let phones = 0;
  const nextPhone = (): string => `7917${String(process.pid % 1000).padStart(3, '0')}${String(phones++).padStart(4, '0')}`;

  async function start(...modules: (Type<unknown> | DynamicModule)[]): Promise<INestApplication> {
    const config = loadConfig(
      { DATABASE_URL: db.url, SMPP_URL: smsc.url, SMPP_ENQUIRE_LINK_SECONDS: '1', OUTBOX_RETRY_BASE_MS: '50' },
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
        ...modules,
      ],
    })
    class RolesTestModule {}
    const started = await NestFactory.create(RolesTestModule, { logger: ['error'] });
    await applyMigrations(started.get(MikroORM), started.get<Pool>(PG_POOL));
    await started.init();
    return started;
  }

  async function typesIn(store: EventStore, requestId: string): Promise<string[]> {
    const types: string[] = [];
    for await (const event of store.readStream(`request-${requestId}`)) types.push(event.type);
    return types;
  }

  async function messagesFrom(store: EventStore, phone: string): Promise<string[]> {
    const found: string[] = [];
    for await (const event of store.readAll({ filter: { eventTypes: ['MessageReceived'] } })) {
      const data = event.data as { messageId: string; text: string };
      if (data.messageId.includes(`+${phone}:`)) found.push(data.text);
    }
    return found;
  }

  async function until(what: string, probe: () => Promise<boolean> | boolean, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await probe())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** An operator's reply to an SMS contact, out through whichever bind the process has. */
  async function replyBySms(running: INestApplication, text: string): Promise<{ requestId: string; phone: string }> {
    const requestId = randomUUID();
    const phone = nextPhone();
    const execute = (command: ConstructorParameters<typeof ExecuteRequestCommand>[1]) =>
      running.get(CommandBus).execute(new ExecuteRequestCommand(requestId, command, { commandId: randomUUID(), origin: 'system' }));
    await execute({ type: 'RegisterRequest', requestId, contact: { channel: 'sms', address: `+${phone}` }, by: 'channel:sms', now: new Date() });
    await execute({ type: 'SendReply', replyId: randomUUID(), text, by: 'operator-1', now: new Date() });
    return { requestId, phone };
  }

  beforeAll(async () => {
    db = await createTestDatabase('sms_binds');
    smsc = await LocalSmsc.start(await freePort());
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
    await smsc.restart();
  });

  afterAll(async () => {
    await smsc?.stop();
    await db?.drop();
  });

  it('binds a notifier alone as a transmitter: it sends SMS replies and never receives an SMS', async () => {
    app = await start(NotifierModule.forRoot());
    await smsc.whenBound();
    expect(smsc.bindKinds).toEqual(['bind_transmitter']);
    const store = app.get<EventStore>(EVENT_STORE);

    const { requestId, phone } = await replyBySms(app, 'Your router is being replaced.');
    await until('the reply to go out and be recorded', async () => (await typesIn(store, requestId)).includes('OutboundSent'));
    expect(smsc.submitted.filter((s) => s.destination === phone).map((s) => s.text)).toEqual(['Your router is being replaced.']);

    // An SMS from a customer is never offered to this bind: it waits for a receiving one.
    const sender = nextPhone();
    let answered = false;
    void smsc.deliver({ source: sender, text: 'hello?' }).then(() => (answered = true));
    await new Promise((r) => setTimeout(r, 1_500));
    expect(answered).toBe(false);
    expect(smsc.unanswered).toBe(1);
    expect(await messagesFrom(store, sender)).toEqual([]);
  });

  it("shares the gateway's transceiver bind with the outbox in the all-in-one composition", async () => {
    const before = smsc.bindKinds.length;
    app = await start(
      SmppModule,
      NotifierModule.forRoot({
        sms: { module: SmppModule, token: SMPP_OUTBOUND_SENDER },
        communicationSms: { module: SmppModule, token: SMPP_COMMUNICATION_SENDER },
      }),
    );
    await smsc.whenBound();
    const store = app.get<EventStore>(EVENT_STORE);
    // The SMS left waiting by the transmitter in the test before arrives here.
    await until('the waiting SMS to be stored', () => smsc.unanswered === 0);
    const { requestId, phone } = await replyBySms(app, 'Fixed.');
    await until('the reply to go out', async () => (await typesIn(store, requestId)).includes('OutboundSent'));
    expect(smsc.submitted.filter((s) => s.destination === phone).map((s) => s.text)).toEqual(['Fixed.']);
    expect(smsc.bindKinds.slice(before)).toEqual(['bind_transceiver']);
  });
});
