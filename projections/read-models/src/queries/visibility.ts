import { isTechnician, readsEverySiteRequest, worksSiteRequests } from '@switchboard/identity/domain';
import type { Principal, Role } from '@switchboard/identity/domain';
import type { Pool } from 'pg';
import type { SqlParams } from './sql';

/**
 * Visibility as SQL, for the WHERE clause of every query (never a filter after fetching).
 * docs/architecture.md, "Roles and visibility":
 *
 * |                 | requests                                       | incidents                                     |
 * | HelpDeskUser    | full, own (assigned to them)                   | read-only, those of their requests            |
 * | HelpDeskManager | full, whole department                         | read-only, those of the department's requests |
 * | SL3User         | read-only, those of their incidents            | full, own                                     |
 * | SL3Manager      | read-only, those of the work group's incidents | full, whole work group (incl. unassigned)     |
 * | Resident        | read-only, their client's (through the portal)  | none                                          |
 * | SiteManager, ClientManager, Dispatcher | full, their sites' (`site_slug`) | none                          |
 * | ClientService   | read-only, every site's (`site_slug IS NOT NULL`) | none                                        |
 * | Technician      | full, own (assigned to them); read-only, their sites' unassigned ones (take) | none          |
 *
 * Besides, the queues: a HelpDeskUser reads the unassigned requests of their departments and an
 * SL3User the unassigned incidents of their work groups, the items they may take.
 *
 * A user with several roles sees the union; `full` is the part they may also change. Every rule
 * is one column of the row (the projections copy the request's department and assignee onto its
 * incidents, and the incident's assignee and work group onto its request), each indexed with the
 * list order, so a page is one ordered index range whatever the role.
 */
export interface Visibility {
  /** Rows the principal may see. */
  readonly visible: string;
  /** Of those, rows the principal may change. */
  readonly full: string;
}

/** A principal with its Keycloak work groups resolved to catalogue codes. */
export interface VisibilityScope {
  readonly userId: string;
  readonly roles: ReadonlySet<Role>;
  readonly departments: readonly string[];
  readonly workGroupCodes: readonly number[];
  /** A resident's client (set by the portal, ADR 0030): they read that client's requests, change none. */
  readonly residentOf?: string;
  /** Sites the person covers (`/sites/<slug>` groups): site staff's and technicians' scope (ADR 0032). */
  readonly sites?: readonly string[];
}

/** Work groups are Keycloak group names; incidents carry catalogue codes (see rm_work_group_access). */
export async function visibilityScope(pool: Pool, principal: Principal): Promise<VisibilityScope> {
  const roles = new Set(principal.roles);
  let workGroupCodes: number[] = [];
  if ((roles.has('SL3Manager') || roles.has('SL3User')) && principal.workGroups.length > 0) {
    const { rows } = await pool.query<{ code: number }>(
      'SELECT DISTINCT code FROM rm_work_group_access WHERE keycloak_group = ANY ($1::text[]) ORDER BY code',
      [principal.workGroups],
    );
    workGroupCodes = rows.map((r) => r.code);
  }
  return {
    userId: principal.userId,
    roles,
    departments: principal.departments,
    workGroupCodes,
    ...(principal.residentOf ? { residentOf: principal.residentOf } : {}),
    ...(principal.sites?.length ? { sites: principal.sites } : {}),
  };
}

const anyOf = (conditions: readonly string[]): string => (conditions.length === 0 ? 'FALSE' : `(${conditions.join(' OR ')})`);

/** `column = value` for one value (an ordered index range), `= ANY` for several. */
export function inList(column: string, values: readonly (string | number)[], sql: SqlParams, type: 'text' | 'int'): string {
  return values.length === 1 ? `${column} = ${sql.add(values[0])}::${type}` : `${column} = ANY (${sql.add(values)}::${type}[])`;
}

