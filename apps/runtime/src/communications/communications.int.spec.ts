import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import { Communications, PermanentSendError } from '@switchboard/communications';
import type { ChannelSender, DispatchContextSource, OutgoingCommunication } from '@switchboard/communications';
import { availableClient, communicationStreamId, defaultCommunicationChannels, defaultCommunicationTypes } from '@switchboard/communications/domain';
import type { DispatchContext, RateLimitRule } from '@switchboard/communications/domain';
import { PostgresRateLimitLedger } from '@switchboard/communications/infrastructure';
import type { EventStore } from '@switchboard/eventstore';
import { MetricsRegistry, loadConfig } from '@switchboard/platform';
import { createTestDatabase } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import { CoreModule } from '../core.module';
import { EVENT_STORE, PG_POOL } from '../database/database.tokens';
import { applyMigrations } from '../database/migrations';

/** A channel's sender that keeps what it was given; a number it was told to refuse is refused for good. */
class RecordingSender implements ChannelSender {
  readonly sent: OutgoingCommunication[] = [];
  constructor(
    readonly channel: ChannelSender['channel'],
    private readonly refused = new Set<string>(),
  ) {}
  async send(communication: OutgoingCommunication) {
    if (this.refused.has(communication.address)) throw new PermanentSendError('ESME_RINVDSTADR: invalid destination');
    this.sent.push(communication);
    return { providerMessageId: `msg-${this.sent.length}` };
  }
}

/**
 * The sending point on the real event store and the PostgreSQL rate-limit ledger: a communication
 * goes from requested to sent through the policies; the rate limits hold exactly under concurrency.
 * (The context — reference data, the client's availability and addresses, the department's
 * preferences and limits — is given here as the policies would read it.)
 */
