import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { PostgresEventStore } from '@switchboard/eventstore';
import { processingSchema } from '@switchboard/eventstore/processing';
import { createTestDatabase } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import type { ClickHouseDatabase } from '../clickhouse/clickhouse-database';
import { raw, sql } from '../clickhouse/sql';
import { startAnalytics, waitUntilProjected } from '../testing/projector-test-kit';
import type { AnalyticsUnderTest } from '../testing/projector-test-kit';
import { ServiceDeskScript } from '../testing/service-desk-script';
import { testClickHouse } from '../testing/test-clickhouse';
import type { TestClickHouse } from '../testing/test-clickhouse';
import { rebuildClickHouse } from './rebuild-clickhouse';
import type { RebuildProgress } from './rebuild-clickhouse';

const clickhouse = testClickHouse('ClickHouse rebuild');
const describeWithClickHouse = clickhouse ? describe : describe.skip;

function requests(count: number): ServiceDeskScript {
  const script = new ServiceDeskScript();
  for (let i = 0; i < count; i++) {
    const requestId = randomUUID();
    const incidentId = randomUUID();
    const t = (minute: number) => new Date(Date.parse('2026-04-01T08:00:00Z') + (i * 7 + minute) * 60_000);
    script
      .request(requestId, 'channel:sms', t(0), {
        type: 'RegisterRequest',
        requestId,
        contact: { channel: 'sms', address: `+7900000${String(i).padStart(4, '0')}` },
        department: i % 2 ? 'first-line-north' : 'first-line-south',
        message: { messageId: `sms-${i}`, text: 'help', receivedAt: t(0) },
      })
      .request(requestId, 'operator-1', t(1), { type: 'AssignRequest', assigneeId: 'operator-1' })
      .request(requestId, 'operator-1', t(2), { type: 'EscalateRequest', incidentId, serviceCode: 2001 })
      .incident(incidentId, 'system:escalation', t(2), { type: 'OpenIncident', incidentId, requestId, serviceCode: 2001, workGroupCode: 302 });
    if (i % 4 === 0)
      script.incident(incidentId, 'l3-1', t(5), { type: 'StartIncident' }).incident(incidentId, 'l3-1', t(6), { type: 'ResolveIncident', resolution: 'done' });
  }
  return script;
}

describeWithClickHouse('rebuild of the ClickHouse tables', () => {
  const ch = clickhouse as TestClickHouse;
  let pg: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  const running: AnalyticsUnderTest[] = [];
  let processed = 0;
  const projector = async (): Promise<AnalyticsUnderTest> => {
    const started = await startAnalytics({
      store,
      checkpoints: pool,
      clickhouseUrl: ch.url,
      flushIntervalMs: 100,
      observer: { batchCommitted: (_, n) => (processed += n) },
    });
    running.push(started);
    return started;
  };

  afterEach(async () => {
    await Promise.all(running.splice(0).map((p) => p.stop()));
  });

  beforeAll(async () => {
    pg = await createTestDatabase('analytics_rebuild');
    pool = new Pool({ connectionString: pg.url, max: 10 });
    pool.on('error', () => undefined);
    for (const statement of processingSchema) await pool.query(statement);
    store = new PostgresEventStore(pool, { pollIntervalMs: 50 });
    await store.ensureSchema();
  });

  afterAll(async () => {
    await store.close();
    await pool.end();
    await pg.drop();
    await ch.drop();
  });

  let firstEvents = 0;

  it('rebuilds every table from the event store to what the live projection wrote, reporting progress', async () => {
    const script = requests(40);
    firstEvents = script.eventCount;
    await script.appendTo(store);
    const live = await projector();
    await waitUntilProjected(live, script.eventCount);
    await Promise.all(running.splice(0).map((p) => p.stop()));
    // As if the live projection had never run: only the rebuild can put its checkpoint anywhere.
    await pool.query('DELETE FROM processor_checkpoints');
    const before = await snapshot(ch.database);
    await ch.database.exec(raw('INSERT INTO sla_targets VALUES (2001, 600, 3600, 5)'));

    const progress: RebuildProgress[] = [];
    const result = await rebuildClickHouse({
      store,
      clickhouseUrl: ch.url,
      onProgress: (p) => progress.push(p),
      total: script.eventCount,
      flushRows: 50,
      checkpoints: pool,
    });

    expect(result.events).toBe(script.eventCount);
    expect(await snapshot(ch.database)).toEqual(before);
    expect(progress[0]).toEqual({ phase: 'projecting', events: 0, total: script.eventCount });
    expect(progress.filter((p) => p.phase === 'projecting').length).toBeGreaterThan(2);
    expect(progress[progress.length - 1]).toEqual({ phase: 'done', events: script.eventCount, total: script.eventCount });
  });

  it('keeps the SLA targets managers set, and leaves no shadow databases behind', async () => {
    expect(await ch.database.rows(raw('SELECT service_code, resolution_seconds FROM sla_targets FINAL ORDER BY service_code'))).toEqual([
      { service_code: 0, resolution_seconds: 28800 },
      { service_code: 2001, resolution_seconds: 3600 },
    ]);
    const databases = await ch.database.rows<{ name: string }>(sql`SELECT name FROM system.databases WHERE name LIKE ${`${ch.database.name}%`}`);
    expect(databases.map((d) => d.name)).toEqual([ch.database.name]);
  });

  it('leaves a checkpoint the live projector carries on from', async () => {
    const more = requests(3);
    await more.appendTo(store);
    processed = 0;
    const live = await projector();
    const total = firstEvents + more.eventCount;
    await waitUntilProjected(live, total);
    expect(await live.events()).toBe(total);
    expect(processed).toBe(more.eventCount);
    expect(Number((await ch.database.rows<{ n: string }>(raw('SELECT count() AS n FROM request_facts FINAL')))[0].n)).toBe(43);
  });
});

async function snapshot(database: ClickHouseDatabase): Promise<Record<string, unknown[]>> {
  const tables: Record<string, string> = {
    request_facts: 'request_id',
    incident_facts: 'incident_id',
    status_changes: 'entity, entity_id, revision',
    contacts: 'channel, at, request_id, revision',
    work_group_load: 'work_group_code, incident_id, revision, slot',
  };
  const out: Record<string, unknown[]> = {};
  for (const [table, order] of Object.entries(tables)) out[table] = await database.rows(raw(`SELECT * FROM ${table} FINAL ORDER BY ${order}`));
  return out;
}
