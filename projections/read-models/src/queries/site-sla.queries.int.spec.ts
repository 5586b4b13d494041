import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { createTestDatabase } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import { SiteSlaQueries } from './site-sla.queries';

/**
 * The report's SQL on PostgreSQL, over the columns of rm_requests it reads (as the read-model
 * migrations declare them): SLA met %, breaches and resolution per site and category, the scope.
 */
describe('SLA per site and category from rm_requests', () => {
  let db: TestDatabase;
  let pool: Pool;
  const queries = () => new SiteSlaQueries(pool);
  const range = { from: new Date('2026-02-01T00:00:00Z'), to: new Date('2026-03-01T00:00:00Z') };
  const clock = (firstResponse: string, resolution: string) =>
    JSON.stringify({ policyName: 'Estate', firstResponse: { status: firstResponse }, resolution: { status: resolution } });

  const request = async (row: {
    site: string | null;
    department?: string;
    service?: number;
    created: string;
    closed?: string;
    sla?: string | null;
    breached?: boolean;
  }) =>
    pool.query(
      `INSERT INTO rm_requests (id, state, department, service_code, site_slug, created_at, closed_at, sla, sla_breached) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        randomUUID(),
        row.closed ? 'CLOSED' : 'IN_PROGRESS',
        row.department ?? 'maintenance',
        row.service ?? null,
        row.site,
        row.created,
        row.closed ?? null,
        row.sla === undefined ? clock('met', 'met') : row.sla,
        row.breached ?? false,
      ],
    );

  beforeAll(async () => {
    db = await createTestDatabase('site_sla_queries');
    pool = new Pool({ connectionString: db.url, max: 2 });
    await pool.query(`CREATE TABLE rm_requests (
      id uuid PRIMARY KEY, state text NOT NULL, department text, service_code integer, site_slug text,
      created_at timestamptz NOT NULL, closed_at timestamptz, sla jsonb, sla_breached boolean NOT NULL DEFAULT false)`);
    // river-park, maintenance: met in 1 h, resolution missed in 5 h (breach recorded), met in 2 h.
    await request({ site: 'river-park', created: '2026-02-02T09:00:00Z', closed: '2026-02-02T10:00:00Z' });
    await request({ site: 'river-park', created: '2026-02-03T09:00:00Z', closed: '2026-02-03T14:00:00Z', sla: clock('met', 'missed'), breached: true });
    await request({ site: 'river-park', created: '2026-02-04T09:00:00Z', closed: '2026-02-04T11:00:00Z' });
    // river-park, escalated with service 2001: open, first response missed (no mark recorded yet).
    await request({ site: 'river-park', service: 2001, created: '2026-02-05T09:00:00Z', sla: clock('missed', 'running') });
    // old-town: closed without a policy; outside the range; no place at all.
    await request({ site: 'old-town', department: 'cleaning', created: '2026-02-06T09:00:00Z', closed: '2026-02-06T09:30:00Z', sla: null });
    await request({ site: 'old-town', created: '2026-01-06T09:00:00Z', closed: '2026-01-06T09:30:00Z' });
    await request({ site: null, created: '2026-02-06T09:00:00Z', closed: '2026-02-06T09:30:00Z' });
  });

  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it('counts per site and category, each site’s totals and the grand total', async () => {
    const report = await queries().report(range, undefined);
    expect(
      report.categories.map((c) => [c.siteSlug, c.serviceCode, c.department, c.requests, c.closed, c.slaMetPercent, c.breached, c.medianResolutionSeconds]),
    ).toEqual([
      ['old-town', null, 'cleaning', 1, 1, null, 0, 1800],
      ['river-park', null, 'maintenance', 3, 3, 66.7, 1, 7200],
      ['river-park', 2001, null, 1, 0, null, 1, null],
    ]);
    expect(report.sites.get('river-park')).toMatchObject({ requests: 4, closed: 3, slaMetPercent: 66.7, breached: 2, medianResolutionSeconds: 7200 });
    expect(report.totals).toMatchObject({ requests: 5, closed: 4, slaMetPercent: 66.7, breached: 2 });
    expect(report.sites.get('river-park')?.p95ResolutionSeconds).toBe(Math.round(7200 + 0.9 * (18000 - 7200)));
  });

  it('reads only the sites of the scope', async () => {
    const report = await queries().report(range, ['old-town']);
    expect([...report.sites.keys()]).toEqual(['old-town']);
    expect(report.categories.every((c) => c.siteSlug === 'old-town')).toBe(true);
    expect(report.totals.requests).toBe(1);
    expect((await queries().report(range, [])).totals.requests).toBe(0);
  });
});
