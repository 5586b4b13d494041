import { createHmac } from 'node:crypto';
import { Pool } from 'pg';
import { PostgresEventStore } from '@switchboard/eventstore';
import { createTestDatabase, freePort, startAppProcess } from '@switchboard/platform/testing';
import type { AppProcess, TestDatabase } from '@switchboard/platform/testing';
import { requestStreamId } from '@switchboard/service-desk/domain';

const secret = 'sms-gateway-shared-secret';
const sign = (body: string, key = secret) => `sha256=${createHmac('sha256', key).update(body).digest('hex')}`;

interface Problem {
  status: number;
  detail: string;
  errors?: { field: string; message: string }[];
}

describe('the SMS webhook of a running gateway', () => {
  let db: TestDatabase;
  let gateway: AppProcess;
  let pool: Pool;
  let store: PostgresEventStore;
  let n = 0;

  const sms = (overrides: object = {}) => ({
    messageId: `gw-${++n}`,
    from: '+79035550101',
    to: '+74950000000',
    text: 'Нет интернета',
    receivedAt: '2026-11-25T10:00:00Z',
    ...overrides,
  });

  const post = (body: string, headers: Record<string, string>) =>
    fetch(`${gateway.url}/channels/sms/inbound`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  const postSigned = (payload: object) => {
    const body = JSON.stringify(payload);
    return post(body, { 'x-signature': sign(body) });
  };

  async function messagesOf(requestId: string): Promise<Record<string, unknown>[]> {
    const messages: Record<string, unknown>[] = [];
    for await (const e of store.readStream(requestStreamId(requestId))) if (e.type === 'MessageReceived') messages.push(e.data as Record<string, unknown>);
    return messages;
  }

  async function storedSmsCount(): Promise<number> {
    const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM intake_messages WHERE channel = 'sms'`);
    return rows[0].n;
  }

  beforeAll(async () => {
    db = await createTestDatabase('sms_http_e2e');
    gateway = startAppProcess({
      entry: 'dist/apps/gateway/src/main.js',
      port: await freePort(),
      env: { DATABASE_URL: db.url, DEMO_DATA: 'true', SMS_WEBHOOK_SECRET: secret },
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

  it('stores a signed SMS as a request of the sender, linked to the client with that number, before answering 200', async () => {
    const message = sms({ from: '8 903 555-01-01' });
    const response = await postSigned(message);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { requestId: string; duplicate: boolean };
    expect(body.duplicate).toBe(false);
    const events: { type: string; data: Record<string, unknown> }[] = [];
    for await (const e of store.readStream(requestStreamId(body.requestId))) events.push({ type: e.type, data: e.data as Record<string, unknown> });
    expect(events[0]).toMatchObject({
      type: 'RequestRegistered',
      data: { contact: { channel: 'sms', address: '+79035550101' }, clientId: '7c1e0000-0000-4000-8000-000000000002' },
    });
    expect(events[1]).toMatchObject({
      type: 'MessageReceived',
      data: { messageId: `http:${message.messageId}`, channel: 'sms', text: 'Нет интернета', receivedAt: '2026-11-25T10:00:00.000Z' },
    });
  });

  it('stores a redelivered messageId once and says it was a duplicate', async () => {
    const message = sms({ from: '+79161234567' });
    const first = (await (await postSigned(message)).json()) as { requestId: string };
    const again = await postSigned(message);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ requestId: first.requestId, duplicate: true });
    expect((await messagesOf(first.requestId)).filter((m) => m.messageId === `http:${message.messageId}`)).toHaveLength(1);
  });

  it('refuses an unsigned SMS and stores nothing', async () => {
    const before = await storedSmsCount();
    const response = await post(JSON.stringify(sms()), {});
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await response.json()) as Problem).detail).toMatch(/^X-Signature is missing/);
    expect(await storedSmsCount()).toBe(before);
  });

  it('refuses an SMS signed with another secret, or whose body changed after signing', async () => {
    const before = await storedSmsCount();
    const body = JSON.stringify(sms());
    const otherKey = await post(body, { 'x-signature': sign(body, 'somebody-elses-secret') });
    expect(otherKey.status).toBe(401);
    expect(((await otherKey.json()) as Problem).detail).toMatch(/does not match the body/);
    const tampered = await post(body.replace('Нет интернета', 'Pay to this account'), { 'x-signature': sign(body) });
    expect(tampered.status).toBe(401);
    const malformed = await post(body, { 'x-signature': 'sha1=abc' });
    expect(((await malformed.json()) as Problem).detail).toBe('X-Signature must be sha256=<64 hex digits>.');
    expect(await storedSmsCount()).toBe(before);
    expect(gateway.output()).toMatch(/webhook refused \(401\): X-Signature does not match the body/);
  });

  it('refuses a signed but malformed SMS, naming each bad field', async () => {
    const response = await postSigned({ messageId: '', from: 'MegaFon', text: 42, receivedAt: 'now' });
    expect(response.status).toBe(400);
    const problem = (await response.json()) as Problem;
    expect(problem.errors?.map((e) => e.field)).toEqual(['messageId', 'to', 'text', 'receivedAt']);
  });

  it('refuses a signed SMS from a sender that is not a phone number', async () => {
    const response = await postSigned(sms({ from: 'MegaFon' }));
    expect(response.status).toBe(400);
    expect(((await response.json()) as Problem).errors).toEqual([{ field: 'from', message: expect.stringContaining('phone number') }]);
  });
});
