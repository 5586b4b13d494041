import type { Principal } from '@switchboard/identity/domain';
import type { Pool, QueryConfig } from 'pg';
import { INCIDENT_COLUMNS, INCIDENT_JOINS, REQUEST_COLUMNS, REQUEST_JOINS } from './rows';
import type { IncidentRow, RequestRow } from './rows';
import { prepared } from './prepared';
import { SqlParams } from './sql';
import { incidentVisibility, requestVisibility, visibilityScope } from './visibility';

export interface RowSelection {
  /** Conditions besides visibility, built with the same parameters. */
  readonly where?: (sql: SqlParams) => string[];
  /** Over the table's own columns (alias `r` for requests, `i` for incidents). */
  readonly orderBy?: string;
  readonly limit?: number;
  /**
   * Prepared (planned once per connection): for lookups by id, whose plan never depends on the
   * values. Lists stay unprepared: a generic plan cannot see how selective a state, channel or
   * assignee is (bench:api measured filtered lists at half the rate prepared).
   */
  readonly prepare?: boolean;
}

/** Requests the principal may see, limited and ordered on rm_requests alone, then joined for display. */
export async function selectRequests(pool: Pool, principal: Principal, selection: RowSelection = {}): Promise<RequestRow[]> {
  const sql = new SqlParams();
  const visibility = requestVisibility(await visibilityScope(pool, principal), sql);
  const where = [visibility.visible, ...(selection.where?.(sql) ?? [])];
  const order = selection.orderBy ? `ORDER BY ${selection.orderBy}` : '';
  const limit = selection.limit !== undefined ? `LIMIT ${Math.trunc(selection.limit)}` : '';
  const { rows } = await pool.query<RequestRow>(
    statement(
      selection,
      `SELECT ${REQUEST_COLUMNS}
       FROM (SELECT r.*, ${visibility.full} AS full_access FROM rm_requests r WHERE ${where.join(' AND ')} ${order} ${limit}) r
       ${REQUEST_JOINS}
      ${order}`,
      sql.values,
    ),
  );
  return rows;
}

/** Incidents the principal may see, limited and ordered on rm_incidents alone, then joined for display. */
export async function selectIncidents(pool: Pool, principal: Principal, selection: RowSelection = {}): Promise<IncidentRow[]> {
  const sql = new SqlParams();
  const visibility = incidentVisibility(await visibilityScope(pool, principal), sql);
  const where = [visibility.visible, ...(selection.where?.(sql) ?? [])];
  const order = selection.orderBy ? `ORDER BY ${selection.orderBy}` : '';
  const limit = selection.limit !== undefined ? `LIMIT ${Math.trunc(selection.limit)}` : '';
  const { rows } = await pool.query<IncidentRow>(
    statement(
      selection,
      `SELECT ${INCIDENT_COLUMNS}
       FROM (SELECT i.*, ${visibility.full} AS full_access FROM rm_incidents i WHERE ${where.join(' AND ')} ${order} ${limit}) i
       ${INCIDENT_JOINS}
      ${order}`,
      sql.values,
    ),
  );
  return rows;
}

const statement = (selection: RowSelection, text: string, values: unknown[]): QueryConfig => (selection.prepare ? prepared(text, values) : { text, values });
