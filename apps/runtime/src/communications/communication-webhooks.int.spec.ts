import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Module } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import { ApiKeys, Communications, WEBHOOK_STORE, verifyWebhookSignature } from '@switchboard/communications';
import type { ChannelSender, OutgoingCommunication, WebhookStore } from '@switchboard/communications';
import { PostgresCommunicationPolicies, deliverWebhooks } from '@switchboard/communications/infrastructure';
import { MetricsRegistry, loadConfig } from '@switchboard/platform';
import { createTestDatabase } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import { CoreModule } from '../core.module';
import { PG_POOL } from '../database/database.tokens';
import { applyMigrations } from '../database/migrations';
import { CommunicationProcessorsModule } from './communication-processors.module';
import { ChannelSenderRegistry } from './communications.module';

class RecordingSender implements ChannelSender {
  constructor(readonly channel: ChannelSender['channel']) {}
  async send(_: OutgoingCommunication) {
    return { providerMessageId: randomUUID() };
  }
}

const until = async (what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

/**
 * Status webhooks on the real backbone (ADR 0025): a communication an API key created reaches the
 * key's webhook signed; the receiver's 500 makes the backbone retry that event with backoff, and
 * each event is taken once.
 */
describe('communications: status webhooks on the backbone', () => {
  let db: TestDatabase;
  let app: INestApplication | undefined;
  let receiver: Server;
  let url: string;
  const received: { at: number; headers: IncomingHttpHeaders; body: string }[] = [];
  let failNext = 1;

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => {
        received.push({ at: Date.now(), headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        response.statusCode = failNext-- > 0 ? 500 : 204;
        response.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;

    db = await createTestDatabase('communication_webhooks');
    const config = loadConfig({ DATABASE_URL: db.url, WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'true' }, { httpPort: 1, allowsEmbeddedDatabase: false });
    @Module({
      imports: [
        CoreModule.forRoot({
          role: { name: 'test', dependencies: [] },
          config,
          databaseUrl: db.url,
          identityBaseUrl: 'http://127.0.0.1:1/dev-idp',
          metrics: new MetricsRegistry('test'),
        }),
        CommunicationProcessorsModule,
      ],
    })
    class TestModule {}
    app = await NestFactory.create(TestModule, { logger: ['error'] });
    await applyMigrations(app.get(MikroORM), app.get<Pool>(PG_POOL));
    const registry = app.get(ChannelSenderRegistry, { strict: false });
    for (const channel of ['sms', 'email', 'messenger'] as const) registry.add(new RecordingSender(channel));
    await app.init();
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    receiver?.close();
  });

  it('delivers the events of a public-API communication signed, retrying the one that got a 500, each event taken once', async () => {
    const nest = app as INestApplication;
    const clientId = randomUUID();
    await nest
      .get<Pool>(PG_POOL)
      .query(`INSERT INTO customers_clients (id, first_name, last_name, phone, name_key) VALUES ($1, 'Irina', 'Petrova', '+79161112299', 'petrova irina')`, [
        clientId,
      ]);
    await nest
      .get(PostgresCommunicationPolicies, { strict: false })
      .setPreference('first-line-north', 'service', ['sms'], undefined, { by: 'comms.admin', at: new Date() });
    const { key } = await nest
      .get(ApiKeys, { strict: false })
      .issue(
        { name: 'Billing', scopes: ['communications:write', 'webhooks:manage'], departments: ['first-line-north'], rateLimitPerMinute: 60 },
        'comms.admin',
      );
    const secret = 'whsec_backbone_test';
    await nest.get<WebhookStore>(WEBHOOK_STORE).insert({
      id: randomUUID(),
      keyId: key.id,
      url,
      events: ['CommunicationRequested', 'CommunicationSent'],
      createdAt: new Date().toISOString(),
      secret,
    });
    const { communicationId } = await nest.get(Communications, { strict: false }).request(
      {
        department: 'first-line-north',
        clientId,
        communicationType: 'service',
        message: { text: 'Your invoice is ready' },
        origin: { kind: 'public-api', id: key.id },
        by: `api-key:${key.id}`,
      },
      { commandId: randomUUID(), origin: 'user' },
    );

    const types = () => received.map((r) => JSON.parse(r.body) as { id: string; type: string; communication: { id: string } });
    await until('both events delivered', () => types().filter((t) => t.type === 'CommunicationSent').length === 1);
    await new Promise((r) => setTimeout(r, 1_500));

    const requested = received.filter((r) => JSON.parse(r.body).type === 'CommunicationRequested');
    // Refused with a 500, then delivered again by the backbone's retry after its backoff.
    expect(requested).toHaveLength(2);
    expect(requested[0].headers['x-switchboard-event-id']).toBe(requested[1].headers['x-switchboard-event-id']);
    // The backoff's first step: 1 s with jitter.
    expect(requested[1].at - requested[0].at).toBeGreaterThanOrEqual(400);
    expect(types().filter((t) => t.type === 'CommunicationSent')).toHaveLength(1);
    for (const { headers, body } of received) {
      expect(verifyWebhookSignature(secret, body, String(headers['x-switchboard-signature']), Math.floor(Date.now() / 1000))).toBe(true);
      expect(JSON.parse(body).communication.id).toBe(communicationId);
    }
    const pool = nest.get<Pool>(PG_POOL);
    expect((await pool.query('SELECT processor FROM parked_events')).rows).toEqual([]);
  }, 60_000);

  it("reaches nothing on the installation's own network unless it is allowed, and says why", async () => {
    const nest = app as INestApplication;
    const store = nest.get<WebhookStore>(WEBHOOK_STORE);
    const { key } = await nest
      .get(ApiKeys, { strict: false })
      .issue({ name: 'Intranet', scopes: ['webhooks:manage'], departments: ['first-line-north'], rateLimitPerMinute: 60 }, 'comms.admin');
    const keyId = key.id;
    const webhookId = randomUUID();
    await store.insert({ id: webhookId, keyId, url, events: ['CommunicationSent'], createdAt: new Date().toISOString(), secret: 'whsec_closed_test' });
    const event = { id: randomUUID(), type: 'CommunicationSent', createdAt: new Date(), data: {} };
    const communication = { id: randomUUID(), status: 'SENT' as const, origin: { kind: 'public-api' as const, id: keyId } };
    const before = received.length;

    await expect(deliverWebhooks(store, event, communication)).rejects.toThrow(/127\.0\.0\.1 is in a private, loopback or reserved network/);
    await expect(deliverWebhooks(store, event, communication, { destinations: { allowPrivateNetworks: false } })).rejects.toThrow(/private/);
    expect(received).toHaveLength(before);
    expect(await store.delivered(webhookId, event.id)).toBe(false);

    expect(await deliverWebhooks(store, event, communication, { destinations: { allowPrivateNetworks: true } })).toBe(1);
    expect(received).toHaveLength(before + 1);
  });
});
