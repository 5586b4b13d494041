import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { PostgresEventStore } from '@switchboard/eventstore';
import { PostgresEventBacklog, processingSchema } from '@switchboard/eventstore/processing';
import { createTestDatabase } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import { AnalyticsTables } from '../clickhouse/analytics-tables';
import type { ClickHouseDatabase } from '../clickhouse/clickhouse-database';
import { applySchema, readSchemaFiles } from '../clickhouse/clickhouse-schema';
import { raw, sql } from '../clickhouse/sql';
import { AnalyticsProjection } from '../projection/analytics.projection';
import type { OperatorDirectory } from '../reference/operator-sync';
import { startAnalytics, waitUntilProjected } from '../testing/projector-test-kit';
import type { AnalyticsUnderTest, StartAnalyticsOptions } from '../testing/projector-test-kit';
import { ServiceDeskScript } from '../testing/service-desk-script';
import { testClickHouse } from '../testing/test-clickhouse';
import type { TestClickHouse } from '../testing/test-clickhouse';
import { ANALYTICS_PROJECTION, analyticsEventFilter } from './analytics.processor';

const clickhouse = testClickHouse('ClickHouse projector');
const describeWithClickHouse = clickhouse ? describe : describe.skip;

const OPERATOR = '5b0a0000-0000-4000-8000-000000000101';
const L3 = '5b0a0000-0000-4000-8000-000000000301';

/** `count` requests on Telegram, each answered and closed; every third escalated to an incident that is worked and cancelled. */
function helpDeskDay(count: number, day = '2026-03-02'): ServiceDeskScript {
  const script = new ServiceDeskScript();
  for (let i = 0; i < count; i++) {
    const requestId = randomUUID();
    const t = (minute: number) => new Date(Date.parse(`${day}T08:00:00Z`) + (i * 10 + minute) * 60_000);
    script
      .request(requestId, 'channel:telegram', t(0), {
        type: 'RegisterRequest',
        requestId,
        contact: { channel: 'telegram', address: String(1000 + i) },
        department: 'first-line-north',
        message: { messageId: `tg-${i}`, text: 'help', receivedAt: t(0) },
      })
      .request(requestId, OPERATOR, t(1), { type: 'AssignRequest', assigneeId: OPERATOR })
      .request(requestId, OPERATOR, t(2), { type: 'SendReply', replyId: `r-${i}`, text: 'on it' });
    if (i % 3 === 0) {
      const incidentId = randomUUID();
      script
        .request(requestId, OPERATOR, t(3), { type: 'EscalateRequest', incidentId, serviceCode: 1001 })
        .incident(incidentId, 'system:escalation', t(3), { type: 'OpenIncident', incidentId, requestId, serviceCode: 1001, workGroupCode: 301 })
        .incident(incidentId, L3, t(4), { type: 'StartIncident' })
        .incident(incidentId, L3, t(5), { type: 'UnlinkIncident', reason: 'duplicate' })
        .request(requestId, 'system:closure', t(5), { type: 'CloseRequestForIncident', incidentId, outcome: 'cancelled' });
    } else {
      script.request(requestId, OPERATOR, t(6), { type: 'CloseRequest', reason: 'answered' });
    }
  }
  return script;
}

