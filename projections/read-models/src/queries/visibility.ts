import type { Principal } from '@switchboard/identity/domain';
import type { SqlParams } from './sql';

/**
 * Visibility as SQL, for the WHERE clause of every query (never a filter after fetching).
 * ARCHITECTURE.md, "Roles and visibility":
 *
 * |                 | requests                                     | incidents                                   |
 * | HelpDeskUser    | full, own (assigned to them)                 | read-only, those of their requests          |
 * | HelpDeskManager | full, whole department                       | read-only, those of the department's requests |
 * | SL3User         | read-only, those of their incidents          | full, own                                   |
 * | SL3Manager      | read-only, those of the work group's incidents | full, whole work group (incl. unassigned) |
 *
 * A user with several roles sees the union. `full` is the part of what they see that they may
 * also change; the rest is read-only. Departments and work groups are Keycloak group names; an
 * incident carries a work-group code, mapped through `rm_work_group_access`.
 */
export interface Visibility {
  /** Rows the principal may see. */
  readonly visible: string;
  /** Of those, rows the principal may change. */
  readonly full: string;
}

const anyOf = (conditions: readonly string[]): string => (conditions.length === 0 ? 'FALSE' : `(${conditions.join(' OR ')})`);

function workGroupCodes(principal: Principal, sql: SqlParams): string {
  return `SELECT wg.code FROM rm_work_group_access wg WHERE wg.keycloak_group = ANY (${sql.add(principal.workGroups)}::text[])`;
}

/** For `rm_requests` under alias `r`. */
export function requestVisibility(principal: Principal, sql: SqlParams, r = 'r'): Visibility {
  const visible: string[] = [];
  const full: string[] = [];
  const roles = new Set(principal.roles);
  if (roles.has('HelpDeskUser')) {
    const own = `${r}.assignee_id = ${sql.add(principal.userId)}`;
    visible.push(own);
    full.push(own);
  }
  if (roles.has('HelpDeskManager') && principal.departments.length > 0) {
    const department = `${r}.department = ANY (${sql.add(principal.departments)}::text[])`;
    visible.push(department);
    full.push(department);
  }
  if (roles.has('SL3User')) {
    visible.push(`${r}.id IN (SELECT vi.request_id FROM rm_incidents vi WHERE vi.assignee_id = ${sql.add(principal.userId)})`);
  }
  if (roles.has('SL3Manager') && principal.workGroups.length > 0) {
    visible.push(`${r}.id IN (SELECT vi.request_id FROM rm_incidents vi WHERE vi.work_group_code IN (${workGroupCodes(principal, sql)}))`);
  }
  return { visible: anyOf(visible), full: anyOf(full) };
}

/** For `rm_incidents` under alias `i`. */
export function incidentVisibility(principal: Principal, sql: SqlParams, i = 'i'): Visibility {
  const visible: string[] = [];
  const full: string[] = [];
  const roles = new Set(principal.roles);
  if (roles.has('HelpDeskUser')) {
    visible.push(`${i}.request_id IN (SELECT vr.id FROM rm_requests vr WHERE vr.assignee_id = ${sql.add(principal.userId)})`);
  }
  if (roles.has('HelpDeskManager') && principal.departments.length > 0) {
    visible.push(`${i}.request_id IN (SELECT vr.id FROM rm_requests vr WHERE vr.department = ANY (${sql.add(principal.departments)}::text[]))`);
  }
  if (roles.has('SL3User')) {
    const own = `${i}.assignee_id = ${sql.add(principal.userId)}`;
    visible.push(own);
    full.push(own);
  }
  if (roles.has('SL3Manager') && principal.workGroups.length > 0) {
    const workGroup = `${i}.work_group_code IN (${workGroupCodes(principal, sql)})`;
    visible.push(workGroup);
    full.push(workGroup);
  }
  return { visible: anyOf(visible), full: anyOf(full) };
}
