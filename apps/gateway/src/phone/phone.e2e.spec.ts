import { createHmac, randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { Pool } from 'pg';
import { PostgresEventStore } from '@switchboard/eventstore';
import { EventStreamClient, createTestDatabase, freePort, startAppProcess } from '@switchboard/platform/testing';
import type { AppProcess, TestDatabase } from '@switchboard/platform/testing';
import { requestStreamId } from '@switchboard/service-desk/domain';

const secret = 'pbx-webhook-shared-secret';
const GRACE_SECONDS = 2;
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
    this.socket?.write(
      `${Object.entries(fields)
        .map(([k, v]) => `${k}: ${v}`)
        .join('\r\n')}\r\n\r\n`,
    );
  }

  close(): Promise<void> {
    this.socket?.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * Production's shape: the gateway process receives the calls (PBX webhook, AMI), the operator's
 * console is connected to a separate API process on the same database, and the screen-pops reach it.
 */
describe('calls through a running gateway, screen-pops on a running API: PBX webhook, Asterisk AMI, missed calls', () => {
  let db: TestDatabase;
  let gateway: AppProcess;
  let api: AppProcess;
  let ami: AmiPeer;
  let pool: Pool;
  let store: PostgresEventStore;
  let token: string;
  let operatorId: string;
  let operatorConsole: EventStreamClient;

  const postEvent = (payload: object, signature?: string) => {
    const body = JSON.stringify(payload);
    return fetch(`${gateway.url}/channels/phone/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature': signature ?? sign(body) },
      body,
    });
  };

  const call = (event: string, callId: string, extra: object = {}) => ({
    callId,
    event,
    from: '8 (916) 123-45-67',
    to: '+74950000000',
    at: '2026-11-25T10:00:00Z',
    ...extra,
  });

  async function tokenOf(username: string): Promise<string> {
    const response = await fetch(`${api.url}/dev-idp/realms/switchboard/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', client_id: 'switchboard-console', username, password: 'demo' }),
    });
    return ((await response.json()) as { access_token: string }).access_token;
  }

  const registerCall = (callId: string, bearer: string, body: object = {}) =>
    fetch(`${api.url}/calls/${encodeURIComponent(callId)}/request`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  async function requestOfCall(callId: string): Promise<string | undefined> {
    const { rows } = await pool.query<{ request_id: string }>(`SELECT request_id FROM intake_messages WHERE channel = 'phone' AND message_id = $1`, [callId]);
    return rows[0]?.request_id;
  }

  async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** A missed call hung up now, whose request appears once every call due before it has been decided. */
  async function missedCallDecidedAfter(): Promise<void> {
    const control = `pbx-control-${randomUUID()}`;
    await postEvent(call('hangup', control, { from: '+79035550199' }));
    await eventually(() => requestOfCall(control), `the control call ${control} to become a missed-call request`);
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
    const [gatewayPort, apiPort] = await Promise.all([freePort(), freePort()]);
    gateway = startAppProcess({
      entry: 'dist/apps/gateway/src/main.js',
      port: gatewayPort,
      env: {
        DATABASE_URL: db.url,
        DEMO_DATA: 'true',
        PHONE_WEBHOOK_SECRET: secret,
        PHONE_MISSED_CALL_GRACE_SECONDS: String(GRACE_SECONDS),
        AMI_URL: `ami://switchboard:ami-s3cret@127.0.0.1:${ami.port}`,
      },
    });
    api = startAppProcess({ entry: 'dist/apps/api/src/main.js', port: apiPort, env: { DATABASE_URL: db.url } });
    await Promise.all([gateway.waitForOutput(/Switchboard gateway is ready/, 90_000), api.waitForOutput(/Switchboard api is ready/, 90_000)]);
    pool = new Pool({ connectionString: db.url, max: 2 });
    // pool.end() resolves before its sockets close; the database drop may end them first.
    pool.on('error', () => undefined);
    store = new PostgresEventStore(db.url);
    token = await tokenOf('hd.user.north');
    operatorId = (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { sub: string }).sub;
    operatorConsole = await EventStreamClient.open(`${api.url}/me/events`, { authorization: `Bearer ${token}` });
  }, 150_000);

  afterAll(async () => {
    operatorConsole?.close();
    await Promise.all([gateway?.stop(), api?.stop()]);
    await ami?.close();
    await store?.close();
    await pool?.end();
    await db?.drop();
  });

  it('refuses the event stream without a bearer token', async () => {
    const response = await fetch(`${api.url}/me/events`);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it("pops a call ringing at the gateway up on the screen of an operator connected to the API, with the client that has the caller's number", async () => {
    const callId = `pbx-${randomUUID()}`;
    const response = await postEvent(call('ringing', callId));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ callId });
    const pop = await operatorConsole.next('screen-pop', (data) => data.includes(callId));
    expect(JSON.parse(pop.data)).toEqual({ callId, from: '+79161234567', to: '+74950000000', at: '2026-11-25T10:00:00.000Z', client: ivan });
  });

  it('makes a call hung up without an answer a missed-call request of the caller once the grace period has passed, once however often the hangup arrives', async () => {
    const callId = `pbx-${randomUUID()}`;
    await postEvent(call('ringing', callId, { from: '+79035550101' }));
    const hangup = call('hangup', callId, { from: '+79035550101', at: '2026-11-25T10:00:30Z' });
    const hungUpAt = Date.now();
    expect(await (await postEvent(hangup)).json()).toEqual({ callId });
    const requestId = await eventually(() => requestOfCall(callId), 'the missed call to become a request');
    expect(Date.now() - hungUpAt).toBeGreaterThanOrEqual(GRACE_SECONDS * 1000 - 50);
    const events = await eventsOf(requestId);
    expect(events[0]).toMatchObject({
      type: 'RequestRegistered',
      data: { contact: { channel: 'phone', address: '+79035550101' }, clientId: '7c1e0000-0000-4000-8000-000000000002' },
    });
    expect(events[1]).toMatchObject({
      type: 'MessageReceived',
      data: { messageId: callId, channel: 'phone', text: 'Missed call from +79035550101', receivedAt: '2026-11-25T10:00:00.000Z' },
    });

    const again = await postEvent(hangup);
    expect(((await again.json()) as { requestId: string }).requestId).toBe(requestId);
    await missedCallDecidedAfter();
    expect((await eventsOf(requestId)).filter((e) => e.type === 'MessageReceived')).toHaveLength(1);
  });

  it('does not make a call missed when its answer (dated before the hangup) arrives after the hangup, within the grace period', async () => {
    const callId = `pbx-${randomUUID()}`;
    const caller = { from: '+79035550102' };
    await postEvent(call('ringing', callId, caller));
    await postEvent(call('hangup', callId, { ...caller, at: '2026-11-25T10:02:00Z' }));
    await postEvent(call('answered', callId, { ...caller, agent: 'hd.user.north', at: '2026-11-25T10:00:05Z' }));
    await missedCallDecidedAfter();
    expect(await requestOfCall(callId)).toBeUndefined();
  });

  it('closes the missed-call request as answered when the answer arrives after even the grace period, and lets the taker register the call', async () => {
    const callId = `pbx-${randomUUID()}`;
    const caller = { from: '+79035550103' };
    await postEvent(call('ringing', callId, caller));
    await postEvent(call('hangup', callId, { ...caller, at: '2026-11-25T10:02:00Z' }));
    const missedRequest = await eventually(() => requestOfCall(callId), 'the call to be declared missed');

    const answered = await postEvent(call('answered', callId, { ...caller, agent: 'hd.user.north', at: '2026-11-25T10:00:05Z' }));
    expect(answered.status).toBe(200);
    const events = await eventsOf(missedRequest);
    expect(events.map((e) => e.type)).toEqual(['RequestRegistered', 'MessageReceived', 'RequestClosed']);
    expect(events[2].data).toMatchObject({ by: 'channel:phone', reason: expect.stringContaining('answered'), transition: { from: 'NEW', to: 'CLOSED' } });
    // The answer again (a PBX retry) changes nothing.
    await postEvent(call('answered', callId, { ...caller, agent: 'hd.user.north', at: '2026-11-25T10:00:05Z' }));
    expect(await eventsOf(missedRequest)).toHaveLength(3);

    const register = await registerCall(callId, token, { note: 'Called about the router' });
    expect(register.status).toBe(200);
    const { requestId } = (await register.json()) as { requestId: string };
    expect(requestId).not.toBe(missedRequest);
    expect((await eventsOf(requestId)).map((e) => e.type)).toEqual(['RequestRegistered', 'MessageReceived', 'RequestAssigned']);
  });

  it("leaves a missed-call request someone works on open when the call's answer comes too late", async () => {
    const callId = `pbx-${randomUUID()}`;
    const caller = { from: '+79035550104' };
    await postEvent(call('hangup', callId, caller));
    const missedRequest = await eventually(() => requestOfCall(callId), 'the call to be declared missed');
    const manager = await tokenOf('hd.manager.north');
    const assign = await fetch(`${api.url}/requests/${missedRequest}/assign`, {
      method: 'POST',
      headers: { authorization: `Bearer ${manager}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ assigneeId: operatorId }),
    });
    expect(assign.status).toBe(202);
    await postEvent(call('answered', callId, { ...caller, agent: 'hd.user.north' }));
    expect((await eventsOf(missedRequest)).map((e) => e.type)).toEqual(['RequestRegistered', 'MessageReceived', 'RequestAssigned']);
  });

  it('leaves an answered call to the operator who took it, who registers it as a request assigned to them', async () => {
    const callId = `pbx-${randomUUID()}`;
    const caller = { from: '+447400123456' };
    await postEvent(call('ringing', callId, { ...caller, agent: 'hd.user.north' }));
    await postEvent(call('answered', callId, { ...caller, agent: 'hd.user.north', at: '2026-11-25T10:00:05Z' }));
    const hangup = await postEvent(call('hangup', callId, { ...caller, at: '2026-11-25T10:03:00Z' }));
    expect(await hangup.json()).toEqual({ callId });
    await missedCallDecidedAfter();
    expect(await requestOfCall(callId)).toBeUndefined();

    const register = await registerCall(callId, token, { note: 'Wants to move the contract to a new address' });
    expect(register.status).toBe(200);
    const { requestId, registered, position } = (await register.json()) as { requestId: string; registered: boolean; position: string };
    expect(registered).toBe(true);
    // The position to read the request at (`minPosition`): that of its assignment, the last write.
    expect(position).toEqual(expect.stringMatching(/^\d+:\d+$/));
    const events = await eventsOf(requestId);
    expect(events.map((e) => e.type)).toEqual(['RequestRegistered', 'MessageReceived', 'RequestAssigned']);
    expect(events[1].data).toMatchObject({ messageId: callId, text: 'Call from +447400123456: Wants to move the contract to a new address' });
    expect(events[2].data).toMatchObject({ assigneeId: operatorId, department: 'first-line-north' });
  });

  it('answers 404 to an operator registering a call someone else took, or one nobody answered', async () => {
    const taken = `pbx-${randomUUID()}`;
    await postEvent(call('ringing', taken, { from: '+447400123457', agent: 'hd.user.north' }));
    await postEvent(call('answered', taken, { from: '+447400123457', agent: 'hd.user.north', at: '2026-11-25T10:00:05Z' }));
    for (const other of ['hd.user.north2', 'hd.manager.north']) {
      const response = await registerCall(taken, await tokenOf(other));
      expect({ other, status: response.status }).toEqual({ other, status: 404 });
    }
    const ringing = `pbx-${randomUUID()}`;
    await postEvent(call('ringing', ringing, { from: '+447400123458', agent: 'hd.user.north' }));
    expect((await registerCall(ringing, token)).status).toBe(404);
    expect(await requestOfCall(taken)).toBeUndefined();
  });

  it('answers 404 for a call the PBX never reported, and 400 naming the parameter for an id no call can have', async () => {
    expect((await registerCall('no-such-call', token)).status).toBe(404);
    const unstorable = await registerCall('nul\u0000call', token);
    expect(unstorable.status).toBe(400);
    expect(((await unstorable.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(['callId']);
  });

  it('ignores a call from an internal extension: no screen-pop, no missed-call request', async () => {
    const callId = `pbx-${randomUUID()}`;
    const ringing = await postEvent(call('ringing', callId, { from: '101' }));
    expect(ringing.status).toBe(200);
    expect(await ringing.json()).toEqual({ callId, ignored: expect.stringContaining('not a phone number') });
    expect((await postEvent(call('hangup', callId, { from: '101' }))).status).toBe(200);
    await missedCallDecidedAfter();
    expect(await requestOfCall(callId)).toBeUndefined();
    expect(operatorConsole.events.some((e) => e.data.includes(callId))).toBe(false);
    expect((await pool.query('SELECT 1 FROM phone_calls WHERE call_id = $1', [callId])).rowCount).toBe(0);
  });

  it('stores a call event with NUL or half a surrogate pair in its fields without them', async () => {
    const callId = `pbx-${randomUUID()}`;
    const response = await postEvent(call('ringing', `${callId}\u0000`, { to: '+7495000\ud8000000', agent: 'hd.user.north\u0000' }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ callId });
    const { rows } = await pool.query<{ callee: string; agent: string }>('SELECT callee, agent FROM phone_calls WHERE call_id = $1', [callId]);
    expect(rows).toEqual([{ callee: '+74950000000', agent: 'hd.user.north' }]);
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
    const caller = {
      Channel: 'PJSIP/trunk-00000011',
      CallerIDNum: '79161234567',
      CallerIDName: 'Ivan',
      Exten: '100',
      Context: 'from-trunk',
      Uniqueid: linkedid,
      Linkedid: linkedid,
    };
    ami.event({ Event: 'Newchannel', Privilege: 'call,all', ChannelState: '4', ChannelStateDesc: 'Ring', ...caller });
    ami.event({
      Event: 'DialBegin',
      Privilege: 'call,all',
      ...caller,
      DestChannel: 'PJSIP/101-00000012',
      DestCallerIDNum: '101',
      DestUniqueid: `${linkedid}1`,
      DestLinkedid: linkedid,
      DialString: '101',
    });
    const pop = await operatorConsole.next('screen-pop', (data) => data.includes(linkedid));
    expect(JSON.parse(pop.data)).toMatchObject({ callId: linkedid, from: '+79161234567', client: ivan });
    ami.event({
      Event: 'DialEnd',
      Privilege: 'call,all',
      ...caller,
      DestChannel: 'PJSIP/101-00000012',
      DestUniqueid: `${linkedid}1`,
      DestLinkedid: linkedid,
      DialStatus: 'NOANSWER',
    });
    ami.event({ Event: 'Hangup', Privilege: 'call,all', ...caller, Cause: '16', 'Cause-txt': 'Normal Clearing' });
    const requestId = await eventually(() => requestOfCall(linkedid), 'the missed AMI call to become a request');
    const events = await eventsOf(requestId);
    expect(events[1].data).toMatchObject({ text: 'Missed call from +79161234567', channel: 'phone' });
    expect(operatorConsole.events.filter((e) => e.type === 'screen-pop' && e.data.includes(linkedid))).toHaveLength(1);
    const health = (await (await fetch(`${gateway.url}/health`)).json()) as { checks: Record<string, { status: string }> };
    expect(health.checks.ami).toEqual(expect.objectContaining({ status: 'up' }));
  });

  it('reconciles AMI events by their own Timestamp: an answer that arrives after the hangup but happened before it leaves no missed call', async () => {
    await ami.loggedIn();
    const ringAt = Math.floor(Date.now() / 1000);
    const linkedid = `${ringAt}.29`;
    const caller = { Channel: 'PJSIP/trunk-00000029', CallerIDNum: '79035550105', Exten: '100', Context: 'from-trunk', Uniqueid: linkedid, Linkedid: linkedid };
    const dest = { DestChannel: 'PJSIP/101-00000030', DestCallerIDNum: '101', DestUniqueid: `${linkedid}1`, DestLinkedid: linkedid, DialString: '101' };
    ami.event({ Event: 'Newchannel', Privilege: 'call,all', ...caller, Timestamp: `${ringAt}.000100` });
    ami.event({ Event: 'Hangup', Privilege: 'call,all', ...caller, Cause: '16', Timestamp: `${ringAt + 95}.000000` });
    ami.event({ Event: 'DialEnd', Privilege: 'call,all', ...caller, ...dest, DialStatus: 'ANSWER', Timestamp: `${ringAt + 5}.500000` });
    const answeredAt = await eventually(
      async () =>
        (await pool.query<{ answered_at: Date | null }>('SELECT answered_at FROM phone_calls WHERE call_id = $1', [linkedid])).rows[0]?.answered_at ??
        undefined,
      'the AMI answer to be recorded',
    );
    expect(answeredAt.getTime()).toBe((ringAt + 5.5) * 1000);
    await missedCallDecidedAfter();
    expect(await requestOfCall(linkedid)).toBeUndefined();
  });

  it("stops the API cleanly and at once while an operator's event stream is open", async () => {
    const started = Date.now();
    expect(await api.stop('SIGTERM')).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