describeWithClickHouse('ClickHouse analytics processor', () => {
  const ch = clickhouse as TestClickHouse;
  let pg: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  const running: AnalyticsUnderTest[] = [];

  const count = async (query: string): Promise<number> => Number((await ch.database.rows<{ n: string }>(raw(query)))[0].n);
  const projector = async (options: Partial<StartAnalyticsOptions> = {}): Promise<AnalyticsUnderTest> => {
    const started = await startAnalytics({ store, checkpoints: pool, clickhouseUrl: ch.url, flushIntervalMs: 100, ...options });
    running.push(started);
    return started;
  };
  const stopAll = async () => {
    await Promise.all(running.splice(0).map((p) => p.stop()));
  };

  beforeAll(async () => {
    pg = await createTestDatabase('analytics_projector');
    pool = new Pool({ connectionString: pg.url, max: 10 });
    pool.on('error', () => undefined);
    for (const statement of processingSchema) await pool.query(statement);
    store = new PostgresEventStore(pool, { pollIntervalMs: 50 });
    await store.ensureSchema();
  });

  afterEach(stopAll);

  afterAll(async () => {
    await store.close();
    await pool.end();
    await pg.drop();
    await ch.drop();
  });

  it('applies the schema at start, and applying it again changes nothing', async () => {
    const first = await projector();
    await first.stop();
    await projector();
    const tables = await ch.database.rows<{ name: string; engine: string }>(
      sql`SELECT name, engine FROM system.tables WHERE database = ${ch.database.name} ORDER BY name`,
    );
    expect(tables.map((t) => t.name)).toEqual(
      [
        'contacts',
        'incident_facts',
        'operators',
        'pass_visits',
        'projection_checkpoints',
        'request_facts',
        'schema_migrations',
        'services',
        'sla_targets',
        'status_changes',
        'survey_answers',
        'survey_sent',
        'work_group_load',
      ].sort(),
    );
    expect(new Set(tables.map((t) => t.engine))).toEqual(new Set(['ReplacingMergeTree']));
    expect(await count('SELECT count() AS n FROM schema_migrations FINAL')).toBe(readSchemaFiles().length);
    expect(await count('SELECT count() AS n FROM sla_targets FINAL')).toBe(1);
    expect(await count(`SELECT count() AS n FROM system.columns WHERE database = '${ch.database.name}' AND name LIKE 'sla_%'`)).toBe(16);
    // The column file run again (a crash before its record): the columns are there, nothing fails.
    const sla = readSchemaFiles().filter((f) => f.name.startsWith('0008-'));
    await expect(
      applySchema(
        ch.database,
        sla.map((f) => ({ ...f, name: `${f.name}.again` })),
      ),
    ).resolves.toEqual(['0008-sla-facts.sql.again']);
  });

  it('projects requests and incidents into every table and keeps its checkpoint', async () => {
    const script = helpDeskDay(6);
    await script.appendTo(store);
    const live = await projector();
    await waitUntilProjected(live, script.eventCount);

    expect(await count("SELECT count() AS n FROM request_facts FINAL WHERE status = 'CLOSED'")).toBe(6);
    expect(await count("SELECT count() AS n FROM incident_facts FINAL WHERE status = 'CANCELLED'")).toBe(2);
    expect(await count('SELECT count() AS n FROM contacts FINAL')).toBe(6);
    // Per request: NEW->IN_PROGRESS, then ->CLOSED or ->ESCALATED->CLOSED; per incident: ->IN_WORK, ->CANCELLED.
    expect(await count('SELECT count() AS n FROM status_changes FINAL')).toBe(6 * 2 + 2 * 1 + 2 * 2);
    expect(await count('SELECT sum(delta) AS n FROM work_group_load FINAL')).toBe(0);
    // The checkpoint is in PostgreSQL, at the last event, moved only after the rows were in.
    const events = await toArray(store.readAll({ filter: analyticsEventFilter }));
    expect({ events: await live.events(), position: await live.position() }).toEqual({
      events: script.eventCount,
      position: events[events.length - 1].position,
    });
  });

  it('projects surveys: one row per survey sent, the latest answer per question, once however often replayed', async () => {
    const communicationId = randomUUID();
    const streamId = `survey-response-${communicationId}`;
    const at = (minute: number) => new Date(Date.parse('2026-03-03T09:00:00Z') + minute * 60_000).toISOString();
    const base = { communicationId, by: 'client:telegram' };
    const events = [
      {
        type: 'SurveyOpened',
        data: {
          ...base,
          by: 'system:surveys',
          at: at(0),
          questionnaireId: 'csat',
          questionnaireVersion: 1,
          clientId: 'client-1',
          department: 'first-line-north',
          language: 'ru',
          requestId: 'req-1',
          serviceCode: 1001,
          questions: [],
        },
      },
      { type: 'SurveyAnswerRecorded', data: { ...base, at: at(1), questionId: 'csat', answer: { kind: 'rating', value: 2 }, channel: 'messenger' } },
      { type: 'SurveyAnswerRecorded', data: { ...base, at: at(2), questionId: 'csat', answer: { kind: 'rating', value: 5 }, channel: 'messenger' } },
      {
        type: 'SurveyAnswerRecorded',
        data: { ...base, at: at(2), questionId: 'why', answer: { kind: 'multiple', optionIds: ['a', 'c'] }, channel: 'messenger' },
      },
      { type: 'SurveyCompleted', data: { ...base, at: at(2), channel: 'messenger' } },
    ];
    await store.append(
      streamId,
      events.map((e) => ({ id: randomUUID(), type: e.type, data: e.data, metadata: {} })),
      { expectedRevision: 'no_stream' },
    );
    const all = await toArray(store.readAll({ filter: analyticsEventFilter }));
    const live = await projector();
    await waitUntilProjected(live, all.length);
    expect(
      await ch.database.rows(
        raw(`SELECT department, service_code, questionnaire_id, request_id FROM survey_sent FINAL WHERE communication_id = '${communicationId}'`),
      ),
    ).toEqual([{ department: 'first-line-north', service_code: 1001, questionnaire_id: 'csat', request_id: 'req-1' }]);
    const answers = raw(`SELECT question_id, score, options FROM survey_answers FINAL WHERE communication_id = '${communicationId}' ORDER BY question_id`);
    expect(await ch.database.rows(answers)).toEqual([
      { question_id: 'csat', score: 5, options: [] },
      { question_id: 'why', score: -1, options: ['a', 'c'] },
    ]);
    // The same events projected again (a batch re-inserted after a crash): the same rows.
    const again = new AnalyticsProjection(new AnalyticsTables(ch.database));
    await again.apply(await toArray(store.readStream(streamId)));
    await new AnalyticsTables(ch.database).writeBatch(again.takeBatch());
    expect(await ch.database.rows(answers)).toHaveLength(2);
    expect(await count(`SELECT count() AS n FROM survey_sent FINAL WHERE communication_id = '${communicationId}'`)).toBe(1);
  });

  it('flushes at N rows without waiting for the interval', async () => {
    await stopAll();
    const before = await count('SELECT count() AS n FROM request_facts FINAL');
    await projector({ flushEvents: 10, flushIntervalMs: 600_000 });
    await helpDeskDay(30, '2026-03-03').appendTo(store);
    // With T ten minutes away, only the row count can have flushed them.
    await waitFor(async () => (await count('SELECT count() AS n FROM request_facts FINAL')) >= before + 25, 30_000);
  });

  it('flushes after T milliseconds with fewer than N rows', async () => {
    const live = await projector({ flushEvents: 100_000, flushIntervalMs: 200 });
    await waitUntilProjected(live, (await toArray(store.readAll())).length);
    const before = await count('SELECT count() AS n FROM request_facts FINAL');
    await helpDeskDay(1, '2026-03-04').appendTo(store);
    // With N far away, only the interval can have flushed it.
    await waitFor(async () => (await count('SELECT count() AS n FROM request_facts FINAL')) === before + 1, 30_000);
  });

  it('re-inserts a batch after a crash before its checkpoint without changing what the tables say', async () => {
    await stopAll();
    await helpDeskDay(9, '2026-03-05').appendTo(store);
    const events = await toArray(store.readAll({ filter: analyticsEventFilter }));
    const clean = await projector();
    await waitUntilProjected(clean, events.length);
    await clean.stop();
    const expected = await tableSnapshot(ch.database);

    // A second database, where the process dies while writing the last 40 events: their derived
    // rows and half their facts are in, the other facts and the checkpoint are not. The checkpoint
    // is the one ClickHouse kept before checkpoints moved to PostgreSQL: imported on first start.
    const crashed = testClickHouse('ClickHouse projector crash') as TestClickHouse;
    const crashedPg = await createTestDatabase('analytics_crashed');
    const crashedCheckpoints = new Pool({ connectionString: crashedPg.url, max: 4 });
    crashedCheckpoints.on('error', () => undefined);
    try {
      for (const statement of processingSchema) await crashedCheckpoints.query(statement);
      await applySchema(crashed.database);
      const tables = new AnalyticsTables(crashed.database);
      const projection = new AnalyticsProjection(tables);
      const cut = events.length - 40;
      await projection.apply(events.slice(0, cut));
      const durable = projection.takeBatch();
      await tables.writeBatch(durable);
      await crashed.database.insert('projection_checkpoints', [
        { projection: ANALYTICS_PROJECTION, position: durable.lastPosition ?? '', events: cut, updated_at: 0, version: 1 },
      ]);
      await projection.apply(events.slice(cut));
      const lost = projection.takeBatch();
      await crashed.database.insert('status_changes', lost.statusChanges);
      await crashed.database.insert('contacts', lost.contacts);
      await crashed.database.insert('work_group_load', lost.workGroupLoad);
      await crashed.database.insert('request_facts', [...lost.requestFacts.values()].slice(0, Math.ceil(lost.requestFacts.size / 2)));

      let processed = 0;
      const restarted = await projector({
        clickhouseUrl: crashed.url,
        checkpoints: crashedCheckpoints,
        observer: { batchCommitted: (_, n) => (processed += n) },
      });
      await waitUntilProjected(restarted, events.length);
      await restarted.stop();
      expect(await tableSnapshot(crashed.database)).toEqual(expected);
      // It resumed where ClickHouse's checkpoint said, not from the start.
      expect(processed).toBe(40);
    } finally {
      await crashedCheckpoints.end();
      await crashedPg.drop();
      await crashed.drop();
    }
  });

  it('resumes from its checkpoint after a restart and projects only what is new', async () => {
    await stopAll();
    const first = await projector();
    const all = (await toArray(store.readAll())).length;
    await waitUntilProjected(first, all);
    await first.stop();
    const more = helpDeskDay(2, '2026-03-06');
    await more.appendTo(store);
    let processed = 0;
    const second = await projector({ observer: { batchCommitted: (_, n) => (processed += n) } });
    await waitUntilProjected(second, all + more.eventCount);
    expect(await second.events()).toBe(all + more.eventCount);
    expect(processed).toBe(more.eventCount);
    expect(await count("SELECT count() AS n FROM request_facts FINAL WHERE toDate(registered_at) = '2026-03-06'")).toBe(2);
  });

  it('names operators by their Keycloak username from the directory, asking once per user', async () => {
    await stopAll();
    const asked: string[] = [];
    const directory: OperatorDirectory = {
      async userById(id) {
        asked.push(id);
        if (id === OPERATOR) return { id, username: 'hd.user.north', firstName: 'Hanna', lastName: 'North', groups: ['/departments/first-line-north'] };
        if (id === L3) return { id, username: 'l3.user.network', firstName: '', lastName: '', groups: ['/work-groups/network-l3'] };
        return undefined;
      },
    };
    await projector({ directory });
    await helpDeskDay(3, '2026-03-07').appendTo(store);
    await waitFor(async () => (await count('SELECT count() AS n FROM operators FINAL')) === 2, 30_000);
    const operators = await ch.database.rows<{ username: string; display_name: string; departments: string[]; work_groups: string[] }>(
      raw('SELECT username, display_name, departments, work_groups FROM operators FINAL ORDER BY username'),
    );
    expect(operators).toEqual([
      { username: 'hd.user.north', display_name: 'Hanna North', departments: ['first-line-north'], work_groups: [] },
      { username: 'l3.user.network', display_name: 'l3.user.network', departments: [], work_groups: ['network-l3'] },
    ]);
    expect(asked.filter((id) => id === OPERATOR)).toHaveLength(1);
  });

  it('reports its lag: the events not yet in ClickHouse, and none once it has caught up', async () => {
    await stopAll();
    const reports: { events: number; seconds: number }[] = [];
    const live = await projector({
      backlog: new PostgresEventBacklog(pool),
      metricsIntervalMs: 20,
      flushIntervalMs: 500,
      observer: { lag: (processor, lag) => processor === ANALYTICS_PROJECTION && lag !== undefined && reports.push(lag) },
    });
    await helpDeskDay(3, '2026-03-08').appendTo(store);
    const all = (await toArray(store.readAll())).length;
    await waitUntilProjected(live, all);
    const reported = reports.length;
    while (reports.length === reported) await new Promise((r) => setTimeout(r, 20));
    expect(reports.some((r) => r.events > 0)).toBe(true);
    expect(reports[reports.length - 1]).toEqual({ events: 0, seconds: 0 });
  });

  it('copies service and work-group names and configured SLA targets', async () => {
    await stopAll();
    await projector({
      catalogue: { listServices: async () => [{ code: 1001, name: 'Home internet', workGroupCode: 301, workGroupName: 'Network L3' }] },
      slaTargets: [{ serviceCode: 1001, firstResponseSeconds: 600, resolutionSeconds: 7200 }],
    });
    expect(await ch.database.rows(raw('SELECT service_code, service_name, work_group_code, work_group_name FROM services FINAL'))).toEqual([
      { service_code: 1001, service_name: 'Home internet', work_group_code: 301, work_group_name: 'Network L3' },
    ]);
    expect(await ch.database.rows(raw('SELECT service_code, resolution_seconds FROM sla_targets FINAL ORDER BY service_code'))).toEqual([
      { service_code: 0, resolution_seconds: 28800 },
      { service_code: 1001, resolution_seconds: 7200 },
    ]);
  });

  it('keeps following the store after ClickHouse refused a write, from its checkpoint', async () => {
    await stopAll();
    const live = await projector();
    await ch.database.exec(raw('RENAME TABLE contacts TO contacts_away'));
    const script = helpDeskDay(2, '2026-03-09');
    await script.appendTo(store);
    await waitFor(async () => live.lastError() !== undefined, 30_000);
    await ch.database.exec(raw('RENAME TABLE contacts_away TO contacts'));
    const all = (await toArray(store.readAll())).length;
    await waitUntilProjected(live, all, 30_000);
    expect(await count("SELECT count() AS n FROM contacts FINAL WHERE toDate(at) = '2026-03-09'")).toBe(2);
  });
});

async function toArray<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** What the dashboards see: every projected table read with FINAL. */
async function tableSnapshot(database: ClickHouseDatabase): Promise<Record<string, unknown[]>> {
  const snapshot: Record<string, unknown[]> = {};
  const keys: Record<string, string> = {
    request_facts: 'request_id',
    incident_facts: 'incident_id',
    status_changes: 'entity, entity_id, revision',
    contacts: 'channel, at, request_id, revision',
    work_group_load: 'work_group_code, incident_id, revision, slot',
  };
  for (const [table, order] of Object.entries(keys)) snapshot[table] = await database.rows(raw(`SELECT * FROM ${table} FINAL ORDER BY ${order}`));
  return snapshot;
}
