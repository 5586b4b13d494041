import { randomUUID } from 'node:crypto';
import { startOperatorApi } from '../testing/operator-api';
import type { DemoUser, OperatorApi } from '../testing/operator-api';

/**
 * The security desk through the all-in-one app with real Keycloak tokens (ADR 0029): who may order
 * passes and who may check visitors in (the role matrix), a pass names a unit of the estate at its
 * site (label and resident's phone from the estate), a guard of one site meets another site's pass
 * as 404, check-in under a repeated Idempotency-Key, the read model's queries (expected visitors,
 * search by plate in the other alphabet, the day log) and the estate's resident phone for a visitor
 * without a pass.
 */
describe('security desk API', () => {
  let api: OperatorApi;
  const hour = 3_600_000;
  const window = (fromHours: number, untilHours: number) => ({
    validFrom: new Date(Date.now() + fromHours * hour).toISOString(),
    validUntil: new Date(Date.now() + untilHours * hour).toISOString(),
  });
  const estate = {} as Record<'river' | 'old' | 'apt45' | 'apt12' | 'oldUnit' | 'resident', string>;
  const pass = (over: Record<string, unknown> = {}) => ({
    siteSlug: 'river-park',
    unitId: estate.apt45,
    kind: 'one-time',
    visitorName: 'Пётр Иванов',
    plate: 'А123ВС 77',
    ...window(-1, 8),
    ...over,
  });
  const ids = (body: Record<string, unknown>) => (body.items as { id: string }[]).map((p) => p.id);

  beforeAll(async () => {
    api = await startOperatorApi('security_desk_api');
    // The estate the passes name: River Park's Building 2 (apt 45) and Building 3 (apt 12, where the resident lives today), Old Town's Tower A.
    const unit = async (site: string, building: string, number: string) => {
      const buildingId = String((await api.ok('client.service', 'POST', `/sites/${site}/buildings`, { name: building })).id);
      const entranceId = String((await api.ok('client.service', 'POST', `/sites/${site}/buildings/${buildingId}/entrances`, { number: '1' })).id);
      return String(
        (await api.ok('client.service', 'POST', `/sites/${site}/buildings/${buildingId}/units`, { entranceId, number, type: 'apartment', floor: 1 })).id,
      );
    };
    estate.river = String((await api.ok('client.service', 'POST', '/sites', { slug: 'river-park', name: 'River Park' })).id);
    estate.old = String((await api.ok('client.service', 'POST', '/sites', { slug: 'old-town', name: 'Old Town' })).id);
    estate.apt45 = await unit(estate.river, 'Building 2', '45');
    estate.apt12 = await unit(estate.river, 'Building 3', '12');
    estate.oldUnit = await unit(estate.old, 'Tower A', '1');
    estate.resident = String((await api.ok('hd.user.north', 'POST', '/clients', { firstName: 'Ирина', lastName: 'Жильцова', phone: '+79991234567' })).id);
    const since = new Date(Date.now() - 30 * 24 * hour).toISOString().slice(0, 10);
    await api.ok('client.service', 'POST', `/units/${estate.apt12}/residents`, { clientId: estate.resident, relation: 'owner', from: since });
  }, 240_000);

  afterAll(async () => {
    await api?.stop();
  });

  it('tells each desk role its sites', async () => {
    expect(await api.ok('guard.river-park', 'GET', '/me')).toMatchObject({ roles: ['Security'], sites: ['river-park'] });
    expect(((await api.ok('dispatcher.central', 'GET', '/security-desk/sites')).sites as string[]).sort()).toEqual(['old-town', 'river-park']);
    expect((await api.call('hd.user.north', 'GET', '/security-desk/sites')).status).toBe(403);
  });

  it('lets concierges and dispatchers order passes at their sites, and nobody else', async () => {
    expect((await api.call('concierge.river-park', 'POST', '/passes', pass())).status).toBe(201);
    expect((await api.call('dispatcher.central', 'POST', '/passes', pass({ siteSlug: 'old-town', unitId: estate.oldUnit }))).status).toBe(201);
    expect((await api.call('concierge.river-park', 'POST', '/passes', pass({ siteSlug: 'old-town' }))).status).toBe(403);
    expect((await api.call('guard.river-park', 'POST', '/passes', pass())).status).toBe(403);
    expect((await api.call('hd.manager.north', 'POST', '/passes', pass())).status).toBe(403);
    const invalid = await api.call('concierge.river-park', 'POST', '/passes', pass({ visitorName: '', plate: '' }));
    expect(invalid.status).toBe(400);
  });

  it('orders a pass for a unit of the estate at the pass’s site only, with the estate’s label and resident’s phone', async () => {
    const unknown = await api.call('concierge.river-park', 'POST', '/passes', pass({ unitId: randomUUID() }));
    expect(unknown).toMatchObject({ status: 422, body: { rule: 'unit-unknown', errors: [{ field: 'unitId', message: 'no such unit in the estate' }] } });
    const elsewhere = await api.call('dispatcher.central', 'POST', '/passes', pass({ unitId: estate.oldUnit }));
    expect(elsewhere).toMatchObject({
      status: 422,
      body: { rule: 'unit-of-another-site', errors: [{ field: 'unitId', message: 'the unit is at site old-town' }] },
    });
    // A unit at a site the concierge does not cover is as unknown as a missing one.
    expect(await api.call('concierge.river-park', 'POST', '/passes', pass({ unitId: estate.oldUnit }))).toMatchObject({
      status: 422,
      body: { rule: 'unit-unknown' },
    });

    const fromEstate = await api.ok('concierge.river-park', 'POST', '/passes', pass({ unitId: estate.apt12, visitorName: 'Estate Visitor' }));
    expect(fromEstate).toMatchObject({ unitId: estate.apt12, unitLabel: 'Building 3, 12', residentPhone: '+79991234567' });
    const typed = await api.ok(
      'concierge.river-park',
      'POST',
      '/passes',
      pass({ unitId: estate.apt12, visitorName: 'Typed Phone', residentPhone: '+70000000000' }),
    );
    expect(typed).toMatchObject({ unitLabel: 'Building 3, 12', residentPhone: '+70000000000' });
    const nobodyHome = await api.ok('concierge.river-park', 'POST', '/passes', pass({ visitorName: 'Nobody Home' }));
    expect(nobodyHome).toMatchObject({ unitId: estate.apt45, unitLabel: 'Building 2, 45' });
    expect(nobodyHome.residentPhone).toBeUndefined();

    // The unit card shows the unit's passes to the desk of its site, and to nobody else.
    const card = await api.eventually(
      () => api.ok('guard.river-park', 'GET', `/units/${estate.apt12}`),
      (body) => ((body.passes ?? []) as unknown[]).length >= 2,
    );
    expect((card.passes as { id: string }[]).map((p) => p.id).sort()).toEqual([String(fromEstate.id), String(typed.id)].sort());
    expect(card.requests).toEqual({ open: [], past: [] });
    expect((await api.call('guard.old-town', 'GET', `/units/${estate.apt12}`)).status).toBe(404);
    expect((await api.ok('hd.user.north', 'GET', `/units/${estate.apt12}`)).passes).toBeUndefined();
  });

  it('lets the desk’s roles pick units of their own sites from the estate', async () => {
    const slugs = async (user: DemoUser) => ((await api.ok(user, 'GET', '/sites')).items as { slug: string }[]).map((s) => s.slug);
    expect(await slugs('concierge.river-park')).toEqual(['river-park']);
    expect(await slugs('guard.old-town')).toEqual(['old-town']);
    expect(await slugs('dispatcher.central')).toEqual(['old-town', 'river-park']);
    const picked = await api.ok('concierge.river-park', 'GET', `/sites/${estate.river}/units?q=${encodeURIComponent('building 2 45')}`);
    expect((picked.items as { id: string; label: string; siteSlug: string }[]).map((u) => [u.id, u.label, u.siteSlug])).toEqual([
      [estate.apt45, 'Building 2, 45', 'river-park'],
    ]);
    expect(((await api.ok('concierge.river-park', 'GET', `/sites/${estate.river}/units`)).items as unknown[]).length).toBe(2);
    expect((await api.call('concierge.river-park', 'GET', `/sites/${estate.old}/units`)).status).toBe(404);
    expect((await api.call('l3.user.network', 'GET', `/sites/${estate.river}/units`)).status).toBe(403);
  });

  it('hides a site’s pass from the guard of another site (404) and keeps check-ins to guards (403)', async () => {
    const created = await api.ok('concierge.river-park', 'POST', '/passes', pass({ visitorName: 'Scoped Visitor' }));
    const id = String(created.id);
    expect(created).toMatchObject({ siteSlug: 'river-park', issuedAs: 'Concierge', allowedActions: ['revoke'] });
    expect(await api.ok('guard.river-park', 'GET', `/passes/${id}`)).toMatchObject({ id, allowedActions: ['check-in'] });
    expect((await api.call('guard.old-town', 'GET', `/passes/${id}`)).status).toBe(404);
    expect((await api.call('guard.old-town', 'POST', `/passes/${id}/check-in`, {})).status).toBe(404);
    expect((await api.call('guard.old-town', 'GET', '/security-desk/expected?site=river-park')).status).toBe(404);
    expect((await api.call('guard.old-town', 'GET', '/security-desk/log?site=river-park')).status).toBe(404);
    expect((await api.call('concierge.river-park', 'POST', `/passes/${id}/check-in`, {})).status).toBe(403);
    expect((await api.call('guard.river-park', 'POST', `/passes/${id}/revoke`, {})).status).toBe(403);
    expect((await api.call('hd.user.north', 'GET', `/passes/${id}`)).status).toBe(403);
    const harbour = await api.call('guard.old-town', 'GET', '/security-desk/expected');
    expect(ids(harbour.body)).not.toContain(id);
  });

  it('checks a visitor in once under a repeated key, then out; a one-time pass is then used', async () => {
    const id = String((await api.ok('concierge.river-park', 'POST', '/passes', pass({ visitorName: 'Once Only' }))).id);
    const key = { 'idempotency-key': randomUUID() };
    const first = await api.call('guard.river-park', 'POST', `/passes/${id}/check-in`, {}, key);
    const again = await api.call('guard.river-park', 'POST', `/passes/${id}/check-in`, {}, key);
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.body).toMatchObject({ visits: 1, insideBy: 'guard.river-park', allowedActions: ['check-out'] });
    expect(again.body.insideSince).toBe(first.body.insideSince);
    // Another tap (a new key) while inside: nothing new.
    expect(await api.ok('guard.river-park', 'POST', `/passes/${id}/check-in`, {})).toMatchObject({ visits: 1 });
    // The same key with another body is refused.
    expect((await api.call('guard.river-park', 'POST', `/passes/${id}/check-in`, { at: new Date(Date.now() - 60_000).toISOString() }, key)).status).toBe(422);

    expect(await api.ok('guard.river-park', 'POST', `/passes/${id}/check-out`, {})).toMatchObject({ visits: 1, allowedActions: [], refusal: 'already-used' });
    const refused = await api.call('guard.river-park', 'POST', `/passes/${id}/check-in`, {});
    expect(refused).toMatchObject({ status: 409, body: { rule: 'already-used' } });

    const log = await api.eventually(
      () => api.ok('guard.river-park', 'GET', '/security-desk/log?site=river-park'),
      (body) => (body.items as { passId: string; checkedOutAt?: string }[]).some((v) => v.passId === id && v.checkedOutAt),
    );
    expect((log.items as { passId: string }[]).filter((v) => v.passId === id)).toEqual([
      expect.objectContaining({ visit: 1, checkedInBy: 'guard.river-park', checkedOutBy: 'guard.river-park', overstay: false }),
    ]);
  });

  it('refuses a revoked pass and one outside its window', async () => {
    const revoked = String((await api.ok('concierge.river-park', 'POST', '/passes', pass({ visitorName: 'Revoked Visitor' }))).id);
    await api.ok('concierge.river-park', 'POST', `/passes/${revoked}/revoke`, { reason: 'resident asked' });
    expect(await api.call('guard.river-park', 'POST', `/passes/${revoked}/check-in`, {})).toMatchObject({ status: 409, body: { rule: 'revoked' } });
    const tomorrow = String((await api.ok('concierge.river-park', 'POST', '/passes', pass({ visitorName: 'Tomorrow', ...window(20, 30) }))).id);
    expect(await api.call('guard.river-park', 'POST', `/passes/${tomorrow}/check-in`, {})).toMatchObject({ status: 409, body: { rule: 'not-yet-valid' } });
  });

  it('finds passes by plate in either alphabet and by name, lists the day, flags overstays, and gives the estate’s resident’s phone', async () => {
    const car = String(
      (
        await api.ok(
          'concierge.river-park',
          'POST',
          '/passes',
          pass({ visitorName: undefined, plate: 'К 555 МН 750', unitId: estate.apt12, residentPhone: '+70000000000' }),
        )
      ).id,
    );
    const late = String(
      (await api.ok('concierge.river-park', 'POST', '/passes', pass({ visitorName: 'Алёна Фёдорова', plate: undefined, ...window(-3, -1) }))).id,
    );
    await api.ok('guard.river-park', 'POST', `/passes/${late}/check-in`, { at: new Date(Date.now() - 2 * hour).toISOString() });

    const found = await api.eventually(
      () => api.ok('guard.river-park', 'GET', `/security-desk/search?q=${encodeURIComponent('k555mh')}`),
      (body) => ids(body).includes(car),
    );
    expect(ids(found)).toEqual([car]);
    expect(ids(await api.ok('guard.river-park', 'GET', `/security-desk/search?q=${encodeURIComponent('ФЕДОРОВА')}`))).toEqual([late]);
    expect(ids(await api.ok('guard.old-town', 'GET', `/security-desk/search?q=${encodeURIComponent('k555mh')}`))).toEqual([]);

    const expected = await api.eventually(
      () => api.ok('guard.river-park', 'GET', '/security-desk/expected'),
      (body) => ids(body).includes(late),
    );
    expect((expected.items as { id: string; overstay: boolean }[])[0]).toMatchObject({ id: late, overstay: true });
    expect(ids(expected)).toContain(car);

    // A visitor without a pass: the estate's resident of the unit today, not the phone typed on the unit's latest pass.
    expect(await api.ok('guard.river-park', 'GET', `/security-desk/unit-contacts?q=${encodeURIComponent('Building 3 12')}`)).toEqual({
      items: [{ siteSlug: 'river-park', unitId: estate.apt12, unitLabel: 'Building 3, 12', residentPhones: ['+79991234567'], residentPhone: '+79991234567' }],
    });
    expect(await api.ok('guard.old-town', 'GET', `/security-desk/unit-contacts?q=${encodeURIComponent('Building 3')}`)).toEqual({ items: [] });
  });
});
