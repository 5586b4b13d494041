import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import { ApiKeys, verifyWebhookSignature } from '@switchboard/communications';
import { createTestDatabase } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import { publicApiSchema } from '../migrations/20261207007000-public-api.migration';
import { PostgresApiKeyStore, PostgresWebhookStore } from './postgres-api-keys';
import { WebhookDeliveryError, deliverWebhooks } from './webhook-deliveries';

interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A receiver that answers the statuses it is told to, in turn, then 204; it keeps what it got. */
async function receiver(statuses: number[]): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.statusCode = statuses.shift() ?? 204;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, received };
}

/**
 * The public API's stores on PostgreSQL: a key's per-minute limit is exact under concurrency, and
 * status webhooks reach a local HTTP receiver signed, retried after a 500, never twice per event.
 */
/** The receivers here listen on 127.0.0.1: this installation's own network, allowed for the test. */
const lan = { destinations: { allowPrivateNetworks: true } };

describe('public API on PostgreSQL', () => {
  let db: TestDatabase;
  let pool: Pool;
  let keys: ApiKeys;
  let webhooks: PostgresWebhookStore;
  const draft = { name: 'Billing', scopes: ['communications:write' as const], departments: ['first-line-north'], rateLimitPerMinute: 7 };

  beforeAll(async () => {
    db = await createTestDatabase('public_api');
    pool = new Pool({ connectionString: db.url, max: 20 });
    for (const statement of publicApiSchema) await pool.query(statement);
    keys = new ApiKeys(new PostgresApiKeyStore(pool));
    webhooks = new PostgresWebhookStore(pool);
  });

  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  it('admits exactly the limit of 20 parallel requests in one minute, and tells the rest when the window opens', async () => {
    const { key } = await keys.issue(draft, 'comms.admin');
    const now = new Date('2026-12-07T10:00:45.200Z');
    const verdicts = await Promise.all(Array.from({ length: 20 }, () => keys.admit(key, now)));
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(7);
    const refused = verdicts.filter((v) => !v.allowed);
    expect(refused).toHaveLength(13);
    expect(refused.every((v) => !v.allowed && v.retryAfterSeconds === 15)).toBe(true);
    const remaining = verdicts.flatMap((v) => (v.allowed ? [v.remaining] : [])).sort();
    expect(remaining).toEqual([0, 1, 2, 3, 4, 5, 6]);
    // The next minute is a new window.
    expect(await keys.admit(key, new Date('2026-12-07T10:01:00.000Z'))).toEqual({ allowed: true, remaining: 6 });
  });

  it('refuses a revoked key and the old secret of a rotation without grace, read from the table', async () => {
    const { key, secret } = await keys.issue(draft, 'comms.admin');
    const { secret: rotated } = await keys.rotate(key.id, 0);
    expect(await keys.authenticate({ keyId: key.id, secret })).toBeUndefined();
    expect(await keys.authenticate({ keyId: key.id, secret: rotated })).toMatchObject({ id: key.id });
    await keys.revoke(key.id, 'comms.admin');
    expect(await keys.authenticate({ keyId: key.id, secret: rotated })).toBeUndefined();
    const { rows } = await pool.query<{ secret_hash: string }>('SELECT secret_hash FROM api_keys WHERE id = $1', [key.id]);
    expect(rows[0].secret_hash).toMatch(/^scrypt\$16384\$8\$1\$/);
  });

  it('keeps the old secret for a rotation’s grace period, read from the table, and not after', async () => {
    const { key, secret: old } = await keys.issue(draft, 'comms.admin');
    const at = new Date();
    const { secret, key: rotated } = await keys.rotate(key.id, 60, at);
    expect(rotated.previousSecretValidUntil).toBe(new Date(at.getTime() + 60_000).toISOString());
    expect(await keys.authenticate({ keyId: key.id, secret: old }, new Date(at.getTime() + 59_000))).toMatchObject({ id: key.id });
    expect(await keys.authenticate({ keyId: key.id, secret }, at)).toMatchObject({ id: key.id });
    expect(await keys.authenticate({ keyId: key.id, secret: old }, new Date(at.getTime() + 61_000))).toBeUndefined();
    for (const listed of await keys.list()) expect(Object.keys(listed)).not.toEqual(expect.arrayContaining(['secretHash']));
  });

  it('delivers a status event signed, retries it after a 500, and never delivers it twice', async () => {
    const { key } = await keys.issue({ ...draft, scopes: ['webhooks:manage'] }, 'comms.admin');
    const peer = await receiver([500]);
    try {
      const webhook = { id: randomUUID(), keyId: key.id, url: peer.url, events: ['CommunicationSent' as const], createdAt: new Date().toISOString() };
      const secret = 'whsec_int_test';
      await webhooks.insert({ ...webhook, secret });
      const communication = { id: randomUUID(), status: 'SENT' as const, origin: { kind: 'public-api' as const, id: key.id } };
      const event = { id: randomUUID(), type: 'CommunicationSent', createdAt: new Date(), data: { communicationId: communication.id, channel: 'sms' } };

      await expect(deliverWebhooks(webhooks, event, communication, lan)).rejects.toThrow(WebhookDeliveryError);
      expect(await webhooks.delivered(webhook.id, event.id)).toBe(false);
      // The backbone's retry: the same event again.
      expect(await deliverWebhooks(webhooks, event, communication, lan)).toBe(1);
      expect(await webhooks.delivered(webhook.id, event.id)).toBe(true);
      // A replay of the batch (a crash before the checkpoint) sends nothing more.
      expect(await deliverWebhooks(webhooks, event, communication, lan)).toBe(0);

      expect(peer.received).toHaveLength(2);
      for (const { headers, body } of peer.received) {
        expect(headers['x-switchboard-event-id']).toBe(event.id);
        expect(verifyWebhookSignature(secret, body, String(headers['x-switchboard-signature']), Math.floor(Date.now() / 1000))).toBe(true);
        expect(JSON.parse(body)).toMatchObject({ id: event.id, type: 'CommunicationSent', communication: { id: communication.id, status: 'SENT' } });
      }
      const { rows } = await pool.query('SELECT attempts, last_status FROM public_api_webhook_deliveries WHERE webhook_id = $1', [webhook.id]);
      expect(rows).toEqual([{ attempts: 2, last_status: 204 }]);

      // Events it did not subscribe to, and communications of other origins, go nowhere.
      expect(await deliverWebhooks(webhooks, { ...event, id: randomUUID(), type: 'CommunicationBooked' }, communication, lan)).toBe(0);
      expect(await deliverWebhooks(webhooks, { ...event, id: randomUUID() }, { ...communication, origin: { kind: 'operator', id: 'x' } }, lan)).toBe(0);
      expect(peer.received).toHaveLength(2);
      // A revoked key's webhooks get nothing more.
      await keys.revoke(key.id, 'comms.admin');
      expect(await deliverWebhooks(webhooks, { ...event, id: randomUUID() }, communication, lan)).toBe(0);
      expect(peer.received).toHaveLength(2);
    } finally {
      peer.server.close();
    }
  });
});
