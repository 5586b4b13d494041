import { createTestDatabase, freePort, passwordGrant, startAppProcess } from '@switchboard/platform/testing';
import type { AppProcess, TestDatabase } from '@switchboard/platform/testing';

interface Answer {
  readonly status: number;
  readonly etag: string | null;
  readonly body: Record<string, unknown>;
}

interface HistoryLine {
  readonly eventType: string;
  readonly assigneeId: string | null;
  readonly assignedBy: string | null;
  readonly priority: string | null;
  readonly previousPriority: string | null;
  readonly byName: string;
}

/**
 * Presence and automatic assignment through the API of `switchboard start`: managers switch it on
 * for what they manage (everyone else 403; a stale If-Match 409), operators say they are available,
 * and a request a manager registers goes to the available operator, its history saying "round-robin".
 */
describe('automatic assignment and presence through the API', () => {
  let db: TestDatabase;
  let app: AppProcess | undefined;
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
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> => {
    const response = await fetch(`${url()}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await token(username)}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...(method === 'POST' ? { 'idempotency-key': crypto.randomUUID() } : {}),
        ...headers,
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, etag: response.headers.get('etag'), body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
  const eventually = async <T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> => {
    for (let i = 0; ; i++) {
      const value = await read();
      if (done(value) || i >= 150) return value;
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const userId = async (username: string) => (await call(username, 'GET', '/me')).body.userId as string;

  beforeAll(async () => {
    db = await createTestDatabase('auto_assignment_e2e');
    const port = await freePort();
    app = startAppProcess({ entry: 'dist/apps/switchboard/src/main.js', args: ['start'], port, env: { DATABASE_URL: db.url, DEMO_DATA: 'true' } });
    await app.waitForOutput(/Switchboard switchboard is ready/, 120_000);
  }, 180_000);

  afterAll(async () => {
    await app?.stop();
    await db?.drop();
  });

  it('lets an operator say they are available or away; nobody is available before they say so', async () => {
    expect((await call('hd.user.north', 'GET', '/me/presence')).body).toMatchObject({ status: 'away', idleMinutes: 15 });
    const set = await call('hd.user.north', 'PUT', '/me/presence', { status: 'available' });
    expect(set.status).toBe(200);
    expect(set.body.status).toBe('available');
    expect((await call('hd.user.north', 'GET', '/me/presence')).body.status).toBe('available');
    expect((await call('hd.user.north', 'POST', '/me/presence/heartbeat', {})).status).toBe(204);
    expect((await call('hd.user.north', 'PUT', '/me/presence', { status: 'busy' })).status).toBe(400);
  });

  it('refuses automatic assignment settings to anyone who does not manage the department or work group (403)', async () => {
    const body = { mode: 'round-robin' };
    expect((await call('hd.user.north', 'PUT', '/auto-assignment/departments/first-line-north', body)).status).toBe(403);
    expect((await call('hd.user.north', 'GET', '/auto-assignment')).status).toBe(403);
    expect((await call('hd.manager.south', 'PUT', '/auto-assignment/departments/first-line-north', body)).status).toBe(403);
    expect((await call('hd.manager.north', 'PUT', '/auto-assignment/work-groups/301', body)).status).toBe(403);
    expect((await call('l3.user.network', 'PUT', '/auto-assignment/work-groups/301', body)).status).toBe(403);
    expect((await call('l3.manager.billing', 'PUT', '/auto-assignment/work-groups/301', body)).status).toBe(403);
  });

  it('lets a help-desk manager switch on round robin for their department, versioned with If-Match', async () => {
    const before = await call('hd.manager.north', 'GET', '/auto-assignment/departments/first-line-north');
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ mode: 'off', version: 0, maxOpenPerOperator: null, scope: { kind: 'department', key: 'first-line-north' } });
    const team = before.body.team as { name: string; presence: string }[];
    expect(team.map((m) => m.presence).sort()).toEqual(['available', 'away']);
    const saved = await call(
      'hd.manager.north',
      'PUT',
      '/auto-assignment/departments/first-line-north',
      { mode: 'round-robin', maxOpenPerOperator: 5 },
      { 'if-match': '"0"' },
    );
    expect(saved.status).toBe(200);
    expect(saved.etag).toBe('"1"');
    expect(saved.body).toMatchObject({ mode: 'round-robin', maxOpenPerOperator: 5, version: 1 });
    const stale = await call('hd.manager.north', 'PUT', '/auto-assignment/departments/first-line-north', { mode: 'off' }, { 'if-match': '"0"' });
    expect(stale.status).toBe(409);
    const skills = await call('hd.manager.north', 'PUT', '/auto-assignment/departments/first-line-north', { mode: 'off', skills: { x: [1001] } });
    expect(skills.status).toBe(422);
    const list = await call('hd.manager.north', 'GET', '/auto-assignment');
    expect((list.body.items as { scope: { key: string } }[]).map((i) => i.scope.key)).toEqual(['first-line-north']);
  });

  it('lets an L3 manager set skills for their work group', async () => {
    const engineer = await userId('l3.user.network');
    const saved = await call('l3.manager.network', 'PUT', '/auto-assignment/work-groups/301', { mode: 'least-loaded', skills: { [engineer]: [1002, 1001] } });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      mode: 'least-loaded',
      skills: { [engineer]: [1001, 1002] },
      scope: { kind: 'work-group', key: '301', name: 'Network L3' },
    });
    expect((saved.body.services as { code: number }[]).map((s) => s.code)).toEqual([1001, 1002]);
  });

  it('assigns a request a manager registers to the available operator, and its history says round-robin; priority changes are in the history too', async () => {
    const operator = await userId('hd.user.north');
    const registered = await call('hd.manager.north', 'POST', '/requests', { subject: 'Assign me automatically' });
    expect(registered.status).toBe(202);
    const id = registered.body.id as string;
    expect((await call('hd.manager.north', 'POST', `/requests/${id}/priority`, { priority: 'P1' })).status).toBe(202);
    const history = await eventually(
      async () => ((await call('hd.manager.north', 'GET', `/requests/${id}`)).body.history ?? []) as HistoryLine[],
      (lines) => lines.some((l) => l.assignedBy === 'round-robin') && lines.some((l) => l.eventType === 'RequestPrioritySet'),
    );
    expect(history.find((l) => l.eventType === 'RequestAssigned')).toMatchObject({ assigneeId: operator, assignedBy: 'round-robin' });
    expect(history.find((l) => l.eventType === 'RequestPrioritySet')).toMatchObject({ priority: 'P1', previousPriority: 'P3' });
    const load = await eventually(
      async () => (await call('hd.manager.north', 'GET', '/team/load')).body.requests as { assigneeId: string | null; presence: string | null }[],
      (rows) => rows.some((r) => r.assigneeId === operator),
    );
    expect(load.find((r) => r.assigneeId === operator)?.presence).toBe('available');
  });

  it('gives the incident of an escalated request to the available L3 engineer with the service’s skill, by least load', async () => {
    const engineer = await userId('l3.user.network');
    expect((await call('l3.user.network', 'PUT', '/me/presence', { status: 'available' })).status).toBe(200);
    const registered = await call('hd.user.north', 'POST', '/requests', { subject: 'Escalate me' });
    const requestId = registered.body.id as string;
    const escalated = await call('hd.user.north', 'POST', `/requests/${requestId}/escalate`, { serviceCode: 1001 });
    expect(escalated.status).toBe(202);
    const incidentId = escalated.body.incidentId as string;
    const history = await eventually(
      async () => ((await call('l3.manager.network', 'GET', `/incidents/${incidentId}`)).body.history ?? []) as HistoryLine[],
      (lines) => lines.some((l) => l.eventType === 'IncidentAssigned'),
    );
    expect(history.find((l) => l.eventType === 'IncidentAssigned')).toMatchObject({ assigneeId: engineer, assignedBy: 'least-loaded' });
  });
});
