import { randomBytes, randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MikroORM } from '@mikro-orm/postgresql';
import { connect } from 'amqplib';
import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import type { Pool } from 'pg';
import { INTEGRATION_EVENTS_PROCESSOR } from '@switchboard/channel-esb';
import type { EventStore } from '@switchboard/eventstore';
import { readProcessorCheckpoint } from '@switchboard/eventstore/processing';
import { MetricsRegistry, loadConfig } from '@switchboard/platform';
import { createTestDatabase, recordSkip } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import { CoreModule } from '../core.module';
import { EVENT_STORE, PG_POOL } from '../database/database.tokens';
import { applyMigrations } from '../database/migrations';
import { IntegrationEventsModule } from './integration-events.module';

const amqpUrl = process.env.AMQP_URL;
if (!amqpUrl) recordSkip('integration events over RabbitMQ', 'AMQP_URL not set: run scripts/test-services/provision.sh');
const describeWithRabbit = amqpUrl ? describe : describe.skip;

describeWithRabbit('integration events published to the ESB', () => {
  const exchange = `sb-test-${process.pid}-${randomBytes(3).toString('hex')}.events`;
  const queue = `${exchange}.all`;
  let db: TestDatabase;
  let broker: ChannelModel;
  let consumer: Channel;
  const received: ConsumeMessage[] = [];
  const at = '2026-11-25T10:00:00.000Z';

  async function startNotifier(): Promise<INestApplicationContext> {
    const config = loadConfig({ DATABASE_URL: db.url, AMQP_URL: amqpUrl ?? '', ESB_EVENTS_EXCHANGE: exchange }, { httpPort: 1, allowsEmbeddedDatabase: false });
    @Module({
      imports: [
        CoreModule.forRoot({
          role: { name: 'test', dependencies: [] },
          config,
          databaseUrl: db.url,
          identityBaseUrl: 'http://127.0.0.1:1/dev-idp',
          metrics: new MetricsRegistry('test'),
        }),
        IntegrationEventsModule,
      ],
    })
    class PublisherTestModule {}
    const app = await NestFactory.create(PublisherTestModule, { logger: ['error'] });
    await applyMigrations(app.get(MikroORM), app.get<Pool>(PG_POOL));
    await app.init();
    return app;
  }

  async function until(count: number, timeoutMs = 10_000): Promise<ConsumeMessage[]> {
    const deadline = Date.now() + timeoutMs;
    while (received.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    return received;
  }

  async function appendRequestLife(store: EventStore): Promise<string[]> {
    const requestId = randomUUID();
    const incidentId = randomUUID();
    const ids = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await store.append(`request-${requestId}`, [
      { id: ids[0], type: 'RequestRegistered', data: { requestId, by: 'channel:esb', at, contact: { channel: 'esb', address: 'crm:+79160000000' } } },
      {
        id: randomUUID(),
        type: 'MessageReceived',
        data: { requestId, by: 'channel:esb', at, messageId: 'm', channel: 'esb', text: 'x', attachments: [], receivedAt: at },
      },
      {
        id: ids[1],
        type: 'RequestEscalated',
        data: { requestId, by: 'u', at, incidentId, serviceCode: 1001, transition: { from: 'IN_PROGRESS', to: 'ESCALATED' } },
      },
    ]);
    await store.append(`incident-${incidentId}`, [
      { id: ids[2], type: 'IncidentOpened', data: { incidentId, requestId, by: 'system', at, serviceCode: 1001, workGroupCode: 7 } },
    ]);
    await store.append(`request-${requestId}`, [
      {
        id: ids[3],
        type: 'RequestClosed',
        data: { requestId, by: 'system', at, reason: 'incident closed', incidentId, transition: { from: 'ESCALATED', to: 'CLOSED' } },
      },
    ]);
    return ids;
  }

  beforeAll(async () => {
    db = await createTestDatabase('integration_events');
    broker = await connect(amqpUrl ?? '');
    consumer = await broker.createChannel();
    await consumer.assertExchange(exchange, 'topic', { durable: true });
    await consumer.assertQueue(queue, { durable: false, autoDelete: true });
    await consumer.bindQueue(queue, exchange, '#');
    await consumer.consume(queue, (message) => message && received.push(message), { noAck: true });
  }, 60_000);

  afterAll(async () => {
    if (broker) {
      await consumer.deleteQueue(queue).catch(() => undefined);
      await consumer.deleteExchange(exchange).catch(() => undefined);
      await broker.close();
    }
    await db?.drop();
  });

  it('publishes registrations, escalations, closures and incident states with the event id as message-id, and checkpoints them', async () => {
    const notifier = await startNotifier();
    try {
      const store = notifier.get<EventStore>(EVENT_STORE);
      const ids = await appendRequestLife(store);
      const messages = await until(4);
      expect(messages.map((m) => [m.fields.routingKey, m.properties.messageId])).toEqual([
        ['request.registered', ids[0]],
        ['request.escalated', ids[1]],
        ['incident.new', ids[2]],
        ['request.closed', ids[3]],
      ]);
      expect(messages.every((m) => m.properties.deliveryMode === 2 && m.properties.contentType === 'application/json')).toBe(true);
      expect(JSON.parse(messages[0].content.toString())).toMatchObject({
        eventId: ids[0],
        type: 'request.registered',
        data: { channel: 'esb', contactAddress: 'crm:+79160000000' },
      });
      let lastPosition: string | undefined;
      for await (const event of store.readAll()) lastPosition = event.position;
      const saved = async () => (await readProcessorCheckpoint(notifier.get<Pool>(PG_POOL), INTEGRATION_EVENTS_PROCESSOR))?.position;
      const deadline = Date.now() + 5_000;
      while ((await saved()) !== lastPosition && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(await saved()).toBe(lastPosition);
    } finally {
      await notifier.close();
    }
  });

  it('resumes after a restart from its checkpoint without publishing the confirmed events again', async () => {
    received.length = 0;
    const notifier = await startNotifier();
    try {
      const ids = await appendRequestLife(notifier.get<EventStore>(EVENT_STORE));
      const messages = await until(4);
      await new Promise((r) => setTimeout(r, 300));
      expect(messages.map((m) => m.properties.messageId)).toEqual(ids);
    } finally {
      await notifier.close();
    }
  });

  it('publishes a problem opened and closed as problem.opened and problem.closed, not its links', async () => {
    received.length = 0;
    const notifier = await startNotifier();
    try {
      const problemId = randomUUID();
      const ids = [randomUUID(), randomUUID(), randomUUID()];
      await notifier.get<EventStore>(EVENT_STORE).append(`problem-${problemId}`, [
        { id: ids[0], type: 'ProblemOpened', data: { problemId, by: 'system:problem-detection', at, serviceCode: 1001, title: 'Outage', origin: 'automatic' } },
        { id: ids[1], type: 'ProblemRequestsLinked', data: { problemId, by: 'u', at, requestIds: [randomUUID()] } },
        {
          id: ids[2],
          type: 'ProblemClosed',
          data: { problemId, by: 'u', at, serviceCode: 1001, resolution: 'spliced', transition: { from: 'OPEN', to: 'CLOSED' } },
        },
      ]);
      const messages = await until(2);
      await new Promise((r) => setTimeout(r, 300));
      expect(received.map((m) => [m.fields.routingKey, m.properties.messageId])).toEqual([
        ['problem.opened', ids[0]],
        ['problem.closed', ids[2]],
      ]);
      expect(JSON.parse(messages[1].content.toString())).toMatchObject({ type: 'problem.closed', data: { problemId, state: 'CLOSED', resolution: 'spliced' } });
    } finally {
      await notifier.close();
    }
  });
});
