import { startOperatorApi } from '../testing/operator-api';
import type { OperatorApi } from '../testing/operator-api';

/**
 * The mailings API through the all-in-one app: who may create and run a mailing (403), validation
 * naming the fields (400/422), and a mailing started, run to the end by the notifier's worker.
 */
describe('mailings API', () => {
  let api: OperatorApi;
  const fields = (body: Record<string, unknown>) => ((body.errors as { field: string }[] | undefined) ?? []).map((e) => e.field);
  const draft = {
    name: 'Planned works',
    department: 'first-line-north',
    audience: { order: {} },
    templateId: 'mailing-works',
    variables: { date: '8 December' },
    communicationType: 'service',
    perMinute: 600,
  };

  beforeAll(async () => {
    api = await startOperatorApi('mailings_api');
    // HelpDeskManagers administer templates too (until every realm has CommunicationsAdmin).
    await api.ok('hd.manager.north', 'POST', '/communication-templates', {
      id: 'mailing-works',
      name: 'Planned works',
      communicationType: 'service',
      bodies: { ru: 'Плановые работы {{date}}', en: 'Planned works on {{date}}' },
    });
  }, 180_000);

  afterAll(async () => {
    await api?.stop();
  });

  it('lets the department’s managers create and run a mailing, and nobody else', async () => {
    expect((await api.call('hd.user.north', 'POST', '/mailings', draft)).status).toBe(403);
    expect((await api.call('hd.manager.south', 'POST', '/mailings', draft)).status).toBe(403);
    expect((await api.call('hd.user.north', 'GET', '/mailings')).body).toMatchObject({ items: [] });

    const created = await api.call('hd.manager.north', 'POST', '/mailings', draft);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'DRAFT', name: 'Planned works', progress: { total: 0 } });
    const id = String(created.body.id);
    expect((await api.call('hd.manager.south', 'GET', `/mailings/${id}`)).status).toBe(404);
    expect((await api.call('hd.user.north', 'GET', `/mailings/${id}`)).status).toBe(403);
    expect((await api.call('hd.user.north', 'POST', `/mailings/${id}/start`)).status).toBe(403);

    const started = await api.call('hd.manager.north', 'POST', `/mailings/${id}/start`);
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ status: 'RUNNING' });
    const total = Number(started.body.recipients);
    const done = await api.eventually(
      () => api.ok('hd.manager.north', 'GET', `/mailings/${id}`),
      (m) => m.status === 'COMPLETED',
    );
    expect(done).toMatchObject({ status: 'COMPLETED', progress: { total, pending: 0 } });
    expect((done.recipientsPage as { items: unknown[] }).items.length).toBe(Math.min(total, 50));
    const list = await api.ok('hd.manager.north', 'GET', '/mailings');
    expect((list.items as { id: string }[]).map((m) => m.id)).toContain(id);
    // A completed mailing cannot be cancelled.
    expect((await api.call('hd.manager.north', 'POST', `/mailings/${id}/cancel`, {})).status).toBe(409);
  });

  it('pauses, resumes and cancels a mailing scheduled for later before anything goes', async () => {
    const later = await api.ok('hd.manager.north', 'POST', '/mailings', { ...draft, startAt: new Date(Date.now() + 3_600_000).toISOString() });
    const id = String(later.id);
    await api.ok('hd.manager.north', 'POST', `/mailings/${id}/start`);
    expect(await api.ok('hd.manager.north', 'POST', `/mailings/${id}/pause`)).toMatchObject({ status: 'PAUSED' });
    expect(await api.ok('hd.manager.north', 'POST', `/mailings/${id}/resume`)).toMatchObject({ status: 'RUNNING' });
    const cancelled = await api.ok('hd.manager.north', 'POST', `/mailings/${id}/cancel`, { reason: 'moved' });
    expect(cancelled).toMatchObject({ status: 'CANCELLED', progress: { pending: 0, queued: 0 } });
  });

  it('answers 400 naming the fields of an invalid mailing, and 422 for an unknown template', async () => {
    const bad = await api.call('hd.manager.north', 'POST', '/mailings', { ...draft, name: '', audience: {}, perMinute: 0 });
    expect(bad.status).toBe(400);
    expect(fields(bad.body)).toEqual(expect.arrayContaining(['name', 'audience', 'perMinute']));
    const unknown = await api.call('hd.manager.north', 'POST', '/mailings', { ...draft, templateId: 'no-such-template' });
    expect(unknown.status).toBe(422);
  });
});
