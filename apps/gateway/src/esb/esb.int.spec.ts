import { randomBytes, randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MikroORM } from '@mikro-orm/postgresql';
import { connect } from 'amqplib';
import type { ChannelModel, ConfirmChannel, GetMessage } from 'amqplib';
import { Client } from 'pg';
import type { Pool } from 'pg';
import { CoreModule, EVENT_STORE, IntakeModule, PG_POOL, applyMigrations } from '@switchboard/app-runtime';
import { EsbIntakeConsumer, deadLetterQueueOf } from '@switchboard/channel-esb';
import type { EsbTopology } from '@switchboard/channel-esb';
import type { EventStore } from '@switchboard/eventstore';
import { MetricsRegistry, loadConfig } from '@switchboard/platform';
import { createTestDatabase, recordSkip } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import { ContactIntake } from '@switchboard/service-desk';
import type { InboundContact } from '@switchboard/service-desk';
import { EsbModule } from './esb.module';

const amqpUrl = process.env.AMQP_URL;
if (!amqpUrl) recordSkip('ESB over RabbitMQ', 'AMQP_URL not set: run scripts/test-services/provision.sh');
const describeWithRabbit = amqpUrl ? describe : describe.skip;

describeWithRabbit('ESB intake over RabbitMQ', () => {
  // Names of this run only: parallel runs on one broker never see each other's messages.
  const prefix = `sb-test-${process.pid}-${randomBytes(3).toString('hex')}`;
  const topology: EsbTopology = { intakeQueue: `${prefix}.intake`, deadLetterExchange: `${prefix}.intake.dlx`, deliveryLimit: 3 };
  const url = amqpUrl ?? '';
  let db: TestDatabase;
  let app: INestApplication;
  let store: EventStore;
  let broker: ChannelModel;
  let publisher: ConfirmChannel;

  const contactBody = (phone: string, text: string) => ({
    source: 'crm',
    client: { phone, firstName: 'Anna', lastName: 'Smirnova', email: 'anna@example.com' },
    subject: 'Router',
    body: text,
    occurredAt: '2026-11-25T10:00:00Z',
  });

  async function publish(body: unknown, messageId?: string): Promise<void> {
    const content = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    publisher.sendToQueue(topology.intakeQueue, content, { persistent: true, contentType: 'application/json', ...(messageId ? { messageId } : {}) });
    await publisher.waitForConfirms();
  }

  async function messagesWithIds(ids: readonly string[]): Promise<{ messageId: string; channel: string; requestId: string }[]> {
    const wanted = new Set(ids);
    const found: { messageId: string; channel: string; requestId: string }[] = [];
    for await (const event of store.readAll({ filter: { eventTypes: ['MessageReceived'] } })) {
      const data = event.data as { messageId: string; channel: string; requestId: string };
      if (wanted.has(data.messageId)) found.push(data);
    }
    return found;
  }

  async function eventually<T>(probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (accept(value) || Date.now() > deadline) return value;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async function deadLetters(count: number): Promise<GetMessage[]> {
    const letters: GetMessage[] = [];
    const deadline = Date.now() + 10_000;
    while (letters.length < count && Date.now() < deadline) {
      const letter = await publisher.get(deadLetterQueueOf(topology), { noAck: true });
      if (letter) letters.push(letter);
      else await new Promise((r) => setTimeout(r, 100));
    }
    return letters;
  }

  const queueDepth = async (): Promise<number> => (await publisher.checkQueue(topology.intakeQueue)).messageCount;

  beforeAll(async () => {
    db = await createTestDatabase('esb');
    const config = loadConfig(
      {
        DATABASE_URL: db.url,
        AMQP_URL: url,
        ESB_INTAKE_QUEUE: topology.intakeQueue,
        ESB_DEAD_LETTER_EXCHANGE: topology.deadLetterExchange,
        ESB_DELIVERY_LIMIT: String(topology.deliveryLimit),
        ESB_PREFETCH: '16',
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
        EsbModule,
      ],
    })
    class EsbTestModule {}
    app = await NestFactory.create(EsbTestModule, { logger: ['error'] });
    await applyMigrations(app.get(MikroORM), app.get<Pool>(PG_POOL));
    await app.init();
    store = app.get<EventStore>(EVENT_STORE);
    broker = await connect(url);
    broker.on('error', () => undefined);
    publisher = await broker.createConfirmChannel();
    // The module's consumer declares the topology; wait until it has (a failed check closes its channel).
    const queueExists = async (): Promise<boolean> => {
      const probe = await broker.createChannel();
      probe.on('error', () => undefined);
      const exists = await probe.checkQueue(topology.intakeQueue).then(
        () => true,
        () => false,
      );
      if (exists) await probe.close();
      return exists;
    };
    await eventually(queueExists, (ok) => ok);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    if (broker) {
      const cleanup = await broker.createChannel();
      await cleanup.deleteQueue(topology.intakeQueue).catch(() => undefined);
      await cleanup.deleteQueue(deadLetterQueueOf(topology)).catch(() => undefined);
      await cleanup.deleteExchange(topology.deadLetterExchange).catch(() => undefined);
      await broker.close();
    }
    await db?.drop();
  });

  it('stores a valid contact in a request on the esb channel, linked to the client, and acknowledges it', async () => {
    const id = randomUUID();
    await publish(contactBody('+7 916 555-00-01', 'The router blinks red'), id);
    const [stored] = await eventually(
      () => messagesWithIds([id]),
      (found) => found.length > 0,
    );
    expect(stored).toMatchObject({ messageId: id, channel: 'esb' });
    const stream: { type: string; data: Record<string, unknown> }[] = [];
    for await (const event of store.readStream(`request-${stored.requestId}`)) stream.push({ type: event.type, data: event.data as Record<string, unknown> });
    expect(stream[0].data).toMatchObject({
      contact: { channel: 'esb', address: 'crm:+79165550001', displayName: 'Anna Smirnova' },
      subject: 'Router',
      clientId: expect.any(String),
    });
    expect(await eventually(queueDepth, (n) => n === 0)).toBe(0);
  });

  it('stores a message delivered twice with the same message-id once', async () => {
    const id = randomUUID();
    await publish(contactBody('+7 916 555-00-02', 'Twice'), id);
    await publish(contactBody('+7 916 555-00-02', 'Twice'), id);
    await eventually(queueDepth, (n) => n === 0);
    await new Promise((r) => setTimeout(r, 300));
    expect(await messagesWithIds([id])).toHaveLength(1);
  });

  it('sends invalid messages to the dead-letter exchange with the precise reason, and keeps taking valid ones', async () => {
    const noId = randomUUID();
    await publish(contactBody('+7 916 555-00-03', 'no id'));
    await publish('{"source": "crm", ', `broken-${noId}`);
    await publish({ ...contactBody('not a phone', 'x'), occurredAt: 'yesterday' }, `invalid-${noId}`);
    const valid = randomUUID();
    await publish(contactBody('+7 916 555-00-03', 'valid after the invalid ones'), valid);
    const letters = await deadLetters(3);
    const reasons = letters.map((l) => String(l.properties.headers?.['x-switchboard-error']));
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^message-id: the AMQP message-id property is required/),
        expect.stringMatching(/^body: not JSON/),
        'occurredAt: must be an ISO-8601 date-time with a time zone',
      ]),
    );
    expect(letters.find((l) => l.properties.messageId === `broken-${noId}`)?.content.toString()).toBe('{"source": "crm", ');
    expect(
      await eventually(
        () => messagesWithIds([valid]),
        (found) => found.length === 1,
      ),
    ).toHaveLength(1);
    expect(await eventually(queueDepth, (n) => n === 0)).toBe(0);
  });

  it('stores a message whose consumer died before acknowledging it once, from its redelivery', async () => {
    const received: string[] = [];
    // From here on the test drives consumers itself: the module's own consumer goes away.
    await app.close();
    app = await NestFactory.create(
      (() => {
        const config = loadConfig({ DATABASE_URL: db.url }, { httpPort: 1, allowsEmbeddedDatabase: false });
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
          ],
        })
        class IntakeOnlyModule {}
        return IntakeOnlyModule;
      })(),
      { logger: ['error'] },
    );
    await app.init();
    store = app.get<EventStore>(EVENT_STORE);
    const liveIntake = app.get(ContactIntake);
    const countingLive = (name: string) => ({
      receive: (contact: InboundContact) => {
        received.push(name);
        return liveIntake.receive(contact);
      },
    });
    const dying = new EsbIntakeConsumer({ url, topology, prefetch: 4, intake: countingLive('dying'), drainMs: 0 });
    const blocker = new Client({ connectionString: db.url });
    await blocker.connect();
    const id = randomUUID();
    try {
      // Storing blocks, so the first consumer holds the message unacknowledged when it dies.
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE intake_messages IN ACCESS EXCLUSIVE MODE');
      dying.start();
      await dying.whenConsuming();
      await publish(contactBody('+7 916 555-00-04', 'Killed before the ack'), id);
      await eventually(
        async () => received.length,
        (n) => n === 1,
      );
      await dying.stop();
      const survivor = new EsbIntakeConsumer({ url, topology, prefetch: 4, intake: countingLive('survivor') });
      survivor.start();
      await eventually(
        async () => received.length,
        (n) => n === 2,
      );
      await blocker.query('COMMIT');
      expect(await eventually(queueDepth, (n) => n === 0)).toBe(0);
      await survivor.stop();
      expect(received).toEqual(['dying', 'survivor']);
      expect(await messagesWithIds([id])).toHaveLength(1);
      // Nothing left unacknowledged: with no consumer attached, the queue stays empty.
      expect(await eventually(queueDepth, (n) => n === 0, 3_000)).toBe(0);
    } finally {
      await blocker.end();
    }
  });

  it('dead-letters a message it could not store within the delivery limit, saying why', async () => {
    const failing = new EsbIntakeConsumer({
      url,
      topology,
      prefetch: 1,
      intake: { receive: () => Promise.reject(new Error('database unavailable')) },
      storeRetry: { attempts: 1, baseMs: 1, maxMs: 1 },
    });
    failing.start();
    await failing.whenConsuming();
    const id = randomUUID();
    await publish(contactBody('+7 916 555-00-05', 'never stored'), id);
    const [letter] = await deadLetters(1);
    await failing.stop();
    expect(letter.properties.messageId).toBe(id);
    expect(letter.properties.headers?.['x-switchboard-error']).toBe('not stored after 3 deliveries: database unavailable');
  });
});
