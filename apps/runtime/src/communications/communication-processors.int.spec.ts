import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import { Communications } from '@switchboard/communications';
import type { ChannelSender, OutgoingCommunication } from '@switchboard/communications';
import { communicationStreamId } from '@switchboard/communications/domain';
import { PostgresCommunicationPolicies, listCommunications } from '@switchboard/communications/infrastructure';
import type { EventStore } from '@switchboard/eventstore';
import { MetricsRegistry, loadConfig } from '@switchboard/platform';
import { createTestDatabase } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import { CoreModule } from '../core.module';
import { EVENT_STORE, PG_POOL } from '../database/database.tokens';
import { applyMigrations } from '../database/migrations';
import { CommunicationProcessorsModule } from './communication-processors.module';
import { ChannelSenderRegistry } from './communications.module';

/** Keeps every communication it is given, per channel. */
class RecordingSender implements ChannelSender {
  constructor(
    readonly channel: ChannelSender['channel'],
    readonly sent: OutgoingCommunication[],
  ) {}
  async send(communication: OutgoingCommunication) {
    this.sent.push(communication);
    return { providerMessageId: `rec-${this.sent.length}` };
  }
}

const until = async (what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

/**
 * The sending point wired end to end: requests are dispatched, booked ones woken and delivered by
 * the processors on the backbone, with the policies, addresses and limits read from the real
 * tables and a recording sender per channel; a booked communication survives a restart before its
 * time and goes exactly once.
 */
describe('communications: processors end to end', () => {
  let db: TestDatabase;
  let app: INestApplication | undefined;
  const sent: OutgoingCommunication[] = [];
  const clientId = randomUUID();
  const department = 'first-line-north';

  const start = async (): Promise<INestApplication> => {
    const config = loadConfig({ DATABASE_URL: db.url }, { httpPort: 1, allowsEmbeddedDatabase: false });
    @Module({
      imports: [
        CoreModule.forRoot({
          role: { name: 'test', dependencies: [] },
          config,
          databaseUrl: db.url,
          identityBaseUrl: 'http://127.0.0.1:1/dev-idp',
          metrics: new MetricsRegistry('test'),
        }),
        CommunicationProcessorsModule,
      ],
    })
    class TestModule {}
    const created = await NestFactory.create(TestModule, { logger: ['error'] });
    await applyMigrations(created.get(MikroORM), created.get<Pool>(PG_POOL));
    const registry = created.get(ChannelSenderRegistry, { strict: false });
    for (const channel of ['sms', 'email', 'messenger'] as const) registry.add(new RecordingSender(channel, sent));
    await created.init();
    return created;
  };
  const communications = () => (app as INestApplication).get(Communications, { strict: false });
  const policies = () => (app as INestApplication).get(PostgresCommunicationPolicies, { strict: false });
  const history = async (communicationId: string) => {
    const seen: string[] = [];
    for await (const e of (app as INestApplication).get<EventStore>(EVENT_STORE).readStream(communicationStreamId(communicationId))) seen.push(e.type);
    return seen;
  };
  const request = (over: Partial<Parameters<Communications['request']>[0]> = {}) =>
    communications().request(
      { department, clientId, communicationType: 'service', message: { text: 'Your request is closed' }, by: 'hd.user.north', ...over },
      { commandId: randomUUID(), origin: 'user' },
    );
  const change = { by: 'comms.admin', at: new Date() };

  beforeAll(async () => {
    db = await createTestDatabase('communications_processors');
    app = await start();
    await app
      .get<Pool>(PG_POOL)
      .query(
        `INSERT INTO customers_clients (id, first_name, last_name, phone, email, name_key) VALUES ($1, 'Irina', 'Petrova', '+79161112233', 'irina@example.test', 'petrova irina')`,
        [clientId],
      );
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('dispatches a requested communication by the department’s preference and hands it to the sender, once', async () => {
    await policies().setPreference(department, 'service', ['messenger', 'email', 'sms'], undefined, change);
    const { communicationId } = await request();
    await until('sent', async () => (await communications().find(communicationId))?.status === 'SENT');
    // No Telegram chat is linked to the client's phone: the preference falls back to email.
    expect(sent.filter((s) => s.communicationId === communicationId)).toEqual([expect.objectContaining({ channel: 'email', address: 'irina@example.test' })]);
    expect(await history(communicationId)).toEqual(['CommunicationRequested', 'CommunicationDispatched', 'CommunicationSent']);
    const pool = (app as INestApplication).get<Pool>(PG_POOL);
    await until('the read model', async () =>
      (await listCommunications(pool, { clientId, limit: 10 })).some((c) => c.id === communicationId && c.status === 'SENT'),
    );
  });

  it('reads the policies from the tables: a blocked channel is passed over, an opt-out of marketing blocks a mass communication', async () => {
    const email = (await policies().channels()).find((c) => c.code === 'email');
    await policies().updateChannel('email', { name: 'Email', status: 'blocked' }, email?.version, change);
    const viaSms = await request();
    await until('sent by SMS', async () => (await communications().find(viaSms.communicationId))?.status === 'SENT');
    expect(sent.find((s) => s.communicationId === viaSms.communicationId)).toMatchObject({ channel: 'sms', address: '+79161112233' });

    await policies().optOut(clientId, ['marketing'], { ...change, reason: 'STOP by SMS' });
    const mailing = await request({ communicationType: 'mass' });
    await until('blocked', async () => (await communications().find(mailing.communicationId))?.status === 'BLOCKED');
    expect(sent.some((s) => s.communicationId === mailing.communicationId)).toBe(false);
    expect((await policies().availabilityHistory(clientId))[0]).toMatchObject({ change: 'opted-out', by: 'comms.admin', reason: 'STOP by SMS' });
    await policies().updateChannel('email', { name: 'Email', status: 'active' }, email ? email.version + 1 : undefined, change);
  });

  it('sends a booked communication exactly once after a restart that happens before its time', async () => {
    const sendAt = new Date(Date.now() + 4_000);
    const { communicationId } = await request({ sendAt });
    const pool = (app as INestApplication).get<Pool>(PG_POOL);
    await until(
      'the wake-up',
      async () => (await pool.query('SELECT 1 FROM communication_wakeups WHERE communication_id = $1', [communicationId])).rowCount === 1,
    );
    await (app as INestApplication).close();
    app = undefined;
    expect(sent.some((s) => s.communicationId === communicationId)).toBe(false);

    await new Promise((r) => setTimeout(r, Math.max(0, sendAt.getTime() - Date.now()) + 500));
    app = await start();
    await until('sent after the restart', async () => (await communications().find(communicationId))?.status === 'SENT');
    // Another round of wake-ups and replays changes nothing.
    await new Promise((r) => setTimeout(r, 2_000));
    expect(sent.filter((s) => s.communicationId === communicationId)).toHaveLength(1);
    expect(await history(communicationId)).toEqual(['CommunicationRequested', 'CommunicationBooked', 'CommunicationDispatched', 'CommunicationSent']);
    const after = (app as INestApplication).get<Pool>(PG_POOL);
    expect((await after.query('SELECT 1 FROM communication_wakeups WHERE communication_id = $1', [communicationId])).rowCount).toBe(0);
  }, 60_000);

  it('books what a rate limit holds back and wakes it when the window lets it through', async () => {
    await policies().createRateLimit(randomUUID(), department, { limit: 1, unit: 'second', units: 2, types: ['informational'], overLimit: 'book' }, change);
    const first = await request({ communicationType: 'informational' });
    const second = await request({ communicationType: 'informational' });
    await until('both sent', async () => {
      const [a, b] = await Promise.all([communications().find(first.communicationId), communications().find(second.communicationId)]);
      return a?.status === 'SENT' && b?.status === 'SENT';
    });
    const histories = [await history(first.communicationId), await history(second.communicationId)];
    expect(histories.filter((h) => h.includes('CommunicationBooked'))).toHaveLength(1);
  }, 30_000);
});
