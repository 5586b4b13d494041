import { Pool } from 'pg';
import { createTestDatabase, freePort, passwordGrant, startAppProcess } from '@switchboard/platform/testing';
import type { AppProcess, TestDatabase } from '@switchboard/platform/testing';

const webhookSecret = 'reopen-telegram-secret';

/**
 * A client writes again on Telegram after their request closed: within REOPEN_WINDOW_DAYS the
 * message reopens it; with the window passed (here: a window of 0 days, after a restart) it opens a
 * new request that follows the old one. An incident goes back to work when the problem persists.
 */
describe('reopening through a channel', () => {
  let db: TestDatabase;
  let app: AppProcess | undefined;
  let pool: Pool;
  let updateId = 770_000;
  const tokens = new Map<string, string>();

  const start = async (env: Record<string, string>) => {
    const port = await freePort();
    app = startAppProcess({
      entry: 'dist/apps/switchboard/src/main.js',
      args: ['start'],
      port,
      env: { DATABASE_URL: db.url, DEMO_DATA: 'true', TELEGRAM_WEBHOOK_SECRET: webhookSecret, ...env },
    });
    await app.waitForOutput(/Switchboard switchboard is ready/, 120_000);
    tokens.clear();
  };
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
  const api = async (username: string, method: 'GET' | 'POST', path: string, body?: unknown) => {
    const response = await fetch(`${url()}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await token(username)}`,
        ...(body ? { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const answer = (await response.json()) as Record<string, unknown>;
    if (response.status >= 300) throw new Error(`${method} ${path} → ${response.status} ${JSON.stringify(answer)}`);
    return answer;
  };
  const telegram = async (text: string, chatId = 8001): Promise<string> => {
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
  const request = (id: string) => api('hd.manager.north', 'GET', `/requests/${id}`);

  beforeAll(async () => {
    db = await createTestDatabase('reopen_e2e');
    pool = new Pool({ connectionString: db.url, max: 2 });
    pool.on('error', () => undefined);
    await start({});
  }, 180_000);

  afterAll(async () => {
    await app?.stop();
    await pool?.end();
    await db?.drop();
  });

  let requestId = '';

  it('reopens a request closed less than REOPEN_WINDOW_DAYS ago when the client writes again', async () => {
    requestId = await telegram('My TV box shows no channels');
    expect(requestId).not.toBe('');
    await eventually(
      () => request(requestId).catch(() => ({})),
      (r) => 'state' in r,
    );
    await api('hd.manager.north', 'POST', `/requests/${requestId}/close`, { reason: 'fixed on the phone' });
    expect(await telegram('It is broken again')).toBe(requestId);
    const reopened = await eventually(
      () => request(requestId),
      (r) => r.state === 'NEW' && (r.conversation as unknown[]).length === 2,
    );
    expect(reopened).toMatchObject({ state: 'NEW', closedAt: null, previousRequestId: null });
    const history = reopened.history as { eventType: string; from: string | null; to: string | null }[];
    expect(history.filter((h) => h.to !== null).map((h) => `${h.from ?? ''}→${h.to}`)).toEqual(['→NEW', 'NEW→CLOSED', 'CLOSED→NEW']);
  });

  it('takes a resolved incident back to work when the client says the problem persists', async () => {
    await api('hd.manager.north', 'POST', `/requests/${requestId}/assign`, { assigneeId: 'hd.user.north' });
    const { incidentId } = (await api('hd.user.north', 'POST', `/requests/${requestId}/escalate`, { serviceCode: 1001 })) as { incidentId: string };
    await eventually(
      () => api('l3.manager.network', 'GET', `/incidents/${incidentId}`).catch(() => ({})),
      (i) => 'state' in i,
    );
    await api('l3.manager.network', 'POST', `/incidents/${incidentId}/start`, {});
    await api('l3.manager.network', 'POST', `/incidents/${incidentId}/resolve`, { resolution: 'Re-provisioned the box' });
    const reopened = await api('l3.manager.network', 'POST', `/incidents/${incidentId}/reopen`, { reason: 'The client says there are still no channels' });
    const incident = await api('l3.manager.network', 'GET', `/incidents/${incidentId}?minPosition=${encodeURIComponent(String(reopened.position))}`);
    expect(incident).toMatchObject({ state: 'IN_WORK', resolution: null });
    expect((incident.history as { eventType: string; reason: string | null }[]).at(-1)).toMatchObject({
      eventType: 'IncidentReopened',
      reason: 'The client says there are still no channels',
    });
  });

  it('opens a new request that follows the old one once the window has passed', async () => {
    const earlierId = await telegram('No sound on channel 5', 8002);
    await eventually(
      () => request(earlierId).catch(() => ({})),
      (r) => 'state' in r,
    );
    await api('hd.manager.north', 'POST', `/requests/${earlierId}/close`, { reason: 'advised the client' });
    // A window of 0 days: every closed request is "too long ago".
    await app?.stop();
    await start({ REOPEN_WINDOW_DAYS: '0' });
    const followingId = await telegram('Still no sound, writing again', 8002);
    expect(followingId).not.toBe('');
    expect(followingId).not.toBe(earlierId);
    const following = await eventually(
      () => request(followingId).catch(() => ({}) as Record<string, unknown>),
      (r) => 'state' in r,
    );
    expect(following).toMatchObject({ state: 'NEW', previousRequestId: earlierId });
    expect(await request(earlierId)).toMatchObject({ state: 'CLOSED' });
  });
});
