import { randomUUID } from 'node:crypto';
import { createTestDatabase, freePort, passwordGrant, realmFile, recordSkip, startAppProcess, testKeycloak } from '@switchboard/platform/testing';
import type { AppProcess, TestDatabase } from '@switchboard/platform/testing';

/**
 * Every role × the routes × own / same-department / other-department entities, through the real
 * all-in-one app, with real Keycloak tokens (the dev IdP's when Keycloak cannot run here).
 */
const keycloak = testKeycloak('api role matrix with Keycloak tokens (dev IdP tokens used instead)');

const users = [
  'hd.user.north',
  'hd.user.north2',
  'hd.user.south',
  'hd.manager.north',
  'hd.manager.south',
  'l3.user.network',
  'l3.user.network2',
  'l3.user.billing',
  'l3.manager.network',
  'l3.manager.billing',
] as const;
type User = (typeof users)[number];

describe('operator API: who sees and does what', () => {
  let db: TestDatabase;
  let app: AppProcess;
  const tokens = {} as Record<User, string>;
  const ids = {} as Record<'R1' | 'R2' | 'R3' | 'R4' | 'R5' | 'I1' | 'I3' | 'I4', string>;

  const call = async (user: User, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${app.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${tokens[user]}`,
        'content-type': 'application/json',
        ...(method === 'POST' ? { 'idempotency-key': randomUUID() } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
  const ok = async (user: User, method: string, path: string, body?: unknown) => {
    const answer = await call(user, method, path, body);
    if (answer.status >= 300) throw new Error(`${user} ${method} ${path} → ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  const userId = (username: User) => realmFile().users.find((u) => u.username === username)?.id ?? '';

  beforeAll(async () => {
    db = await createTestDatabase('api_matrix');
    const port = await freePort();
    const env: Record<string, string> = { DATABASE_URL: db.url, DEMO_DATA: 'true' };
    if (keycloak) {
      Object.assign(env, {
        KEYCLOAK_URL: keycloak.url,
        KEYCLOAK_REALM: keycloak.realm,
        KEYCLOAK_CLIENT_SECRET: realmFile().clients.find((c) => c.clientId === 'switchboard-api')?.secret ?? '',
      });
    } else {
      recordSkip('api role matrix with Keycloak tokens', 'Keycloak unavailable: the matrix ran with dev IdP tokens');
    }
    app = startAppProcess({ entry: 'dist/apps/switchboard/src/main.js', args: ['start'], port, env });
    await app.waitForOutput(/Switchboard switchboard is ready/, 120_000);
    const tokenEndpoint = keycloak
      ? `${keycloak.url}/realms/${keycloak.realm}/protocol/openid-connect/token`
      : `${app.url}/dev-idp/realms/switchboard/protocol/openid-connect/token`;
    for (const user of users) tokens[user] = await passwordGrant(tokenEndpoint, 'switchboard-console', user, 'demo');

    // R1 (north, hd.user.north) → I1 network, assigned to l3.user.network
    // R2 (north, hd.user.north2); R3 (south, hd.user.south) → I3 billing, assigned to l3.user.billing
    // R4 (north, hd.user.north) → I4 network, left unassigned (the network queue)
    // R5 (north, registered by the manager, unassigned: the north queue)
    ids.R1 = (await ok('hd.user.north', 'POST', '/requests', { subject: 'No internet', text: 'since morning' })).id as string;
    ids.R2 = (await ok('hd.user.north2', 'POST', '/requests', { subject: 'Slow line' })).id as string;
    ids.R3 = (await ok('hd.user.south', 'POST', '/requests', { subject: 'Double charge' })).id as string;
    ids.R4 = (await ok('hd.user.north', 'POST', '/requests', { subject: 'No dial tone' })).id as string;
    ids.R5 = (await ok('hd.manager.north', 'POST', '/requests', { subject: 'Waiting in the queue' })).id as string;
    ids.I1 = (await ok('hd.user.north', 'POST', `/requests/${ids.R1}/escalate`, { serviceCode: 1001 })).incidentId as string;
    ids.I3 = (await ok('hd.user.south', 'POST', `/requests/${ids.R3}/escalate`, { serviceCode: 2001 })).incidentId as string;
    const lastEscalation = await ok('hd.user.north', 'POST', `/requests/${ids.R4}/escalate`, { serviceCode: 1002 });
    ids.I4 = lastEscalation.incidentId as string;
    // The escalation process opens the incidents; wait until the read models show the last one.
    const seen = await ok('l3.manager.network', 'GET', `/incidents/${ids.I4}?minPosition=${encodeURIComponent(String(lastEscalation.position))}`).catch(
      () => undefined,
    );
    for (let i = 0; !seen && i < 100; i++) {
      if ((await call('l3.manager.network', 'GET', `/incidents/${ids.I4}`)).status === 200) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await ok('l3.manager.network', 'POST', `/incidents/${ids.I1}/assign`, { assigneeId: userId('l3.user.network') });
    const last = await ok('l3.manager.billing', 'POST', `/incidents/${ids.I3}/assign`, { assigneeId: userId('l3.user.billing') });
    await ok('l3.manager.billing', 'GET', `/incidents/${ids.I3}?minPosition=${encodeURIComponent(String(last.position))}`);
    // The assignment of I1 must be visible too before the matrix reads lists.
    for (let i = 0; i < 100 && (await call('l3.user.network', 'GET', `/incidents/${ids.I1}`)).status !== 200; i++) await new Promise((r) => setTimeout(r, 100));
  }, 240_000);

  afterAll(async () => {
    await app?.stop();
    await db?.drop();
  });

  const visibleRequests: Record<User, string[]> = {
    'hd.user.north': ['R1', 'R4', 'R5'],
    'hd.user.north2': ['R2', 'R5'],
    'hd.user.south': ['R3'],
    'hd.manager.north': ['R1', 'R2', 'R4', 'R5'],
    'hd.manager.south': ['R3'],
    'l3.user.network': ['R1'],
    'l3.user.network2': [],
    'l3.user.billing': ['R3'],
    'l3.manager.network': ['R1', 'R4'],
    'l3.manager.billing': ['R3'],
  };
  const writableRequests: Partial<Record<User, string[]>> = {
    'hd.user.north': ['R1', 'R4'],
    'hd.user.north2': ['R2'],
    'hd.user.south': ['R3'],
    'hd.manager.north': ['R1', 'R2', 'R4', 'R5'],
    'hd.manager.south': ['R3'],
  };
  const visibleIncidents: Record<User, string[]> = {
    'hd.user.north': ['I1', 'I4'],
    'hd.user.north2': [],
    'hd.user.south': ['I3'],
    'hd.manager.north': ['I1', 'I4'],
    'hd.manager.south': ['I3'],
    'l3.user.network': ['I1', 'I4'],
    'l3.user.network2': ['I4'],
    'l3.user.billing': ['I3'],
    'l3.manager.network': ['I1', 'I4'],
    'l3.manager.billing': ['I3'],
  };
  const writableIncidents: Partial<Record<User, string[]>> = {
    'l3.user.network': ['I1'],
    'l3.user.billing': ['I3'],
    'l3.manager.network': ['I1', 'I4'],
    'l3.manager.billing': ['I3'],
  };

  const names = (keys: string[]) => keys.map((k) => ids[k as keyof typeof ids]).sort();

  it.each(users)('lists exactly the requests %s may see', async (user) => {
    const page = await ok(user, 'GET', '/requests?limit=100');
    expect((page.items as { id: string }[]).map((r) => r.id).sort()).toEqual(names(visibleRequests[user]));
  });

  it.each(users)('lists exactly the incidents %s may see', async (user) => {
    const page = await ok(user, 'GET', '/incidents?limit=100');
    expect((page.items as { id: string }[]).map((r) => r.id).sort()).toEqual(names(visibleIncidents[user]));
  });

  const requestCases = users.flatMap((user) => (['R1', 'R2', 'R3', 'R5'] as const).map((r) => [user, r] as const));
  it.each(requestCases)('answers %s on request %s: 200/404 to read, 202/403/404 to act', async (user, r) => {
    const visible = visibleRequests[user].includes(r);
    const writable = writableRequests[user]?.includes(r) ?? false;
    expect((await call(user, 'GET', `/requests/${ids[r]}`)).status).toBe(visible ? 200 : 404);
    const reply = await call(user, 'POST', `/requests/${ids[r]}/reply`, { text: 'We are looking into it' });
    expect(reply.status).toBe(writable ? 202 : visible ? 403 : 404);
  });

  const incidentCases = users.flatMap((user) => (['I1', 'I3', 'I4'] as const).map((i) => [user, i] as const));
  it.each(incidentCases)('answers %s on incident %s: 200/404 to read, 202/403/404 (or 422) to act', async (user, i) => {
    const visible = visibleIncidents[user].includes(i);
    const writable = writableIncidents[user]?.includes(i) ?? false;
    expect((await call(user, 'GET', `/incidents/${ids[i]}`)).status).toBe(visible ? 200 : 404);
    const narrative = await call(user, 'POST', `/incidents/${ids[i]}/narrative`, { text: 'Checked the line' });
    // I4 is NEW: a narrative needs an assignee, so those who may act get the state machine's 422.
    expect(narrative.status).toBe(writable ? (i === 'I4' ? 422 : 202) : visible ? 403 : 404);
  });

  it('lets every role read the catalogue and its own identity', async () => {
    for (const user of users) {
      expect((await call(user, 'GET', '/services')).status).toBe(200);
      expect((await call(user, 'GET', '/me')).body.username).toBe(user);
    }
  });

  it('refuses a help-desk command from an L3 engineer with 403 and an unknown entity with 404', async () => {
    expect((await call('l3.user.network', 'POST', '/requests', { subject: 'x' })).status).toBe(403);
    expect((await call('hd.manager.north', 'GET', `/requests/${randomUUID()}`)).status).toBe(404);
  });

  it('counts each manager’s team load in the read models: open items per assignee, unassigned first, with the oldest', async () => {
    const north = await ok('hd.manager.north', 'GET', '/team/load');
    expect(north).toEqual({
      requests: [
        { assigneeId: null, assigneeName: null, open: 1, oldestId: ids.R5, oldestCreatedAt: expect.any(String), presence: null },
        {
          assigneeId: userId('hd.user.north'),
          assigneeName: expect.stringContaining('Volkova'),
          open: 2,
          oldestId: ids.R1,
          oldestCreatedAt: expect.any(String),
          presence: 'away',
        },
        {
          assigneeId: userId('hd.user.north2'),
          assigneeName: expect.any(String),
          open: 1,
          oldestId: ids.R2,
          oldestCreatedAt: expect.any(String),
          presence: 'away',
        },
      ],
      incidents: null,
    });
    const network = await ok('l3.manager.network', 'GET', '/team/load');
    expect(network).toEqual({
      requests: null,
      incidents: [
        { assigneeId: null, assigneeName: null, open: 1, oldestId: ids.I4, oldestCreatedAt: expect.any(String), presence: null },
        {
          assigneeId: userId('l3.user.network'),
          assigneeName: expect.any(String),
          open: 1,
          oldestId: ids.I1,
          oldestCreatedAt: expect.any(String),
          presence: 'away',
        },
      ],
    });
    expect((await call('hd.user.north', 'GET', '/team/load')).status).toBe(403);
    expect((await call('l3.user.network', 'GET', '/team/load')).status).toBe(403);
  });

  it('runs a request to closure through the API, reading its own writes', async () => {
    const created = await ok('hd.user.north', 'POST', '/requests', { subject: 'Router broken', text: 'The router does not power on' });
    const id = created.id as string;
    await ok('hd.user.north', 'POST', `/requests/${id}/link-client`, { phone: '+79161234567' });
    await ok('hd.user.north', 'POST', `/requests/${id}/link-order`, { orderCode: 'ORD-100001' });
    const escalated = await ok('hd.user.north', 'POST', `/requests/${id}/escalate`, { serviceCode: 1001 });
    const incidentId = escalated.incidentId as string;
    for (let i = 0; i < 100 && (await call('l3.manager.network', 'GET', `/incidents/${incidentId}`)).status !== 200; i++)
      await new Promise((r) => setTimeout(r, 100));
    await ok('l3.manager.network', 'POST', `/incidents/${incidentId}/assign`, { assigneeId: userId('l3.user.network') });
    await ok('l3.user.network', 'POST', `/incidents/${incidentId}/start`, {});
    await ok('l3.user.network', 'POST', `/incidents/${incidentId}/narrative`, { text: 'Replaced the power supply' });
    await ok('l3.user.network', 'POST', `/incidents/${incidentId}/resolve`, { resolution: 'Power supply replaced' });
    const closed = await ok('l3.user.network', 'POST', `/incidents/${incidentId}/close`, {});
    const incident = await ok('l3.user.network', 'GET', `/incidents/${incidentId}?minPosition=${encodeURIComponent(String(closed.position))}`);
    expect(incident.state).toBe('CLOSED');
    let request = await ok('hd.user.north', 'GET', `/requests/${id}`);
    for (let i = 0; i < 100 && request.state !== 'CLOSED'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      request = await ok('hd.user.north', 'GET', `/requests/${id}`);
    }
    expect(request.state).toBe('CLOSED');
    expect(request.order).toMatchObject({ code: 'ORD-100001' });
    expect(request.client).toMatchObject({ phone: '+79161234567' });
  });

  it('tells each caller what it would accept from them now: allowedActions follow the state, the client link and the role', async () => {
    const created = await ok('hd.manager.north', 'POST', '/requests', { subject: 'What may I do now' });
    const id = created.id as string;
    const actions = async (user: User, path: string, position: unknown) =>
      (await ok(user, 'GET', `${path}?minPosition=${encodeURIComponent(String(position))}`)).allowedActions;
    // A manager's registration stays unassigned (NEW), in the queue: they may take it and set its priority; no order before a client.
    expect(await actions('hd.manager.north', `/requests/${id}`, created.position)).toEqual(['assign', 'take', 'set-priority', 'link-client', 'reply', 'close']);
    // An operator of the department may only take it from the queue.
    expect(await actions('hd.user.north', `/requests/${id}`, created.position)).toEqual(['take']);
    const assigned = await ok('hd.manager.north', 'POST', `/requests/${id}/assign`, { assigneeId: userId('hd.user.north') });
    expect(await actions('hd.user.north', `/requests/${id}`, assigned.position)).toEqual(['assign', 'link-client', 'reply', 'escalate', 'close']);
    const linked = await ok('hd.user.north', 'POST', `/requests/${id}/link-client`, { phone: '+79161234567' });
    expect(await actions('hd.user.north', `/requests/${id}`, linked.position)).toEqual(['assign', 'link-client', 'link-order', 'reply', 'escalate', 'close']);
    const escalated = await ok('hd.user.north', 'POST', `/requests/${id}/escalate`, { serviceCode: 1001, summary: ' Drops every evening; line test clean ' });
    expect(await actions('hd.manager.north', `/requests/${id}`, escalated.position)).toEqual(['assign', 'set-priority', 'link-client', 'link-order', 'reply']);
    // The summary for L3 is the escalation's reason in the history.
    const history = (await ok('hd.manager.north', 'GET', `/requests/${id}`)).history as { eventType: string; reason: string | null }[];
    expect(history.find((e) => e.eventType === 'RequestEscalated')).toMatchObject({ reason: 'Drops every evening; line test clean' });

    const incidentId = escalated.incidentId as string;
    for (let i = 0; i < 100 && (await call('l3.manager.network', 'GET', `/incidents/${incidentId}`)).status !== 200; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect((await ok('l3.manager.network', 'GET', `/incidents/${incidentId}`)).allowedActions).toEqual(['assign', 'take', 'set-priority', 'start', 'unlink']);
    expect((await ok('l3.user.network', 'GET', `/incidents/${incidentId}`)).allowedActions).toEqual(['take']);
    const incidentAssigned = await ok('l3.manager.network', 'POST', `/incidents/${incidentId}/assign`, { assigneeId: userId('l3.user.network') });
    expect(await actions('l3.user.network', `/incidents/${incidentId}`, incidentAssigned.position)).toEqual(['assign', 'start', 'narrative', 'unlink']);
    // Read-only for the other side, in every state: nothing to offer.
    expect(await actions('hd.user.north', `/incidents/${incidentId}`, incidentAssigned.position)).toEqual([]);
    expect(await actions('l3.user.network', `/requests/${id}`, incidentAssigned.position)).toEqual([]);
    const started = await ok('l3.user.network', 'POST', `/incidents/${incidentId}/start`, {});
    expect(await actions('l3.user.network', `/incidents/${incidentId}`, started.position)).toEqual(['assign', 'hold', 'narrative', 'resolve', 'unlink']);
    expect(await actions('l3.user.network2', `/incidents/${incidentId}`, started.position).catch((error: Error) => error.message)).toMatch(/→ 404/);
  });

  it('answers a stale If-Match with 409 and the current state, an illegal move with 422 and the allowed actions', async () => {
    const created = await ok('hd.user.north', 'POST', '/requests', { subject: 'Stale' });
    const stale = await call('hd.user.north', 'POST', `/requests/${created.id as string}/close`, { reason: 'x' }, { 'if-match': '"0"' });
    expect(stale.status).toBe(409);
    expect(stale.body.current).toEqual({ state: 'IN_PROGRESS', revision: Number(created.revision) });
    const closed = await ok('hd.user.north', 'POST', `/requests/${created.id as string}/close`, { reason: 'duplicate' });
    expect(closed.revision).toBe(Number(created.revision) + 1);
    const again = await call('hd.user.north', 'POST', `/requests/${created.id as string}/escalate`, { serviceCode: 1001 });
    expect(again.status).toBe(422);
    expect(again.body).toMatchObject({ state: 'CLOSED', allowedActions: [] });
  });

  it('names every bad field with 400', async () => {
    const bad = await call('hd.user.north', 'POST', '/requests', { subject: '', clientId: 'nope' });
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['clientId', 'subject']);
  });
});
