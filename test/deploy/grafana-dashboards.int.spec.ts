// Runs every ClickHouse panel and variable query of deploy/grafana/dashboards the way Grafana and
// the ClickHouse plugin would (macros and variables expanded, see projections/analytics/src/grafana),
// against a test ClickHouse the projector loaded from a scripted week at the help desk.
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { Pool } from 'pg';
import {
  ClickHouseDatabase,
  clickHousePanelQueries,
  expandPanelQuery,
  panelsOf,
  parseClickHouseUrl,
  raw,
  readDashboards,
  startAnalytics,
  variableQuery,
  waitUntilProjected,
} from '@switchboard/analytics';
import type { DashboardJson, PanelQueryContext, TemplateVariableValue } from '@switchboard/analytics';
import { PostgresEventStore } from '@switchboard/eventstore';
import { processingSchema } from '@switchboard/eventstore/processing';
import { createTestDatabase, realmFile, recordSkip } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import { helpDeskWeek, incidentIds, requestIds, services, userId } from './help-desk-week.scenario';

const server = process.env.CLICKHOUSE_URL;
if (!server) recordSkip('Grafana dashboards against ClickHouse', 'CLICKHOUSE_URL not set: run scripts/test-services/provision.sh');
const describeWithClickHouse = server ? describe : describe.skip;

const dashboards = readDashboards(resolve(__dirname, '../../deploy/grafana/dashboards'));
const dashboard = (uid: string): DashboardJson => {
  const found = dashboards.find((d) => d.uid === uid);
  if (!found) throw new Error(`no dashboard ${uid}`);
  return found;
};

type Row = Record<string, unknown>;

const all: TemplateVariableValue = { current: '$__all', options: [] };

