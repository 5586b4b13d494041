import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { AmiClient } from './ami-client';
import type { AmiMessage } from './ami-frame-parser';

/** An Asterisk Manager Interface peer on a local socket: banner, Login answers, events on demand. */
class AmiPeer {
  readonly actions: Record<string, string>[] = [];
  readonly sockets: Socket[] = [];
  refuseLogins = 0;
  private readonly server: Server;

  constructor() {
    this.server = createServer((socket) => {
      this.sockets.push(socket);
      socket.setEncoding('utf8');
      socket.write('Asterisk Call Manager/5.0.1\r\n');
      let buffer = '';
      socket.on('data', (chunk: string) => {
        buffer += chunk;
        for (let end = buffer.indexOf('\r\n\r\n'); end >= 0; end = buffer.indexOf('\r\n\r\n')) {
          const action = Object.fromEntries(
            buffer
              .slice(0, end)
              .split('\r\n')
              .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]),
          );
          buffer = buffer.slice(end + 4);
          this.actions.push(action);
          if (action.Action === 'Login') {
            const refuse = this.refuseLogins > 0;
            if (refuse) this.refuseLogins--;
            socket.write(
              `Response: ${refuse ? 'Error' : 'Success'}\r\nActionID: ${action.ActionID}\r\nMessage: ${refuse ? 'Authentication failed' : 'Authentication accepted'}\r\n\r\n`,
            );
            if (!refuse) socket.write('Event: FullyBooted\r\nPrivilege: system,all\r\nStatus: Fully Booted\r\n\r\n');
          }
        }
      });
      socket.on('error', () => undefined);
    });
  }

  get url(): string {
    return `ami://switchboard:s3cret@127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  listen(): Promise<void> {
    return new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  /** Sends an event on the newest connection. */
  event(fields: Record<string, string>): void {
    const socket = this.sockets[this.sockets.length - 1];
    socket.write(
      `${Object.entries(fields)
        .map(([k, v]) => `${k}: ${v}`)
        .join('\r\n')}\r\n\r\n`,
    );
  }

  dropConnections(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  async close(): Promise<void> {
    this.dropConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

async function eventually(check: () => void, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

describe('AmiClient against an AMI peer', () => {
  let peer: AmiPeer;
  let client: AmiClient | undefined;

  beforeEach(async () => {
    peer = new AmiPeer();
    await peer.listen();
  });

  afterEach(async () => {
    await client?.stop();
    client = undefined;
    await peer.close();
  });

  it("logs in with the URL's user and secret and hands on events in order", async () => {
    const events: AmiMessage[] = [];
    client = new AmiClient({ url: peer.url, logger: quiet, onEvent: (e) => void events.push(e) });
    client.start();
    await client.loggedIn();
    expect(peer.actions[0]).toMatchObject({ Action: 'Login', Username: 'switchboard', Secret: 's3cret', Events: 'call' });
    peer.event({ Event: 'Newchannel', Linkedid: '1.1', Uniqueid: '1.1' });
    peer.event({ Event: 'Hangup', Linkedid: '1.1', Uniqueid: '1.1' });
    await eventually(() => expect(events.map((e) => e.Event)).toEqual(['FullyBooted', 'Newchannel', 'Hangup']));
  });

  it('handles one event at a time, even when handling is slow', async () => {
    const handled: string[] = [];
    client = new AmiClient({
      url: peer.url,
      logger: quiet,
      onEvent: async (e) => {
        if (e.Event === 'FullyBooted') return;
        await new Promise((r) => setTimeout(r, e.Event === 'Newchannel' ? 100 : 0));
        handled.push(e.Event);
      },
    });
    client.start();
    await client.loggedIn();
    peer.event({ Event: 'Newchannel', Linkedid: '1.1', Uniqueid: '1.1' });
    peer.event({ Event: 'Hangup', Linkedid: '1.1', Uniqueid: '1.1' });
    await eventually(() => expect(handled).toEqual(['Newchannel', 'Hangup']));
  });

  it('tries again with backoff when the login is refused, and says why meanwhile', async () => {
    peer.refuseLogins = 2;
    const errors: string[] = [];
    client = new AmiClient({
      url: peer.url,
      logger: { ...quiet, error: (m) => void errors.push(m) },
      onEvent: () => undefined,
      reconnectMinMs: 20,
      reconnectMaxMs: 100,
    });
    client.start();
    await eventually(() => expect(client?.problem).toMatch(/refused the login: Authentication failed/));
    await client.loggedIn();
    expect(peer.actions.filter((a) => a.Action === 'Login')).toHaveLength(3);
    expect(errors[0]).toMatch(/refused the login/);
    expect(client.problem).toBeUndefined();
  });

  it('reconnects when the PBX drops the connection and receives later events', async () => {
    const events: string[] = [];
    client = new AmiClient({ url: peer.url, logger: quiet, onEvent: (e) => void events.push(e.Event), reconnectMinMs: 20, reconnectMaxMs: 100 });
    client.start();
    await client.loggedIn();
    peer.dropConnections();
    await eventually(() => expect(peer.actions.filter((a) => a.Action === 'Login')).toHaveLength(2));
    await client.loggedIn();
    peer.event({ Event: 'Hangup', Linkedid: '2.1', Uniqueid: '2.1' });
    await eventually(() => expect(events).toContain('Hangup'));
    expect(peer.sockets.length).toBeGreaterThanOrEqual(2);
  });

  it('keeps trying while the PBX is not listening yet', async () => {
    const url = peer.url;
    await peer.close();
    client = new AmiClient({ url, logger: quiet, onEvent: () => undefined, reconnectMinMs: 20, reconnectMaxMs: 50 });
    client.start();
    await eventually(() => expect(client?.problem).toMatch(/ECONNREFUSED/));
    expect(client.status).not.toBe('logged-in');
    peer = new AmiPeer();
    await peer.listen();
  });
});
