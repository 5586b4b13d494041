// Runs every ClickHouse panel and variable query of deploy/grafana/dashboards the way Grafana and
// the ClickHouse plugin would (macros and variables expanded, see projections/analytics/src/grafana),
// against a test ClickHouse the projector loaded from a scripted week at the help desk.
import { randomBytes, randomUUID } from 'node:crypto';
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
import { Passes } from '@switchboard/security-desk';
import type { PassDraft } from '@switchboard/security-desk/domain';
import type { TestDatabase } from '@switchboard/platform/testing';
import { helpDeskWeek, incidentIds, requestIds, services, userId } from './help-desk-week.scenario';
import { siteRequestsWeek, siteWeek } from './site-requests.scenario';

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

  const context = (
    overrides: { login?: string; variables?: Record<string, TemplateVariableValue>; range?: { from: Date; to: Date } } = {},
  ): PanelQueryContext => ({
    from: overrides.range?.from ?? new Date('2026-03-01T00:00:00Z'),
    to: overrides.range?.to ?? new Date('2026-03-08T00:00:00Z'),
    intervalSeconds: 86_400,
    user: { login: overrides.login ?? 'hd.manager.north' },
    variables: { console_url: { current: 'http://localhost:3000' }, department: all, work_group: all, site: all, category: all, ...overrides.variables },
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
    const surveyEvents = await appendSurveys(store);
    const passEvents = await securityDeskWeek(store);
    const siteScript = siteRequestsWeek();
    await siteScript.appendTo(store);
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
      await waitUntilProjected(projector, script.eventCount + surveyEvents + passEvents + siteScript.eventCount, 20_000);
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
      context({
        login: "o'brien",
        variables: { department: { current: ['first-line-south'] }, work_group: { current: ['302'] }, site: { current: ['old-town'] } },
      }),
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
          for (const [, field] of link.url.matchAll(/\$\{__data\.fields\.(\w+)\}/g))
            expect({ panel: p.title, field, present: columns.includes(field) }).toEqual({ panel: p.title, field, present: true });
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
    // maintenance: the department of the site requests (site-requests.scenario.ts).
    expect(await run('department')).toEqual([{ department: 'first-line-north' }, { department: 'first-line-south' }, { department: 'maintenance' }]);
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
      expect(Object.fromEntries(rows.map((r) => [r.channel, [Number(r.contacts), Number(r.new_requests)]]))).toEqual({
        telegram: [4, 3],
        sms: [2, 2],
        esb: [2, 2],
        phone: [1, 1],
      });
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

    it('measures SLA compliance against each service’s policy, from the SLA events', async () => {
      const rows = await panel(uid, 'SLA compliance by service');
      expect(rows.map((r) => ({ ...r, resolved: Number(r.resolved), within_target: Number(r.within_target), breaches: Number(r.breaches) }))).toEqual([
        { service_code: 1001, service: 'Home internet', resolved: 1, within_target: 1, compliance_percent: 100, breaches: 0 },
        { service_code: 2001, service: 'Invoices and payments', resolved: 1, within_target: 0, compliance_percent: 0, breaches: 1 },
      ]);
    });

    it('gives the share of requests answered within the first-response target of their policy', async () => {
      // R1, R4 and R7 answered within 30 min; R2 and R3 later; R5, R6 and R8 never, long past the due time.
      expect(await panel(uid, 'Requests answered within target')).toEqual([{ answered_within_target_percent: 37.5 }]);
    });

    it('lists the open items past their SLA now', async () => {
      const rows = await panel(uid, 'Open items past their SLA (live)');
      const { R5, R6, R7, R8 } = requestIds;
      const { I4, I5 } = incidentIds;
      expect(rows.map((r) => [r.kind, r.id, r.breached_target])).toEqual(
        expect.arrayContaining([
          ['request', R5, 'first response'],
          ['request', R6, 'first response'],
          ['request', R7, 'resolution'],
          ['request', R8, 'first response'],
          ['incident', I4, 'first response'],
          ['incident', I5, 'first response'],
        ]),
      );
      expect(rows).toHaveLength(6);
      expect(rows.find((r) => r.id === I4)).toMatchObject({ request_id: requestIds.R7, incident_id: I4 });
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
        {
          id: incidentIds.I3,
          at: '2026-03-04 12:00:00',
          what: 'cancelled',
          from_status: 'ON_HOLD',
          to_status: 'CANCELLED',
          work_group: 'Network L3',
          cancel_reason: 'Duplicate of another incident',
        },
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

  describe('surveys', () => {
    const uid = 'switchboard-surveys';

    it('shows the response rate, CSAT and NPS of the surveys sent in the range', async () => {
      expect(await panel(uid, 'Response rate')).toEqual([{ response_rate: 66.7 }]);
      expect(await panel(uid, 'CSAT')).toEqual([{ csat: 50 }]);
      expect(await panel(uid, 'NPS')).toEqual([{ nps: 0 }]);
      expect(await panel(uid, 'CSAT', { variables: { department: { current: ['first-line-north'] } } })).toEqual([{ csat: 100 }]);
    });

    it('breaks them down by department and by service', async () => {
      expect(await panel(uid, 'Response rate by department')).toEqual([
        { department: 'first-line-north', sent: '2', answered: '1', response_rate: 50 },
        { department: 'first-line-south', sent: '1', answered: '1', response_rate: 100 },
      ]);
      expect(await panel(uid, 'CSAT and NPS by department')).toEqual([
        { department: 'first-line-north', csat: 100, nps: 100 },
        { department: 'first-line-south', csat: 0, nps: -100 },
      ]);
      expect(await panel(uid, 'CSAT and NPS by service')).toEqual([
        { service: '1001', csat: 100, nps: 100 },
        { service: '2001', csat: 0, nps: -100 },
      ]);
    });

    it('lists the low ratings with their requests', async () => {
      expect((await panel(uid, 'Low ratings (1–2) of requests')).map((r) => [r.request_id, r.score])).toEqual([[requestIds.R2, 2]]);
    });
  });

  describe('SLA by site', () => {
    const uid = 'switchboard-sites-sla';
    const inSiteWeek = (variables: Record<string, TemplateVariableValue> = {}) => ({ range: siteWeek, variables });
    const figures = (r: Row) => [
      r.site_slug,
      r.category,
      Number(r.requests),
      Number(r.closed),
      r.sla_met_percent === null ? null : Number(r.sla_met_percent),
      Number(r.breached),
      r.median_resolution_seconds === null ? null : Number(r.median_resolution_seconds),
    ];

    it('gives requests, closed, SLA met %, breaches and the median resolution per site and category', async () => {
      const rows = await panel(uid, 'SLA by site and category', inSiteWeek());
      expect(rows.map(figures)).toEqual([
        ['harbour', 'maintenance', 1, 1, 100, 0, 3600],
        ['riverside', 'Invoices and payments', 1, 1, 100, 0, 3 * 3600],
        ['riverside', 'maintenance', 3, 3, 66.7, 1, 2 * 3600],
      ]);
      expect(Number(rows[2].p95_resolution_seconds)).toBeGreaterThan(2 * 3600);
      expect(Number(rows[2].p95_resolution_seconds)).toBeLessThanOrEqual(5 * 3600);
    });

    it('keeps to the chosen site and category, and leaves out requests registered for no place', async () => {
      const harbour = await panel(uid, 'SLA by site', inSiteWeek({ site: { current: ['harbour'] } }));
      expect(harbour.map((r) => [r.site_slug, Number(r.requests)])).toEqual([['harbour', 1]]);
      const maintenance = await panel(uid, 'SLA by site', inSiteWeek({ category: { current: ['maintenance'] } }));
      expect(maintenance.map((r) => [r.site_slug, Number(r.requests), Number(r.breached)])).toEqual([
        ['harbour', 1, 0],
        ['riverside', 3, 1],
      ]);
      // The help-desk week's requests carry no place: nothing in its range.
      const [helpDeskWeekOnly] = await panel(uid, 'Requests');
      expect(Number(helpDeskWeekOnly.requests)).toBe(0);
    });

    it('totals the headline over every chosen site', async () => {
      const [headline] = await panel(uid, 'SLA met', inSiteWeek());
      expect([Number(headline.requests), Number(headline.sla_met_percent), Number(headline.breached), Number(headline.median_resolution_seconds)]).toEqual([
        5,
        80,
        1,
        2 * 3600,
      ]);
    });

    it('offers the sites and the categories as variables', async () => {
      const variables = dashboard(uid).templating?.list ?? [];
      const values = async (name: string) => {
        const v = variables.find((x) => x.name === name);
        return (await ch.rows<Row>(raw(expandPanelQuery(variableQuery(v ?? { type: 'none', name: '' }) ?? '', context())))).map((r) => Object.values(r)[0]);
      };
      expect(await values('site')).toEqual(['harbour', 'riverside']);
      expect(await values('category')).toEqual(['Invoices and payments', 'maintenance']);
    });
  });

  describe('security desk', () => {
    const uid = 'switchboard-security-desk';

    it('counts visits per site per interval', async () => {
      const rows = await panel(uid, 'Visits per site per hour');
      expect(rows.map((r) => [String(r.time).slice(0, 10), r.site_slug, Number(r.visits)])).toEqual([
        ['2026-03-02', 'river-park', 2],
        ['2026-03-03', 'old-town', 1],
      ]);
    });

    it('totals visits, overstays and those still inside by site, for the sites chosen', async () => {
      const rows = await panel(uid, 'Visits and overstays by site');
      expect(rows.map((r) => [r.site_slug, Number(r.visits), Number(r.overstays), Number(r.inside)])).toEqual([
        ['river-park', 2, 1, 0],
        ['old-town', 1, 0, 1],
      ]);
      const harbour = await panel(uid, 'Visits and overstays by site', { variables: { site: { current: ['old-town'] } } });
      expect(harbour.map((r) => r.site_slug)).toEqual(['old-town']);
    });

    it('counts overstays by the day the visitor came in', async () => {
      const rows = await panel(uid, 'Overstays per day');
      expect(rows.map((r) => [String(r.time).slice(0, 10), r.site_slug, Number(r.overstays)])).toEqual([
        ['2026-03-02', 'river-park', 1],
        ['2026-03-03', 'old-town', 0],
      ]);
    });
  });
});

/** Three surveys in the scripted week: north answered 5 / NPS 10, south 2 / NPS 3, a second north one unanswered. */
async function appendSurveys(store: PostgresEventStore): Promise<number> {
  const surveys = [
    {
      department: 'first-line-north',
      requestId: requestIds.R1,
      serviceCode: 1001,
      answers: [
        ['csat', 'rating', 5],
        ['nps', 'nps', 10],
      ],
    },
    {
      department: 'first-line-south',
      requestId: requestIds.R2,
      serviceCode: 2001,
      answers: [
        ['csat', 'rating', 2],
        ['nps', 'nps', 3],
      ],
    },
    { department: 'first-line-north', requestId: requestIds.R3, serviceCode: 1001, answers: [] },
  ] as const;
  let count = 0;
  for (const [i, survey] of surveys.entries()) {
    const communicationId = `00000000-0000-4000-8000-00000000090${i}`;
    const at = (minute: number) => new Date(Date.parse('2026-03-05T10:00:00Z') + (i * 60 + minute) * 60_000).toISOString();
    const events = [
      {
        type: 'SurveyOpened',
        data: {
          communicationId,
          by: 'system:surveys',
          at: at(0),
          questionnaireId: 'csat',
          questionnaireVersion: 1,
          clientId: `client-${i}`,
          department: survey.department,
          language: 'ru',
          requestId: survey.requestId,
          serviceCode: survey.serviceCode,
          questions: [],
        },
      },
      ...survey.answers.map(([questionId, kind, value], j) => ({
        type: 'SurveyAnswerRecorded',
        data: { communicationId, by: 'client:telegram', at: at(j + 1), questionId, answer: { kind, value }, channel: 'messenger' },
      })),
    ];
    await store.append(
      `survey-response-${communicationId}`,
      events.map((e) => ({ id: randomUUID(), type: e.type, data: e.data, metadata: {} })),
      { expectedRevision: 'no_stream' },
    );
    count += events.length;
  }
  return count;
}

/**
 * The week at the security desks: at river-park a one-time visit and a permanent pass's visitor who
 * leaves after the window (an overstay); at old-town a visitor still inside. Answers the events written.
 */
async function securityDeskWeek(store: PostgresEventStore): Promise<number> {
  const passes = new Passes(store);
  const t = (iso: string) => new Date(`2026-03-0${iso}:00Z`);
  const key = (name: string) => ({ commandId: `week:${name}`, origin: 'user' as const });
  const draft = (siteSlug: string, kind: PassDraft['kind'], visitorName: string, from: string, until: string): PassDraft => ({
    siteSlug,
    unitId: `${siteSlug}-1`,
    unitLabel: 'Building 1, apt 1',
    kind,
    visitorName,
    validFrom: t(from).toISOString(),
    validUntil: t(until).toISOString(),
    issuedAs: 'Concierge',
  });
  const once = await passes.create(draft('river-park', 'one-time', 'One Visit', '2T08:00', '2T20:00'), 'concierge', key('once'), t('1T12:00'));
  await passes.checkIn(once.id, 'guard', key('once-in'), t('2T10:00'), t('2T10:00'));
  await passes.checkOut(once.id, 'guard', key('once-out'), t('2T11:00'), t('2T11:00'));
  const late = await passes.create(draft('river-park', 'permanent', 'Late Leaver', '2T08:00', '2T18:00'), 'concierge', key('late'), t('1T12:00'));
  await passes.checkIn(late.id, 'guard', key('late-in'), t('2T10:30'), t('2T10:30'));
  await passes.checkOut(late.id, 'guard', key('late-out'), t('2T19:00'), t('2T19:00'));
  const inside = await passes.create(draft('old-town', 'one-time', 'Still Inside', '3T08:00', '3T20:00'), 'dispatcher', key('inside'), t('2T12:00'));
  await passes.checkIn(inside.id, 'guard', key('inside-in'), t('3T09:00'), t('3T09:00'));
  return 8;
}
