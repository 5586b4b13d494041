import type { Pool } from 'pg';
import { holds } from '@switchboard/identity/domain';
import type { Principal } from '@switchboard/identity/domain';
import { allowedProblemActions } from '@switchboard/service-desk/domain';
import type { ProblemOperatorAction, ProblemOrigin, ProblemStatus } from '@switchboard/service-desk/domain';
import type { ProjectionPositions } from '../framework/projection-positions';
import { awaitConsistency } from './consistency';
import type { Consistency } from './read-model.dtos';

export interface ProblemListItem {
  readonly id: string;
  readonly serviceCode: number;
  readonly serviceName: string | null;
  readonly title: string;
  readonly origin: ProblemOrigin;
  readonly state: ProblemStatus;
  readonly resolution: string | null;
  readonly openedBy: string;
  readonly openedAt: string;
  readonly resolvedAt: string | null;
  readonly closedAt: string | null;
  readonly incidentCount: number;
  readonly requestCount: number;
  readonly revision: number;
}

export interface ProblemIncident {
  readonly id: string;
  readonly state: string;
  readonly serviceCode: number;
  readonly workGroupCode: number;
  readonly assigneeId: string | null;
  readonly requestId: string;
  readonly priority: string;
  readonly linkedAt: string;
}

export interface ProblemRequest {
  readonly id: string;
  readonly state: string;
  readonly channel: string;
  readonly subject: string | null;
  readonly department: string | null;
  readonly assigneeId: string | null;
  readonly priority: string;
  readonly linkedAt: string;
}

export interface ProblemDetail extends ProblemListItem {
  /** Linked, as the read models know them (a link may be listed before its entity's row is projected). */
  readonly incidents: ProblemIncident[];
  readonly requests: ProblemRequest[];
  readonly allowedActions: ProblemOperatorAction[];
}

export interface ProblemFilters extends Consistency {
  readonly state?: readonly ProblemStatus[];
  readonly serviceCode?: number;
  /** The problem(s) a request or an incident is linked to. */
  readonly requestId?: string;
  readonly incidentId?: string;
  readonly limit?: number;
}

interface Row {
  id: string;
  service_code: number;
  service_name: string | null;
  title: string;
  origin: ProblemOrigin;
  state: ProblemStatus;
  resolution: string | null;
  opened_by: string;
  opened_at: Date;
  resolved_at: Date | null;
  closed_at: Date | null;
  incident_count: number;
  request_count: number;
  last_revision: string;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

const toItem = (r: Row): ProblemListItem => ({
  id: r.id,
  serviceCode: r.service_code,
  serviceName: r.service_name,
  title: r.title,
  origin: r.origin,
  state: r.state,
  resolution: r.resolution,
  openedBy: r.opened_by,
  openedAt: r.opened_at.toISOString(),
  resolvedAt: iso(r.resolved_at),
  closedAt: iso(r.closed_at),
  incidentCount: r.incident_count,
  requestCount: r.request_count,
  revision: Number(r.last_revision),
});

const SELECT = `SELECT p.*, s.name AS service_name FROM rm_problems p LEFT JOIN catalogue_services s ON s.code = p.service_code`;

/** Who reads problems: `problem.read`, everyone who works the service desk by default (an outage concerns all of them). */
const readsProblems = (principal: Principal): boolean => holds(principal, 'problem.read');

/**
 * Problems (mass incidents) and what is linked to them. Linked requests are listed without their
 * contact: whoever reads the problem sees how many reported it and where they stand, not who they are.
 */
export class ProblemQueries {
  constructor(
    private readonly pool: Pool,
    private readonly positions?: ProjectionPositions,
  ) {}

  async list(principal: Principal, filters: ProblemFilters = {}): Promise<ProblemListItem[]> {
    if (!readsProblems(principal)) return [];
    await awaitConsistency(this.positions, filters);
    const where: string[] = [];
    const params: unknown[] = [];
    if (filters.state?.length) where.push(`p.state = ANY ($${params.push(filters.state)}::text[])`);
    if (filters.serviceCode !== undefined) where.push(`p.service_code = $${params.push(filters.serviceCode)}`);
    if (filters.requestId)
      where.push(
        `EXISTS (SELECT 1 FROM rm_problem_links l WHERE l.problem_id = p.id AND l.kind = 'request' AND l.entity_id = $${params.push(filters.requestId)})`,
      );
    if (filters.incidentId)
      where.push(
        `EXISTS (SELECT 1 FROM rm_problem_links l WHERE l.problem_id = p.id AND l.kind = 'incident' AND l.entity_id = $${params.push(filters.incidentId)})`,
      );
    const { rows } = await this.pool.query<Row>(
      `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY p.opened_at DESC, p.id LIMIT $${params.push(filters.limit ?? 100)}`,
      params,
    );
    return rows.map(toItem);
  }

  async byId(principal: Principal, id: string, consistency: Consistency = {}): Promise<ProblemDetail | undefined> {
    if (!readsProblems(principal)) return undefined;
    await awaitConsistency(this.positions, consistency);
    const { rows } = await this.pool.query<Row>(`${SELECT} WHERE p.id = $1`, [id]);
    if (!rows[0]) return undefined;
    const item = toItem(rows[0]);
    const incidents = await this.pool.query<{
      id: string;
      state: string | null;
      service_code: number | null;
      work_group_code: number | null;
      assignee_id: string | null;
      request_id: string | null;
      priority: string | null;
      linked_at: Date;
    }>(
      `SELECT l.entity_id AS id, i.state, i.service_code, i.work_group_code, i.assignee_id, i.request_id, i.priority, l.linked_at
         FROM rm_problem_links l LEFT JOIN rm_incidents i ON i.id = l.entity_id
        WHERE l.problem_id = $1 AND l.kind = 'incident' ORDER BY l.linked_at, l.entity_id`,
      [id],
    );
    const requests = await this.pool.query<{
      id: string;
      state: string | null;
      channel: string | null;
      subject: string | null;
      department: string | null;
      assignee_id: string | null;
      priority: string | null;
      linked_at: Date;
    }>(
      `SELECT l.entity_id AS id, r.state, r.channel, r.subject, r.department, r.assignee_id, r.priority, l.linked_at
         FROM rm_problem_links l LEFT JOIN rm_requests r ON r.id = l.entity_id
        WHERE l.problem_id = $1 AND l.kind = 'request' ORDER BY l.linked_at, l.entity_id`,
      [id],
    );
    return {
      ...item,
      incidents: incidents.rows.map((r) => ({
        id: r.id,
        state: r.state ?? 'UNKNOWN',
        serviceCode: r.service_code ?? item.serviceCode,
        workGroupCode: r.work_group_code ?? 0,
        assigneeId: r.assignee_id,
        requestId: r.request_id ?? '',
        priority: r.priority ?? 'P3',
        linkedAt: r.linked_at.toISOString(),
      })),
      requests: requests.rows.map((r) => ({
        id: r.id,
        state: r.state ?? 'UNKNOWN',
        channel: r.channel ?? 'unknown',
        subject: r.subject,
        department: r.department,
        assigneeId: r.assignee_id,
        priority: r.priority ?? 'P3',
        linkedAt: r.linked_at.toISOString(),
      })),
      allowedActions: holds(principal, 'problem.manage') ? allowedProblemActions(item.state) : [],
    };
  }
}
