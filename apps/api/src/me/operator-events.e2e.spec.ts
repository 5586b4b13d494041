import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { EventStreamClient, createTestDatabase, freePort, startAppProcess } from '@switchboard/platform/testing';
import type { AppProcess, TestDatabase } from '@switchboard/platform/testing';

interface Ticket {
  readonly ticket: string;
  readonly expiresAt: string;
  readonly url: string;
}

/** The operator's event stream as a browser opens it: EventSource sends no Authorization header, so a ticket goes in the URL. */
describe('GET /me/events with a ticket, as a browser EventSource connects', () => {
  let db: TestDatabase;
  let api: AppProcess;
  let pool: Pool;
  const tokens = new Map<string, string>();
  const streams: EventStreamClient[] = [];

  async function tokenOf(username: string): Promise<string> {
    const known = tokens.get(username);
    if (known) return known;
    const response = await fetch(`${api.url}/dev-idp/realms/switchboard/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', client_id: 'switchboard-console', username, password: 'demo' }),
    });
    const token = ((await response.json()) as { access_token: string }).access_token;
    tokens.set(username, token);
    return token;
  }

  const userIdOf = (token: string): string => (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { sub: string }).sub;

  async function ticketFor(username: string): Promise<Ticket> {
    const response = await fetch(`${api.url}/me/events/ticket`, { method: 'POST', headers: { authorization: `Bearer ${await tokenOf(username)}` } });
    expect(response.status).toBe(201);
    return (await response.json()) as Ticket;
  }

  async function open(url: string, headers: Record<string, string> = {}): Promise<EventStreamClient> {
    const stream = await EventStreamClient.open(url, headers);
    streams.push(stream);
    return stream;
  }

  beforeAll(async () => {
    db = await createTestDatabase('operator_events_e2e');
    api = startAppProcess({ entry: 'dist/apps/api/src/main.js', port: await freePort(), env: { DATABASE_URL: db.url } });
    await api.waitForOutput(/Switchboard api is ready/, 90_000);
    pool = new Pool({ connectionString: db.url, max: 2 });
    pool.on('error', () => undefined);
  }, 120_000);

  afterAll(async () => {
    for (const stream of streams) stream.close();
    await api?.stop();
    await pool?.end();
    await db?.drop();
  });

  it('issues a ticket only to an authenticated operator, for 30 seconds, with the URL to open', async () => {
    expect((await fetch(`${api.url}/me/events/ticket`, { method: 'POST' })).status).toBe(401);
    const before = Date.now();
    const issued = await ticketFor('hd.user.north');
    expect(issued.ticket).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(issued.url).toBe(`/me/events?ticket=${issued.ticket}`);
    const ttl = Date.parse(issued.expiresAt) - before;
    expect(ttl).toBeGreaterThan(25_000);
    expect(ttl).toBeLessThanOrEqual(31_000);
  });

  it('opens the stream of the operator the ticket was issued to, without an Authorization header', async () => {
    const issued = await ticketFor('hd.user.north');
    const stream = await open(`${api.url}${issued.url}`);
    expect(JSON.parse((await stream.next('ready')).data)).toEqual({ userId: userIdOf(await tokenOf('hd.user.north')) });
  });

  it('delivers screen-pops to a stream opened with a ticket', async () => {
    const stream = await open(`${api.url}${(await ticketFor('hd.user.north2')).url}`);
    const callId = `pbx-${randomUUID()}`;
    // What a gateway process publishes when a call rings.
    await pool.query('SELECT pg_notify($1, $2)', [
      'switchboard_screen_pops',
      JSON.stringify({ callId, from: '+79161234567', to: '+74950000000', at: '2026-11-25T10:00:00.000Z' }),
    ]);
    expect(JSON.parse((await stream.next('screen-pop', (data) => data.includes(callId))).data)).toMatchObject({ callId, from: '+79161234567' });
  });

  it('lets a ticket open one stream only: used again, it is refused', async () => {
    const issued = await ticketFor('hd.user.north');
    await open(`${api.url}${issued.url}`);
    const again = await fetch(`${api.url}${issued.url}`, { headers: { accept: 'text/event-stream' } });
    expect(again.status).toBe(401);
    expect(again.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('refuses a made-up ticket, and a ticket on a route that takes none', async () => {
    expect((await fetch(`${api.url}/me/events?ticket=${'A'.repeat(43)}`)).status).toBe(401);
    const issued = await ticketFor('hd.user.north');
    expect((await fetch(`${api.url}/me?ticket=${issued.ticket}`)).status).toBe(401);
    // The refused attempt on another route did not use it up.
    await open(`${api.url}${issued.url}`);
  });

  it('keeps taking the bearer token, which wins over a ticket sent with it', async () => {
    const manager = await tokenOf('hd.manager.north');
    const byBearer = await open(`${api.url}/me/events`, { authorization: `Bearer ${manager}` });
    expect(JSON.parse((await byBearer.next('ready')).data)).toEqual({ userId: userIdOf(manager) });
    const someoneElses = await ticketFor('hd.user.north');
    const both = await open(`${api.url}${someoneElses.url}`, { authorization: `Bearer ${manager}` });
    expect(JSON.parse((await both.next('ready')).data)).toEqual({ userId: userIdOf(manager) });
  });

  it('never writes a ticket into its log, nor stores it as it is', async () => {
    const issued = await ticketFor('hd.user.north');
    await fetch(`${api.url}${issued.url}&x=1`, { headers: { accept: 'text/event-stream' } }).then((r) => r.body?.cancel());
    await fetch(`${api.url}/me/events?ticket=${issued.ticket}`).then((r) => r.body?.cancel());
    expect(api.output()).not.toContain(issued.ticket);
    const stored = await pool.query('SELECT 1 FROM identity_access_tickets WHERE ticket_hash = $1 OR principal::text LIKE $2', [
      issued.ticket,
      `%${issued.ticket}%`,
    ]);
    expect(stored.rowCount).toBe(0);
  });

  it('describes the ticket in its OpenAPI document', async () => {
    const document = (await (await fetch(`${api.url}/docs/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
    };
    expect(document.paths['/me/events/ticket']?.post).toBeDefined();
    expect(document.paths['/me/events']?.get?.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'ticket', in: 'query' })]));
  });
});
