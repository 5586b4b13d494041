import { ClickHouseDatabase, applySchema, parseClickHouseUrl, raw } from '../index';
import { clickHousePanelQueries, readDashboards, variableQuery } from '../grafana/dashboard-model';
import { expandPanelQuery } from '../grafana/grafana-query-expansion';

it('runs', async () => {
  const db = ClickHouseDatabase.open(parseClickHouseUrl('http://127.0.0.1:8123', 'sb_scratch_panels'));
  await db.drop();
  await applySchema(db);
  const dashboards = readDashboards('/work/main/deploy/grafana/dashboards');
  const ctx = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-08T00:00:00Z'), intervalSeconds: 3600, user: { login: "o'brien" },
    variables: { department: { current: '$__all', options: ['a'] }, work_group: { current: ['301', "x'y"] }, console_url: { current: 'http://localhost:3000' } } };
  const failures: string[] = [];
  for (const q of clickHousePanelQueries(dashboards)) {
    const text = expandPanelQuery(q.rawSql, ctx);
    try { await db.rows(raw(text)); } catch (e) { failures.push(`${q.key}: ${(e as Error).message}\n${text}`); }
  }
  for (const d of dashboards) for (const v of d.templating?.list ?? []) { const s = variableQuery(v); if (s) try { await db.rows(raw(expandPanelQuery(s, ctx))); } catch (e) { failures.push(`${v.name}: ${(e as Error).message}`); } }
  await db.drop();
  await db.close();
  expect(failures).toEqual([]);
});