describeWithClickHouse('Grafana dashboards on the analytics tables', () => {
  const name = `sb_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const clickhouseUrl = `${(server ?? '').replace(/\/+$/, '')}/${name}`;
  const ch = ClickHouseDatabase.open(parseClickHouseUrl(clickhouseUrl));
  let pg: TestDatabase;
  let store: PostgresEventStore;
  let pool: Pool;

  const context = (overrides: { login?: string; variables?: Record<string, TemplateVariableValue> } = {}): PanelQueryContext => ({
    from: new Date('2026-03-01T00:00:00Z'),
    to: new Date('2026-03-08T00:00:00Z'),
    intervalSeconds: 86_400,
    user: { login: overrides.login ?? 'hd.manager.north' },
    variables: { console_url: { current: 'http://localhost:3000' }, department: all, work_group: all, ...overrides.variables },
  });

  /** Rows of a panel's query, expanded for the given context. */
  const panel = async (dashboardUid: string, title: string, overrides?: Parameters<typeof context>[0]): Promise<Row[]> => {
    const query = clickHousePanelQueries([dashboard(dashboardUid)]).find((q) => q.panel.title === title);
    if (!query) throw new Error(`no panel "${title}" on ${dashboardUid}`);
    return ch.rows<Row>(raw(expandPanelQuery(query.rawSql, context(overrides))));
  };

  /** The columns a query returns, even when it returns no rows (FORMAT JSON carries them). */
  const columnsOf = async (query: string): Promise<string[]> => {
    const response = await fetch(`${(server ?? '').replace(/\/+$/, '')}/?database=${name}`, { method: 'POST', body: `${query} FORMAT JSON` });
    const body = (await response.json()) as { meta: { name: string }[] };
    return body.meta.map((m) => m.name);
  };

  beforeAll(async () => {
    pg = await createTestDatabase('grafana_dashboards');
    pool = new Pool({ connectionString: pg.url, max: 10 });
    pool.on('error', () => undefined);
    for (const statement of processingSchema) await pool.query(statement);
    store = new PostgresEventStore(pool, { pollIntervalMs: 50 });
    await store.ensureSchema();
    const script = helpDeskWeek();
    await script.appendTo(store);
    const users = realmFile().users;
    const projector = await startAnalytics({
      store,
      checkpoints: pool,
      clickhouseUrl,
      flushIntervalMs: 100,
      directory: {
        async userById(id) {
          const user = users.find((u) => u.id === id) as { id: string; username: string; firstName?: string; lastName?: string; groups?: string[] } | undefined;
          return user && { id: user.id, username: user.username, firstName: user.firstName ?? '', lastName: user.lastName ?? '', groups: user.groups ?? [] };
        },
      },
      catalogue: { listServices: async () => services },
      slaTargets: [{ serviceCode: 2001, firstResponseSeconds: 1800, resolutionSeconds: 7200 }],
    });
    try {
      await waitUntilProjected(projector, script.eventCount, 20_000);
    } finally {
      await projector.stop();
    }
  });

  afterAll(async () => {
    await store.close();
    await pool.end();
    await pg.drop();
    await ch.drop();
    await ch.close();
  });

  it('runs every panel query and every variable query of every dashboard', async () => {
    const failures: string[] = [];
    const contexts = [
      context(),
      context({ login: "o'brien", variables: { department: { current: ['first-line-south'] }, work_group: { current: ['302'] } } }),
      context({ variables: { department: { current: 'first-line-north' }, work_group: { current: ['301', '302'] } } }),
    ];
    const queries = clickHousePanelQueries(dashboards);
    expect(queries.length).toBeGreaterThanOrEqual(15);
    for (const c of contexts) {
      for (const q of queries) {
        await ch.rows(raw(expandPanelQuery(q.rawSql, c))).catch((e: Error) => failures.push(`${q.key}: ${e.message}`));
      }
      for (const d of dashboards) {
        for (const v of d.templating?.list ?? []) {
          const sqlText = variableQuery(v);
          if (sqlText) await ch.rows(raw(expandPanelQuery(sqlText, c))).catch((e: Error) => failures.push(`${d.uid} $${v.name}: ${e.message}`));
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('links every table row to a column its query returns', async () => {
    for (const d of dashboards) {
      for (const p of panelsOf(d).filter((p) => p.type === 'table')) {
        const links = p.fieldConfig?.defaults?.links ?? [];
        expect({ panel: `${d.uid}/${p.title}`, links: links.length > 0 }).toEqual({ panel: `${d.uid}/${p.title}`, links: true });
        const [query] = clickHousePanelQueries([{ ...d, panels: [p] }]);
        const columns = await columnsOf(expandPanelQuery(query.rawSql, context()));
        for (const link of links) {
          expect(link.url.startsWith('${console_url}/')).toBe(true);
          for (const [, field] of link.url.matchAll(/\$\{__data\.fields\.(\w+)\}/g)) expect({ panel: p.title, field, present: columns.includes(field) }).toEqual({ panel: p.title, field, present: true });
        }
      }
    }
  });

  it('offers departments and work groups (code as value, name as text) as team board variables', async () => {
    const variables = dashboard('switchboard-team-board').templating?.list ?? [];
    const run = async (variable: string) => {
      const v = variables.find((x) => x.name === variable);
      return ch.rows<Row>(raw(expandPanelQuery(variableQuery(v ?? { type: 'none', name: '' }) ?? '', context())));
    };
    expect(await run('department')).toEqual([{ department: 'first-line-north' }, { department: 'first-line-south' }]);
    expect(await run('work_group')).toEqual([
      { work_group_code: 302, work_group_label: 'Billing L3' },
      { work_group_code: 301, work_group_label: 'Network L3' },
    ]);
  });

  describe('operations overview', () => {
    const uid = 'switchboard-operations';

    it('counts contacts per channel per interval', async () => {
      const rows = await panel(uid, 'Contacts per channel');
      expect(rows.map((r) => [String(r.time).slice(0, 10), r.channel, Number(r.contacts)])).toEqual([
        ['2026-03-02', 'sms', 1],
        ['2026-03-02', 'telegram', 2],
        ['2026-03-03', 'esb', 1],
        ['2026-03-04', 'telegram', 1],
        ['2026-03-05', 'phone', 1],
        ['2026-03-05', 'telegram', 1],
        ['2026-03-06', 'esb', 1],
        ['2026-03-06', 'sms', 1],
      ]);
    });

    it('totals contacts and new requests by channel', async () => {
      const rows = await panel(uid, 'Contacts by channel');
      expect(Object.fromEntries(rows.map((r) => [r.channel, [Number(r.contacts), Number(r.new_requests)]]))).toEqual({ telegram: [4, 3], sms: [2, 2], esb: [2, 2], phone: [1, 1] });
    });

    it('shows the request backlog by state per department', async () => {
      const rows = await panel(uid, 'Request backlog by state and department');
      expect(rows.map((r) => ({ ...r, new: Number(r.new), in_progress: Number(r.in_progress), escalated: Number(r.escalated) }))).toEqual([
        { department_name: 'first-line-north', new: 0, in_progress: 1, escalated: 1 },
        { department_name: 'first-line-south', new: 1, in_progress: 0, escalated: 1 },
      ]);
    });

    it('shows the incident backlog by state per work group, by name', async () => {
      const rows = await panel(uid, 'Incident backlog by state and work group');
      expect(rows.map((r) => [r.work_group, Number(r.new), Number(r.assigned), Number(r.in_work), Number(r.on_hold), Number(r.resolved)])).toEqual([
        ['Billing L3', 1, 0, 0, 0, 0],
        ['Network L3', 0, 1, 0, 0, 0],
      ]);
    });

    it('gives the median time to first response of requests and incidents', async () => {
      const rows = await panel(uid, 'Time to first response');
      const byKind = Object.fromEntries(rows.map((r) => [r.kind, r]));
      // Requests: 20 min, 60 min, 45 min, 12 min, 30 min; incidents: 20 min, 60 min, 30 min.
      expect(byKind.requests.median_seconds).toBe(1800);
      expect(byKind.incidents.median_seconds).toBe(1800);
      expect(Number(byKind.requests.p90_seconds)).toBeGreaterThan(2700);
      expect(Number(byKind.requests.p90_seconds)).toBeLessThanOrEqual(3600);
    });

    it('gives the median time to resolution of requests and incidents', async () => {
      const rows = await panel(uid, 'Time to resolution');
      const byKind = Object.fromEntries(rows.map((r) => [r.kind, r]));
      // Requests closed after 4 h, 1.5 h, 4.5 h, 3 h; incidents resolved after 3 h and 3 h.
      expect(byKind.requests.median_seconds).toBe(12_600);
      expect(byKind.incidents.median_seconds).toBe(10_800);
    });

    it('measures SLA compliance against each service target, falling back to the default', async () => {
      const rows = await panel(uid, 'SLA compliance by service');
      expect(rows.map((r) => ({ ...r, resolved: Number(r.resolved), within_target: Number(r.within_target) }))).toEqual([
        { service_code: 1001, service: 'Home internet', resolved: 1, within_target: 1, compliance_percent: 100, target_hours: 8 },
        { service_code: 2001, service: 'Invoices and payments', resolved: 1, within_target: 0, compliance_percent: 0, target_hours: 2 },
      ]);
    });

    it('gives the share of requests answered within the first-response target', async () => {
      // Five of eight answered within an hour; three never answered, long past the hour.
      expect(await panel(uid, 'Requests answered within target')).toEqual([{ answered_within_target_percent: 62.5 }]);
    });

    it('charts and lists the cancelled incident, with its reason', async () => {
      const series = await panel(uid, 'Incidents re-opened or cancelled');
      expect(series.map((r) => [String(r.time).slice(0, 10), Number(r.reopened), Number(r.cancelled)])).toEqual([
        ['2026-03-02', 0, 0],
        ['2026-03-03', 0, 0],
        ['2026-03-04', 0, 1],
        ['2026-03-06', 0, 0],
      ]);
      const rows = await panel(uid, 'Re-opened and cancelled incidents');
      expect(rows).toEqual([
        { id: incidentIds.I3, at: '2026-03-04 12:00:00', what: 'cancelled', from_status: 'ON_HOLD', to_status: 'CANCELLED', work_group: 'Network L3', cancel_reason: 'Duplicate of another incident' },
      ]);
    });
  });

  describe('personal board', () => {
    const uid = 'switchboard-my-board';

    it("shows the signed-in help-desk operator's open requests and nothing of anyone else's", async () => {
      const rows = await panel(uid, 'My open requests', { login: 'hd.user.north' });
      expect(rows.map((r) => [r.id, r.status])).toEqual([
        [requestIds.R5, 'IN_PROGRESS'],
        [requestIds.R7, 'ESCALATED'],
      ]);
      expect(await panel(uid, 'Requests assigned to me', { login: 'hd.user.north' })).toEqual([{ open_requests: '2' }]);
      expect(await panel(uid, 'My incidents', { login: 'hd.user.north' })).toEqual([]);
    });

    it("shows the signed-in L3 engineer's incidents, by service and work group name", async () => {
      const rows = await panel(uid, 'My incidents', { login: 'l3.user.network' });
      expect(rows.map((r) => [r.id, r.status, r.service, r.work_group])).toEqual([[incidentIds.I4, 'ASSIGNED', 'Home internet', 'Network L3']]);
      expect(await panel(uid, 'Incidents assigned to me', { login: 'l3.user.network' })).toEqual([{ active_incidents: '1' }]);
      expect(await panel(uid, 'Closed or resolved by me', { login: 'l3.user.network' })).toEqual([{ finished: '1' }]);
    });

    it('counts what an operator closed in the range', async () => {
      expect(await panel(uid, 'Closed or resolved by me', { login: 'hd.user.north2' })).toEqual([{ finished: '1' }]);
    });

    it('treats a login with a quote as data, not SQL', async () => {
      expect(await panel(uid, 'My open requests', { login: "x' OR '1'='1" })).toEqual([]);
    });
  });

  describe('team board', () => {
    const uid = 'switchboard-team-board';

    it('shows the load per assignee, by Keycloak username', async () => {
      const rows = await panel(uid, 'Load per assignee');
      expect(rows.map((r) => [r.assignee, Number(r.open_requests), Number(r.active_incidents)])).toEqual([
        ['(unassigned)', 1, 1],
        ['hd.user.north', 2, 0],
        ['hd.user.south', 1, 0],
        ['l3.user.network', 0, 1],
      ]);
      expect(rows.find((r) => r.assignee === 'hd.user.north')?.assignee_id).toBe(userId('hd.user.north'));
    });

    it('filters the load by department and by work group', async () => {
      const north = await panel(uid, 'Load per assignee', { variables: { department: { current: ['first-line-north'] } } });
      expect(north.map((r) => [r.assignee, Number(r.open_requests), Number(r.active_incidents)])).toEqual([
        ['hd.user.north', 2, 0],
        ['l3.user.network', 0, 1],
      ]);
      const billing = await panel(uid, 'Active incidents', { variables: { work_group: { current: ['302'] } } });
      expect(billing.map((r) => [r.id, r.status, r.work_group, r.assignee])).toEqual([[incidentIds.I5, 'NEW', 'Billing L3', '(unassigned)']]);
    });

    it('lists open requests of the selected departments', async () => {
      const rows = await panel(uid, 'Open requests', { variables: { department: { current: ['first-line-south'] } } });
      expect(rows.map((r) => [r.id, r.status, r.assignee]).sort()).toEqual(
        [
          [requestIds.R6, 'NEW', '(unassigned)'],
          [requestIds.R8, 'ESCALATED', 'hd.user.south'],
        ].sort(),
      );
    });

    it('buckets open work by age per assignee', async () => {
      const rows = await panel(uid, 'Ageing per assignee');
      // Everything is months old by now (the story is in March 2026).
      expect(rows.every((r) => Number(r.under_1_day) === 0 && Number(r.over_7_days) > 0)).toBe(true);
    });

    it('charts each work group load, ending at its active incidents', async () => {
      const rows = await panel(uid, 'Work group load');
      const last = (group: string) => rows.filter((r) => r.work_group === group).at(-1);
      expect(last('Network L3')).toMatchObject({ active_incidents: '1' });
      expect(last('Billing L3')).toMatchObject({ active_incidents: '1' });
      expect(rows.filter((r) => r.work_group === 'Network L3').map((r) => [String(r.time).slice(0, 10), Number(r.active_incidents)])).toEqual([
        ['2026-03-02', 0],
        ['2026-03-04', 0],
        ['2026-03-06', 1],
      ]);
    });
  });
});
