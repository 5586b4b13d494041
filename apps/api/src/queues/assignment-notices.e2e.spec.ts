import { SMTPServer } from 'smtp-server';
import { EventStreamClient, freePort, realmFile } from '@switchboard/platform/testing';
import { startOperatorApi, userId } from '../testing/operator-api';
import type { OperatorApi } from '../testing/operator-api';

interface ReceivedMail {
  readonly to: string[];
  readonly subject: string;
}

/**
 * The assignee hears of an assignment: a live `assigned` event on their `/me/events` stream and an
 * email over SMTP, both from the notifier's process manager; taking an item oneself tells nobody;
 * every assignment and reassignment is in the history.
 */
describe('assignment notices', () => {
  let api: OperatorApi;
  let smtp: SMTPServer;
  const mails: ReceivedMail[] = [];
  const streams: EventStreamClient[] = [];
  const emailOf = (username: string) => realmFile().users.find((u) => u.username === username)?.email ?? '';

  beforeAll(async () => {
    const smtpPort = await freePort();
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let raw = '';
        stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
        stream.on('end', () => {
          // Long headers arrive folded over lines.
          const headers = raw.split(/\r?\n\r?\n/)[0]?.replace(/\r?\n[ \t]+/g, ' ') ?? '';
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), subject: /^Subject: (.*)$/m.exec(headers)?.[1]?.trim() ?? '' });
          callback();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(smtpPort, '127.0.0.1', r));
    api = await startOperatorApi('assignment_notices', { SMTP_URL: `smtp://127.0.0.1:${smtpPort}` });
  }, 240_000);

  afterAll(async () => {
    for (const stream of streams) stream.close();
    await api?.stop();
    await new Promise<void>((r) => smtp.close(() => r()));
  });

  const streamOf = async (user: 'hd.user.north' | 'hd.user.north2') => {
    const stream = await EventStreamClient.open(`${api.url}/me/events`, { authorization: `Bearer ${api.token(user)}` });
    streams.push(stream);
    await stream.next('ready');
    return stream;
  };

  it('tells the assignee on their stream and by email, and records the assignment and the reassignment', async () => {
    const north = await streamOf('hd.user.north');
    const north2 = await streamOf('hd.user.north2');
    const requestId = (await api.ok('hd.manager.north', 'POST', '/requests', { subject: 'Please call me back' })).id as string;
    await api.ok('hd.manager.north', 'POST', `/requests/${requestId}/assign`, { assigneeId: 'hd.user.north' });
    const notice = JSON.parse((await north.next('assigned', (data) => data.includes(requestId), 20_000)).data) as Record<string, unknown>;
    expect(notice).toMatchObject({ kind: 'request', id: requestId, assigneeId: userId('hd.user.north'), by: userId('hd.manager.north') });
    await api.eventually(
      async () => mails.filter((m) => m.subject.includes(requestId)).length,
      (n) => n >= 1,
    );
    expect(mails.filter((m) => m.subject.includes(requestId))).toEqual([
      { to: [emailOf('hd.user.north')], subject: expect.stringContaining('assigned to you') },
    ]);

    const last = await api.ok('hd.manager.north', 'POST', `/requests/${requestId}/assign`, { assigneeId: 'hd.user.north2' });
    await north2.next('assigned', (data) => data.includes(requestId), 20_000);
    const detail = await api.ok('hd.manager.north', 'GET', `/requests/${requestId}?minPosition=${encodeURIComponent(String(last.position))}`);
    const assignments = (detail.history as { eventType: string; assigneeId: string | null; by: string }[]).filter((h) => h.eventType === 'RequestAssigned');
    expect(assignments.map((h) => [h.assigneeId, h.by])).toEqual([
      [userId('hd.user.north'), userId('hd.manager.north')],
      [userId('hd.user.north2'), userId('hd.manager.north')],
    ]);
  });

  it('tells nobody when an operator takes a request from the queue, and shows the take in the history', async () => {
    const north2 = await streamOf('hd.user.north2');
    const requestId = (await api.ok('hd.manager.north', 'POST', '/requests', { subject: 'Taken from the queue' })).id as string;
    const taken = await api.ok('hd.user.north2', 'POST', `/requests/${requestId}/take`, {});
    const detail = await api.ok('hd.user.north2', 'GET', `/requests/${requestId}?minPosition=${encodeURIComponent(String(taken.position))}`);
    expect(detail).toMatchObject({ state: 'IN_PROGRESS', assigneeId: userId('hd.user.north2') });
    expect(
      (detail.history as { eventType: string; assigneeId: string | null }[]).filter((h) => h.eventType === 'RequestAssigned').map((h) => h.assigneeId),
    ).toEqual([userId('hd.user.north2')]);
    // A later assignment by the manager comes through; the take before it did not.
    await api.ok('hd.manager.north', 'POST', `/requests/${requestId}/assign`, { assigneeId: 'hd.user.north' });
    await api.eventually(
      async () => mails.filter((m) => m.subject.includes(requestId)).length,
      (n) => n >= 1,
    );
    expect(mails.filter((m) => m.subject.includes(requestId)).map((m) => m.to)).toEqual([[emailOf('hd.user.north')]]);
    await expect(north2.next('assigned', (data) => data.includes(requestId), 1_500)).rejects.toThrow();
  });

  it('answers the loser of a take with 409 and an empty queue with 404', async () => {
    const requestId = (await api.ok('hd.manager.north', 'POST', '/requests', { subject: 'Contested over HTTP' })).id as string;
    const [a, b] = await Promise.all([
      api.call('hd.user.north', 'POST', `/requests/${requestId}/take`, {}),
      api.call('hd.user.north2', 'POST', `/requests/${requestId}/take`, {}),
    ]);
    expect([a.status, b.status].sort()).toEqual([202, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    // The queue is read from the read models: once they have passed the winning take, every earlier
    // registration (the demo data's too) is in them, and draining the queue leaves nothing to take.
    const winner = a.status === 202 ? a : b;
    await api.ok('hd.user.north', 'GET', `/requests?limit=1&minPosition=${encodeURIComponent(String(winner.body.position))}`);
    // Drain the north queue, then nothing is left to take.
    const statuses: unknown[] = [];
    for (let i = 0; i < 500; i++) {
      const next = await api.call('hd.user.north', 'POST', '/requests/take-next', {});
      statuses.push(next.status === 202 ? 202 : [next.status, next.body]);
      if (next.status !== 202) break;
    }
    const empty = await api.call('hd.user.north', 'POST', '/requests/take-next', {});
    expect([statuses, empty.status]).toEqual([expect.arrayContaining([[404, expect.anything()]]), 404]);
    expect(empty.body.title).toBe('queue empty');
  });
});
