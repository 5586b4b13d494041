import type { Pool } from 'pg';

/** The worst SLA state among open requests: none open, running, warned, breached. */
export type UnitSlaState = 'none' | 'ok' | 'warning' | 'breached';

export interface UnitRequestSummary {
  readonly unitId: string;
  readonly openRequests: number;
  readonly worstSla: UnitSlaState;
}

export interface UnitRequestItem {
  readonly id: string;
  readonly subject: string | null;
  readonly state: string;
  readonly priority: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly slaState: UnitSlaState;
}

const slaStateSql = `CASE WHEN r.state = 'CLOSED' THEN 'none' WHEN r.sla_breached THEN 'breached' WHEN r.sla_warned THEN 'warning' ELSE 'ok' END`;

/**
 * Requests by the estate unit they are about (the grid's counts, the unit card's lists). The caller
 * has already checked that the person sees the unit's site: a unit's requests are seen with the unit.
 */
export class UnitRequestQueries {
  constructor(private readonly pool: Pool) {}

  /** Per unit with open requests: how many and the worst SLA state among them; units without any are left out. */
  async summaries(unitIds: readonly string[]): Promise<Map<string, UnitRequestSummary>> {
    if (unitIds.length === 0) return new Map();
    const { rows } = await this.pool.query<{ unit_id: string; open: number; breached: boolean; warned: boolean }>(
      `SELECT r.unit_id, count(*)::int AS open, bool_or(r.sla_breached) AS breached, bool_or(r.sla_warned) AS warned
         FROM rm_requests r WHERE r.unit_id = ANY($1::uuid[]) AND r.state <> 'CLOSED' GROUP BY r.unit_id`,
      [unitIds],
    );
    return new Map(
      rows.map((row) => [
        row.unit_id,
        { unitId: row.unit_id, openRequests: row.open, worstSla: row.breached ? 'breached' : row.warned ? 'warning' : 'ok' } satisfies UnitRequestSummary,
      ]),
    );
  }

  /** The unit's requests, open ones first, then the latest; at most `limit`. */
  async ofUnit(unitId: string, limit = 100): Promise<{ open: UnitRequestItem[]; past: UnitRequestItem[] }> {
    const { rows } = await this.pool.query<UnitRequestItem>(
      `SELECT r.id, r.subject, r.state, r.priority, r.created_at AS "createdAt", r.updated_at AS "updatedAt", ${slaStateSql} AS "slaState"
         FROM rm_requests r WHERE r.unit_id = $1 ORDER BY (r.state = 'CLOSED'), r.updated_at DESC, r.id LIMIT $2`,
      [unitId, limit],
    );
    const items = rows.map((row) => ({ ...row, createdAt: new Date(row.createdAt).toISOString(), updatedAt: new Date(row.updatedAt).toISOString() }));
    return { open: items.filter((r) => r.state !== 'CLOSED'), past: items.filter((r) => r.state === 'CLOSED') };
  }
}
