import { Pool } from 'pg';
import { createTestDatabase } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import { PostgresScreenPopListener, PostgresScreenPopPublisher, SCREEN_POPS_CHANNEL } from './postgres-screen-pops';
import type { ScreenPop } from './screen-pops';

const quiet = { log: () => undefined, warn: () => undefined };
const pop = (callId: string, extra: Partial<ScreenPop> = {}): ScreenPop => ({
  callId,
  from: '+79161234567',
  to: '+74950000000',
  at: '2026-11-25T10:00:00.000Z',
  ...extra,
});

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('screen-pops over PostgreSQL NOTIFY', () => {
  let db: TestDatabase;
  let gatewayPool: Pool;
  let apiPool: Pool;

  beforeAll(async () => {
    db = await createTestDatabase('screen_pops');
    // One pool per "process": the publisher and the listener share nothing but the database.
    gatewayPool = new Pool({ connectionString: db.url, max: 2 });
    apiPool = new Pool({ connectionString: db.url, max: 3 });
    apiPool.on('error', () => undefined);
  });

  afterAll(async () => {
    await gatewayPool?.end();
    await apiPool?.end();
    await db?.drop();
  });

  it('hands every pop published on one pool to the listeners of another', async () => {
    const received: ScreenPop[] = [];
    const listeners = [1, 2].map(() => new PostgresScreenPopListener({ pool: apiPool, onPop: (p) => received.push(p), logger: quiet }));
    for (const listener of listeners) listener.start();
    await Promise.all(listeners.map((l) => l.whenListening()));
    await new PostgresScreenPopPublisher(gatewayPool, quiet).publish(
      pop('call-1', { agent: 'hd.user.north', client: { id: 'c1', name: 'Petrov Ivan', phone: '+79161234567' } }),
    );
    await until(() => received.length === 2, 'both listeners to receive the pop');
    expect(received).toEqual([
      pop('call-1', { agent: 'hd.user.north', client: { id: 'c1', name: 'Petrov Ivan', phone: '+79161234567' } }),
      expect.objectContaining({ callId: 'call-1' }),
    ]);
    await Promise.all(listeners.map((l) => l.stop()));
  });

  it("sends a pop too long for NOTIFY without the client's details rather than not at all", async () => {
    const received: ScreenPop[] = [];
    const listener = new PostgresScreenPopListener({ pool: apiPool, onPop: (p) => received.push(p), logger: quiet });
    listener.start();
    await listener.whenListening();
    await new PostgresScreenPopPublisher(gatewayPool, quiet).publish(
      pop('call-long', { client: { id: 'c1', name: 'N'.repeat(9_000), phone: '+79161234567' } }),
    );
    await until(() => received.length === 1, 'the pop to arrive');
    expect(received[0]).toEqual(pop('call-long'));
    await listener.stop();
  });

  it('listens again after its connection is killed, and hears the pops published after that', async () => {
    const received: ScreenPop[] = [];
    const warnings: string[] = [];
    // It reconnects within milliseconds: the warning, not a poll of `listening`, shows it noticed.
    const logger = { ...quiet, warn: (message: string) => void warnings.push(message) };
    const listener = new PostgresScreenPopListener({ pool: apiPool, onPop: (p) => received.push(p), logger, reconnectMinMs: 20, reconnectMaxMs: 100 });
    try {
      listener.start();
      await listener.whenListening();
      await gatewayPool.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN ${SCREEN_POPS_CHANNEL}%'`,
      );
      await until(async () => warnings.some((w) => w.startsWith('not listening for screen-pops')), 'the listener to notice the lost connection');
      await until(async () => {
        if (!listener.listening) return false;
        await new PostgresScreenPopPublisher(gatewayPool, quiet).publish(pop('after-reconnect'));
        await new Promise((r) => setTimeout(r, 50));
        return received.some((p) => p.callId === 'after-reconnect');
      }, 'a pop published after the reconnect to arrive');
    } finally {
      await listener.stop();
    }
  });
});
