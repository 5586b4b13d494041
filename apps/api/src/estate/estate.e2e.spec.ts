import { randomUUID } from 'node:crypto';
import { startOperatorApi } from '../testing/operator-api';
import type { OperatorApi } from '../testing/operator-api';

/**
 * The estate through the real all-in-one app with real Keycloak tokens (the dev IdP's when Keycloak
 * cannot run here): a SiteManager of /sites/river-park sees and keeps that site only (404 on
 * another), ClientService every site, the help desk reads the estate and registers requests for units.
 */
type User = 'site.manager.river' | 'client.service' | 'hd.user.north';
type Body = Record<string, unknown> & { items?: Record<string, unknown>[] };

describe('estate API: sites, grid, unit card, residents, scoped by site', () => {
  let api: OperatorApi;

  const call = async (user: User, method: string, path: string, body?: unknown) => {
    const answer = await api.call(user, method, path, body);
    return { status: answer.status, body: answer.body as Body };
  };
  const ok = async (user: User, method: string, path: string, body?: unknown) => (await api.ok(user, method, path, body)) as Body;

  const ids = {} as Record<'river' | 'old' | 'house' | 'tower' | 'entrance' | 'unit' | 'oldUnit' | 'client', string>;

  beforeAll(async () => {
    api = await startOperatorApi('estate_api', { DEMO_DATA: 'false' });

    ids.river = (await ok('client.service', 'POST', '/sites', { slug: 'river-park', name: 'River Park' })).id as string;
    ids.old = (await ok('client.service', 'POST', '/sites', { slug: 'old-town', name: 'Old Town' })).id as string;
    ids.tower = (await ok('client.service', 'POST', `/sites/${ids.old}/buildings`, { name: 'Tower A' })).id as string;
    const oldEntrance = (await ok('client.service', 'POST', `/sites/${ids.old}/buildings/${ids.tower}/entrances`, { number: '1' })).id as string;
    ids.oldUnit = (
      await ok('client.service', 'POST', `/sites/${ids.old}/buildings/${ids.tower}/units`, { entranceId: oldEntrance, number: '1', type: 'office', floor: 1 })
    ).id as string;
    ids.client = (await ok('hd.user.north', 'POST', '/clients', { firstName: 'Anna', lastName: 'Petrova', phone: '+7 916 555-01-02' })).id as string;
  }, 240_000);

  afterAll(async () => {
    await api?.stop();
  });

  it('tells the console who covers which sites', async () => {
    expect(await ok('site.manager.river', 'GET', '/me')).toMatchObject({ roles: ['SiteManager'], sites: ['river-park'] });
  });

  it('lets only head office add a site', async () => {
    expect((await call('site.manager.river', 'POST', '/sites', { slug: 'new-site', name: 'New' })).status).toBe(403);
    expect((await call('client.service', 'POST', '/sites', { slug: 'river-park', name: 'Again' })).status).toBe(409);
  });

  it('shows a site manager their sites only, head office and the help desk all of them', async () => {
    const slugs = async (user: User) => ((await ok(user, 'GET', '/sites')).items ?? []).map((s) => s.slug);
    expect(await slugs('site.manager.river')).toEqual(['river-park']);
    expect(await slugs('client.service')).toEqual(['old-town', 'river-park']);
    expect(await slugs('hd.user.north')).toEqual(['old-town', 'river-park']);
  });

  it('lets a site manager keep their site’s estate and finds nothing on another site (404)', async () => {
    ids.house = (await ok('site.manager.river', 'POST', `/sites/${ids.river}/buildings`, { name: 'House 1' })).id as string;
    ids.entrance = (await ok('site.manager.river', 'POST', `/sites/${ids.river}/buildings/${ids.house}/entrances`, { number: '1' })).id as string;
    ids.unit = (
      await ok('site.manager.river', 'POST', `/sites/${ids.river}/buildings/${ids.house}/units`, {
        entranceId: ids.entrance,
        number: '12',
        type: 'apartment',
        floor: 3,
        area: 54.3,
        rooms: 2,
      })
    ).id as string;

    expect((await call('site.manager.river', 'GET', `/sites/${ids.old}`)).status).toBe(404);
    expect((await call('site.manager.river', 'GET', `/sites/${ids.old}/buildings`)).status).toBe(404);
    expect((await call('site.manager.river', 'POST', `/sites/${ids.old}/buildings`, { name: 'Sneaky' })).status).toBe(404);
    expect((await call('site.manager.river', 'GET', `/sites/${ids.old}/buildings/${ids.tower}/grid`)).status).toBe(404);
    expect((await call('site.manager.river', 'GET', `/units/${ids.oldUnit}`)).status).toBe(404);
    expect((await call('site.manager.river', 'PUT', `/units/${ids.oldUnit}`, { number: '1', type: 'retail', floor: 1 })).status).toBe(404);
    // Another site's building id under one's own site is not found either.
    expect((await call('site.manager.river', 'GET', `/sites/${ids.river}/buildings/${ids.tower}/grid`)).status).toBe(404);

    expect((await call('client.service', 'GET', `/sites/${ids.old}/buildings/${ids.tower}/grid`)).status).toBe(200);
    expect((await call('hd.user.north', 'POST', `/sites/${ids.river}/buildings`, { name: 'Not mine' })).status).toBe(403);
  });

  it('records residents with their periods and refuses overlaps and backwards periods', async () => {
    await ok('site.manager.river', 'POST', `/units/${ids.unit}/residents`, { clientId: ids.client, relation: 'owner', from: '2021-03-01' });
    const overlap = await call('site.manager.river', 'POST', `/units/${ids.unit}/residents`, { clientId: ids.client, relation: 'owner', from: '2024-01-01' });
    expect(overlap).toMatchObject({ status: 422, body: { rule: 'residency-overlaps' } });
    const backwards = await call('site.manager.river', 'POST', `/units/${ids.unit}/residents`, {
      clientId: ids.client,
      relation: 'tenant',
      from: '2024-01-02',
      to: '2024-01-01',
    });
    expect(backwards).toMatchObject({ status: 422, body: { rule: 'residency-ends-before-start' } });

    const units = await ok('hd.user.north', 'GET', `/clients/${ids.client}/units`);
    expect(units.items?.map((u) => [(u.unit as { number: string }).number, u.relation, u.current])).toEqual([['12', 'owner', true]]);
    expect((await ok('client.service', 'GET', `/clients/${ids.client}/units`)).items).toHaveLength(1);
  });

  it('counts a unit’s open requests on the grid and lists them on the unit card', async () => {
    const registered = await ok('hd.user.north', 'POST', '/requests', { subject: 'Leaking tap', unitId: ids.unit });
    const unknown = await call('hd.user.north', 'POST', '/requests', { subject: 'Nowhere', unitId: randomUUID() });
    expect(unknown).toMatchObject({ status: 422, body: { rule: 'unit-unknown' } });

    let card = await ok('site.manager.river', 'GET', `/units/${ids.unit}`);
    for (let i = 0; i < 100 && (card.requests as { open: unknown[] }).open.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      card = await ok('site.manager.river', 'GET', `/units/${ids.unit}`);
    }
    expect(card).toMatchObject({
      unit: { number: '12', siteSlug: 'river-park', buildingName: 'House 1', entranceNumber: '1' },
      residents: [{ clientId: ids.client, relation: 'owner', current: true, person: { name: 'Petrova Anna', phone: '+79165550102' } }],
      requests: { open: [{ id: registered.id, subject: 'Leaking tap', state: 'IN_PROGRESS', slaState: 'ok' }], past: [] },
      allowedActions: ['edit', 'residents'],
    });

    expect(await ok('hd.user.north', 'GET', `/requests/${registered.id as string}`)).toMatchObject({ unitId: ids.unit, buildingId: ids.house });

    const grid = await ok('site.manager.river', 'GET', `/sites/${ids.river}/buildings/${ids.house}/grid`);
    expect(grid).toMatchObject({ entrances: [{ id: ids.entrance, number: '1' }], floors: [3], allowedActions: ['edit'] });
    expect(grid.cells).toEqual([
      {
        entranceId: ids.entrance,
        floor: 3,
        units: [{ id: ids.unit, number: '12', type: 'apartment', floor: 3, area: 54.3, rooms: 2, occupancy: 1, openRequests: 1, worstSla: 'ok' }],
      },
    ]);
    expect((await ok('hd.user.north', 'GET', `/sites/${ids.river}/buildings/${ids.house}/grid`)).allowedActions).toEqual([]);
  });
});
