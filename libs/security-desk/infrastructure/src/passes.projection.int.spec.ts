import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { PostgresEventStore } from '@switchboard/eventstore';
import type { RecordedEvent } from '@switchboard/eventstore';
import { processingSchema } from '@switchboard/eventstore/processing';
import { createTestDatabase } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import { Passes } from '@switchboard/security-desk';
import { PASS_STREAM_PREFIX, passStreamId } from '@switchboard/security-desk/domain';
import type { PassDraft } from '@switchboard/security-desk/domain';
import { securityDeskSchema } from './migrations/20261208300000-security-desk.migration';
import { passesProjection } from './passes.projection';
import { dayLog, expectedVisitors, searchPasses, unitContacts } from './security-desk.queries';

/**
 * Passes on the real event store and the desk's read model on PostgreSQL: a check-in sent again
 * (the same key, one after the other or at once) and two tablets tapping the same visitor record
 * one entry; the projection, applied twice, says the same; the guard's search finds a plate typed
 * in the other alphabet.
 */
describe('security desk on PostgreSQL', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  let passes: Passes;
  const concierge = 'concierge.river-park';
  const guard = 'guard.river-park';
  const user = (commandId: string = randomUUID()) => ({ commandId, origin: 'user' as const });
  const now = new Date();
  const hour = 3_600_000;
  const draft = (over: Partial<PassDraft> = {}): PassDraft => ({
    siteSlug: 'river-park',
    unitId: 'unit-45',
    unitLabel: 'Building 2, apt 45',
    residentPhone: '+79991234567',
    kind: 'one-time',
    visitorName: 'Пётр Иванов',
    plate: 'А123ВС 77',
    validFrom: new Date(now.getTime() - hour).toISOString(),
    validUntil: new Date(now.getTime() + 8 * hour).toISOString(),
    issuedAs: 'Concierge',
    ...over,
  });
  const eventsOf = async (passId: string): Promise<RecordedEvent[]> => {
    const events: RecordedEvent[] = [];
    for await (const e of store.readStream(passStreamId(passId))) events.push(e);
    return events;
  };
  const project = async () => {
    const events: RecordedEvent[] = [];
    for await (const e of store.readAll({ filter: { streamPrefixes: [PASS_STREAM_PREFIX] } })) events.push(e);
    const handler = passesProjection().handler;
    if (handler.kind !== 'transactional') throw new Error('the desk projection is transactional');
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await handler.handle(client, events);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  };
  const tables = async () => ({
    passes: (await pool.query('SELECT id, visits, inside_since, inside_by, revoked_at, last_revision FROM rm_passes ORDER BY id')).rows,
    visits: (await pool.query('SELECT * FROM rm_pass_visits ORDER BY pass_id, visit')).rows,
  });

  beforeAll(async () => {
    db = await createTestDatabase('security_desk');
    pool = new Pool({ connectionString: db.url, max: 10 });
    pool.on('error', () => undefined);
    for (const statement of processingSchema) await pool.query(statement);
    store = new PostgresEventStore(pool, { pollIntervalMs: 50 });
    await store.ensureSchema();
    for (const statement of securityDeskSchema) await pool.query(statement);
    passes = new Passes(store);
  });

  afterAll(async () => {
    await store.close();
    await pool.end();
    await db.drop();
  });

  it('records one check-in for a retried key, for the same key sent at once, and for two tablets tapping together', async () => {
    const one = await passes.create(draft(), concierge, user());
    const key = randomUUID();
    const first = await passes.checkIn(one.id, guard, user(key));
    const retried = await passes.checkIn(one.id, guard, user(key));
    expect(retried).toEqual(first);

    const two = await passes.create(draft({ kind: 'permanent' }), concierge, user());
    const same = randomUUID();
    await Promise.all(Array.from({ length: 5 }, () => passes.checkIn(two.id, guard, user(same))));
    await Promise.all(Array.from({ length: 5 }, () => passes.checkIn(two.id, guard, user())));

    for (const id of [one.id, two.id]) {
      const types = (await eventsOf(id)).map((e) => e.type);
      expect(types).toEqual(['PassCreated', 'VisitorCheckedIn']);
    }
    expect(await passes.find(two.id)).toMatchObject({ visits: 1, inside: { by: guard } });
  });

  it('creates one pass for a resubmitted order', async () => {
    const key = randomUUID();
    const a = await passes.create(draft({ visitorName: 'Resubmitted' }), concierge, user(key));
    const b = await passes.create(draft({ visitorName: 'Resubmitted' }), concierge, user(key));
    expect(b.id).toBe(a.id);
    expect((await eventsOf(a.id)).length).toBe(1);
  });

  it('projects passes and visits, the same when the events are applied again, and answers the guard’s queries', async () => {
    const early = new Date(now.getTime() - 30 * 60_000);
    const car = await passes.create(
      draft({ visitorName: undefined, plate: 'x 777 xx 199', unitLabel: 'Building 1, apt 7', residentPhone: '+79990000007' }),
      concierge,
      user(),
    );
    await passes.checkIn(car.id, guard, user(), early);
    await passes.checkOut(car.id, guard, user());
    const revoked = await passes.create(draft({ visitorName: 'Алёна Фёдорова', plate: undefined }), concierge, user());
    await passes.revoke(revoked.id, concierge, user());
    const elsewhere = await passes.create(draft({ siteSlug: 'old-town', visitorName: 'Пётр Петров' }), 'dispatcher', user());

    await project();
    const once = await tables();
    await project();
    expect(await tables()).toEqual(once);

    const sites = ['river-park'];
    const from = new Date(now.getTime() - 12 * hour);
    const to = new Date(now.getTime() + 12 * hour);
    const expected = await expectedVisitors(pool, { sites, from, to, now });
    expect(expected.map((p) => p.id)).not.toContain(revoked.id);
    expect(expected.map((p) => p.id)).not.toContain(elsewhere.id);
    expect(expected.find((p) => p.id === car.id)).toMatchObject({ visits: 1, refusal: 'already-used', overstay: false });

    // Cyrillic look-alikes for Latin ones, another spacing, the region left out.
    expect((await searchPasses(pool, { sites, query: 'Х777ХХ', now })).map((p) => p.id)).toEqual([car.id]);
    expect((await searchPasses(pool, { sites, query: 'x777xx199', now })).map((p) => p.id)).toEqual([car.id]);
    expect((await searchPasses(pool, { sites, query: 'федорова ал', now })).map((p) => p.id)).toEqual([revoked.id]);
    expect((await searchPasses(pool, { sites, query: 'петров', now })).map((p) => p.id)).toEqual([]);

    const log = await dayLog(pool, { site: 'river-park', from, to, now });
    const carVisit = log.find((v) => v.passId === car.id);
    expect(carVisit).toMatchObject({ visit: 1, checkedInAt: early.toISOString(), checkedInBy: guard, checkedOutBy: guard, overstay: false });
    expect(log.every((v) => v.siteSlug === 'river-park')).toBe(true);

    expect(await unitContacts(pool, { sites, query: 'apt 7' })).toEqual([
      { siteSlug: 'river-park', unitId: 'unit-45', unitLabel: 'Building 1, apt 7', residentPhone: '+79990000007' },
    ]);
  });

  it('flags a visitor still inside past the window as an overstay', async () => {
    const late = await passes.create(
      draft({
        visitorName: 'Late Visitor',
        validFrom: new Date(now.getTime() - 3 * hour).toISOString(),
        validUntil: new Date(now.getTime() - hour).toISOString(),
      }),
      concierge,
      user(),
    );
    await passes.checkIn(late.id, guard, user(), new Date(now.getTime() - 2 * hour));
    await project();
    const expected = await expectedVisitors(pool, {
      sites: ['river-park'],
      from: new Date(now.getTime() - 12 * hour),
      to: new Date(now.getTime() + 12 * hour),
      now,
    });
    expect(expected[0]).toMatchObject({ id: late.id, overstay: true });
    const log = await dayLog(pool, { site: 'river-park', from: new Date(now.getTime() - 12 * hour), to: new Date(now.getTime() + 12 * hour), now });
    expect(log.find((v) => v.passId === late.id)).toMatchObject({ overstay: true });
  });
});
