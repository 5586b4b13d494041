import { randomUUID } from 'node:crypto';
import type { Principal } from '@switchboard/identity/domain';
import { people, startReadModelsTestApp } from './testing/read-models-test-app';
import type { ReadModelsTestApp } from './testing/read-models-test-app';

/**
 * docs/architecture.md, "Roles and visibility", at the query level: for every role, what is their own,
 * what is their department's or work group's, and what is someone else's — exact id sets, in the
 * lists and by id (invisible means undefined: the API's 404), with the access each row grants.
 */
describe('read-model visibility', () => {
  let t: ReadModelsTestApp;
  const R = { r1: randomUUID(), r2: randomUUID(), r3: randomUUID(), r4: randomUUID(), r5: randomUUID() };
  const I = { i1: randomUUID(), i2: randomUUID(), i3: randomUUID() };
  const name = new Map<string, string>([...Object.entries(R), ...Object.entries(I)].map(([k, v]) => [v, k]));

  beforeAll(async () => {
    t = await startReadModelsTestApp('rm_visibility');
    const now = new Date();
    const register = async (id: string, department: string, assignee?: Principal): Promise<void> => {
      await t.onRequest(id, {
        type: 'RegisterRequest',
        requestId: id,
        contact: { channel: 'telegram', address: id.slice(0, 8) },
        department,
        subject: `request ${name.get(id)}`,
        by: 'channel:telegram',
        now,
      });
      if (assignee) await t.onRequest(id, { type: 'AssignRequest', assigneeId: assignee.userId, by: assignee.userId, now });
    };
    const escalate = async (requestId: string, incidentId: string, serviceCode: number, workGroupCode: number, by: Principal): Promise<void> => {
      await t.onRequest(requestId, { type: 'EscalateRequest', incidentId, serviceCode, by: by.userId, now });
      await t.onIncident(incidentId, { type: 'OpenIncident', incidentId, requestId, serviceCode, workGroupCode, by: 'system:escalation', now });
    };
    // R1: north, hd.user.north's, escalated to network (I1, assigned to l3.user.network)
    await register(R.r1, 'first-line-north', people.hdUserNorth);
    await escalate(R.r1, I.i1, 1001, 301, people.hdUserNorth);
    await t.onIncident(I.i1, { type: 'AssignIncident', assigneeId: people.l3UserNetwork.userId, by: people.l3ManagerNetwork.userId, now });
    // R2: north, hd.user.north2's, escalated to billing (I2, unassigned)
    await register(R.r2, 'first-line-north', people.hdUserNorth2);
    await escalate(R.r2, I.i2, 2001, 302, people.hdUserNorth2);
    // R3: south, hd.user.south's, escalated to network (I3, unassigned)
    await register(R.r3, 'first-line-south', people.hdUserSouth);
    await escalate(R.r3, I.i3, 1002, 301, people.hdUserSouth);
    // R4: north, nobody's yet; R5: south, hd.user.south's, not escalated
    await register(R.r4, 'first-line-north');
    const last = await t.onRequest(R.r5, {
      type: 'RegisterRequest',
      requestId: R.r5,
      contact: { channel: 'sms', address: '+79160000005' },
      department: 'first-line-south',
      by: 'channel:sms',
      now,
    });
    await t.onRequest(R.r5, { type: 'AssignRequest', assigneeId: people.hdUserSouth.userId, by: people.hdUserSouth.userId, now });
    await t.settled(last.position);
    await t.settled((await t.onRequest(R.r5, { type: 'SendReply', replyId: randomUUID(), text: 'on it', by: people.hdUserSouth.userId, now })).position);
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  const hybrid: Principal = { ...people.hdUserSouth, username: 'hybrid', roles: ['HelpDeskUser', 'SL3Manager'], workGroups: ['billing-l3'] };
  const nobody: Principal = { userId: randomUUID(), username: 'nobody', roles: [], departments: [], workGroups: [] };

  const cases: [string, Principal, string[], string[]][] = [
    [
      'a help-desk user sees their own requests, the department’s unassigned ones (the queue) and their requests’ incidents',
      people.hdUserNorth,
      ['r1', 'r4'],
      ['i1'],
    ],
    ['a help-desk user of the same department does not see a colleague’s', people.hdUserNorth2, ['r2', 'r4'], ['i2']],
    ['a help-desk user of another department sees only their own', people.hdUserSouth, ['r3', 'r5'], ['i3']],
    ['a help-desk manager sees the whole department, unassigned included, and its incidents', people.hdManagerNorth, ['r1', 'r2', 'r4'], ['i1', 'i2']],
    ['a help-desk manager of another department sees only that department', people.hdManagerSouth, ['r3', 'r5'], ['i3']],
    [
      'an L3 user sees their own incidents, the work group’s unassigned ones (the queue) and their incidents’ requests',
      people.l3UserNetwork,
      ['r1'],
      ['i1', 'i3'],
    ],
    ['an L3 user of the same work group does not see a colleague’s incidents', people.l3UserNetwork2, [], ['i3']],
    ['an L3 manager sees the whole work group, unassigned included, and its requests', people.l3ManagerNetwork, ['r1', 'r3'], ['i1', 'i3']],
    ['an L3 manager of another work group sees only that work group', people.l3ManagerBilling, ['r2'], ['i2']],
    ['a user with several roles sees the union', hybrid, ['r2', 'r3', 'r5'], ['i2', 'i3']],
    ['a user without a role sees nothing', nobody, [], []],
  ];

  it.each(cases)('%s', async (_title, who, requests, incidents) => {
    const requestList = await t.requests.list(who, { limit: 100 });
    const incidentList = await t.incidents.list(who, { limit: 100 });
    expect(requestList.items.map((r) => name.get(r.id)).sort()).toEqual(requests);
    expect(incidentList.items.map((i) => name.get(i.id)).sort()).toEqual(incidents);
    for (const [key, id] of Object.entries(R)) {
      const found = await t.requests.byId(who, id);
      expect([key, found?.id]).toEqual([key, requests.includes(key) ? id : undefined]);
    }
    for (const [key, id] of Object.entries(I)) {
      const found = await t.incidents.byId(who, id);
      expect([key, found?.id]).toEqual([key, incidents.includes(key) ? id : undefined]);
    }
  });

  it('grants full access to what a role may change and read-only access to the rest', async () => {
    const access = async (who: Principal): Promise<Record<string, string>> => {
      const requests = await t.requests.list(who, { limit: 100 });
      const incidents = await t.incidents.list(who, { limit: 100 });
      return Object.fromEntries([...requests.items, ...incidents.items].map((x) => [name.get(x.id) ?? x.id, x.access]));
    };
    expect(await access(people.hdUserNorth)).toEqual({ r1: 'full', r4: 'read', i1: 'read' });
    expect(await access(people.hdManagerNorth)).toEqual({ r1: 'full', r2: 'full', r4: 'full', i1: 'read', i2: 'read' });
    expect(await access(people.l3UserNetwork)).toEqual({ r1: 'read', i1: 'full', i3: 'read' });
    expect(await access(people.l3ManagerNetwork)).toEqual({ r1: 'read', r3: 'read', i1: 'full', i3: 'full' });
    expect(await access(hybrid)).toEqual({ r2: 'read', r3: 'full', r5: 'full', i2: 'full', i3: 'read' });
  });

  it('shows a request’s incidents only to whom the incident is visible, inside a visible request', async () => {
    const asOwner = await t.requests.byId(people.hdUserNorth, R.r1);
    expect(asOwner?.incidents.map((i) => i.id)).toEqual([I.i1]);
    const asL3 = await t.incidents.byId(people.l3UserNetwork, I.i1);
    expect(asL3?.request?.id).toBe(R.r1);
    expect(asL3?.request?.access).toBe('read');
  });

  it('follows a reassignment: the request leaves the old assignee’s view and joins the new one’s', async () => {
    const moved = await t.onRequest(R.r4, { type: 'AssignRequest', assigneeId: people.hdUserNorth.userId, by: people.hdManagerNorth.userId, now: new Date() });
    const seen = await t.requests.list(people.hdUserNorth, { limit: 100, minPosition: moved.position ?? undefined });
    expect(seen.items.map((r) => name.get(r.id)).sort()).toEqual(['r1', 'r4']);
    const back = await t.onRequest(R.r4, { type: 'AssignRequest', assigneeId: people.hdUserNorth2.userId, by: people.hdManagerNorth.userId, now: new Date() });
    expect((await t.requests.list(people.hdUserNorth, { minPosition: back.position ?? undefined })).items.map((r) => name.get(r.id))).toEqual(['r1']);
    expect((await t.incidents.list(people.hdUserNorth2, { minPosition: back.position ?? undefined })).items.map((i) => name.get(i.id))).toEqual(['i2']);
  });
});
