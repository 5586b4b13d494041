import { createHmac, randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { Pool } from 'pg';
import { PostgresEventStore } from '@switchboard/eventstore';
import { createTestDatabase, freePort, startAppProcess } from '@switchboard/platform/testing';
import type { AppProcess, TestDatabase } from '@switchboard/platform/testing';
import { requestStreamId } from '@switchboard/service-desk/domain';

const secret = 'pbx-webhook-shared-secret';
const sign = (body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
const ivan = { id: '7c1e0000-0000-4000-8000-000000000001', name: 'Petrov Ivan Sergeevich', phone: '+79161234567' };

/** An Asterisk Manager Interface on a local socket: banner, Login answer, then the events the test sends. */
class AmiPeer {
  readonly logins: Record<string, string>[] = [];
  private socket: Socket | undefined;
  private readonly server: Server = createServer((socket) => {
    socket.setEncoding('utf8');
    socket.on('error', () => undefined);
    socket.write('Asterisk Call Manager/5.0.1\r\n');
    socket.on('data', (chunk: string) => {
      for (const block of chunk.split('\r\n\r\n').filter(Boolean)) {
        const action = Object.fromEntries(block.split('\r\n').map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]));
        if (action.Action !== 'Login') continue;
        this.logins.push(action);
        this.socket = socket;
        socket.write(`Response: Success\r\nActionID: ${action.ActionID}\r\nMessage: Authentication accepted\r\n\r\n`);
      }
    });
  });

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  listen(): Promise<void> {
    return new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  async loggedIn(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.socket) {
      if (Date.now() > deadline) throw new Error('the gateway never logged in to AMI');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  event(fields: Record<string, string>): void {
    this.socket?.write(`${Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`);
  }

  close(): Promise<void> {
    this.socket?.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

interface ServerSentEvent {
  type: string;
  data: string;
}

/** An operator's operatorConsole listening on GET /me/events. */
class EventStreamClient {
  readonly events: ServerSentEvent[] = [];
  private readonly abort = new AbortController();

  static async open(url: string, token: string): Promise<EventStreamClient> {
    const client = new EventStreamClient();
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal: client.abort.signal });
    if (response.status !== 200 || !response.body) throw new Error(`event stream refused: ${response.status} ${await response.text()}`);
    void client.read(response.body);
    await client.next('ready');
    return client;
  }

  async next(type: string, predicate: (data: string) => boolean = () => true, timeoutMs = 10_000): Promise<ServerSentEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find((e) => e.type === type && predicate(e.data));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no ${type} event within ${timeoutMs} ms; got ${JSON.stringify(this.events)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  close(): void {
    this.abort.abort();
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const lines = buffer.slice(0, end).split('\n');
          buffer = buffer.slice(end + 2);
          const field = (name: string) => lines.filter((l) => l.startsWith(`${name}:`)).map((l) => l.slice(name.length + 1).trimStart());
          if (field('data').length) this.events.push({ type: field('event')[0] ?? 'message', data: field('data').join('\n') });
        }
      }
    } catch {
      // aborted by close()
    }
  }
}