describe('communications: the sending point', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let store: EventStore;
  let sms: RecordingSender;
  let context: Omit<DispatchContext, 'sent' | 'now'>;
  let communications: Communications;

  const contexts: DispatchContextSource = { contextFor: async (_, now) => ({ ...context, now }) };
  const types = async (communicationId: string) => {
    const seen: string[] = [];
    for await (const e of store.readStream(communicationStreamId(communicationId))) seen.push(e.type);
    return seen;
  };
  const request = (over: Partial<Parameters<Communications['request']>[0]> = {}) =>
    communications.request(
      {
        department: 'first-line-north',
        clientId: 'client-1',
        communicationType: 'mass',
        message: { text: 'Planned works tonight' },
        by: 'hd.manager.north',
        ...over,
      },
      { commandId: randomUUID(), origin: 'user' },
    );

  beforeAll(async () => {
    db = await createTestDatabase('communications');
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
      ],
    })
    class CommunicationsTestModule {}
    app = await NestFactory.create(CommunicationsTestModule, { logger: ['error'] });
    await applyMigrations(app.get(MikroORM), app.get<Pool>(PG_POOL));
    await app.init();
    store = app.get<EventStore>(EVENT_STORE);
    sms = new RecordingSender('sms', new Set(['+79160000000']));
    communications = new Communications(store, contexts, new PostgresRateLimitLedger(app.get<Pool>(PG_POOL)), [sms]);
  }, 60_000);

  beforeEach(() => {
    context = {
      type: defaultCommunicationTypes.find((t) => t.code === 'mass'),
      channels: defaultCommunicationChannels,
      availability: availableClient,
      preferred: ['messenger', 'sms'],
      addresses: { sms: '+79160000001' },
      rateLimits: [],
    };
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('goes from requested to sent on the channel the policies chose, once however often each step runs', async () => {
    const { communicationId } = await request();
    expect(await communications.dispatch(communicationId)).toEqual({ kind: 'dispatch', channel: 'sms', address: '+79160000001', marketing: true });
    expect(await communications.dispatch(communicationId)).toBeUndefined();
    await communications.deliver(communicationId);
    await communications.deliver(communicationId);
    expect(sms.sent.filter((s) => s.communicationId === communicationId)).toHaveLength(1);
    await communications.recordOutcome(communicationId, 'delivered', 'receipt-1');
    await communications.recordOutcome(communicationId, 'delivered', 'receipt-1');
    expect(await types(communicationId)).toEqual(['CommunicationRequested', 'CommunicationDispatched', 'CommunicationSent', 'CommunicationDelivered']);
  });

  it('finds the same communication when the request is resubmitted', async () => {
    const envelope = { commandId: randomUUID(), origin: 'user' as const };
    const body = { department: 'first-line-north', clientId: 'client-1', communicationType: 'mass', message: { text: 'Hello' }, by: 'x' };
    const first = await communications.request(body, envelope);
    const again = await communications.request(body, envelope);
    expect(again).toMatchObject({ communicationId: first.communicationId, appended: false });
  });

  it('is booked for later and not dispatched before its time, then goes', async () => {
    const now = new Date();
    const sendAt = new Date(now.getTime() + 3_600_000);
    const { communicationId } = await request({ sendAt });
    expect(await communications.dispatch(communicationId, now)).toBeUndefined();
    expect(await communications.dispatch(communicationId, new Date(sendAt.getTime() + 1))).toMatchObject({ kind: 'dispatch' });
    expect(await types(communicationId)).toEqual(['CommunicationRequested', 'CommunicationBooked', 'CommunicationDispatched']);
  });

  it('ends failed when no channel can carry it, and failed when the channel refuses it for good', async () => {
    context = { ...context, addresses: {} };
    const nowhere = await request();
    expect(await communications.dispatch(nowhere.communicationId)).toMatchObject({ kind: 'fail', reason: 'no-channel' });
    context = { ...context, addresses: { sms: '+79160000000' } };
    const refused = await request();
    await communications.dispatch(refused.communicationId);
    await communications.deliver(refused.communicationId);
    expect((await communications.find(refused.communicationId))?.status).toBe('FAILED');
  });

  it('sends exactly 3 of 50 parallel communications to one client under "3 an hour", and books the other 47 for when a slot frees', async () => {
    const rule: RateLimitRule = { id: 'three-an-hour', limit: 3, unit: 'hour', units: 1 };
    context = { ...context, rateLimits: [rule] };
    const clientId = `client-${randomUUID()}`;
    const ids = await Promise.all(Array.from({ length: 50 }, async () => (await request({ clientId })).communicationId));
    const verdicts = await Promise.all(ids.map((id) => communications.dispatch(id)));
    expect(verdicts.filter((v) => v?.kind === 'dispatch')).toHaveLength(3);
    const booked = verdicts.filter((v) => v?.kind === 'book');
    expect(booked).toHaveLength(47);
    expect(booked.every((v) => v?.kind === 'book' && v.reason === 'rate-limit' && v.until.getTime() > Date.now() + 3_500_000)).toBe(true);
    // Another client is not held by this one's sends.
    const other = await request({ clientId: `client-${randomUUID()}` });
    expect(await communications.dispatch(other.communicationId)).toMatchObject({ kind: 'dispatch' });
  });

  it('counts the slots taken by dispatchers whose clocks read later, when one with an earlier reading reserves last', async () => {
    const ledger = new PostgresRateLimitLedger(app.get<Pool>(PG_POOL));
    const rules: RateLimitRule[] = [{ id: 'three-an-hour', limit: 3, unit: 'hour', units: 1 }];
    const clientId = `client-${randomUUID()}`;
    const read = Date.now();
    const reserve = (offsetMs: number) =>
      ledger.reserve({
        department: 'first-line-north',
        clientId,
        communicationId: randomUUID(),
        communicationType: 'mass',
        rules,
        now: new Date(read + offsetMs),
      });
    for (const later of [30, 20, 10]) expect(await reserve(later)).toBeUndefined();
    expect(await reserve(0)).toMatchObject({ rule: { id: 'three-an-hour' } });
  });

  it('refuses past the limit when the rule says so', async () => {
    context = { ...context, rateLimits: [{ id: 'one-a-day', limit: 1, unit: 'day', units: 1, overLimit: 'refuse' }] };
    const clientId = `client-${randomUUID()}`;
    const first = await request({ clientId });
    const second = await request({ clientId });
    expect(await communications.dispatch(first.communicationId)).toMatchObject({ kind: 'dispatch' });
    expect(await communications.dispatch(second.communicationId)).toMatchObject({ kind: 'block', rule: 'rate-limit' });
    expect((await communications.find(second.communicationId))?.status).toBe('BLOCKED');
  });

  it('cancels a booking, and never sends it', async () => {
    const { communicationId } = await request({ sendAt: new Date(Date.now() + 60_000) });
    await communications.cancel(communicationId, 'hd.manager.north', { commandId: randomUUID(), origin: 'user' });
    expect(await communications.dispatch(communicationId, new Date(Date.now() + 120_000))).toBeUndefined();
    expect((await communications.find(communicationId))?.status).toBe('CANCELLED');
  });
});
