import { startOperatorApi } from '../testing/operator-api';
import type { OperatorApi } from '../testing/operator-api';

/**
 * Permissions as data (ADR 0031) through the all-in-one app with real Keycloak tokens: only
 * AccessAdmin administers the mapping; a change is an event with who and when, guarded by the
 * version the admin saw; and the next requests of the role's users follow it within the
 * resolver's refresh (plus the projection's lag).
 */
describe('access API', () => {
  let api: OperatorApi;

  beforeAll(async () => {
    api = await startOperatorApi('access_api');
  }, 240_000);

  afterAll(async () => {
    await api?.stop();
  });

  const put = (role: string, permissions: unknown, version?: string) =>
    api.call('access.admin', 'PUT', `/access/roles/${role}/permissions`, { permissions }, version === undefined ? {} : { 'if-match': version });

  it('answers 403 to everyone but AccessAdmin', async () => {
    for (const user of ['hd.manager.north', 'client.service', 'l3.manager.network', 'dispatcher.central'] as const) {
      expect((await api.call(user, 'GET', '/access/roles')).status).toBe(403);
      expect((await api.call(user, 'PUT', '/access/roles/HelpDeskUser/permissions', { permissions: [] }, { 'if-match': '"0"' })).status).toBe(403);
    }
    expect((await api.call('resident.anna', 'GET', '/access/permissions')).status).toBe(403);
    expect((await api.call(null, 'GET', '/access/permissions')).status).toBe(401);
  });

  it('lists the catalogue with descriptions in Russian and English, and every role with its default permissions at version 0', async () => {
    const catalogue = (await api.ok('access.admin', 'GET', '/access/permissions')).items as {
      permission: string;
      resource: string;
      description: { ru: string; en: string };
    }[];
    expect(catalogue.find((p) => p.permission === 'estate.edit:site')).toMatchObject({
      resource: 'estate',
      description: { en: expect.any(String), ru: expect.any(String) },
    });
    const roles = (await api.ok('access.admin', 'GET', '/access/roles')).items as {
      role: string;
      permissions: string[];
      version: number;
      isDefault: boolean;
    }[];
    expect(roles.map((r) => r.role)).not.toContain('Resident');
    expect(roles.find((r) => r.role === 'SiteManager')).toEqual({
      role: 'SiteManager',
      permissions: ['request.work:site', 'request.assign:site', 'estate.read:site', 'estate.edit:site', 'report.site-sla:site'],
      version: 0,
      isDefault: true,
    });
    const one = await api.call('access.admin', 'GET', '/access/roles/AccessAdmin');
    expect(one).toMatchObject({ status: 200, body: { role: 'AccessAdmin', permissions: ['access.admin'], version: 0 } });
    expect(one.headers.get('etag')).toBe('"0"');
    expect((await api.call('access.admin', 'GET', '/access/roles/Janitor')).status).toBe(404);
    expect((await api.call('access.admin', 'GET', '/access/roles/Resident')).status).toBe(404);
  });

  it('refuses a change without the version seen (400), a stale one (409), a permission outside the catalogue (422)', async () => {
    expect((await put('Concierge', ['pass.create:site'])).status).toBe(400);
    expect(await put('Concierge', ['pass.create:site', 'estate.demolish'], '"0"')).toMatchObject({
      status: 422,
      body: { rule: 'unknown-permission', errors: [{ field: 'permissions', message: 'estate.demolish is not in the catalogue' }] },
    });
    expect(await put('AccessAdmin', [], '"0"')).toMatchObject({ status: 422, body: { rule: 'access-admin-lockout' } });
    expect((await put('Janitor', [], '"0"')).status).toBe(404);
    const first = await put('Concierge', ['unit.pick:site', 'pass.create:site'], '"0"');
    expect(first).toMatchObject({
      status: 200,
      body: { role: 'Concierge', permissions: ['unit.pick:site', 'pass.create:site'], version: 1, isDefault: false },
    });
    expect(first.headers.get('etag')).toBe('"1"');
    // Another admin's screen still shows version 0: its save is refused, not applied over the first.
    expect(await put('Concierge', ['unit.pick:site'], '"0"')).toMatchObject({ status: 409, body: { current: { version: 1 } } });
    expect((await api.ok('access.admin', 'GET', '/access/roles/Concierge')).permissions).toEqual(['unit.pick:site', 'pass.create:site']);
    const history = (await api.ok('access.admin', 'GET', '/access/roles/Concierge/history')).items;
    const admin = String((await api.ok('access.admin', 'GET', '/me')).userId);
    expect(history).toEqual([
      { version: 1, granted: [], revoked: ['resident.invite'], permissions: ['unit.pick:site', 'pass.create:site'], by: admin, at: expect.any(String) },
    ]);
  });

  it('refuses a help-desk manager the routing rules soon after the admin revokes routing.admin, and lets them in again when it is granted back', async () => {
    expect((await api.call('hd.manager.north', 'GET', '/routing-rules')).status).toBe(200);
    const before = (await api.ok('access.admin', 'GET', '/access/roles/HelpDeskManager')) as { permissions: string[]; version: number };
    const revoked = await put(
      'HelpDeskManager',
      before.permissions.filter((p) => p !== 'routing.admin'),
      `"${before.version}"`,
    );
    expect(revoked.status).toBe(200);
    const started = Date.now();
    const refused = await api.eventually(
      () => api.call('hd.manager.north', 'GET', '/routing-rules'),
      (a) => a.status === 403,
    );
    const tookMs = Date.now() - started;
    expect(refused).toMatchObject({ status: 403, body: { detail: 'This action needs one of the permissions: routing.admin.' } });
    // The bound the ADR states: the resolver's refresh (1 s) plus the projection's lag, well under 5 s here.
    expect(tookMs).toBeLessThan(5_000);
    expect((await api.ok('hd.manager.north', 'GET', '/me')).permissions).not.toContain('routing.admin');
    // The rest of the role is untouched.
    expect((await api.call('hd.manager.north', 'GET', '/sla-policies')).status).toBe(200);

    const granted = await put('HelpDeskManager', before.permissions, `"${(revoked.body as { version: number }).version}"`);
    expect(granted).toMatchObject({ status: 200, body: { permissions: before.permissions, version: before.version + 2 } });
    expect(
      (
        await api.eventually(
          () => api.call('hd.manager.north', 'GET', '/routing-rules'),
          (a) => a.status === 200,
        )
      ).status,
    ).toBe(200);
    expect((await api.ok('hd.manager.north', 'GET', '/me')).permissions).toContain('routing.admin');
  });

  it('narrows what a role sees in SQL: an operator without the department queue no longer reads its unassigned requests', async () => {
    const id = String((await api.ok('hd.manager.north', 'POST', '/requests', { subject: 'Протекает крыша' })).id);
    expect(
      (
        await api.eventually(
          () => api.call('hd.user.north', 'GET', `/requests/${id}`),
          (a) => a.status === 200,
        )
      ).status,
    ).toBe(200);
    const before = (await api.ok('access.admin', 'GET', '/access/roles/HelpDeskUser')) as { permissions: string[]; version: number };
    expect(
      (
        await put(
          'HelpDeskUser',
          before.permissions.filter((p) => p !== 'request.read:department-queue'),
          `"${before.version}"`,
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await api.eventually(
          () => api.call('hd.user.north', 'GET', `/requests/${id}`),
          (a) => a.status === 404,
        )
      ).status,
    ).toBe(404);
    expect((await api.call('hd.manager.north', 'GET', `/requests/${id}`)).status).toBe(200);
  });
});
