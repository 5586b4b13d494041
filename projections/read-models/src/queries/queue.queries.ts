import { holds } from '@switchboard/identity/domain';
import type { Principal } from '@switchboard/identity/domain';
import type { Pool } from 'pg';
import { visibilityScope } from './visibility';

/**
 * The queues: unassigned NEW requests of the principal's departments (for help-desk operators)
 * and unassigned NEW incidents of their work groups (for L3 engineers), most urgent first, then
 * oldest. "Take next" walks these ids; the read model may lag, so a take still decides on the
 * write model and a taken item is simply skipped.
 */
export class QueueQueries {
  constructor(private readonly pool: Pool) {}

  /** Up to `limit` requests the principal may take, in queue order, skipping `exclude`. */
  async nextRequests(principal: Principal, limit: number, exclude: readonly string[] = []): Promise<string[]> {
    if (!holds(principal, 'request.take:department') || principal.departments.length === 0) return [];
    const { rows } = await this.pool.query<{ id: string }>(
      `SELECT r.id FROM rm_requests r
        WHERE r.assignee_id IS NULL AND r.state = 'NEW' AND r.department = ANY ($1::text[]) AND NOT (r.id = ANY ($2::uuid[]))
        ORDER BY r.priority, r.created_at, r.id LIMIT $3`,
      [principal.departments, exclude, limit],
    );
    return rows.map((r) => r.id);
  }

  /** Up to `limit` incidents the principal may take, in queue order, skipping `exclude`. */
  async nextIncidents(principal: Principal, limit: number, exclude: readonly string[] = []): Promise<string[]> {
    if (!holds(principal, 'incident.take:work-group')) return [];
    const { workGroupCodes } = await visibilityScope(this.pool, principal);
    if (workGroupCodes.length === 0) return [];
    const { rows } = await this.pool.query<{ id: string }>(
      `SELECT i.id FROM rm_incidents i
        WHERE i.assignee_id IS NULL AND i.state = 'NEW' AND i.work_group_code = ANY ($1::int[]) AND NOT (i.id = ANY ($2::uuid[]))
        ORDER BY i.priority, i.created_at, i.id LIMIT $3`,
      [workGroupCodes, exclude, limit],
    );
    return rows.map((r) => r.id);
  }
}
