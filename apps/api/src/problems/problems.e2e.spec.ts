import { startOperatorApi } from '../testing/operator-api';
import type { DemoUser, OperatorApi } from '../testing/operator-api';

/**
 * Problems through the all-in-one app: every operator reads them, only the help-desk and L3
 * managers open, link, close and set thresholds (403 for the others); a request linked to a
 * problem shows it and closes with it.
 */
describe('problems API', () => {
  let api: OperatorApi;

  beforeAll(async () => {
    api = await startOperatorApi('problems_api');
  }, 240_000);

  afterAll(async () => {
    await api?.stop();
  });

  const notManagers: DemoUser[] = ['hd.user.north', 'l3.user.network'];

  it('lets managers run a problem and refuses everyone else with 403', async () => {
    for (const user of notManagers) {
      expect((await api.call(user, 'POST', '/problems', { serviceCode: 1001, title: 'Fibre cut' })).status).toBe(403);
    }
    const opened = await api.call('hd.manager.north', 'POST', '/problems', { serviceCode: 1001, title: 'Fibre cut in the north' });
    expect(opened.status).toBe(202);
    const problemId = opened.body.id as string;
    expect(opened.headers.get('location')).toBe(`/problems/${problemId}`);
    expect((await api.call('hd.manager.north', 'POST', '/problems', { serviceCode: 99999, title: 'Nothing' })).body).toMatchObject({ rule: 'unknown-service' });

    const request = await api.ok('hd.user.north', 'POST', '/requests', { subject: 'No internet', text: 'Since this morning' });
    const requestId = request.id as string;
    for (const user of notManagers) {
      expect((await api.call(user, 'POST', `/problems/${problemId}/requests`, { ids: [requestId] })).status).toBe(403);
      expect((await api.call(user, 'POST', `/problems/${problemId}/close`, { resolution: 'fixed' })).status).toBe(403);
      expect((await api.call(user, 'PUT', '/problem-thresholds/1001', { incidents: 3, windowMinutes: 5 })).status).toBe(403);
    }
    expect(
      (await api.call('hd.manager.north', 'POST', `/problems/${problemId}/requests`, { ids: ['00000000-0000-4000-8000-000000000000'] })).body,
    ).toMatchObject({
      rule: 'unknown-request',
    });
    const linked = await api.ok('l3.manager.network', 'POST', `/problems/${problemId}/requests`, { ids: [requestId] });

    // Everyone who works the desk reads it; the request's card finds its problem.
    const detail = await api.ok('hd.user.north', 'GET', `/problems/${problemId}?minPosition=${linked.position as string}`);
    expect(detail).toMatchObject({ state: 'OPEN', origin: 'manual', serviceCode: 1001, requestCount: 1, allowedActions: [] });
    expect((detail.requests as { id: string }[]).map((r) => r.id)).toEqual([requestId]);
    const managerView = await api.ok('hd.manager.north', 'GET', `/problems/${problemId}`);
    expect(managerView.allowedActions).toEqual(['link-incidents', 'link-requests', 'resolve', 'close']);
    expect(((await api.ok('hd.user.north', 'GET', `/problems?requestId=${requestId}`)).items as { id: string }[]).map((p) => p.id)).toEqual([problemId]);

    const threshold = await api.ok('l3.manager.network', 'PUT', '/problem-thresholds/1001', { incidents: 3, windowMinutes: 5 });
    expect(threshold).toMatchObject({ serviceCode: 1001, incidents: 3, windowMinutes: 5 });
    expect(await api.ok('hd.user.north', 'GET', '/problem-thresholds')).toMatchObject({
      default: { serviceCode: null, incidents: 10, windowMinutes: 15 },
      services: [{ serviceCode: 1001, incidents: 3 }],
    });

    expect((await api.call('hd.manager.north', 'POST', `/problems/${problemId}/close`, {})).body).toMatchObject({ rule: 'close-needs-resolution' });
    expect((await api.call('hd.manager.north', 'POST', `/problems/${problemId}/close`, { resolution: 'Fibre spliced' })).status).toBe(202);
    const closed = await api.eventually(
      () => api.call('hd.user.north', 'GET', `/requests/${requestId}`),
      (answer) => answer.body.state === 'CLOSED',
    );
    expect(closed.body.state).toBe('CLOSED');
    const again = await api.call('hd.manager.north', 'POST', `/problems/${problemId}/close`, { resolution: 'Again' });
    expect(again.status).toBe(422);
    expect(again.body).toMatchObject({ state: 'CLOSED', allowedActions: [] });
  }, 120_000);
});
