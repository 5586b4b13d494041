import { startOperatorApi, siteStaffUsers } from './testing/operator-api';
import type { DemoUser, OperatorApi } from './testing/operator-api';

/**
 * Every site role × two sites (river-park, old-town) × the request routes, through the real
 * all-in-one app with real Keycloak tokens and Keycloak's directory (the dev IdP's and the realm
 * file when Keycloak cannot run here): site staff read and work their sites' requests, head office
 * reads every site's, a technician sees their own and their sites' unassigned ones, the desk roles
 * none; another site's request is 404 (ADR 0032).
 */
const users = [...siteStaffUsers, 'hd.user.north'] as const satisfies readonly DemoUser[];
type User = (typeof users)[number];
type Key = 'RV1' | 'RV2' | 'RV3' | 'OT1' | 'N1';

describe('operator API: site staff and technicians, scoped by site', () => {
  let api: OperatorApi;
  const ids = {} as Record<Key, string>;
  const place = {} as Record<'river' | 'old' | 'house' | 'tower' | 'riverUnit' | 'oldUnit', string>;
  const ok = (user: User, method: string, path: string, body?: unknown) => api.ok(user, method, path, body);
  const call = (user: User, method: string, path: string, body?: unknown) => api.call(user, method, path, body);
  const listed = async (user: User, query = '') => ((await ok(user, 'GET', `/requests?limit=100${query}`)).items as { id: string }[]).map((r) => r.id).sort();
  const names = (keys: readonly Key[]) => keys.map((k) => ids[k]).sort();

  beforeAll(async () => {
    api = await startOperatorApi('api_site_roles', {}, users);
    place.river = (await ok('client.service', 'POST', '/sites', { slug: 'river-park', name: 'River Park' })).id as string;
    place.old = (await ok('client.service', 'POST', '/sites', { slug: 'old-town', name: 'Old Town' })).id as string;
    place.house = (await ok('client.service', 'POST', `/sites/${place.river}/buildings`, { name: 'House 1' })).id as string;
    place.tower = (await ok('client.service', 'POST', `/sites/${place.old}/buildings`, { name: 'Tower A' })).id as string;
    const houseEntrance = (await ok('client.service', 'POST', `/sites/${place.river}/buildings/${place.house}/entrances`, { number: '1' })).id as string;
    const towerEntrance = (await ok('client.service', 'POST', `/sites/${place.old}/buildings/${place.tower}/entrances`, { number: '1' })).id as string;
    place.riverUnit = (
      await ok('client.service', 'POST', `/sites/${place.river}/buildings/${place.house}/units`, {
        entranceId: houseEntrance,
        number: '12',
        type: 'apartment',
        floor: 3,
      })
    ).id as string;
    place.oldUnit = (
      await ok('client.service', 'POST', `/sites/${place.old}/buildings/${place.tower}/units`, {
        entranceId: towerEntrance,
        number: '1',
        type: 'office',
        floor: 1,
      })
    ).id as string;

    // RV1: river, registered by the central dispatcher after a call, then given to technician.river by the site manager.
    // RV2: river, registered by a help-desk operator (assigned to them). RV3: river common areas, by the client
    // manager, unassigned (the river technicians' queue). OT1: old-town, by its dispatcher, given to technician.old-town.
    // N1: no place at all (no site: nobody's of the site staff).
    ids.RV1 = (await ok('dispatcher.central', 'POST', '/requests', { subject: 'Leaking tap', text: 'kitchen', unitId: place.riverUnit })).id as string;
    ids.RV2 = (await ok('hd.user.north', 'POST', '/requests', { subject: 'Intercom silent', unitId: place.riverUnit })).id as string;
    ids.RV3 = (await ok('client.manager.river', 'POST', '/requests', { subject: 'Stairway light', buildingId: place.house })).id as string;
    ids.OT1 = (await ok('dispatcher.old-town', 'POST', '/requests', { subject: 'Door closer', unitId: place.oldUnit })).id as string;
    ids.N1 = (await ok('hd.user.north', 'POST', '/requests', { subject: 'No internet' })).id as string;
    await ok('site.manager.river', 'POST', `/requests/${ids.RV1}/assign`, { assigneeId: 'technician.river' });
    await ok('dispatcher.old-town', 'POST', `/requests/${ids.OT1}/assign`, { assigneeId: 'technician.old-town' });
    // The read models catch up: every request in head office's list, both assignments in the technicians' "my work".
    await api.eventually(
      async () => [await listed('client.service'), await listed('technician.river', '&assignee=me'), await listed('technician.old-town', '&assignee=me')],
      ([all, river, old]) => all.length === 4 && river.length === 1 && old.length === 1,
    );
  }, 300_000);

  afterAll(async () => {
    await api?.stop();
  });

  const visible: Record<User, readonly Key[]> = {
    'site.manager.river': ['RV1', 'RV2', 'RV3'],
    'client.manager.river': ['RV1', 'RV2', 'RV3'],
    'dispatcher.central': ['RV1', 'RV2', 'RV3', 'OT1'],
    'dispatcher.old-town': ['OT1'],
    'technician.river': ['RV1', 'RV3'],
    'technician.old-town': ['OT1'],
    'concierge.river-park': [],
    'guard.river-park': [],
    'guard.old-town': [],
    'client.service': ['RV1', 'RV2', 'RV3', 'OT1'],
    'hd.user.north': ['RV2', 'N1'],
  };
  const writable: Partial<Record<User, readonly Key[]>> = {
    'site.manager.river': ['RV1', 'RV2', 'RV3'],
    'client.manager.river': ['RV1', 'RV2', 'RV3'],
    'dispatcher.central': ['RV1', 'RV2', 'RV3', 'OT1'],
    'dispatcher.old-town': ['OT1'],
    'technician.river': ['RV1'],
    'technician.old-town': ['OT1'],
    'hd.user.north': ['RV2', 'N1'],
  };

  it.each(users)('lists exactly the requests %s may see', async (user) => {
    expect(await listed(user)).toEqual(names(visible[user]));
  });

  const cards = users.flatMap((user) => (['RV1', 'RV2', 'RV3', 'OT1', 'N1'] as const).map((key) => [user, key] as const));
  it.each(cards)('answers %s on request %s: 200/404 to read, 202/403/404 to reply', async (user, key) => {
    const sees = visible[user].includes(key);
    const works = writable[user]?.includes(key) ?? false;
    expect((await call(user, 'GET', `/requests/${ids[key]}`)).status).toBe(sees ? 200 : 404);
    const reply = await call(user, 'POST', `/requests/${ids[key]}/reply`, { text: 'We are on it' });
    expect(reply.status).toBe(works ? 202 : sees ? 403 : 404);
  });

  it('gives a technician "my work" through the requests list: their own, nobody else’s', async () => {
    expect(await listed('technician.river', '&assignee=me')).toEqual(names(['RV1']));
    expect(await listed('technician.old-town', '&assignee=me')).toEqual(names(['OT1']));
    // The site's unassigned ones are the queue, read-only until taken.
    expect(await listed('technician.river', '&assignee=none')).toEqual(names(['RV3']));
  });

  it('offers each caller the actions they may take: assign for site managers and dispatchers, not for client managers or technicians', async () => {
    const actions = async (user: User, key: Key) => (await ok(user, 'GET', `/requests/${ids[key]}`)).allowedActions as string[];
    expect(await actions('site.manager.river', 'RV1')).toEqual(expect.arrayContaining(['assign', 'reply', 'close']));
    expect(await actions('dispatcher.central', 'OT1')).toEqual(expect.arrayContaining(['assign', 'reply']));
    expect(await actions('client.manager.river', 'RV1')).toEqual(expect.arrayContaining(['reply', 'close']));
    expect(await actions('client.manager.river', 'RV1')).not.toContain('assign');
    expect(await actions('technician.river', 'RV1')).toEqual(expect.arrayContaining(['reply', 'close']));
    expect(await actions('technician.river', 'RV1')).not.toContain('assign');
    expect(await actions('technician.river', 'RV3')).toEqual(['take']);
    expect(await actions('client.service', 'RV1')).toEqual([]);
  });

  it('lets site managers and dispatchers assign a technician of the request’s site (202), refuses others with 422 naming the rule, and 403/404 by role', async () => {
    const assign = (user: User, key: Key, assigneeId: string) => call(user, 'POST', `/requests/${ids[key]}/assign`, { assigneeId });
    const wrongSite = await assign('site.manager.river', 'RV3', 'technician.old-town');
    expect([wrongSite.status, wrongSite.body.rule]).toEqual([422, 'assignee-not-on-site']);
    const noSite = await assign('hd.user.north', 'N1', 'technician.river');
    expect([noSite.status, noSite.body.rule]).toEqual([422, 'assignee-technician-needs-site']);
    // Assigning by site alone, site staff hand a request only to a technician of its site: not a guard, nor a help-desk operator.
    const notTechnician = await assign('dispatcher.central', 'RV3', 'guard.river-park');
    expect([notTechnician.status, notTechnician.body.rule]).toEqual([422, 'assignee-not-site-technician']);
    const helpDesk = await assign('site.manager.river', 'RV3', 'hd.user.north');
    expect([helpDesk.status, helpDesk.body.rule]).toEqual([422, 'assignee-not-site-technician']);
    expect((await assign('client.manager.river', 'RV3', 'technician.river')).status).toBe(403);
    expect((await assign('technician.river', 'RV1', 'technician.river')).status).toBe(403);
    expect((await assign('client.service', 'RV3', 'technician.river')).status).toBe(403);
    expect((await assign('site.manager.river', 'OT1', 'technician.old-town')).status).toBe(404);
    expect((await assign('dispatcher.old-town', 'RV3', 'technician.river')).status).toBe(404);
    expect((await assign('concierge.river-park', 'RV3', 'technician.river')).status).toBe(404);
    expect((await assign('guard.old-town', 'OT1', 'technician.old-town')).status).toBe(404);
    expect((await assign('dispatcher.central', 'OT1', 'technician.old-town')).status).toBe(202);
  });

  it('lets a technician take the unassigned request of their site, not another site’s, then work and close it', async () => {
    expect((await call('technician.old-town', 'POST', `/requests/${ids.RV3}/take`)).status).toBe(404);
    const taken = await call('technician.river', 'POST', `/requests/${ids.RV3}/take`);
    expect(taken.status).toBe(202);
    await api.eventually(
      () => listed('technician.river', '&assignee=me'),
      (mine) => mine.length === 2,
    );
    expect(await listed('technician.river', '&assignee=me')).toEqual(names(['RV1', 'RV3']));
    expect((await call('technician.river', 'POST', `/requests/${ids.RV3}/reply`, { text: 'Replaced the bulb' })).status).toBe(202);
    expect((await call('technician.river', 'POST', `/requests/${ids.RV3}/close`, { reason: 'fixed' })).status).toBe(202);
  });

  it('lets dispatchers and client managers register requests for units and buildings of their sites only', async () => {
    const register = (user: User, body: Record<string, unknown>) => call(user, 'POST', '/requests', { subject: 'Call', ...body });
    const otherSite = await register('client.manager.river', { unitId: place.oldUnit });
    expect([otherSite.status, otherSite.body.rule]).toEqual([422, 'site-not-yours']);
    const nowhere = await register('dispatcher.old-town', {});
    expect([nowhere.status, nowhere.body.rule]).toEqual([422, 'site-not-yours']);
    expect((await register('dispatcher.old-town', { buildingId: place.tower })).status).toBe(202);
    expect((await register('technician.river', { unitId: place.riverUnit })).status).toBe(403);
    expect((await register('concierge.river-park', { unitId: place.riverUnit })).status).toBe(403);
    expect((await register('guard.river-park', { unitId: place.riverUnit })).status).toBe(403);
    expect((await register('client.service', { unitId: place.riverUnit })).status).toBe(403);
  });

  it('lets a client manager read their sites’ estate and a technician the units of theirs, each 404 elsewhere', async () => {
    const slugs = async (user: User) => ((await ok(user, 'GET', '/sites')).items as { slug: string }[]).map((s) => s.slug).sort();
    expect(await slugs('client.manager.river')).toEqual(['river-park']);
    expect(await slugs('technician.old-town')).toEqual(['old-town']);
    expect((await call('client.manager.river', 'GET', `/units/${place.riverUnit}`)).status).toBe(200);
    expect((await call('client.manager.river', 'GET', `/units/${place.oldUnit}`)).status).toBe(404);
    expect((await call('client.manager.river', 'GET', `/sites/${place.old}`)).status).toBe(404);
    // A technician reads the unit, not every request of it (their own come through the requests list).
    const card = await ok('technician.river', 'GET', `/units/${place.riverUnit}`);
    expect(card.requests).toEqual({ open: [], past: [] });
    expect((await call('technician.river', 'GET', `/units/${place.oldUnit}`)).status).toBe(404);
  });
});