describe('calls through a running gateway: PBX webhook, Asterisk AMI, screen-pops', () => {
  let db: TestDatabase;
  let gateway: AppProcess;
  let ami: AmiPeer;
  let pool: Pool;
  let store: PostgresEventStore;
  let token: string;
  let operatorId: string;
  let operatorConsole: EventStreamClient;

  const postEvent = (payload: object, signature?: string) => {
    const body = JSON.stringify(payload);
    return fetch(`${gateway.url}/channels/phone/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-signature': signature ?? sign(body) }, body });
  };

  const call = (event: string, callId: string, extra: object = {}) => ({ callId, event, from: '8 (916) 123-45-67', to: '+74950000000', at: '2026-11-25T10:00:00Z', ...extra });

  async function requestOfCall(callId: string): Promise<string | undefined> {
    const { rows } = await pool.query<{ request_id: string }>(`SELECT request_id FROM intake_messages WHERE channel = 'phone' AND message_id = $1`, [callId]);
    return rows[0]?.request_id;
  }

  async function eventsOf(requestId: string): Promise<{ type: string; data: Record<string, unknown> }[]> {
    const events: { type: string; data: Record<string, unknown> }[] = [];
    for await (const e of store.readStream(requestStreamId(requestId))) events.push({ type: e.type, data: e.data as Record<string, unknown> });
    return events;
  }

  beforeAll(async () => {
    db = await createTestDatabase('phone_e2e');
    ami = new AmiPeer();
    await ami.listen();
    gateway = startAppProcess({
      entry: 'dist/apps/gateway/src/main.js',
      port: await freePort(),
      env: { DATABASE_URL: db.url, DEMO_DATA: 'true', PHONE_WEBHOOK_SECRET: secret, AMI_URL: `ami://switchboard:ami-s3cret@127.0.0.1:${ami.port}` },
    });
    await gateway.waitForOutput(/Switchboard gateway is ready/, 90_000);
    pool = new Pool({ connectionString: db.url, max: 2 });
    // pool.end() resolves before its sockets close; the database drop may end them first.
    pool.on('error', () => undefined);
    store = new PostgresEventStore(db.url);
    const response = await fetch(`${gateway.url}/dev-idp/realms/switchboard/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', client_id: 'switchboard-operatorConsole', username: 'hd.user.north', password: 'demo' }),
    });
    token = ((await response.json()) as { access_token: string }).access_token;
    operatorId = (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { sub: string }).sub;
    operatorConsole = await EventStreamClient.open(`${gateway.url}/me/events`, token);
  }, 120_000);

  afterAll(async () => {
    operatorConsole?.close();
    await gateway?.stop();
    await ami?.close();
    await store?.close();
    await pool?.end();
    await db?.drop();
  });

  it('refuses the event stream without a bearer token', async () => {
    const response = await fetch(`${gateway.url}/me/events`);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('pops a ringing call up on the operator\'s screen with the client that has the caller\'s number', async () => {
    const callId = `pbx-${randomUUID()}`;
    const response = await postEvent(call('ringing', callId));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ callId, popped: 1 });
    const pop = await operatorConsole.next('screen-pop', (data) => data.includes(callId));
    expect(JSON.parse(pop.data)).toEqual({ callId, from: '+79161234567', to: '+74950000000', at: '2026-11-25T10:00:00.000Z', client: ivan });
  });

  it('makes a call hung up without an answer a missed-call request of the caller, once however often the hangup arrives', async () => {
    const callId = `pbx-${randomUUID()}`;
    await postEvent(call('ringing', callId, { from: '+79035550101' }));
    const hangup = call('hangup', callId, { from: '+79035550101', at: '2026-11-25T10:00:30Z' });
    const response = await postEvent(hangup);
    const { requestId } = (await response.json()) as { requestId: string };
    expect(await requestOfCall(callId)).toBe(requestId);
    const events = await eventsOf(requestId);
    expect(events[0]).toMatchObject({ type: 'RequestRegistered', data: { contact: { channel: 'phone', address: '+79035550101' }, clientId: '7c1e0000-0000-4000-8000-000000000002' } });
    expect(events[1]).toMatchObject({ type: 'MessageReceived', data: { messageId: callId, channel: 'phone', text: 'Missed call from +79035550101', receivedAt: '2026-11-25T10:00:00.000Z' } });

    const again = await postEvent(hangup);
    expect(((await again.json()) as { requestId: string }).requestId).toBe(requestId);
    expect((await eventsOf(requestId)).filter((e) => e.type === 'MessageReceived')).toHaveLength(1);
  });

  it('leaves an answered call to the operator who took it, who registers it as a request assigned to them', async () => {
    const callId = `pbx-${randomUUID()}`;
    const caller = { from: '+447400123456' };
    await postEvent(call('ringing', callId, { ...caller, agent: 'hd.user.north' }));
    await postEvent(call('answered', callId, { ...caller, agent: 'hd.user.north', at: '2026-11-25T10:00:05Z' }));
    const hangup = await postEvent(call('hangup', callId, { ...caller, at: '2026-11-25T10:03:00Z' }));
    expect(await hangup.json()).toEqual({ callId });
    expect(await requestOfCall(callId)).toBeUndefined();

    const register = await fetch(`${gateway.url}/calls/${encodeURIComponent(callId)}/request`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ note: 'Wants to move the contract to a new address' }),
    });
    expect(register.status).toBe(200);
    const { requestId, registered } = (await register.json()) as { requestId: string; registered: boolean };
    expect(registered).toBe(true);
    const events = await eventsOf(requestId);
    expect(events.map((e) => e.type)).toEqual(['RequestRegistered', 'MessageReceived', 'RequestAssigned']);
    expect(events[1].data).toMatchObject({ messageId: callId, text: 'Call from +447400123456: Wants to move the contract to a new address' });
    expect(events[2].data).toMatchObject({ assigneeId: operatorId, department: 'first-line-north' });
  });

  it('answers 404 for a call the PBX never reported', async () => {
    const response = await fetch(`${gateway.url}/calls/no-such-call/request`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(404);
  });

  it('refuses call events that are unsigned or signed with another secret', async () => {
    const body = JSON.stringify(call('ringing', 'forged'));
    const unsigned = await fetch(`${gateway.url}/channels/phone/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(unsigned.status).toBe(401);
    const forged = await postEvent(call('ringing', 'forged'), `sha256=${createHmac('sha256', 'not-the-secret').update(body).digest('hex')}`);
    expect(forged.status).toBe(401);
    expect(operatorConsole.events.some((e) => e.data.includes('forged'))).toBe(false);
  });

  it('refuses a malformed call event, naming the bad fields', async () => {
    const response = await postEvent({ callId: 'x', event: 'transferred', from: '+79161234567', at: 'later' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(['event', 'to', 'at']);
  });

  it('reads calls from Asterisk over AMI: one screen-pop while it rings, a missed-call request once it hangs up unanswered', async () => {
    await ami.loggedIn();
    expect(ami.logins[0]).toMatchObject({ Username: 'switchboard', Secret: 'ami-s3cret' });
    const linkedid = `${Math.floor(Date.now() / 1000)}.17`;
    const caller = { Channel: 'PJSIP/trunk-00000011', CallerIDNum: '79161234567', CallerIDName: 'Ivan', Exten: '100', Context: 'from-trunk', Uniqueid: linkedid, Linkedid: linkedid };
    ami.event({ Event: 'Newchannel', Privilege: 'call,all', ChannelState: '4', ChannelStateDesc: 'Ring', ...caller });
    ami.event({ Event: 'DialBegin', Privilege: 'call,all', ...caller, DestChannel: 'PJSIP/101-00000012', DestCallerIDNum: '101', DestUniqueid: `${linkedid}1`, DestLinkedid: linkedid, DialString: '101' });
    const pop = await operatorConsole.next('screen-pop', (data) => data.includes(linkedid));
    expect(JSON.parse(pop.data)).toMatchObject({ callId: linkedid, from: '+79161234567', client: ivan });
    ami.event({ Event: 'DialEnd', Privilege: 'call,all', ...caller, DestChannel: 'PJSIP/101-00000012', DestUniqueid: `${linkedid}1`, DestLinkedid: linkedid, DialStatus: 'NOANSWER' });
    ami.event({ Event: 'Hangup', Privilege: 'call,all', ...caller, Cause: '16', 'Cause-txt': 'Normal Clearing' });
    const deadline = Date.now() + 10_000;
    while (!(await requestOfCall(linkedid))) {
      if (Date.now() > deadline) throw new Error('the missed AMI call never became a request');
      await new Promise((r) => setTimeout(r, 50));
    }
    const events = await eventsOf((await requestOfCall(linkedid)) as string);
    expect(events[1].data).toMatchObject({ text: 'Missed call from +79161234567', channel: 'phone' });
    expect(operatorConsole.events.filter((e) => e.type === 'screen-pop' && e.data.includes(linkedid))).toHaveLength(1);
    const health = (await (await fetch(`${gateway.url}/health`)).json()) as { checks: Record<string, { status: string }> };
    expect(health.checks.ami).toEqual(expect.objectContaining({ status: 'up' }));
  });

  it('stops cleanly and at once while an operator\'s event stream is open', async () => {
    const started = Date.now();
    expect(await gateway.stop('SIGTERM')).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
