import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import type { EventStore } from '@switchboard/eventstore';
import { MetricsRegistry, loadConfig } from '@switchboard/platform';
import { createTestDatabase } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import { ExecuteRequestCommand, IntakeService } from '@switchboard/service-desk';
import type { InboundContact } from '@switchboard/service-desk';
import { CoreModule } from '../core.module';
import { EVENT_STORE, PG_POOL } from '../database/database.tokens';
import { applyMigrations } from '../database/migrations';
import { IntakeModule } from './intake.module';

describe('intake', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let intake: IntakeService;
  let store: EventStore;

  const inbound = (messageId: string, address: string, text = 'hello'): InboundContact => ({
    channel: 'telegram',
    messageId,
    contact: { channel: 'telegram', address },
    text,
    receivedAt: new Date('2026-11-23T10:00:00Z'),
  });

  async function messagesIn(requestId: string): Promise<string[]> {
    const ids: string[] = [];
    for await (const e of store.readStream(`request-${requestId}`)) if (e.type === 'MessageReceived') ids.push((e.data as { messageId: string }).messageId);
    return ids;
  }

  async function allMessageEvents(): Promise<string[]> {
    const ids: string[] = [];
    for await (const e of store.readAll({ filter: { eventTypes: ['MessageReceived'] } })) ids.push((e.data as { messageId: string }).messageId);
    return ids;
  }

  beforeAll(async () => {
    db = await createTestDatabase('intake');
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
        IntakeModule,
      ],
    })
    class IntakeTestModule {}
    app = await NestFactory.create(IntakeTestModule, { logger: ['error'] });
    await applyMigrations(app.get(MikroORM), app.get<Pool>(PG_POOL));
    await app.init();
    intake = app.get(IntakeService);
    store = app.get<EventStore>(EVENT_STORE);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('registers a request for a new contact and joins later messages to it', async () => {
    const address = randomUUID();
    const first = await intake.receive(inbound(`u-${randomUUID()}`, address));
    const second = await intake.receive(inbound(`u-${randomUUID()}`, address));
    expect(first.registered).toBe(true);
    expect(second).toMatchObject({ requestId: first.requestId, registered: false, duplicate: false });
    const [registered] = await (async () => {
      const events = [];
      for await (const e of store.readStream(`request-${first.requestId}`, { maxCount: 1 })) events.push(e);
      return events;
    })();
    expect(registered.data).toMatchObject({ department: 'first-line-north', contact: { channel: 'telegram', address } });
    expect(await messagesIn(first.requestId)).toHaveLength(2);
  });

  it('stores a redelivered message once and says it was a duplicate', async () => {
    const message = inbound(`u-${randomUUID()}`, randomUUID());
    const first = await intake.receive(message);
    const again = await intake.receive(message);
    expect(again).toMatchObject({ requestId: first.requestId, duplicate: true });
    expect(await messagesIn(first.requestId)).toEqual([message.messageId]);
  });

  it('stores each of many concurrent, redelivered messages of one contact exactly once, in one request', async () => {
    const address = randomUUID();
    const messages = Array.from({ length: 30 }, (_, i) => inbound(`burst-${address}-${i}`, address, `part ${i}`));
    // Every message delivered three times, all at once, as a retrying sender would.
    const results = await Promise.all([...messages, ...messages, ...messages].map((m) => intake.receive(m)));
    const requestIds = new Set(results.map((r) => r.requestId));
    expect(requestIds.size).toBe(1);
    const stored = await messagesIn([...requestIds][0]);
    expect(stored.sort()).toEqual(messages.map((m) => m.messageId).sort());
  });

  it('survives a crash between storing and recording the message: the redelivery is not stored twice', async () => {
    const address = randomUUID();
    const message = inbound(`crash-${randomUUID()}`, address);
    const first = await intake.receive(message);
    // Simulate the crash: the ledger never learned about the message or the open request.
    const pool = app.get<Pool>(PG_POOL);
    await pool.query('DELETE FROM intake_messages WHERE message_id = $1', [message.messageId]);
    await pool.query('DELETE FROM intake_open_requests WHERE address = $1', [address]);
    const again = await intake.receive(message);
    expect(again.requestId).toBe(first.requestId);
    expect((await allMessageEvents()).filter((id) => id === message.messageId)).toHaveLength(1);
  });

  it('stores messages of more contacts at once than the pool has connections', async () => {
    // Each contact's lock pins a pooled connection while its work needs another: no starvation.
    const messages = Array.from({ length: 60 }, () => inbound(`wide-${randomUUID()}`, randomUUID()));
    const results = await Promise.all(messages.map((m) => intake.receive(m)));
    expect(results.every((r) => r.registered)).toBe(true);
  });

  it('stores contacts that arrive together in shared transactions (group commit)', async () => {
    const messages = Array.from({ length: 40 }, () => inbound(`together-${randomUUID()}`, randomUUID()));
    const results = await Promise.all(messages.map((m) => intake.receive(m)));
    expect(results.every((r) => r.registered && r.position)).toBe(true);
    // A position is "<transaction id>:<global position>": contacts that shared a commit share a transaction id.
    const transactions = new Set(results.map((r) => (r.position as string).split(':')[0]));
    expect(transactions.size).toBeLessThanOrEqual(10);
    const pool = app.get<Pool>(PG_POOL);
    const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM intake_messages WHERE message_id = ANY($1::text[])', [
      messages.map((m) => m.messageId),
    ]);
    expect(rows[0].n).toBe(40);
  });

  it('stores ids and addresses with quotes and backslashes through the batch statements as they are', async () => {
    const odd = [`it's-${randomUUID()}`, `back\\slash-${randomUUID()}`, `E'\\x27-${randomUUID()}`, `semi;colon); COMMIT; --${randomUUID()}`];
    const messages = odd.map((text) => inbound(text, `addr ${text}`));
    const results = await Promise.all(messages.map((m) => intake.receive(m)));
    expect(results.every((r) => r.registered && !r.duplicate)).toBe(true);
    const pool = app.get<Pool>(PG_POOL);
    const { rows } = await pool.query<{ message_id: string }>('SELECT message_id FROM intake_messages WHERE message_id = ANY($1::text[]) ORDER BY message_id', [
      odd,
    ]);
    expect(rows.map((r) => r.message_id)).toEqual([...odd].sort());
    const { rows: open } = await pool.query<{ address: string }>('SELECT address FROM intake_open_requests WHERE address = ANY($1::text[])', [
      messages.map((m) => m.contact.address),
    ]);
    expect(open).toHaveLength(odd.length);
    expect(await Promise.all(messages.map((m) => intake.receive(m)))).toEqual(
      results.map((r) => ({ requestId: r.requestId, registered: false, duplicate: true, position: null })),
    );
  });

  it('does not fail a contact for another one in its batch that the database refuses', async () => {
    const good = Array.from({ length: 10 }, () => inbound(`fine-${randomUUID()}`, randomUUID()));
    // PostgreSQL's jsonb refuses a NUL character: the whole batch statement fails.
    const poison = inbound(`poison-${randomUUID()}`, randomUUID(), 'before \u0000 after');
    const outcomes = await Promise.allSettled([...good.slice(0, 5), poison, ...good.slice(5)].map((m) => intake.receive(m)));
    expect(outcomes.map((o) => o.status)).toEqual([...Array(5).fill('fulfilled'), 'rejected', ...Array(5).fill('fulfilled')]);
    const stored = await allMessageEvents();
    expect(good.every((m) => stored.includes(m.messageId))).toBe(true);
  });

  it('reopens the request when the contact writes again soon after it was closed (within REOPEN_WINDOW_DAYS)', async () => {
    const address = randomUUID();
    const first = await intake.receive(inbound(`u-${randomUUID()}`, address));
    await app
      .get(CommandBus)
      .execute(
        new ExecuteRequestCommand(
          first.requestId,
          { type: 'CloseRequest', reason: 'answered', by: 'operator-1', now: new Date() },
          { commandId: randomUUID(), origin: 'user' },
        ),
      );
    const next = await intake.receive(inbound(`u-${randomUUID()}`, address));
    expect(next).toMatchObject({ requestId: first.requestId, registered: false, duplicate: false });
    const types: string[] = [];
    for await (const e of store.readStream(`request-${first.requestId}`)) types.push(e.type);
    expect(types.slice(-3)).toEqual(['RequestClosed', 'RequestReopened', 'MessageReceived']);
  });

  it('links the client of a contact it remembered with an open request when that request was closed meanwhile', async () => {
    const address = randomUUID();
    const phone = `+7917${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    const withHint = (messageId: string): InboundContact => ({ ...inbound(messageId, address), client: { phone, firstName: 'Anna', lastName: 'Remembered' } });
    const first = await intake.receive(withHint(`u-${randomUUID()}`));
    const { rows } = await app.get<Pool>(PG_POOL).query<{ id: string }>('SELECT id FROM customers_clients WHERE phone = $1', [phone]);
    expect(rows).toHaveLength(1);
    // Closed longer ago than REOPEN_WINDOW_DAYS (7 by default): the next message opens a new request rather than reopening this one.
    const longAgo = new Date(Date.now() - 8 * 24 * 3600_000);
    await app
      .get(CommandBus)
      .execute(
        new ExecuteRequestCommand(
          first.requestId,
          { type: 'CloseRequest', reason: 'answered', by: 'operator-1', now: longAgo },
          { commandId: randomUUID(), origin: 'user' },
        ),
      );
    // This process saw the contact with an open request: it reads no ledger ahead, finds the request closed and looks the client up then.
    const next = await intake.receive(withHint(`u-${randomUUID()}`));
    expect(next).toMatchObject({ registered: true, duplicate: false });
    const registered: { clientId?: string }[] = [];
    for await (const e of store.readStream(`request-${next.requestId}`, { maxCount: 1 })) registered.push(e.data as { clientId?: string });
    expect(registered[0].clientId).toBe(rows[0].id);
  });
});
