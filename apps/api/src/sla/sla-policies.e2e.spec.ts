import { SMTPServer } from 'smtp-server';
import { EventStreamClient, freePort } from '@switchboard/platform/testing';
import { startOperatorApi } from '../testing/operator-api';
import type { OperatorApi } from '../testing/operator-api';

const policyBody = (overrides: Record<string, unknown> = {}) => ({
  name: 'North 24/7',
  scope: { kind: 'department', department: 'first-line-north' },
  calendar: { kind: '24x7' },
  targets: { P3: { firstResponseMinutes: 10, resolutionMinutes: 30 }, P1: { firstResponseMinutes: 1, resolutionMinutes: 5 } },
  ...overrides,
});

/**
 * Live SLA through the API: managers keep policies (If-Match versions, only their own department),
 * new requests carry due times, `sort=dueAt` puts the most urgent first, and a breach shows in the
 * list (`breached=true`), reaches the department's manager on `/me/events` and by email.
 */
describe('SLA policies and the live SLA', () => {
  let api: OperatorApi;
  let smtp: SMTPServer;
  const subjects: string[] = [];
  let stream: EventStreamClient | undefined;

  beforeAll(async () => {
    const smtpPort = await freePort();
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(data, _session, callback) {
        let raw = '';
        data.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
        data.on('end', () => {
          const headers = raw.split(/\r?\n\r?\n/)[0]?.replace(/\r?\n[ \t]+/g, ' ') ?? '';
          subjects.push(/^Subject: (.*)$/m.exec(headers)?.[1]?.trim() ?? '');
          callback();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(smtpPort, '127.0.0.1', r));
    api = await startOperatorApi('sla_policies', { SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, SLA_TIMER_POLL_MS: '200' });
  }, 240_000);

  afterAll(async () => {
    stream?.close();
    await api?.stop();
    await new Promise<void>((r) => smtp.close(() => r()));
  });

  it('lets a department’s manager keep its policy, versioned, and refuses others', async () => {
    expect((await api.call('hd.user.north', 'GET', '/sla-policies')).status).toBe(403);
    expect((await api.call('hd.manager.south', 'POST', '/sla-policies', policyBody())).status).toBe(403);
    const bad = await api.call(
      'hd.manager.north',
      'POST',
      '/sla-policies',
      policyBody({ calendar: { kind: 'working-hours', timeZone: 'Mars/Olympus', hours: { mon: { from: '09:00', to: '18:00' } } } }),
    );
    expect(bad.status).toBe(422);

    const created = await api.call('hd.manager.north', 'POST', '/sla-policies', policyBody({ name: 'Draft' }));
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    const id = created.body.id as string;
    const updated = await api.call('hd.manager.north', 'PUT', `/sla-policies/${id}`, policyBody(), { 'If-Match': '"1"' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ version: 2, name: 'North 24/7', access: 'full' });
    const stale = await api.call('hd.manager.north', 'PUT', `/sla-policies/${id}`, policyBody({ name: 'Stale' }), { 'If-Match': '"1"' });
    expect(stale.status).toBe(409);
    expect((await api.call('hd.manager.north', 'POST', '/sla-policies', policyBody({ name: 'Second' }))).status).toBe(409);

    const list = await api.ok('hd.manager.south', 'GET', '/sla-policies');
    expect(list.items).toEqual([expect.objectContaining({ id, access: 'read' })]);
  });

  it('gives new requests due times, sorts by them, and tells the manager of a breach', async () => {
    stream = await EventStreamClient.open(`${api.url}/me/events`, { authorization: `Bearer ${api.token('hd.manager.north')}` });
    await stream.next('ready');
    const slow = (await api.ok('hd.manager.north', 'POST', '/requests', { subject: 'Not urgent' })).id as string;
    const urgent = await api.ok('hd.manager.north', 'POST', '/requests', { subject: 'Everything is down' });
    const urgentId = urgent.id as string;
    await api.ok('hd.manager.north', 'POST', `/requests/${urgentId}/priority`, { priority: 'P1' });

    const withSla = await api.eventually(
      async () => ((await api.call('hd.manager.north', 'GET', `/requests/${urgentId}`)).body.sla ?? null) as Record<string, unknown> | null,
      (sla) => (sla as { resolution?: { targetMinutes: number } } | null)?.resolution?.targetMinutes === 5,
    );
    expect(withSla).toMatchObject({ policyName: 'North 24/7', state: 'ok', breached: false, firstResponse: { status: 'running', targetMinutes: 1 } });
    await api.eventually(
      async () => (await api.call('hd.manager.north', 'GET', `/requests/${slow}`)).body.sla ?? null,
      (sla) => sla !== null,
    );
    // P1's first response (1 min) falls due before P3's (10 min), though the P3 request came first.
    const sorted = await api.ok('hd.manager.north', 'GET', '/requests?sort=dueAt&state=NEW,IN_PROGRESS&limit=100');
    const ids = (sorted.items as { id: string }[]).map((r) => r.id);
    expect(ids.indexOf(urgentId)).toBeLessThan(ids.indexOf(slow));
    expect(ids.indexOf(urgentId)).toBeGreaterThanOrEqual(0);

    // The one-minute first response passes unanswered: a breach, live and by email.
    const notice = JSON.parse((await stream.next('sla-breached', (data) => data.includes(urgentId), 90_000)).data) as Record<string, unknown>;
    expect(notice).toMatchObject({ kind: 'request', id: urgentId, reason: 'sla-breached' });
    const breached = await api.eventually(
      async () =>
        (await api.ok('hd.manager.north', 'GET', '/requests?breached=true&limit=100')).items as { id: string; sla: { breached: boolean; state: string } }[],
      (items) => items.some((r) => r.id === urgentId),
    );
    expect(breached.find((r) => r.id === urgentId)?.sla).toMatchObject({ breached: true, state: 'breached' });
    await api.eventually(
      async () => subjects.filter((s) => s.includes(urgentId)).length,
      (n) => n >= 1,
    );
    expect(subjects.filter((s) => s.includes(urgentId))).toEqual([expect.stringContaining('SLA breached: first response')]);
    const notBreached = (await api.ok('hd.manager.north', 'GET', '/requests?breached=false&limit=100')).items as { id: string }[];
    expect(notBreached.map((r) => r.id)).not.toContain(urgentId);
    // A manager keeps "breached, most urgent first" as a saved filter.
    const saved = await api.call('hd.manager.north', 'POST', '/me/filters', {
      resource: 'requests',
      name: 'SLA breached',
      filters: { breached: true, sort: 'dueAt' },
    });
    expect(saved.status).toBe(201);
  }, 120_000);
});
