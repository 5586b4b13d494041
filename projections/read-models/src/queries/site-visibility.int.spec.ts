import { Pool } from 'pg';
import type { Principal, Role } from '@switchboard/identity/domain';
import { createTestDatabase } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import { SqlParams } from './sql';
import { requestVisibility, visibilityScope } from './visibility';

/**
 * Site staff's and technicians' visibility as SQL on PostgreSQL (ADR 0032), over the columns of
 * rm_requests it reads: a request of another site is not there for them; what they may change is
 * `full`. The same rules are `siteStaffRequestAccess` / `technicianRequestAccess` on the write side.
 */
describe('which requests site staff and technicians see in rm_requests', () => {
  let db: TestDatabase;
  let pool: Pool;
  const ids = {
    riverOpen: '00000000-0000-4000-8000-000000000001',
    riverTech: '00000000-0000-4000-8000-000000000002',
    riverHelpDesk: '00000000-0000-4000-8000-000000000003',
    oldOpen: '00000000-0000-4000-8000-000000000004',
    oldTech: '00000000-0000-4000-8000-000000000005',
    nowhere: '00000000-0000-4000-8000-000000000006',
    // A river-park request in a help-desk department's queue (a channel request routed to intake).
    riverQueued: '00000000-0000-4000-8000-000000000007',
  };
  const name = new Map(Object.entries(ids).map(([k, v]) => [v, k]));

  const seen = async (roles: Role[], sites: string[], userId = 'me'): Promise<{ visible: string[]; full: string[] }> => {
    const principal: Principal = { userId, username: userId, roles, departments: [], workGroups: [], sites };
    const sql = new SqlParams();
    const visibility = requestVisibility(await visibilityScope(pool, principal), sql);
    const { rows } = await pool.query<{ id: string; full: boolean }>(
      `SELECT r.id, ${visibility.full} AS full FROM rm_requests r WHERE ${visibility.visible} ORDER BY r.updated_at DESC, r.id DESC`,
      sql.values,
    );
    return {
      visible: rows.map((r) => name.get(r.id) ?? r.id).sort(),
      full: rows
        .filter((r) => r.full)
        .map((r) => name.get(r.id) ?? r.id)
        .sort(),
    };
  };

  beforeAll(async () => {
    db = await createTestDatabase('site_visibility');
    pool = new Pool({ connectionString: db.url, max: 2 });
    await pool.query(`CREATE TABLE rm_requests (
      id uuid PRIMARY KEY, department text, assignee_id text, client_id uuid, incident_assignee_id text,
      incident_work_group_code integer, site_slug text, updated_at timestamptz NOT NULL DEFAULT now())`);
    await pool.query('CREATE INDEX rm_requests_site_updated_idx ON rm_requests (site_slug, updated_at, id) WHERE site_slug IS NOT NULL');
    const rows: [string, string | null, string | null, string | null][] = [
      [ids.riverOpen, 'river-park', null, null],
      [ids.riverTech, 'river-park', 'tech-river', null],
      [ids.riverHelpDesk, 'river-park', 'hd-north', 'first-line-north'],
      [ids.riverQueued, 'river-park', null, 'first-line-north'],
      [ids.oldOpen, 'old-town', null, null],
      [ids.oldTech, 'old-town', 'tech-old', null],
      [ids.nowhere, null, 'hd-north', 'first-line-north'],
    ];
    for (const [id, site, assignee, department] of rows) {
      await pool.query('INSERT INTO rm_requests (id, site_slug, assignee_id, department) VALUES ($1, $2, $3, $4)', [id, site, assignee, department]);
    }
  });

  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it.each([
    ['SiteManager', ['river-park']],
    ['ClientManager', ['river-park']],
    ['Dispatcher', ['river-park']],
  ] as const)('shows a %s of one site that site’s requests, all of them changeable, and nothing of the other site', async (role, sites) => {
    const river = ['riverHelpDesk', 'riverOpen', 'riverQueued', 'riverTech'];
    expect(await seen([role], [...sites])).toEqual({ visible: river, full: river });
  });

  it('shows a dispatcher of both sites both sites’ requests, and none without a site', async () => {
    const both = ['oldOpen', 'oldTech', 'riverHelpDesk', 'riverOpen', 'riverQueued', 'riverTech'];
    expect(await seen(['Dispatcher'], ['river-park', 'old-town'])).toEqual({ visible: both, full: both });
  });

  it('shows head office every site’s requests, read-only', async () => {
    expect(await seen(['ClientService'], [])).toEqual({ visible: ['oldOpen', 'oldTech', 'riverHelpDesk', 'riverOpen', 'riverQueued', 'riverTech'], full: [] });
  });

  it('shows a technician their own requests (changeable) and their site’s unassigned ones in no department queue (read-only), no one else’s', async () => {
    // riverQueued is unassigned and of their site, but in a help-desk department's queue: not theirs.
    expect(await seen(['Technician'], ['river-park'], 'tech-river')).toEqual({ visible: ['riverOpen', 'riverTech'], full: ['riverTech'] });
    expect(await seen(['Technician'], ['old-town'], 'tech-old')).toEqual({ visible: ['oldOpen', 'oldTech'], full: ['oldTech'] });
  });

  it('shows site staff without sites, concierges and guards nothing', async () => {
    expect(await seen(['SiteManager', 'ClientManager', 'Dispatcher', 'Technician'], [], 'nobody')).toEqual({ visible: [], full: [] });
    expect(await seen(['Concierge', 'Security'], ['river-park', 'old-town'])).toEqual({ visible: [], full: [] });
  });

  it('reads a site’s page through the site index', async () => {
    await pool.query('SET enable_seqscan = off');
    try {
      const { rows } = await pool.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT id FROM rm_requests r WHERE r.site_slug = 'river-park' ORDER BY r.updated_at DESC, r.id DESC LIMIT 20`,
      );
      expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('rm_requests_site_updated_idx');
    } finally {
      await pool.query('RESET enable_seqscan');
    }
  });
});
