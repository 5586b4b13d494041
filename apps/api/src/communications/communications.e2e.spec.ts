import { passwordGrant, recordSkip, testKeycloak } from '@switchboard/platform/testing';
import { startOperatorApi } from '../testing/operator-api';
import type { OperatorApi } from '../testing/operator-api';

const IVAN = '7c1e0000-0000-4000-8000-000000000001';

/**
 * The communications admin API through the all-in-one app: who may change what (403), stale
 * edits (409), validation naming the fields (400), and a communication from the operator's request
 * to its end through the processors, with its history.
 */
describe('communications API', () => {
  let api: OperatorApi;
  let adminToken: string;

  const admin = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    api.call(null, method, path, body, { authorization: `Bearer ${adminToken}`, ...headers });
  const fields = (body: Record<string, unknown>) => ((body.errors as { field: string }[] | undefined) ?? []).map((e) => e.field);

  beforeAll(async () => {
    const keycloak = testKeycloak('communications API with Keycloak tokens');
    if (keycloak) {
      // A Keycloak that imported the realm before CommunicationsAdmin existed does not know comms.admin: use the dev IdP then.
      const known = await passwordGrant(
        `${keycloak.url}/realms/${keycloak.realm}/protocol/openid-connect/token`,
        'switchboard-console',
        'comms.admin',
        'demo',
      ).then(
        () => true,
        () => false,
      );
      if (!known) {
        process.env.KEYCLOAK_UNAVAILABLE = 'the running Keycloak imported an older realm file (no comms.admin); rerun scripts/test-services/provision.sh';
        recordSkip('communications API with Keycloak tokens', process.env.KEYCLOAK_UNAVAILABLE);
      }
    }
    api = await startOperatorApi('communications_api');
    const tokenEndpoint = api.keycloak
      ? `${process.env.KEYCLOAK_URL}/realms/${process.env.KEYCLOAK_REALM ?? 'switchboard'}/protocol/openid-connect/token`
      : `${api.url}/dev-idp/realms/switchboard/protocol/openid-connect/token`;
    adminToken = await passwordGrant(tokenEndpoint, 'switchboard-console', 'comms.admin', 'demo');
  }, 180_000);

  afterAll(async () => {
    await api?.stop();
  });

  it('lets every operator read the reference data, and only CommunicationsAdmin change it', async () => {
    const types = await api.ok('hd.user.north', 'GET', '/communication-types');
    expect((types.items as { code: string }[]).map((t) => t.code)).toEqual(
      expect.arrayContaining(['mass', 'personal', 'informational', 'survey', 'commercial-survey', 'service']),
    );
    const draft = { code: 'outage', name: 'Outage notice', status: 'active', marketing: false, heldInQuietHours: false };
    expect((await api.call('hd.manager.north', 'POST', '/communication-types', draft)).status).toBe(403);
    const created = await admin('POST', '/communication-types', draft);
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    const update = { name: 'Outage', status: 'blocked', marketing: false, heldInQuietHours: false };
    expect((await admin('PUT', '/communication-types/outage', update, { 'if-match': '"7"' })).status).toBe(409);
    expect((await admin('PUT', '/communication-types/outage', update, { 'if-match': '"1"' })).body).toMatchObject({ status: 'blocked', version: 2 });
    const channel = await admin('PUT', '/communication-channels/push', { name: 'Web Push', status: 'blocked' }, { 'if-match': '"1"' });
    expect(channel.body).toMatchObject({ code: 'push', status: 'blocked', updatedBy: 'comms.admin' });
    expect((await api.call('hd.manager.north', 'PUT', '/communication-channels/push', { name: 'Push', status: 'active' })).status).toBe(403);
  });

  it('answers 400 naming the fields of an invalid body', async () => {
    const bad = await admin('POST', '/communication-types', { code: 'No Spaces', name: '', status: 'on', marketing: 'yes' });
    expect(bad.status).toBe(400);
    expect(fields(bad.body)).toEqual(expect.arrayContaining(['code', 'name', 'status', 'marketing', 'heldInQuietHours']));
    const limit = await api.call('hd.manager.north', 'POST', '/departments/first-line-north/communication-rate-limits', { limit: 0, unit: 'week', units: 1 });
    expect(limit.status).toBe(400);
    expect(fields(limit.body)).toEqual(expect.arrayContaining(['limit', 'unit']));
    const availability = await api.call('hd.manager.north', 'PUT', `/clients/${IVAN}/availability`, {
      status: 'active',
      blockedPeriods: [],
      quietHours: { start: '25:00', end: '08:00', timeZone: 'Mars/Olympus' },
      language: 'de',
      optedOut: [],
    });
    expect(availability.status).toBe(400);
    expect(fields(availability.body)).toEqual(expect.arrayContaining(['quietHours.start', 'quietHours.timeZone', 'language']));
  });

  it('lets a department’s managers set its preferences and limits, not another department’s', async () => {
    const path = '/departments/first-line-north/communication-preferences/personal';
    expect((await api.call('hd.manager.south', 'PUT', path, { channels: ['email'] })).status).toBe(403);
    expect((await api.call('hd.user.north', 'PUT', path, { channels: ['email'] })).status).toBe(403);
    const set = await api.call('hd.manager.north', 'PUT', path, { channels: ['email', 'sms'] });
    expect(set.status).toBe(200);
    expect((await api.call('hd.manager.north', 'PUT', path, { channels: ['sms'] }, { 'if-match': '"0"' })).status).toBe(409);
    const limit = await api.ok('hd.manager.north', 'POST', '/departments/first-line-north/communication-rate-limits', { limit: 5, unit: 'hour', units: 1 });
    expect((await api.call('hd.manager.south', 'DELETE', `/departments/first-line-north/communication-rate-limits/${String(limit.id)}`)).status).toBe(403);
    const policies = await api.ok('hd.manager.north', 'GET', '/departments/first-line-north/communication-policies');
    expect(policies).toMatchObject({
      access: 'full',
      preferences: [{ communicationType: 'personal', channels: ['email', 'sms'] }],
      rateLimits: [{ limit: 5 }],
    });
    expect(await api.ok('hd.manager.south', 'GET', '/departments/first-line-north/communication-policies')).toMatchObject({ access: 'read' });
  });

  it('records who changed a client’s availability, and refuses a stale edit', async () => {
    const body = {
      status: 'active',
      blockedPeriods: [],
      quietHours: { start: '22:00', end: '08:00', timeZone: 'Europe/Moscow' },
      language: 'ru',
      optedOut: ['marketing'],
      reason: 'asked by phone',
    };
    expect((await api.call('hd.user.north', 'PUT', `/clients/${IVAN}/availability`, body)).status).toBe(403);
    const set = await api.call('hd.manager.north', 'PUT', `/clients/${IVAN}/availability`, body, { 'if-match': '"0"' });
    expect(set.status).toBe(200);
    expect((await api.call('hd.manager.north', 'PUT', `/clients/${IVAN}/availability`, body, { 'if-match': '"0"' })).status).toBe(409);
    const read = await api.ok('hd.user.north', 'GET', `/clients/${IVAN}/availability`);
    expect(read).toMatchObject({ version: 1, optedOut: ['marketing'], changes: [{ by: 'hd.manager.north', reason: 'asked by phone', change: 'updated' }] });
  });

  it('sends an operator’s personal communication through the processors and shows it with its history; others do not see it', async () => {
    expect(
      (await api.call('hd.user.north', 'POST', '/communications', { department: 'first-line-north', clientId: IVAN, communicationType: 'mass', text: 'Sale!' }))
        .status,
    ).toBe(403);
    expect(
      (
        await api.call('hd.user.north', 'POST', '/communications', {
          department: 'first-line-south',
          clientId: IVAN,
          communicationType: 'personal',
          text: 'Hi',
        })
      ).status,
    ).toBe(403);
    const sent = await api.call('hd.user.north', 'POST', '/communications', {
      department: 'first-line-north',
      clientId: IVAN,
      communicationType: 'personal',
      text: 'Your router is on its way',
    });
    expect(sent.status).toBe(202);
    const id = String(sent.body.id);
    // The department prefers email for personal communications; whatever sender is configured decides the end.
    const card = await api.eventually(
      () => api.ok('hd.user.north', 'GET', `/communications/${id}`),
      (c) => !['NOT_SENT', 'DISPATCHED'].includes(String(c.status)),
    );
    expect(card).toMatchObject({ channel: 'email', address: 'ivan.petrov@example.com' });
    expect((card.history as { type: string }[]).map((h) => h.type).slice(0, 2)).toEqual(['CommunicationRequested', 'CommunicationDispatched']);
    const list = await api.eventually(
      () => api.ok('hd.user.north', 'GET', `/communications?clientId=${IVAN}`),
      (l) => (l.items as { id: string }[]).some((c) => c.id === id),
    );
    expect((list.items as { id: string }[]).some((c) => c.id === id)).toBe(true);
    expect((await api.call('hd.user.south', 'GET', `/communications/${id}`)).status).toBe(404);
    expect(((await api.ok('hd.user.south', 'GET', `/communications?clientId=${IVAN}`)).items as unknown[]).length).toBe(0);
  });

  it('books a communication for later and cancels it', async () => {
    const sendAt = new Date(Date.now() + 3_600_000).toISOString();
    const booked = await api.call('hd.manager.north', 'POST', '/communications', {
      department: 'first-line-north',
      clientId: IVAN,
      communicationType: 'service',
      text: 'Planned works tomorrow',
      sendAt,
    });
    expect(booked.body).toMatchObject({ status: 'BOOKED', bookedUntil: sendAt });
    const id = String(booked.body.id);
    expect((await api.call('hd.user.north2', 'POST', `/communications/${id}/cancel`, {})).status).toBe(403);
    expect((await api.call('hd.manager.north', 'POST', `/communications/${id}/cancel`, { reason: 'works moved' })).body).toMatchObject({ status: 'CANCELLED' });
    // Cancelling again changes nothing.
    expect((await api.call('hd.manager.north', 'POST', `/communications/${id}/cancel`, {})).body).toMatchObject({ status: 'CANCELLED' });
    const card = await api.ok('hd.manager.north', 'GET', `/communications/${id}`);
    expect(card).toMatchObject({ status: 'CANCELLED', mayCancel: false });
    expect((card.history as { type: string }[]).map((h) => h.type)).toEqual(['CommunicationRequested', 'CommunicationBooked', 'CommunicationCancelled']);
    const past = await api.call('hd.manager.north', 'POST', '/communications', {
      department: 'first-line-north',
      clientId: IVAN,
      communicationType: 'service',
      text: 'x',
      sendAt: '2020-01-01T00:00:00Z',
    });
    expect(past.status).toBe(400);
    expect(fields(past.body)).toEqual(['sendAt']);
  });
});
