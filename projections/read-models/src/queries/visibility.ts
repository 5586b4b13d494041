import { permissionsOf } from '@switchboard/identity/domain';
import type { Permission, Principal } from '@switchboard/identity/domain';
import type { Pool } from 'pg';
import type { SqlParams } from './sql';

/**
 * Visibility as SQL, for the WHERE clause of every query (never a filter after fetching).
 * docs/architecture.md, "Roles and visibility". Each rule is a permission (ADR 0031); the table is
 * the default mapping (the roles hold what the API's mapping gives them now):
 *
 * |                 | requests                                       | incidents                                     |
 * | HelpDeskUser    | full, own (request.work:own)                   | read-only, those of their requests (incident.read:my-requests)   |
 * | HelpDeskManager | full, whole department (request.work:department) | read-only, the department's (incident.read:department)         |
 * | SL3User         | read-only, their incidents' (request.read:my-incidents) | full, own (incident.work:own)                           |
 * | SL3Manager      | read-only, the work group's (request.read:work-group) | full, whole work group incl. unassigned (incident.work:work-group) |
 * | Resident        | read-only, their client's (through the portal)  | none                                          |
 * | SiteManager, ClientManager, Dispatcher | full, their sites' (`site_slug`; request.work:site) | none       |
 * | ClientService   | read-only, every site's (`site_slug IS NOT NULL`; request.read:every-site) | none              |
 * | Technician      | full, own (request.work:assigned); read-only, their sites' unassigned in no department (request.take:site) | none |
 *
 * Besides, the queues: a HelpDeskUser reads the unassigned requests of their departments
 * (request.read:department-queue) and an SL3User the unassigned incidents of their work groups
 * (incident.read:work-group-queue), the items they may take.
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
  /** What the principal's roles allow under the current mapping. */
  readonly permissions: ReadonlySet<Permission>;
  readonly departments: readonly string[];
  readonly workGroupCodes: readonly number[];
  /** A resident's client (set by the portal, ADR 0030): they read that client's requests, change none. */
  readonly residentOf?: string;
  /** Sites the person covers (`/sites/<slug>` groups): site staff's and technicians' scope (ADR 0032). */
  readonly sites?: readonly string[];
}

/** Work groups are Keycloak group names; incidents carry catalogue codes (see rm_work_group_access). */
export async function visibilityScope(pool: Pool, principal: Principal): Promise<VisibilityScope> {
  const permissions = permissionsOf(principal);
  const byWorkGroup: readonly Permission[] = [
    'request.read:work-group',
    'incident.read:work-group-queue',
    'incident.work:work-group',
    'incident.take:work-group',
    'team.read:work-group',
  ];
  let workGroupCodes: number[] = [];
  if (byWorkGroup.some((p) => permissions.has(p)) && principal.workGroups.length > 0) {
    const { rows } = await pool.query<{ code: number }>(
      'SELECT DISTINCT code FROM rm_work_group_access WHERE keycloak_group = ANY ($1::text[]) ORDER BY code',
      [principal.workGroups],
    );
    workGroupCodes = rows.map((r) => r.code);
  }
  return {
    userId: principal.userId,
    permissions,
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
  if (scope.permissions.has('request.work:own')) {
    const own = `${r}.assignee_id = ${sql.add(scope.userId)}`;
    visible.push(own);
    full.push(own);
  }
  if (scope.permissions.has('request.read:department-queue')) {
    if (scope.departments.length > 0) visible.push(`(${r}.assignee_id IS NULL AND ${inList(`${r}.department`, scope.departments, sql, 'text')})`);
  }
  if (scope.permissions.has('request.work:department') && scope.departments.length > 0) {
    const department = inList(`${r}.department`, scope.departments, sql, 'text');
    visible.push(department);
    full.push(department);
  }
  if (scope.permissions.has('request.read:my-incidents')) visible.push(`${r}.incident_assignee_id = ${sql.add(scope.userId)}`);
  if (scope.permissions.has('request.read:work-group') && scope.workGroupCodes.length > 0)
    visible.push(inList(`${r}.incident_work_group_code`, scope.workGroupCodes, sql, 'int'));
  if (scope.residentOf) visible.push(`${r}.client_id = ${sql.add(scope.residentOf)}::uuid`);
  siteStaffRequests(scope, sql, r, visible, full);
  technicianRequests(scope, sql, r, visible, full);
  return { visible: anyOf(visible), full: anyOf(full) };
}

/**
 * Site staff (ADR 0032; `siteStaffRequestAccess` on the write side): `request.work:site` changes the
 * requests of their sites, `request.read:every-site` reads every site's. One column,
 * `site_slug` (indexed with the list order).
 */
function siteStaffRequests(scope: VisibilityScope, sql: SqlParams, r: string, visible: string[], full: string[]): void {
  const sites = scope.sites ?? [];
  if (scope.permissions.has('request.work:site') && sites.length > 0) {
    const ofMySites = inList(`${r}.site_slug`, sites, sql, 'text');
    visible.push(ofMySites);
    full.push(ofMySites);
  }
  if (scope.permissions.has('request.read:every-site')) visible.push(`${r}.site_slug IS NOT NULL`);
}

/**
 * Technicians (ADR 0032; `technicianRequestAccess` on the write side): full on their own, read-only
 * on the unassigned requests of their sites in no department queue (the items they may take; a
 * department's queue stays the help desk's).
 */
function technicianRequests(scope: VisibilityScope, sql: SqlParams, r: string, visible: string[], full: string[]): void {
  if (scope.permissions.has('request.work:assigned')) {
    const own = `${r}.assignee_id = ${sql.add(scope.userId)}`;
    visible.push(own);
    full.push(own);
  }
  const sites = scope.sites ?? [];
  if (scope.permissions.has('request.take:site') && sites.length > 0)
    visible.push(`(${r}.assignee_id IS NULL AND ${r}.department IS NULL AND ${inList(`${r}.site_slug`, sites, sql, 'text')})`);
}

/** For `rm_incidents` under alias `i`. */
export function incidentVisibility(scope: VisibilityScope, sql: SqlParams, i = 'i'): Visibility {
  const visible: string[] = [];
  const full: string[] = [];
  if (scope.permissions.has('incident.read:my-requests')) visible.push(`${i}.request_assignee_id = ${sql.add(scope.userId)}`);
  if (scope.permissions.has('incident.read:department') && scope.departments.length > 0)
    visible.push(inList(`${i}.request_department`, scope.departments, sql, 'text'));
  if (scope.permissions.has('incident.work:own')) {
    const own = `${i}.assignee_id = ${sql.add(scope.userId)}`;
    visible.push(own);
    full.push(own);
  }
  if (scope.permissions.has('incident.read:work-group-queue')) {
    if (scope.workGroupCodes.length > 0) visible.push(`(${i}.assignee_id IS NULL AND ${inList(`${i}.work_group_code`, scope.workGroupCodes, sql, 'int')})`);
  }
  if (scope.permissions.has('incident.work:work-group') && scope.workGroupCodes.length > 0) {
    const workGroup = inList(`${i}.work_group_code`, scope.workGroupCodes, sql, 'int');
    visible.push(workGroup);
    full.push(workGroup);
  }
  return { visible: anyOf(visible), full: anyOf(full) };
}
