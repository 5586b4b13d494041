import { Pool } from 'pg';
import { createTestDatabase, freePort, passwordGrant, startAppProcess } from '@switchboard/platform/testing';
import type { AppProcess, TestDatabase } from '@switchboard/platform/testing';

const webhookSecret = 'routing-telegram-secret';

interface Answer {
  readonly status: number;
  readonly etag: string | null;
  readonly body: Record<string, unknown>;
}

/**
 * Routing rules through the API (help-desk managers of the target department; everyone else 403),
 * and a Telegram contact routed by one: it lands in the rule's department with its priority and
 * tags, and its card and history name the rule.
 */
describe('routing rules', () => {
  let db: TestDatabase;
  let app: AppProcess | undefined;
  let pool: Pool;
  let updateId = 990_000;
  const tokens = new Map<string, string>();

  const url = () => (app as AppProcess).url;
  const token = async (username: string) => {
    let known = tokens.get(username);
    if (!known)
      tokens.set(
        username,
        (known = await passwordGrant(`${url()}/dev-idp/realms/switchboard/protocol/openid-connect/token`, 'switchboard-console', username, 'demo')),
      );
    return known;
  };
  const call = async (
    username: string,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> => {
    const response = await fetch(`${url()}${path}`, {
      method,
      headers: { authorization: `Bearer ${await token(username)}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, etag: response.headers.get('etag'), body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
  const telegram = async (text: string, chatId: number): Promise<string> => {
    updateId += 1;
    const update = {
      update_id: updateId,
      message: {
        message_id: updateId,
        date: Math.floor(Date.now() / 1000),
        chat: { id: chatId, type: 'private', first_name: 'Olga' },
        from: { id: chatId, is_bot: false, first_name: 'Olga' },
        text,
      },
    };
    const response = await fetch(`${url()}/channels/telegram/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': webhookSecret },
      body: JSON.stringify(update),
    });
    expect(response.status).toBe(200);
    const { rows } = await pool.query<{ request_id: string }>('SELECT request_id FROM intake_messages WHERE channel = $1 AND message_id = $2', [
      'telegram',
      String(updateId),
    ]);
    return rows[0]?.request_id ?? '';
  };
  const eventually = async <T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> => {
    for (let i = 0; ; i++) {
      const value = await read();
      if (done(value) || i >= 150) return value;
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  const outageRule = {
    name: 'Outage reports',
    conditions: { channels: ['telegram'], keywords: ['outage'], pattern: 'no (internet|signal)' },
    outcome: { department: 'first-line-south', priority: 'P1', tags: ['outage'] },
  };

  beforeAll(async () => {
    db = await createTestDatabase('routing_e2e');
    pool = new Pool({ connectionString: db.url, max: 2 });
    pool.on('error', () => undefined);
    const port = await freePort();
    app = startAppProcess({
      entry: 'dist/apps/switchboard/src/main.js',
      args: ['start'],
      port,
      env: { DATABASE_URL: db.url, DEMO_DATA: 'true', TELEGRAM_WEBHOOK_SECRET: webhookSecret },
    });
    await app.waitForOutput(/Switchboard switchboard is ready/, 120_000);
  }, 180_000);

  afterAll(async () => {
    await app?.stop();
    await pool?.end();
    await db?.drop();
  });

  let outageId = '';
  let northId = '';

  it('lets a help-desk manager create rules into their department, once per Idempotency-Key', async () => {
    const key = crypto.randomUUID();
    const created = await call('hd.manager.south', 'POST', '/routing-rules', outageRule, { 'idempotency-key': key });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...outageRule, enabled: true, position: 0, version: 1, access: 'full' });
    expect(created.etag).toBe('"1"');
    outageId = created.body.id as string;
    expect((await call('hd.manager.south', 'POST', '/routing-rules', outageRule, { 'idempotency-key': key })).body.id).toBe(outageId);
    const north = await call('hd.manager.north', 'POST', '/routing-rules', {
      name: 'VIP bot',
      conditions: { recipients: ['VipBot'] },
      outcome: { department: 'first-line-north' },
    });
    expect(north.status).toBe(201);
    northId = north.body.id as string;
    const list = await call('hd.manager.north', 'GET', '/routing-rules');
    expect((list.body.items as { id: string; access: string }[]).map((r) => [r.id, r.access])).toEqual([
      [outageId, 'read'],
      [northId, 'full'],
    ]);
    expect(list.etag).toBe(`"${list.body.revision as number}"`);
  });

  it('refuses rules into another department, and anyone but a help-desk manager', async () => {
    const other = await call('hd.manager.north', 'POST', '/routing-rules', outageRule);
    expect(other).toMatchObject({ status: 403, body: { rule: 'routing-department-not-yours' } });
    expect((await call('hd.manager.north', 'PUT', `/routing-rules/${outageId}`, outageRule)).status).toBe(403);
    expect((await call('hd.manager.north', 'DELETE', `/routing-rules/${outageId}`)).status).toBe(403);
    expect((await call('hd.user.south', 'GET', '/routing-rules')).status).toBe(403);
    expect((await call('hd.user.south', 'POST', '/routing-rules', outageRule)).status).toBe(403);
    expect((await call('l3.manager.network', 'GET', '/routing-rules')).status).toBe(403);
  });

  it('names the bad fields, an unsafe pattern among them', async () => {
    const bad = await call('hd.manager.south', 'POST', '/routing-rules', {
      name: '',
      conditions: { pattern: '(a+)+$', channels: ['pigeon'], clientKinds: ['robot'], clientInns: ['7707083894'] },
      outcome: { department: 'first-line-south', priority: 'P9' },
    });
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
      'conditions.channels.0',
      'conditions.clientInns.0',
      'conditions.clientKinds.0',
      'conditions.pattern',
      'name',
      'outcome.priority',
    ]);
    expect(JSON.stringify(bad.body.errors)).toMatch(/repeated group/);
  });

  it('edits with the version it saw and answers 409 to a stale one', async () => {
    const edited = await call(
      'hd.manager.south',
      'PUT',
      `/routing-rules/${outageId}`,
      { ...outageRule, name: 'Outage reports (Telegram)' },
      { 'if-match': '"1"' },
    );
    expect(edited).toMatchObject({ status: 200, etag: '"2"', body: { name: 'Outage reports (Telegram)', version: 2, position: 0 } });
    const stale = await call('hd.manager.south', 'PUT', `/routing-rules/${outageId}`, outageRule, { 'if-match': '"1"' });
    expect(stale).toMatchObject({ status: 409, body: { current: { revision: 2 } } });
    expect((await call('hd.manager.south', 'PUT', `/routing-rules/${crypto.randomUUID()}`, outageRule)).status).toBe(404);
  });

  it('reorders: only one’s own rules move, and a stale revision answers 409', async () => {
    const { body } = await call('hd.manager.south', 'GET', '/routing-rules');
    const revision = body.revision as number;
    const moved = await call('hd.manager.north', 'PUT', '/routing-rules/order', { ids: [northId, outageId] }, { 'if-match': `"${revision}"` });
    // With two rules, moving one's own past the other's is moving both: the other keeps its relative order, so it is allowed.
    expect(moved.status).toBe(200);
    expect((moved.body.items as { id: string }[]).map((r) => r.id)).toEqual([northId, outageId]);
    expect((await call('hd.manager.south', 'PUT', '/routing-rules/order', { ids: [outageId, northId] }, { 'if-match': `"${revision}"` })).status).toBe(409);
    const third = await call('hd.manager.south', 'POST', '/routing-rules', {
      name: 'ESB billing',
      conditions: { esbSources: ['billing'] },
      outcome: { department: 'first-line-south' },
    });
    const now = await call('hd.manager.north', 'GET', '/routing-rules');
    const swapsOthers = await call(
      'hd.manager.north',
      'PUT',
      '/routing-rules/order',
      { ids: [northId, third.body.id, outageId] },
      { 'if-match': now.etag as string },
    );
    expect(swapsOthers).toMatchObject({ status: 403, body: { rule: 'routing-order-of-others' } });
    const incomplete = await call('hd.manager.south', 'PUT', '/routing-rules/order', { ids: [outageId, northId] }, { 'if-match': now.etag as string });
    expect(incomplete).toMatchObject({ status: 422, body: { rule: 'routing-order-incomplete' } });
    const back = await call('hd.manager.south', 'PUT', '/routing-rules/order', { ids: [outageId, northId, third.body.id] }, { 'if-match': now.etag as string });
    expect(back.status).toBe(200);
  });

  it('routes a Telegram contact into the rule’s department, and its card and history name the rule', async () => {
    const requestId = await telegram('Outage here: no internet since 9', 9101);
    expect(requestId).not.toBe('');
    const card = await eventually(
      () => call('hd.manager.south', 'GET', `/requests/${requestId}`),
      (a) => a.status === 200,
    );
    expect(card.body).toMatchObject({
      department: 'first-line-south',
      priority: 'P1',
      tags: ['outage'],
      routingRule: { id: outageId, name: 'Outage reports (Telegram)' },
    });
    expect((card.body.history as { reason: string | null }[])[0]).toMatchObject({
      to: 'NEW',
      department: 'first-line-south',
      reason: 'routing rule: Outage reports (Telegram)',
    });
    const unrouted = await telegram('My TV box shows no channels', 9102);
    const other = await eventually(
      () => call('hd.manager.north', 'GET', `/requests/${unrouted}`),
      (a) => a.status === 200,
    );
    expect(other.body).toMatchObject({ department: 'first-line-north', priority: 'P3', tags: [], routingRule: null });
  });

  it('deletes with the version it saw', async () => {
    expect((await call('hd.manager.south', 'DELETE', `/routing-rules/${outageId}`, undefined, { 'if-match': '"1"' })).status).toBe(409);
    expect((await call('hd.manager.south', 'DELETE', `/routing-rules/${outageId}`, undefined, { 'if-match': '"4"' })).status).toBe(204);
    expect((await call('hd.manager.south', 'DELETE', `/routing-rules/${outageId}`)).status).toBe(404);
    const { body } = await call('hd.manager.south', 'GET', '/routing-rules');
    expect((body.items as { id: string; position: number }[]).map((r) => r.position)).toEqual([0, 1]);
    const { rows } = await pool.query<{ change: string }>('SELECT change FROM routing_rule_changes WHERE rule_id = $1 ORDER BY seq', [outageId]);
    expect(rows.map((r) => r.change)).toEqual(['created', 'updated', 'moved', 'moved', 'deleted']);
  });
});
