import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { startOperatorApi } from './testing/operator-api';
import type { OperatorApi } from './testing/operator-api';

const CONSOLE = 'http://console.switchboard.test';

/** Sends raw bytes and reads the whole answer (the server closes or answers in full). */
function rawExchange(url: string, head: string, body: Buffer = Buffer.alloc(0)): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((done, fail) => {
    const socket = connect(Number(port), hostname);
    let received = Buffer.alloc(0);
    const finish = () => {
      const text = received.toString('utf8');
      const [rawHead, ...rest] = text.split('\r\n\r\n');
      const [statusLine, ...headerLines] = rawHead.split('\r\n');
      const headers = Object.fromEntries(headerLines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      let payload = rest.join('\r\n\r\n');
      if (headers['transfer-encoding'] === 'chunked') payload = payload.replace(/^[0-9a-f]+\r\n/, '').replace(/\r\n0\r\n\r\n$/, '');
      done({ status: Number(statusLine.split(' ')[1]), headers, body: payload });
    };
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      // Answer complete: its length is known and all there.
      const text = received.toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const length = /content-length:\s*(\d+)/i.exec(text.slice(0, split));
      if (split > 0 && length && Buffer.byteLength(text.slice(split + 4)) >= Number(length[1])) {
        socket.destroy();
        finish();
      }
    });
    socket.on('end', finish);
    socket.on('error', (error) => (received.length > 0 ? finish() : fail(error)));
    socket.write(head);
    if (body.length > 0) socket.write(body);
  });
}