/** For `rm_requests` under alias `r`. */
export function requestVisibility(scope: VisibilityScope, sql: SqlParams, r = 'r'): Visibility {
  const visible: string[] = [];
  const full: string[] = [];
  if (scope.roles.has('HelpDeskUser')) {
    const own = `${r}.assignee_id = ${sql.add(scope.userId)}`;
    visible.push(own);
    full.push(own);
    if (scope.departments.length > 0) visible.push(`(${r}.assignee_id IS NULL AND ${inList(`${r}.department`, scope.departments, sql, 'text')})`);
  }
  if (scope.roles.has('HelpDeskManager') && scope.departments.length > 0) {
    const department = inList(`${r}.department`, scope.departments, sql, 'text');
    visible.push(department);
    full.push(department);
  }
  if (scope.roles.has('SL3User')) visible.push(`${r}.incident_assignee_id = ${sql.add(scope.userId)}`);
  if (scope.roles.has('SL3Manager') && scope.workGroupCodes.length > 0) visible.push(inList(`${r}.incident_work_group_code`, scope.workGroupCodes, sql, 'int'));
  if (scope.residentOf) visible.push(`${r}.client_id = ${sql.add(scope.residentOf)}::uuid`);
  siteStaffRequests(scope, sql, r, visible, full);
  technicianRequests(scope, sql, r, visible, full);
  return { visible: anyOf(visible), full: anyOf(full) };
}

/**
 * Site staff (ADR 0032; `siteStaffRequestAccess` on the write side): SiteManager, ClientManager and
 * Dispatcher change the requests of their sites, ClientService reads every site's. One column,
 * `site_slug` (indexed with the list order).
 */
function siteStaffRequests(scope: VisibilityScope, sql: SqlParams, r: string, visible: string[], full: string[]): void {
  const sites = scope.sites ?? [];
  if (worksSiteRequests(scope.roles) && sites.length > 0) {
    const ofMySites = inList(`${r}.site_slug`, sites, sql, 'text');
    visible.push(ofMySites);
    full.push(ofMySites);
  }
  if (readsEverySiteRequest(scope.roles)) visible.push(`${r}.site_slug IS NOT NULL`);
}

/**
 * Technicians (ADR 0032; `technicianRequestAccess` on the write side): full on their own, read-only
 * on the unassigned requests of their sites (the items they may take).
 */
function technicianRequests(scope: VisibilityScope, sql: SqlParams, r: string, visible: string[], full: string[]): void {
  if (!isTechnician(scope.roles)) return;
  const own = `${r}.assignee_id = ${sql.add(scope.userId)}`;
  visible.push(own);
  full.push(own);
  const sites = scope.sites ?? [];
  if (sites.length > 0) visible.push(`(${r}.assignee_id IS NULL AND ${inList(`${r}.site_slug`, sites, sql, 'text')})`);
}

/** For `rm_incidents` under alias `i`. */
export function incidentVisibility(scope: VisibilityScope, sql: SqlParams, i = 'i'): Visibility {
  const visible: string[] = [];
  const full: string[] = [];
  if (scope.roles.has('HelpDeskUser')) visible.push(`${i}.request_assignee_id = ${sql.add(scope.userId)}`);
  if (scope.roles.has('HelpDeskManager') && scope.departments.length > 0) visible.push(inList(`${i}.request_department`, scope.departments, sql, 'text'));
  if (scope.roles.has('SL3User')) {
    const own = `${i}.assignee_id = ${sql.add(scope.userId)}`;
    visible.push(own);
    full.push(own);
    if (scope.workGroupCodes.length > 0) visible.push(`(${i}.assignee_id IS NULL AND ${inList(`${i}.work_group_code`, scope.workGroupCodes, sql, 'int')})`);
  }
  if (scope.roles.has('SL3Manager') && scope.workGroupCodes.length > 0) {
    const workGroup = inList(`${i}.work_group_code`, scope.workGroupCodes, sql, 'int');
    visible.push(workGroup);
    full.push(workGroup);
  }
  return { visible: anyOf(visible), full: anyOf(full) };
}
