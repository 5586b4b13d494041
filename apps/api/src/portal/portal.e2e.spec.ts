import { randomUUID } from 'node:crypto';
import { startOperatorApi } from '../testing/operator-api';
import type { OperatorApi } from '../testing/operator-api';

const ANNA = '7c1e0000-0000-4000-8000-000000000004';
const IVAN = '7c1e0000-0000-4000-8000-000000000001';
/** The demo estate's units of Anna (apps/runtime/src/demo/demo-data.ts). */
const ANNA_APT = '0e57a7e0-0000-4000-8000-000000000245';
const ANNA_PARKING = '0e57a7e0-0000-4000-8000-000000000212';
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(60, 7)]);
const photo = (over: Record<string, unknown> = {}) => ({ name: 'leak.jpg', contentType: 'image/jpeg', data: jpeg.toString('base64'), ...over });

/**
 * The residents' portal through the all-in-one app with real Keycloak tokens (ADR 0030): residents
 * are linked by invitation, see only their own requests, units and files (404 otherwise), reach no
 * operator route (403), and a submission retried under its Idempotency-Key is stored once.
 */
describe('residents’ portal API', () => {
  let api: OperatorApi;
  let annaRequest: string;
  let annaFile: string;

  beforeAll(async () => {
    api = await startOperatorApi('portal_api', { DEMO_ESTATE: 'true' });
    // Keycloak gives the synced accounts ids of its own: link them the way residents are linked, by invitation.
    for (const [resident, client] of [
      ['resident.anna', ANNA],
      ['resident.ivan', IVAN],
    ] as const) {
      const sent = await api.ok('concierge.river-park', 'POST', `/clients/${client}/portal-invitations`, { channel: 'sms' });
      const token = String(sent.link).split('/invite/')[1];
      expect(await api.call(null, 'GET', `/portal/invitations/preview?token=${token}`)).toMatchObject({
        status: 200,
        body: { clientName: expect.any(String) },
      });
      expect(await api.ok(resident, 'POST', '/portal/account/accept-invitation', { token })).toEqual({ clientId: client });
    }
  }, 240_000);

  afterAll(async () => {
    await api?.stop();
  });

  it('answers a resident 403 on the operators’ routes, and tells them who they are', async () => {
    expect(await api.ok('resident.anna', 'GET', '/me')).toMatchObject({ username: 'resident.anna', roles: ['Resident'] });
    for (const [method, path, body] of [
      ['GET', '/requests', undefined],
      ['POST', '/requests', { subject: 'Let me in' }],
      ['GET', `/clients/${ANNA}`, undefined],
      ['GET', '/security-desk/sites', undefined],
      [
        'POST',
        '/passes',
        {
          siteSlug: 'river-park',
          unitId: 'x',
          unitLabel: 'x',
          kind: 'one-time',
          visitorName: 'x',
          validFrom: new Date().toISOString(),
          validUntil: new Date(Date.now() + 3_600_000).toISOString(),
        },
      ],
      ['GET', '/communications', undefined],
      ['POST', `/clients/${ANNA}/portal-invitations`, {}],
      ['GET', `/clients/${ANNA}/units`, undefined],
    ] as const) {
      expect([method, path, (await api.call('resident.anna', method, path, body)).status]).toEqual([method, path, 403]);
    }
  });

  it('lets only managers, concierges and dispatchers invite, and refuses operators the portal (not linked)', async () => {
    expect((await api.call('hd.user.north', 'POST', `/clients/${ANNA}/portal-invitations`, {})).status).toBe(403);
    expect((await api.call('hd.manager.north', 'POST', `/clients/${ANNA}/portal-invitations`, { channel: 'sms' })).status).toBe(201);
    expect((await api.call('hd.user.north', 'GET', '/portal/requests')).body).toMatchObject({ status: 403, rule: 'account-not-linked' });
    expect(await api.ok('hd.user.north', 'GET', '/portal/me')).toMatchObject({ linked: false });
  });

  it('links a self-registered account by its verified email only when one client has it on file', async () => {
    // resident.ivan's verified email is Ivan Petrov's on file; resident.anna's is nobody's.
    expect(await api.ok('resident.ivan', 'POST', '/portal/account/claim-by-email')).toEqual({ clientId: IVAN });
    expect((await api.call('resident.anna', 'POST', '/portal/account/claim-by-email')).body).toMatchObject({ status: 422, rule: 'no-client-for-email' });
  });

  it('lets the console show photos from object URLs and nothing else from elsewhere', async () => {
    const index = await fetch(`${api.url}/console/`);
    expect(index.headers.get('content-security-policy')).toContain("img-src 'self' data: blob:;");
  });

  it('shows the resident their client and units', async () => {
    expect(await api.ok('resident.anna', 'GET', '/portal/me')).toEqual({
      linked: true,
      client: { id: ANNA, name: 'Anna Volkova' },
      units: [
        { unitId: ANNA_APT, label: 'River Park, Building 2, 45', siteSlug: 'river-park' },
        { unitId: ANNA_PARKING, label: 'River Park, Building 2, P-12', siteSlug: 'river-park' },
      ],
      ratingAvailable: true,
    });
  });

  it('validates uploads at the edge: type, content and size', async () => {
    expect((await api.call('resident.anna', 'POST', '/portal/files', photo({ contentType: 'text/html' }))).status).toBe(400);
    expect((await api.call('resident.anna', 'POST', '/portal/files', photo({ contentType: 'image/png' }))).body).toMatchObject({
      status: 422,
      rule: 'file-content-mismatch',
    });
    const big = Buffer.concat([jpeg, Buffer.alloc(10 * 1024 * 1024)]).toString('base64');
    expect((await api.call('resident.anna', 'POST', '/portal/files', photo({ data: big }))).body).toMatchObject({ status: 413, rule: 'file-too-large' });
    const stored = await api.ok('resident.anna', 'POST', '/portal/files', photo());
    expect(stored).toMatchObject({ size: jpeg.length, contentType: 'image/jpeg' });
    annaFile = String(stored.fileId);
  });

  it('stores a submission retried under its Idempotency-Key once', async () => {
    const key = randomUUID();
    const body = { unitId: ANNA_APT, text: 'Water drips from the ceiling', fileIds: [annaFile] };
    const first = await api.call('resident.anna', 'POST', '/portal/requests', body, { 'idempotency-key': key });
    const retry = await api.call('resident.anna', 'POST', '/portal/requests', body, { 'idempotency-key': key });
    expect(first).toMatchObject({ status: 201, body: { duplicate: false } });
    expect(retry).toMatchObject({ status: 201, body: { requestId: first.body.requestId, duplicate: true } });
    annaRequest = String(first.body.requestId);
    const list = await api.ok('resident.anna', 'GET', `/portal/requests?minPosition=${String(first.body.position)}`);
    expect((list.items as { id: string }[]).filter((r) => r.id === annaRequest)).toHaveLength(1);
    expect((list.items as { id: string; subject: string }[]).find((r) => r.id === annaRequest)).toMatchObject({
      subject: 'River Park, Building 2, 45: Water drips from the ceiling',
      status: 'NEW',
    });
  });

  it('keeps a resident’s requests, files and units from other residents (404)', async () => {
    expect((await api.call('resident.ivan', 'GET', `/portal/requests/${annaRequest}`)).status).toBe(404);
    expect((await api.call('resident.ivan', 'POST', `/portal/requests/${annaRequest}/messages`, { text: 'Hi' })).status).toBe(404);
    expect((await api.call('resident.ivan', 'GET', `/files/${annaFile}`)).status).toBe(404);
    expect((await api.call('resident.ivan', 'POST', '/portal/requests', { unitId: ANNA_APT, text: 'Not mine' })).status).toBe(404);
    expect((await api.ok('resident.ivan', 'GET', '/portal/requests')).items).toEqual([]);
  });

  it('shows operators the photo on the request card, and the resident the operator’s reply', async () => {
    const card = await api.ok('hd.manager.north', 'GET', `/requests/${annaRequest}`);
    const attachments = (card.conversation as { attachments: { fileId: string }[] }[])[0].attachments;
    expect(attachments).toEqual([{ kind: 'photo', fileId: `portal:${annaFile}`, name: 'leak.jpg' }]);
    const file = await fetch(`${api.url}/files/${annaFile}`, { headers: { authorization: `Bearer ${api.token('hd.manager.north')}` } });
    expect(file.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await file.arrayBuffer())).toEqual(jpeg);

    await api.ok(
      'hd.manager.north',
      'POST',
      `/requests/${annaRequest}/reply`,
      { text: 'A plumber comes at 3 pm.' },
      { 'if-match': `"${String(card.revision)}"` },
    );
    const read = await api.eventually(
      () => api.ok('resident.anna', 'GET', `/portal/requests/${annaRequest}`),
      (r) => (r.conversation as unknown[]).length === 2,
    );
    expect((read.conversation as { kind: string; text: string }[]).map((m) => [m.kind, m.text])).toEqual([
      ['inbound', 'Water drips from the ceiling'],
      ['reply', 'A plumber comes at 3 pm.'],
    ]);
    const answered = await api.ok('resident.anna', 'POST', `/portal/requests/${annaRequest}/messages`, { text: 'Thank you, I will be home.' });
    expect(answered).toMatchObject({ requestId: annaRequest, duplicate: false });
  });

  it('orders visitor passes for the resident’s own units only', async () => {
    const window = { validFrom: new Date().toISOString(), validUntil: new Date(Date.now() + 4 * 3_600_000).toISOString() };
    const pass = await api.ok('resident.anna', 'POST', '/portal/passes', {
      unitId: ANNA_APT,
      kind: 'one-time',
      visitorName: 'Pyotr Ivanov',
      ...window,
    });
    expect(pass).toMatchObject({ siteSlug: 'river-park', unitLabel: 'River Park, Building 2, 45', issuedAs: 'Resident', residentPhone: '+447400123456' });
    expect((await api.call('resident.ivan', 'POST', '/portal/passes', { unitId: ANNA_APT, kind: 'one-time', visitorName: 'X', ...window })).status).toBe(404);
    const listed = await api.eventually(
      () => api.ok('resident.anna', 'GET', '/portal/passes'),
      (l) => (l.items as unknown[]).length > 0,
    );
    expect((listed.items as { id: string }[]).map((p) => p.id)).toEqual([pass.id]);
    expect((await api.ok('resident.ivan', 'GET', '/portal/passes')).items).toEqual([]);
    expect(await api.ok('guard.river-park', 'GET', `/passes/${String(pass.id)}`)).toMatchObject({ issuedAs: 'Resident' });
  });

  it('rates a closed request once, on the CSAT survey its closure sent, and refuses what cannot be rated', async () => {
    const close = async (requestId: string) => {
      const card = await api.ok('hd.manager.north', 'GET', `/requests/${requestId}`);
      await api.ok('hd.manager.north', 'POST', `/requests/${requestId}/close`, { reason: 'Fixed' }, { 'if-match': `"${String(card.revision)}"` });
      return String(card.department);
    };
    const rate = (requestId: string, value: number, key = randomUUID(), comment?: string) =>
      api.call(
        'resident.anna',
        'POST',
        `/portal/requests/${requestId}/rating`,
        {
          answers: [
            { questionId: 'csat', answer: { kind: 'rating', value } },
            ...(comment ? [{ questionId: 'note', answer: { kind: 'text', text: comment } }] : []),
          ],
        },
        { 'idempotency-key': key },
      );

    // Open: nothing to rate yet.
    expect(await api.ok('resident.anna', 'GET', `/portal/requests/${annaRequest}/rating`)).toEqual({
      requestId: annaRequest,
      available: false,
      reason: 'not-closed',
    });
    expect((await rate(annaRequest, 5)).body).toMatchObject({ status: 409, rule: 'not-closed' });
    expect((await api.call('resident.ivan', 'GET', `/portal/requests/${annaRequest}/rating`)).status).toBe(404);

    // Closed with CSAT off for the department: no survey comes, and the portal says so instead of inventing one.
    const department = await close(annaRequest);
    const off = await api.eventually(
      () => api.ok('resident.anna', 'GET', `/portal/requests/${annaRequest}/rating`),
      (r) => r.reason !== 'not-closed',
    );
    expect(off).toEqual({ requestId: annaRequest, available: false, reason: 'csat-off' });
    expect((await rate(annaRequest, 5)).body).toMatchObject({ status: 409, rule: 'csat-off' });

    // CSAT on: the next closure opens the survey, and the resident answers it here.
    await api.ok('hd.manager.north', 'PUT', `/departments/${department}/survey-setting`, { csatEnabled: true, questionnaireId: 'csat' }, { 'if-match': '"0"' });
    const submitted = await api.ok(
      'resident.anna',
      'POST',
      '/portal/requests',
      { unitId: ANNA_PARKING, text: 'The gate to the parking does not open' },
      { 'idempotency-key': randomUUID() },
    );
    const requestId = String(submitted.requestId);
    await api.eventually(
      () => api.call('hd.manager.north', 'GET', `/requests/${requestId}`),
      (r) => r.status === 200,
    );
    await close(requestId);
    const open = await api.eventually(
      () => api.ok('resident.anna', 'GET', `/portal/requests/${requestId}/rating`),
      (r) => r.available === true,
    );
    expect(open).toMatchObject({
      requestId,
      available: true,
      survey: { questions: [{ id: 'csat', kind: 'rating', required: true }], answers: {}, completed: false },
    });

    expect((await rate(requestId, 9)).status).toBe(400);
    expect((await rate(requestId, 4, randomUUID(), 'Thanks')).body).toMatchObject({ status: 422, rule: 'unknown-question' });
    const key = randomUUID();
    const rated = await rate(requestId, 4, key);
    expect(rated).toMatchObject({ status: 200, body: { duplicate: false, survey: { answers: { csat: { kind: 'rating', value: 4 } }, completed: true } } });
    // A retry, and the same rating again: nothing new. Another rating after it was sent: refused.
    expect((await rate(requestId, 4, key)).body).toMatchObject({ duplicate: true });
    expect((await rate(requestId, 4)).body).toMatchObject({ duplicate: true });
    expect((await rate(requestId, 2)).body).toMatchObject({ status: 409, rule: 'rating-completed' });

    // It is the survey's answer like any other: the department sees it with the request's survey, and it counts in the results.
    const survey = String((open.survey as { communicationId: string }).communicationId);
    const responses = await api.eventually(
      () => api.ok('hd.manager.north', 'GET', `/surveys/responses?requestId=${requestId}`),
      (r) => (r.items as { completed: boolean }[])[0]?.completed === true,
    );
    expect(responses.items).toEqual([
      expect.objectContaining({ communicationId: survey, requestId, answers: { csat: { kind: 'rating', value: 4 } }, completed: true }),
    ]);
    const results = await api.eventually(
      () => api.ok('hd.manager.north', 'GET', `/surveys/questionnaires/csat/results?department=${department}`),
      (r) => r.completed === 1,
    );
    expect(results).toMatchObject({ sent: 1, answered: 1, completed: 1, questions: [{ questionId: 'csat', answered: 1, csat: 100 }] });
  });
});
