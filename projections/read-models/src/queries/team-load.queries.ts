import type { Principal } from '@switchboard/identity/domain';
import type { Pool } from 'pg';
import { authorIdsAsNames } from './author-names';
import type { AuthorNames } from './author-names';
import { SqlParams } from './sql';
import { incidentVisibility, requestVisibility, visibilityScope } from './visibility';

/** One assignee's open work on a manager's board (null: not assigned to anyone yet). */
export interface AssigneeLoad {
  readonly assigneeId: string | null;
  readonly assigneeName: string | null;
  readonly open: number;
  /** The oldest open item: the one waiting longest. */
  readonly oldestId: string;
  readonly oldestCreatedAt: string;
}

export interface TeamLoad {
  /** The requests the principal may change (a help-desk manager's department), by assignee; null for other roles. */
  readonly requests: AssigneeLoad[] | null;
  /** The incidents the principal may change (an L3 manager's work groups), by assignee; null for other roles. */
  readonly incidents: AssigneeLoad[] | null;
}

interface LoadRow {
  assignee_id: string | null;
  open: number;
  oldest_id: string;
  oldest_created_at: Date;
}

/**
 * Managers' team load from the read models: open items per assignee and the oldest one's age,
 * counted in the database over what the manager may change (their department's requests, their
 * work groups' incidents incl. unassigned). Unassigned first, then the busiest.
 */
export class TeamLoadQueries {
  constructor(
    private readonly pool: Pool,
    private readonly authors: AuthorNames = authorIdsAsNames,
  ) {}

  async of(principal: Principal): Promise<TeamLoad> {
    const scope = await visibilityScope(this.pool, principal);
    const load = async (table: 'rm_requests' | 'rm_incidents', closed: readonly string[]): Promise<AssigneeLoad[]> => {
      const sql = new SqlParams();
      // The manager's part only (the whole department's or work group's): what an own-work permission beside it would add is their own.
      const managed = {
        ...scope,
        permissions: new Set([...scope.permissions].filter((p) => p === 'request.work:department' || p === 'incident.work:work-group')),
      };
      const visibility = table === 'rm_requests' ? requestVisibility(managed, sql, 'x') : incidentVisibility(managed, sql, 'x');
      const { rows } = await this.pool.query<LoadRow>(
        `SELECT x.assignee_id, count(*)::int AS open, (array_agg(x.id ORDER BY x.created_at, x.id))[1]::text AS oldest_id, min(x.created_at) AS oldest_created_at
           FROM ${table} x
          WHERE ${visibility.full} AND x.state <> ALL (${sql.add(closed)}::text[])
          GROUP BY x.assignee_id
          ORDER BY (x.assignee_id IS NULL) DESC, count(*) DESC, min(x.created_at)`,
        sql.values,
      );
      const names = await this.authors.namesOf(rows.flatMap((r) => (r.assignee_id ? [r.assignee_id] : [])));
      return rows.map((r) => ({
        assigneeId: r.assignee_id,
        assigneeName: r.assignee_id ? (names.get(r.assignee_id) ?? null) : null,
        open: r.open,
        oldestId: r.oldest_id,
        oldestCreatedAt: r.oldest_created_at.toISOString(),
      }));
    };
    const [requests, incidents] = await Promise.all([
      scope.permissions.has('team.read:department') ? load('rm_requests', ['CLOSED']) : null,
      scope.permissions.has('team.read:work-group') ? load('rm_incidents', ['CLOSED', 'CANCELLED']) : null,
    ]);
    return { requests, incidents };
  }
}
