import { randomUUID } from 'node:crypto';
import { startOperatorApi, userId } from './testing/operator-api';
import type { DemoUser, OperatorApi } from './testing/operator-api';

/**
 * Operator commands through the real all-in-one app with real Keycloak tokens and directory:
 * who may be assigned, department moves, Idempotency-Key reuse, read-only access after closure,
 * upper-case ids, and what the history shows.
 */
describe('operator commands: assignment, departments, idempotency, history', () => {
  let api: OperatorApi;
  const ivan = '7c1e0000-0000-4000-8000-000000000001';
  const mariaPhone = '+79035550101';

  type Detail = Record<string, unknown> & { revision: number; state: string; assigneeId: string | null; department: string | null };
  const register = async (user: DemoUser, subject: string): Promise<string> =>
    (await api.ok(user, 'POST', '/requests', { subject, text: 'details' })).id as string;
  const request = async (user: DemoUser, id: string, minPosition?: unknown): Promise<Detail> =>
    (await api.ok(user, 'GET', `/requests/${id}${minPosition ? `?minPosition=${encodeURIComponent(String(minPosition))}` : ''}`)) as Detail;
  const incidentOf = async (user: DemoUser, requestId: string, serviceCode = 1001): Promise<string> => {
    const escalated = await api.ok(user, 'POST', `/requests/${requestId}/escalate`, { serviceCode });
    const incidentId = escalated.incidentId as string;
    await api.eventually(
      () => api.call('l3.manager.network', 'GET', `/incidents/${incidentId}`),
      (a) => a.status === 200,
    );
    return incidentId;
  };

  beforeAll(async () => {
    api = await startOperatorApi('api_commands');
  }, 240_000);

  afterAll(async () => {
    await api?.stop();
  });

  describe('the assignee of a request', () => {
    let id: string;
    beforeAll(async () => {
      id = await register('hd.manager.north', 'Assign me');
    });

    it('is found by username and stored by user id', async () => {
      const answer = await api.ok('hd.manager.north', 'POST', `/requests/${id}/assign`, { assigneeId: 'hd.user.north2' });
      expect((await request('hd.manager.north', id, answer.position)).assigneeId).toBe(userId('hd.user.north2'));
    });

    it.each([
      ['nobody the directory knows', 'ghost', 'assignee-unknown'],
      ['markup instead of a name', '<script>alert(1)</script>', 'assignee-unknown'],
      ['an L3 engineer', 'l3.user.network', 'assignee-not-help-desk'],
      ['an operator of another department (by id)', userId('hd.user.south'), 'assignee-not-in-department'],
    ])('is never %s: 422 naming the rule', async (_, assigneeId, rule) => {
      const answer = await api.call('hd.manager.north', 'POST', `/requests/${id}/assign`, { assigneeId });
      expect(answer.status).toBe(422);
      expect(answer.body.rule).toBe(rule);
    });
  });

  describe('the assignee of an incident', () => {
    let incidentId: string;
    beforeAll(async () => {
      incidentId = await incidentOf('hd.user.north', await register('hd.user.north', 'Line down'));
    });

    it('is an engineer of its work group, found by username and stored by id', async () => {
      const answer = await api.ok('l3.manager.network', 'POST', `/incidents/${incidentId}/assign`, { assigneeId: 'l3.user.network2' });
      const incident = await api.ok('l3.manager.network', 'GET', `/incidents/${incidentId}?minPosition=${encodeURIComponent(String(answer.position))}`);
      expect(incident.assigneeId).toBe(userId('l3.user.network2'));
    });

    it.each([
      ['a help-desk operator', 'hd.user.north', 'assignee-not-l3-engineer'],
      ['an engineer of another work group', 'l3.user.billing', 'assignee-not-in-work-group'],
      ['nobody the directory knows', 'ghost', 'assignee-unknown'],
    ])('is never %s, also in work: 422 naming the rule', async (_, assigneeId, rule) => {
      await api.call('l3.user.network2', 'POST', `/incidents/${incidentId}/start`, {});
      const answer = await api.call('l3.manager.network', 'POST', `/incidents/${incidentId}/assign`, { assigneeId });
      expect(answer.status).toBe(422);
      expect(answer.body.rule).toBe(rule);
    });
  });

  describe('departments', () => {
    it('are not the operator’s to change: 422 naming the rule, the request stays where it is', async () => {
      const id = await register('hd.user.north', 'Move me');
      for (const department of ['no-such-dept', 'first-line-south']) {
        const answer = await api.call('hd.user.north', 'POST', `/requests/${id}/assign`, { assigneeId: userId('hd.user.north'), department });
        expect(answer.status).toBe(422);
        expect(answer.body.rule).toBe('department-move-needs-manager');
      }
      expect((await request('hd.user.north', id)).department).toBe('first-line-north');
    });

    it('are changed by a manager only to one the directory has, where its managers then see it', async () => {
      const id = await register('hd.user.north', 'Belongs south');
      const unknown = await api.call('hd.manager.north', 'POST', `/requests/${id}/assign`, { assigneeId: 'hd.user.south', department: 'no-such-dept' });
      expect(unknown.status).toBe(422);
      expect(unknown.body.rule).toBe('unknown-department');
      const moved = await api.ok('hd.manager.north', 'POST', `/requests/${id}/assign`, { assigneeId: 'hd.user.south', department: 'first-line-south' });
      const seen = await request('hd.manager.south', id, moved.position);
      expect(seen).toMatchObject({ department: 'first-line-south', assigneeId: userId('hd.user.south') });
      expect((await api.call('hd.manager.north', 'GET', `/requests/${id}`)).status).toBe(404);
    });

    it('are only the operator’s own when registering: 422 for another one', async () => {
      const answer = await api.call('hd.manager.north', 'POST', '/requests', { subject: 'Elsewhere', department: 'no-such-dept' });
      expect(answer.status).toBe(422);
      expect(answer.body.rule).toBe('department-not-yours');
    });
  });

  describe('an Idempotency-Key', () => {
    it('comes back with the same command and body: the first result, nothing written twice', async () => {
      const id = await register('hd.user.north', 'Idempotent');
      const key = randomUUID();
      const first = await api.ok('hd.user.north', 'POST', `/requests/${id}/reply`, { text: 'A' }, { 'idempotency-key': key });
      const again = await api.ok('hd.user.north', 'POST', `/requests/${id}/reply`, { text: 'A' }, { 'idempotency-key': key });
      expect(again.revision).toBe(first.revision);
    });

    it('comes back with another body or command: 422 idempotency-key-reused, nothing dropped silently', async () => {
      const id = await register('hd.user.north', 'Reused key');
      const key = randomUUID();
      const first = await api.ok('hd.user.north', 'POST', `/requests/${id}/reply`, { text: 'A' }, { 'idempotency-key': key });
      const otherText = await api.call('hd.user.north', 'POST', `/requests/${id}/reply`, { text: 'B' }, { 'idempotency-key': key });
      expect(otherText.status).toBe(422);
      expect(otherText.body.type).toMatch(/\/idempotency-key-reused$/);
      const otherCommand = await api.call('hd.user.north', 'POST', `/requests/${id}/close`, { reason: 'done' }, { 'idempotency-key': key });
      expect(otherCommand.status).toBe(422);
      expect(otherCommand.body.type).toMatch(/\/idempotency-key-reused$/);
      const detail = await request('hd.user.north', id, first.position);
      expect(detail.state).toBe('IN_PROGRESS');
      expect((detail.conversation as { text: string }[]).map((m) => m.text)).toEqual(['details', 'A']);
    });

    it('of a registration comes back with another body: 422, not the first request', async () => {
      const key = randomUUID();
      await api.ok('hd.user.north', 'POST', '/requests', { subject: 'First' }, { 'idempotency-key': key });
      const second = await api.call('hd.user.north', 'POST', '/requests', { subject: 'Second' }, { 'idempotency-key': key });
      expect(second.status).toBe(422);
      expect(second.body.type).toMatch(/\/idempotency-key-reused$/);
    });
  });

  describe('a closed request', () => {
    it('is read-only, not hidden, for those who worked its incident: 403', async () => {
      const id = await register('hd.user.north', 'Closed by its incident');
      const incidentId = await incidentOf('hd.user.north', id);
      await api.ok('l3.manager.network', 'POST', `/incidents/${incidentId}/assign`, { assigneeId: userId('l3.user.network') });
      await api.ok('l3.user.network', 'POST', `/incidents/${incidentId}/start`, {});
      await api.ok('l3.user.network', 'POST', `/incidents/${incidentId}/resolve`, { resolution: 'fixed' });
      await api.ok('l3.user.network', 'POST', `/incidents/${incidentId}/close`, {});
      await api.eventually(
        () => request('hd.user.north', id),
        (r) => r.state === 'CLOSED',
      );
      for (const user of ['l3.user.network', 'l3.manager.network'] as const) {
        expect((await api.call(user, 'GET', `/requests/${id}`)).status).toBe(200);
        expect((await api.call(user, 'POST', `/requests/${id}/reply`, { text: 'late' })).status).toBe(403);
      }
    });
  });

  describe('upper-case ids', () => {
    it('address the same request and incident as lower-case ones, for queries and commands', async () => {
      const id = await register('hd.user.north', 'Shouting ids');
      const upper = id.toUpperCase();
      expect(
        (
          await api.eventually(
            () => api.call('hd.user.north', 'GET', `/requests/${upper}`),
            (a) => a.status === 200,
          )
        ).status,
      ).toBe(200);
      const replied = await api.call('hd.user.north', 'POST', `/requests/${upper}/reply`, { text: 'same request' });
      expect(replied.status).toBe(202);
      expect(replied.body.id).toBe(id);
      const incidentId = await incidentOf('hd.user.north', id);
      await api.ok('l3.manager.network', 'POST', `/incidents/${incidentId.toUpperCase()}/assign`, { assigneeId: 'l3.user.network' });
      expect((await api.call('l3.user.network', 'POST', `/incidents/${incidentId.toUpperCase()}/start`, {})).status).toBe(202);
    });
  });

  describe('a request registered for a client', () => {
    it('refuses a contact that belongs to another client: 422', async () => {
      const answer = await api.call('hd.user.north', 'POST', '/requests', {
        subject: 'Wrong contact',
        clientId: ivan,
        contact: { channel: 'sms', address: mariaPhone },
      });
      expect(answer.status).toBe(422);
      expect(answer.body.rule).toBe('contact-of-another-client');
    });

    it('takes the client’s own contact', async () => {
      const answer = await api.call('hd.user.north', 'POST', '/requests', {
        subject: 'Right contact',
        clientId: ivan,
        contact: { channel: 'sms', address: '+79161234567' },
      });
      expect(answer.status).toBe(202);
    });
  });

  describe('history', () => {
    it('shows every assignment, reassignment and department move of a request, with names next to ids', async () => {
      const id = await register('hd.user.north', 'Passed around');
      await api.ok('hd.manager.north', 'POST', `/requests/${id}/assign`, { assigneeId: 'hd.user.north2' });
      await api.ok('hd.manager.north', 'POST', `/requests/${id}/assign`, { assigneeId: 'hd.user.north' });
      const moved = await api.ok('hd.manager.north', 'POST', `/requests/${id}/assign`, { assigneeId: 'hd.user.south', department: 'first-line-south' });
      const detail = await request('hd.manager.south', id, moved.position);
      const history = detail.history as {
        eventType: string;
        from: string | null;
        to: string | null;
        assigneeId: string | null;
        assigneeName: string | null;
        department: string | null;
        previousDepartment: string | null;
        by: string;
        byName: string;
      }[];
      expect(history.map((h) => [h.eventType, h.to, h.assigneeName, h.previousDepartment, h.department])).toEqual([
        ['RequestRegistered', 'NEW', null, null, 'first-line-north'],
        ['RequestAssigned', 'IN_PROGRESS', 'Anna Volkova', null, null],
        ['RequestAssigned', null, 'Pavel Lebedev', null, null],
        ['RequestAssigned', null, 'Anna Volkova', null, null],
        ['RequestAssigned', null, 'Dmitry Kozlov', 'first-line-north', 'first-line-south'],
      ]);
      expect(history[0]).toMatchObject({ by: userId('hd.user.north'), byName: 'Anna Volkova' });
      expect(history[2]).toMatchObject({ by: userId('hd.manager.north'), byName: 'Nikolai Orlov', assigneeId: userId('hd.user.north2') });
      const statusHistory = detail.statusHistory as { to: string; byName: string }[];
      expect(statusHistory.map((s) => [s.to, s.byName])).toEqual([
        ['NEW', 'Anna Volkova'],
        ['IN_PROGRESS', 'Anna Volkova'],
      ]);
      const conversation = detail.conversation as { text: string; byName: string }[];
      expect(conversation[0]).toMatchObject({ text: 'details', byName: 'Anna Volkova' });
    });

    it('shows an incident’s reassignments and hold reasons, and the narrative’s authors by name', async () => {
      const incidentId = await incidentOf('hd.user.north', await register('hd.user.north', 'Waiting for parts'));
      await api.ok('l3.manager.network', 'POST', `/incidents/${incidentId}/assign`, { assigneeId: 'l3.user.network' });
      await api.ok('l3.manager.network', 'POST', `/incidents/${incidentId}/assign`, { assigneeId: 'l3.user.network2' });
      await api.ok('l3.user.network2', 'POST', `/incidents/${incidentId}/start`, {});
      await api.ok('l3.user.network2', 'POST', `/incidents/${incidentId}/narrative`, { text: 'Ordered a new ONT' });
      const held = await api.ok('l3.user.network2', 'POST', `/incidents/${incidentId}/hold`, { reason: 'waiting for parts' });
      const incident = await api.ok('l3.manager.network', 'GET', `/incidents/${incidentId}?minPosition=${encodeURIComponent(String(held.position))}`);
      const history = incident.history as { eventType: string; to: string | null; assigneeName: string | null; reason: string | null; byName: string }[];
      expect(history.map((h) => [h.eventType, h.to, h.assigneeName, h.reason])).toEqual([
        ['IncidentOpened', 'NEW', null, null],
        ['IncidentAssigned', 'ASSIGNED', 'Maxim Popov', null],
        ['IncidentAssigned', null, 'Olga Smirnova', null],
        ['IncidentStarted', 'IN_WORK', 'Olga Smirnova', null],
        ['IncidentPutOnHold', 'ON_HOLD', null, 'waiting for parts'],
      ]);
      expect(history[0].byName).toBe('Switchboard (escalation)');
      expect((incident.narrative as { text: string; byName: string }[])[0]).toMatchObject({ text: 'Ordered a new ONT', byName: 'Olga Smirnova' });
    });
  });

  describe('the user directory for pickers', () => {
    const usernames = async (user: DemoUser, query: string): Promise<string[]> =>
      ((await api.ok(user, 'GET', `/directory/users${query}`)).items as { username: string }[]).map((u) => u.username);

    it('lists the help-desk operators of the caller’s department with their names, roles and groups', async () => {
      const page = await api.ok('hd.manager.north', 'GET', '/directory/users?role=HelpDeskUser&department=first-line-north');
      expect(page.items).toEqual([
        {
          id: userId('hd.user.north'),
          username: 'hd.user.north',
          displayName: 'Anna Volkova',
          roles: ['HelpDeskUser'],
          departments: ['first-line-north'],
          workGroups: [],
          groups: ['/departments/first-line-north'],
        },
        {
          id: userId('hd.user.north2'),
          username: 'hd.user.north2',
          displayName: 'Pavel Lebedev',
          roles: ['HelpDeskUser'],
          departments: ['first-line-north'],
          workGroups: [],
          groups: ['/departments/first-line-north'],
        },
      ]);
      expect(await usernames('hd.manager.north', '?q=lebed')).toEqual(['hd.user.north2']);
    });

    it('lists the engineers of the caller’s work group', async () => {
      expect(await usernames('l3.manager.network', '?role=SL3User&workGroup=network-l3')).toEqual(['l3.user.network', 'l3.user.network2']);
    });

    it('shows nobody of a group the caller is not in', async () => {
      expect(await usernames('hd.user.south', '?department=first-line-north')).toEqual([]);
      expect(await usernames('l3.user.billing', '?workGroup=network-l3')).toEqual([]);
    });

    it('names a bad filter with 400', async () => {
      const answer = await api.call('hd.manager.north', 'GET', '/directory/users?role=Janitor');
      expect(answer.status).toBe(400);
      expect((answer.body.errors as { field: string }[])[0].field).toBe('role');
    });
  });
});
