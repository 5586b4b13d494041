import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import { Communications, CommunicationTemplates, Mailings } from '@switchboard/communications';
import type { DispatchContextSource } from '@switchboard/communications';
import type { MailingDraft } from '@switchboard/communications/domain';
import { PostgresCommunicationTemplateStore, PostgresMailingStore, PostgresRateLimitLedger } from '@switchboard/communications/infrastructure';
import type { EventStore } from '@switchboard/eventstore';
import { MetricsRegistry, loadConfig } from '@switchboard/platform';
import { createTestDatabase } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import { CoreModule } from '../core.module';
import { EVENT_STORE, PG_POOL } from '../database/database.tokens';
import { applyMigrations } from '../database/migrations';

/**
 * Mailings on the real event store and PostgreSQL (ADR 0026): the audience frozen into a recipient
 * list, handed to the sending point in throttled batches, exactly one communication per client,
 * cancel mid-way, a restart mid-way. Only the sending point's request step runs here (the dispatch
 * is the communications' own business and tested there).
 */
describe('mailings', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let pool: Pool;
  let store: EventStore;
  let communications: Communications;
  let templates: CommunicationTemplates;
  let recipients: PostgresMailingStore;
  let mailings: Mailings;

  const contexts: DispatchContextSource = {
    contextFor: async () => {
      throw new Error('not dispatched in this test');
    },
  };
  const by = 'comms.admin';
  const user = () => ({ commandId: randomUUID(), origin: 'user' as const });
  const draft = (over: Partial<MailingDraft> = {}): MailingDraft => ({
    name: 'Planned water outage',
    department: 'first-line-north',
    audience: { tags: { match: 'any', values: ['bulk'] } },
    templateId: 'outage',
    variables: { date: '8 December' },
    communicationType: 'mass',
    perMinute: 100_000,
    ...over,
  });
  /** Clients with `tag`, numbered from `from`; every tenth speaks English. */
  const seedClients = async (tag: string, count: number, from: number) => {
    await pool.query(
      `INSERT INTO customers_clients (id, first_name, last_name, phone, name_key, tags)
       SELECT gen_random_uuid(), 'Client', 'N' || g, '+7900' || lpad(g::text, 7, '0'), 'n' || g, ARRAY[$1]
         FROM generate_series($2::int, $3::int) g`,
      [tag, from, from + count - 1],
    );
    await pool.query(
      `INSERT INTO communication_availability (client_id, status, language, updated_by)
       SELECT id::text, 'active', 'en', 'test' FROM customers_clients WHERE $1 = ANY(tags) AND right(phone, 1) = '0'`,
      [tag],
    );
  };
  /** Communications requested per client for a mailing, from the event store itself. */
  const communicationsPerClient = async (mailingId: string) => {
    const { rows } = await pool.query<{ client_id: string; n: string }>(
      `SELECT data->>'clientId' AS client_id, count(*) AS n FROM eventstore.events
        WHERE event_type = 'CommunicationRequested' AND data->'origin'->>'id' = $1 GROUP BY 1`,
      [mailingId],
    );
    return new Map(rows.map((r) => [r.client_id, Number(r.n)]));
  };
  const runToEnd = async (runner: Mailings, onStep?: () => Promise<void>) => {
    while ((await runner.runOnce({ batchSize: 500, concurrency: 16 })) > 0) await onStep?.();
  };

  beforeAll(async () => {
    db = await createTestDatabase('mailings');
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
    class MailingsTestModule {}
    app = await NestFactory.create(MailingsTestModule, { logger: ['error'] });
    pool = app.get<Pool>(PG_POOL);
    await applyMigrations(app.get(MikroORM), pool);
    await app.init();
    store = app.get<EventStore>(EVENT_STORE);
    communications = new Communications(store, contexts, new PostgresRateLimitLedger(pool), []);
    templates = new CommunicationTemplates(new PostgresCommunicationTemplateStore(pool));
    await templates.create(
      'outage',
      { name: 'Outage', communicationType: 'mass', bodies: { ru: 'Отключение воды {{date}}', en: 'Water outage on {{date}}' } },
      by,
    );
    recipients = new PostgresMailingStore(pool);
    mailings = new Mailings(store, recipients, communications, templates);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('runs a 10,000-recipient mailing to the end with progress, one communication per client in their language', async () => {
    await seedClients('bulk', 10_000, 1);
    const mailing = await mailings.create(draft(), by, user());
    expect(mailing.status).toBe('DRAFT');
    const started = await mailings.start(mailing.id, by, user());
    expect(started).toMatchObject({ status: 'RUNNING', recipients: 10_000 });

    const seen: number[] = [];
    const t0 = performance.now();
    await runToEnd(mailings, async () => {
      const progress = await recipients.progress(mailing.id);
      seen.push(progress.total - progress.pending);
    });
    const seconds = (performance.now() - t0) / 1000;
    // The figure ADR 0026 quotes: recipients handed to the sending point per second.
    console.log(`mailings: 10000 recipients handed on in ${seconds.toFixed(1)} s = ${Math.round(10_000 / seconds)} recipients/s`);

    expect(seen.length).toBeGreaterThan(5);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(await recipients.progress(mailing.id)).toMatchObject({ total: 10_000, pending: 0, queued: 10_000, cancelled: 0, skipped: 0 });
    expect((await mailings.find(mailing.id))?.status).toBe('COMPLETED');
    const perClient = await communicationsPerClient(mailing.id);
    expect(perClient.size).toBe(10_000);
    expect([...perClient.values()].every((n) => n === 1)).toBe(true);

    const { rows } = await pool.query<{ language: string; n: string }>(
      `SELECT e.data->'message'->'template'->>'language' AS language, count(*) AS n FROM eventstore.events e
        WHERE e.event_type = 'CommunicationRequested' AND e.data->'origin'->>'id' = $1 GROUP BY 1 ORDER BY 1`,
      [mailing.id],
    );
    expect(rows.map((r) => [r.language, Number(r.n)])).toEqual([
      ['en', 1_000],
      ['ru', 9_000],
    ]);
    const [first] = await recipients.recipients(mailing.id, { limit: 1 });
    expect(first).toMatchObject({ seq: 1, status: 'NOT_SENT' });
    expect(first.communicationId).toBeDefined();
  }, 300_000);

  it('stops at a cancel mid-way: no communication after the cancel is recorded, the rest marked cancelled', async () => {
    await seedClients('cancel', 2_000, 20_001);
    const mailing = await mailings.create(draft({ audience: { tags: { match: 'all', values: ['cancel'] } } }), by, user());
    await mailings.start(mailing.id, by, user());
    await mailings.runOnce({ batchSize: 300 });
    // A batch in flight while the cancel comes: the cancel waits for it, the next one takes nobody.
    const inFlight = mailings.runOnce({ batchSize: 300 });
    await mailings.cancel(mailing.id, by, user(), 'wrong date');
    const atCancel = (await communicationsPerClient(mailing.id)).size;
    await inFlight;
    expect(await mailings.runOnce({ batchSize: 300 })).toBe(0);
    await mailings.runOnce({ batchSize: 300 });

    const perClient = await communicationsPerClient(mailing.id);
    expect(perClient.size).toBe(atCancel);
    expect(atCancel).toBeGreaterThanOrEqual(300);
    expect(atCancel).toBeLessThanOrEqual(600);
    const progress = await recipients.progress(mailing.id);
    expect(progress).toMatchObject({ total: 2_000, pending: 0, queued: atCancel, cancelled: 2_000 - atCancel });
    expect((await mailings.find(mailing.id))?.status).toBe('CANCELLED');
  }, 120_000);

  it('resumes after a crash mid-batch without sending anyone twice', async () => {
    await seedClients('restart', 1_000, 30_001);
    const mailing = await mailings.create(draft({ audience: { tags: { match: 'any', values: ['restart', 'nobody'] } } }), by, user());
    await mailings.start(mailing.id, by, user());
    // The first process dies after 150 of its batch's 400 requests: nothing of the batch is recorded.
    let calls = 0;
    const dying = Object.create(communications) as Communications;
    dying.request = async (...args: Parameters<Communications['request']>) => {
      if (++calls > 150) throw new Error('process killed');
      return communications.request(...args);
    };
    const first = new Mailings(store, recipients, dying, templates);
    await expect(first.runOnce({ batchSize: 400, concurrency: 1 })).rejects.toThrow('process killed');
    expect((await recipients.progress(mailing.id)).pending).toBe(1_000);
    expect((await communicationsPerClient(mailing.id)).size).toBe(150);

    const restarted = new Mailings(store, recipients, communications, templates);
    await runToEnd(restarted);
    const perClient = await communicationsPerClient(mailing.id);
    expect(perClient.size).toBe(1_000);
    expect([...perClient.values()].every((n) => n === 1)).toBe(true);
    expect(await recipients.progress(mailing.id)).toMatchObject({ pending: 0, queued: 1_000 });
  }, 120_000);

  it('hands on at most the throttle per minute', async () => {
    await seedClients('slow', 120, 40_001);
    const mailing = await mailings.create(draft({ audience: { tags: { match: 'any', values: ['slow'] } }, perMinute: 50 }), by, user());
    await mailings.start(mailing.id, by, user());
    await runToEnd(mailings);
    expect(await recipients.progress(mailing.id)).toMatchObject({ pending: 70, queued: 50 });
    // A minute later the next 50 go.
    await mailings.runOnce({}, new Date(Date.now() + 61_000));
    expect(await recipients.progress(mailing.id)).toMatchObject({ pending: 20, queued: 100 });
  }, 60_000);

  it('waits for its start time, and a paused mailing takes nobody', async () => {
    await seedClients('later', 10, 50_001);
    const startAt = new Date(Date.now() + 3_600_000).toISOString();
    const later = await mailings.create(draft({ audience: { tags: { match: 'any', values: ['later'] } }, startAt }), by, user());
    await mailings.start(later.id, by, user());
    await mailings.runOnce();
    expect((await recipients.progress(later.id)).pending).toBe(10);
    await mailings.pause(later.id, by, user());
    await mailings.runOnce({}, new Date(Date.now() + 7_200_000));
    expect((await recipients.progress(later.id)).pending).toBe(10);
    await mailings.resume(later.id, by, user());
    await mailings.runOnce({}, new Date(Date.now() + 7_200_000));
    expect((await recipients.progress(later.id)).pending).toBe(0);
  }, 60_000);

  it('resolves an audience by department, service and order code prefix', async () => {
    await seedClients('audience', 4, 60_001);
    const { rows: clients } = await pool.query<{ id: string }>(`SELECT id FROM customers_clients WHERE 'audience' = ANY(tags) ORDER BY phone`);
    const [a, b, c] = clients.map((r) => r.id);
    const request = (clientId: string, department: string, serviceCode: number | null) =>
      pool.query(
        `INSERT INTO rm_requests (id, last_revision, state, channel, contact_address, department, client_id, service_code, created_by, created_at, updated_at)
         VALUES (gen_random_uuid(), 0, 'NEW', 'sms', '+7', $2, $1, $3, 'test', now(), now())`,
        [clientId, department, serviceCode],
      );
    await request(a, 'property-east', 501);
    await request(b, 'property-east', null);
    await request(c, 'first-line-north', 501);
    await pool.query(`INSERT INTO customers_orders (id, code, name, cost, created_at, client_id) VALUES (gen_random_uuid(), 'EAST-1', 'Lift', 1, now(), $1)`, [
      b,
    ]);
    const audienceOf = async (audience: MailingDraft['audience']) => {
      const m = await mailings.create(draft({ audience }), by, user());
      await mailings.start(m.id, by, user());
      return (await recipients.recipients(m.id, { limit: 10 })).map((r) => r.clientId).sort();
    };
    expect(await audienceOf({ department: 'property-east' })).toEqual([a, b].sort());
    expect(await audienceOf({ serviceCode: 501 })).toEqual([a, c].sort());
    expect(await audienceOf({ department: 'property-east', order: { codePrefix: 'EAST' } })).toEqual([b]);
    expect(await audienceOf({ order: { codePrefix: 'WEST' } })).toEqual([]);
  }, 60_000);
});
