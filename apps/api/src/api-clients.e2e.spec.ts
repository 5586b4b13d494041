import { startOperatorApi, userId } from './testing/operator-api';
import type { OperatorApi } from './testing/operator-api';

/** Clients and orders: who writes them, stale edits, and the change history on the client card. */
describe('clients and orders through the operator API', () => {
  let api: OperatorApi;
  const ivan = '7c1e0000-0000-4000-8000-000000000001';

  beforeAll(async () => {
    api = await startOperatorApi('api_clients');
  }, 240_000);

  afterAll(async () => {
    await api?.stop();
  });

  it.each(['l3.user.network', 'l3.manager.network'] as const)('lets %s read clients and orders but not write them (403)', async (user) => {
    expect((await api.call(user, 'GET', '/clients?q=petrov')).status).toBe(200);
    expect((await api.call(user, 'GET', `/clients/${ivan}`)).status).toBe(200);
    expect((await api.call(user, 'GET', '/orders?q=ORD')).status).toBe(200);
    expect((await api.call(user, 'POST', '/clients', { firstName: 'Eve', lastName: 'Intruder', phone: '+79160000099' })).status).toBe(403);
    expect((await api.call(user, 'PATCH', `/clients/${ivan}`, { email: 'hijacked@example.com' })).status).toBe(403);
    expect((await api.call(user, 'POST', `/clients/${ivan}/orders`, { code: 'ORD-EVE-1', name: 'Free fibre', cost: '0.00' })).status).toBe(403);
  });

  it('honours If-Match on a client edit: 409 with the current revision when stale', async () => {
    const created = await api.call('hd.user.north', 'POST', '/clients', { firstName: 'Olga', lastName: 'Ivanova', phone: '+79160000101' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const card = await api.call('hd.user.north', 'GET', `/clients/${id}`);
    expect(card.headers.get('etag')).toBe('"0"');
    const edited = await api.call('hd.user.north', 'PATCH', `/clients/${id}`, { email: 'olga@example.com' }, { 'if-match': '"0"' });
    expect(edited.status).toBe(200);
    expect(edited.headers.get('etag')).toBe('"1"');
    const stale = await api.call('hd.manager.north', 'PATCH', `/clients/${id}`, { email: 'other@example.com' }, { 'if-match': '"0"' });
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({ revision: 1 });
    expect((await api.call('hd.user.north', 'GET', `/clients/${id}`)).body.client).toMatchObject({ email: 'olga@example.com', revision: 1 });
  });

  it('records every change with who, when and what, on the client card', async () => {
    const created = await api.ok('hd.user.north', 'POST', '/clients', { firstName: 'Petr', lastName: 'Smirnov', phone: '+79160000102' });
    const id = created.id as string;
    await api.ok('hd.manager.north', 'PATCH', `/clients/${id}`, { email: 'petr@example.com', middleName: 'Ilyich' }, { 'if-match': '"0"' });
    await api.ok('hd.user.north', 'POST', `/clients/${id}/orders`, { code: 'ORD-PS-1', name: 'Fibre 100', cost: '490.00' });
    const card = await api.ok('l3.user.network', 'GET', `/clients/${id}`);
    const history = card.history as {
      revision: number;
      change: string;
      changes: Record<string, { from: unknown; to: unknown }>;
      by: string;
      byName: string;
      at: string;
    }[];
    expect(history.map((h) => [h.revision, h.change, h.byName])).toEqual([
      [0, 'created', 'Anna Volkova'],
      [1, 'edited', 'Nikolai Orlov'],
      [1, 'order-added', 'Anna Volkova'],
    ]);
    expect(history[1].changes).toEqual({ email: { from: null, to: 'petr@example.com' }, middleName: { from: null, to: 'Ilyich' } });
    expect(history[1].by).toBe(userId('hd.manager.north'));
    expect(history[2].changes).toEqual({ order: { from: null, to: 'ORD-PS-1' } });
    expect(Date.parse(history[1].at)).not.toBeNaN();
  });

  it('keeps a client’s tags normalised, replaces them as a whole, and names their change in the history', async () => {
    const created = await api.ok('hd.user.north', 'POST', '/clients', {
      firstName: 'Olga',
      lastName: 'Tagged',
      phone: '+79160000103',
      tags: [' VIP ', 'north', 'vip'],
    });
    const id = created.id as string;
    expect((await api.ok('hd.user.north', 'GET', `/clients/${id}`)).client).toMatchObject({ tags: ['vip', 'north'] });
    await api.ok('hd.user.north', 'PATCH', `/clients/${id}`, { tags: ['key-account'] }, { 'if-match': '"0"' });
    const card = await api.ok('hd.user.north', 'GET', `/clients/${id}`);
    expect(card.client).toMatchObject({ tags: ['key-account'] });
    expect((card.history as { changes: Record<string, unknown> }[])[1].changes).toEqual({ tags: { from: 'vip, north', to: 'key-account' } });
    const bad = await api.call('hd.user.north', 'PATCH', `/clients/${id}`, { tags: ['<script>'] }, { 'if-match': '"1"' });
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { field: string }[]).map((e) => e.field)).toEqual(['tags.0']);
  });
});
