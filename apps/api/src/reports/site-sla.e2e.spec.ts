import { startOperatorApi } from '../testing/operator-api';
import type { OperatorApi } from '../testing/operator-api';

/**
 * The site SLA report through the real all-in-one app with real Keycloak tokens (the dev IdP's when
 * Keycloak cannot run here): a SiteManager of /sites/river-park reads their site only, with another
 * site's requests absent; head office and help-desk managers read every site; a help-desk operator
 * is refused.
 */
type User = 'site.manager.river' | 'client.service' | 'hd.manager.north' | 'hd.user.north';

interface Figures {
  requests: number;
  closed: number;
  slaMetPercent: number | null;
  breached: number;
  medianResolutionSeconds: number | null;
}
interface Report {
  totals: Figures;
  sites: { siteSlug: string; siteName: string; totals: Figures; categories: (Figures & { category: string })[] }[];
}

describe('GET /reports/sites-sla, scoped by site', () => {
  let api: OperatorApi;

  const call = (user: User, method: string, path: string, body?: unknown) => api.call(user, method, path, body);
  const ok = (user: User, method: string, path: string, body?: unknown) => api.ok(user, method, path, body);
  const report = async (user: User) => (await ok(user, 'GET', '/reports/sites-sla')) as unknown as Report;

  beforeAll(async () => {
    api = await startOperatorApi('site_sla_api', { DEMO_DATA: 'false' });

    const river = (await ok('client.service', 'POST', '/sites', { slug: 'river-park', name: 'River Park' })).id as string;
    const old = (await ok('client.service', 'POST', '/sites', { slug: 'old-town', name: 'Old Town' })).id as string;
    const house = (await ok('client.service', 'POST', `/sites/${river}/buildings`, { name: 'House 1' })).id as string;
    const entrance = (await ok('client.service', 'POST', `/sites/${river}/buildings/${house}/entrances`, { number: '1' })).id as string;
    const unit = (
      await ok('client.service', 'POST', `/sites/${river}/buildings/${house}/units`, { entranceId: entrance, number: '12', type: 'apartment', floor: 3 })
    ).id as string;
    const tower = (await ok('client.service', 'POST', `/sites/${old}/buildings`, { name: 'Tower A' })).id as string;

    // River Park: one request for a unit, closed; one for the building, open. Old Town: two for its building.
    const closed = (await ok('hd.user.north', 'POST', '/requests', { subject: 'Leaking tap', unitId: unit })).id as string;
    await ok('hd.user.north', 'POST', '/requests', { subject: 'Stairway light', buildingId: house });
    await ok('hd.user.north', 'POST', '/requests', { subject: 'Lift stuck', buildingId: tower });
    await ok('hd.user.north', 'POST', '/requests', { subject: 'Broken door', buildingId: tower });
    await ok('hd.user.north', 'POST', '/requests', { subject: 'Nowhere in particular' });
    await ok('hd.user.north', 'POST', `/requests/${closed}/close`, { reason: 'fixed' });

    // The read model follows the events: wait until it has every request and the closure.
    for (let i = 0; i < 100; i++) {
      const all = await report('client.service');
      if (all.totals.requests === 4 && all.totals.closed === 1) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 240_000);

  afterAll(async () => {
    await api?.stop();
  });

  it('gives head office every site, with the requests registered for a place only', async () => {
    const all = await report('client.service');
    expect(all.totals).toMatchObject({ requests: 4, closed: 1, breached: 0 });
    expect(all.sites.map((s) => [s.siteSlug, s.siteName, s.totals.requests, s.totals.closed])).toEqual([
      ['old-town', 'Old Town', 2, 0],
      ['river-park', 'River Park', 2, 1],
    ]);
    const river = all.sites.find((s) => s.siteSlug === 'river-park');
    expect(river?.categories.map((c) => [c.category, c.requests, c.closed])).toEqual([['first-line-north', 2, 1]]);
    expect(river?.totals.medianResolutionSeconds).toEqual(expect.any(Number));
  });

  it('gives a site manager their site only: another site’s requests are absent', async () => {
    const mine = await report('site.manager.river');
    expect(mine.sites.map((s) => s.siteSlug)).toEqual(['river-park']);
    expect(mine.totals).toMatchObject({ requests: 2, closed: 1 });
    expect(JSON.stringify(mine)).not.toContain('old-town');
  });

  it('lets help-desk managers read every site and refuses help-desk operators', async () => {
    expect((await report('hd.manager.north')).sites.map((s) => s.siteSlug)).toEqual(['old-town', 'river-park']);
    expect((await call('hd.user.north', 'GET', '/reports/sites-sla')).status).toBe(403);
  });

  it('takes a range, and refuses one that ends before it starts', async () => {
    const past = (await ok('client.service', 'GET', '/reports/sites-sla?from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z')) as unknown as Report;
    expect(past.totals.requests).toBe(0);
    expect(past.sites.map((s) => s.totals.requests)).toEqual([0, 0]);
    expect((await call('client.service', 'GET', '/reports/sites-sla?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z')).status).toBe(400);
  });
});