describe('the HTTP edge: bad text, big bodies, saved filters, headers, correlation ids', () => {
  let api: OperatorApi;
  let requestId: string;

  beforeAll(async () => {
    api = await startOperatorApi('api_edge', { CONSOLE_ORIGIN: CONSOLE, LOG_FORMAT: 'json' });
    requestId = (await api.ok('hd.user.north', 'POST', '/requests', { subject: 'Edge cases' })).id as string;
  }, 240_000);

  afterAll(async () => {
    await api?.stop();
  });

  describe('NUL and lone surrogates', () => {
    it.each([
      ['a reply', 'POST', () => `/requests/${requestId}/reply`, JSON.stringify({ text: 'a\u0000b' }), 'text'],
      ['a subject', 'POST', () => '/requests', `{"subject":"\\ud800 down"}`, 'subject'],
      ['a client name', 'POST', () => '/clients', JSON.stringify({ firstName: 'Iv\u0000an', lastName: 'Petrov', phone: '+79160000001' }), 'firstName'],
      ['a filter name', 'POST', () => '/me/filters', `{"resource":"requests","name":"mine\\udfff","filters":{}}`, 'name'],
      ['a search', 'GET', () => '/requests?q=router%00', undefined, 'q'],
      ['an order code', 'GET', () => '/orders/ORD%00', undefined, 'code'],
    ])('in %s answer 400 naming the field', async (_, method, path, body, field) => {
      const answer = await api.call('hd.user.north', method, path(), body);
      expect(answer.status).toBe(400);
      expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect((answer.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
    });

    it('never reach the database as a 500', () => {
      expect(api.app.output()).not.toMatch(/"level":"error"/);
    });
  });

  describe('bodies over the route’s limit', () => {
    const bigReply = (bytes: number) => JSON.stringify({ text: 'x'.repeat(bytes) });

    it('answer 413 problem+json with the limit', async () => {
      const answer = await api.call('hd.user.north', 'POST', `/requests/${requestId}/reply`, bigReply(200_000));
      expect(answer.status).toBe(413);
      expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(answer.body).toMatchObject({ status: 413, limit: 65_536 });
    });

    it('answer 413 before authentication and without reading the body', async () => {
      const declared = 50 * 1024 * 1024;
      const answer = await rawExchange(
        api.url,
        `POST /requests/${requestId}/reply HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${declared}\r\n\r\n`,
        Buffer.alloc(16 * 1024, 'x'),
      );
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body)).toMatchObject({ status: 413 });
    });

    it('answer 413 for a chunked body that grows past the limit', async () => {
      const chunk = Buffer.from('x'.repeat(100_000));
      const body = Buffer.concat([
        Buffer.from(`${chunk.length.toString(16)}\r\n`),
        chunk,
        Buffer.from('\r\n'),
        Buffer.from(`${chunk.length.toString(16)}\r\n`),
        chunk,
        Buffer.from('\r\n0\r\n\r\n'),
      ]);
      const answer = await rawExchange(
        api.url,
        `POST /requests/${requestId}/reply HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${api.token('hd.user.north')}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
        body,
      );
      expect(answer.status).toBe(413);
    });

    it('let a client still sending a declared body read the 413 instead of a reset connection', async () => {
      const body = bigReply(4 * 1024 * 1024);
      for (let i = 0; i < 10; i++) {
        const answer = await api.call('hd.user.north', 'POST', `/requests/${requestId}/reply`, body);
        expect(answer.status).toBe(413);
      }
    });

    it('leaves a narrative room for its 20,000 characters, up to its own limit', async () => {
      const narrative = (bytes: number) => JSON.stringify({ text: 'я'.repeat(bytes / 2) });
      expect((await api.call('l3.user.network', 'POST', `/incidents/${randomUUID()}/narrative`, narrative(100_000))).status).not.toBe(413);
      const over = await api.call('l3.user.network', 'POST', `/incidents/${randomUUID()}/narrative`, narrative(300_000));
      expect(over.status).toBe(413);
      expect(over.body.limit).toBe(256 * 1024);
    });

    it('leaves the Telegram webhook room for captions, up to its own limit', async () => {
      const update = (bytes: number) =>
        JSON.stringify({ update_id: 1, message: { message_id: 1, date: 1, chat: { id: 1, type: 'private' }, text: 'x'.repeat(bytes) } });
      expect((await api.call(null, 'POST', '/channels/telegram/webhook', update(300_000))).status).not.toBe(413);
      expect((await api.call(null, 'POST', '/channels/telegram/webhook', update(2_000_000))).status).toBe(413);
    });

    it('are refused quietly: no stack at ERROR', () => {
      expect(api.app.output()).not.toMatch(/PayloadTooLargeError|request entity too large/i);
      expect(
        api.app
          .output()
          .split('\n')
          .filter((line) => line.includes('"level":"error"')),
      ).toEqual([]);
    });
  });

  describe('saved filters', () => {
    const save = (filters: unknown) => api.call('hd.user.north', 'POST', '/me/filters', { resource: 'requests', name: 'x', filters });
    const nested = (depth: number): string => `{"resource":"requests","name":"deep","filters":{"q":${'['.repeat(depth)}${']'.repeat(depth)}}}`;

    it.each([
      ['over 4 KB', () => save({ q: 'x'.repeat(5_000) }), 'filters'],
      ['1,000 levels deep', () => api.call('hd.user.north', 'POST', '/me/filters', nested(1_000)), 'filters.q'],
      ['20,000 levels deep', () => api.call('hd.user.north', 'POST', '/me/filters', nested(20_000)), undefined],
      ['with a key the list does not know', () => save({ colour: 'red' }), 'filters'],
      ['with a state the list does not know', () => save({ state: ['NOPE'] }), 'filters.state.0'],
    ])('are refused %s with 400', async (_, send, field) => {
      const answer = await send();
      expect(answer.status).toBe(400);
      if (field) expect((answer.body.errors as { field: string }[]).some((e) => e.field === field || e.field.startsWith(`${field}.`))).toBe(true);
    });

    it('are kept when the list would accept them', async () => {
      const answer = await save({ state: ['NEW', 'IN_PROGRESS'], q: 'router', sort: '-createdAt' });
      expect(answer.status).toBe(201);
      const incidents = await api.call('l3.manager.network', 'POST', '/me/filters', {
        resource: 'incidents',
        name: 'mine',
        filters: { workGroup: '301', state: 'IN_WORK,ON_HOLD' },
      });
      expect(incidents.status).toBe(201);
    });
  });

  describe('headers', () => {
    it('hide the framework, forbid sniffing and caching of personal data', async () => {
      const answer = await api.call('hd.user.north', 'GET', `/requests/${requestId}`);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('x-powered-by')).toBeNull();
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('cache-control')).toBe('no-store');
    });

    it('let the console’s origin call the API, preflight included', async () => {
      const preflight = await fetch(`${api.url}/requests/${requestId}/reply`, {
        method: 'OPTIONS',
        headers: {
          origin: CONSOLE,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type,idempotency-key,if-match',
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(CONSOLE);
      expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('idempotency-key');
      const read = await api.call('hd.user.north', 'GET', `/requests/${requestId}`, undefined, { origin: CONSOLE });
      expect(read.headers.get('access-control-allow-origin')).toBe(CONSOLE);
      expect(read.headers.get('access-control-expose-headers')?.toLowerCase()).toContain('etag');
    });

    it('give no other origin access', async () => {
      const read = await api.call('hd.user.north', 'GET', `/requests/${requestId}`, undefined, { origin: 'https://evil.example' });
      expect(read.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe('correlation ids', () => {
    it('come back on every answer and in every problem body; a valid one from the caller is kept', async () => {
      const mine = await api.call('hd.user.north', 'GET', `/requests/${requestId}`, undefined, { 'x-request-id': 'console-4f2a9c' });
      expect(mine.headers.get('x-request-id')).toBe('console-4f2a9c');
      const problem = await api.call('hd.user.north', 'GET', '/requests/not-a-uuid');
      expect(problem.status).toBe(400);
      expect(problem.body.requestId).toBe(problem.headers.get('x-request-id'));
      const garbage = await api.call('hd.user.north', 'GET', `/requests/${requestId}`, undefined, { 'x-request-id': 'x'.repeat(500) });
      expect(garbage.headers.get('x-request-id')).not.toBe('x'.repeat(500));
    });

    it('are in every log line written while handling the request', async () => {
      await api.call(null, 'POST', '/channels/sms/inbound', { messageId: 'm1' }, { 'x-request-id': 'trace-sms-77' });
      const lines = api.app
        .output()
        .split('\n')
        .filter((l) => l.includes('webhook refused'));
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines.filter((l) => l.includes('sms'))) expect(JSON.parse(line)).toMatchObject({ requestId: expect.any(String) });
      expect(lines.some((l) => (JSON.parse(l) as { requestId?: string }).requestId === 'trace-sms-77')).toBe(true);
    });

    it('are in the 431 problem for headers too large', async () => {
      const answer = await rawExchange(api.url, `GET /requests HTTP/1.1\r\nHost: x\r\nX-Big: ${'y'.repeat(40_000)}\r\n\r\n`);
      expect(answer.status).toBe(431);
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(answer.body)).toMatchObject({ status: 431, requestId: expect.any(String) });
    });
  });
});
