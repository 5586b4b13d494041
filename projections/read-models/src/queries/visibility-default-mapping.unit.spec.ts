import { permissionsOfRoles, roles } from '@switchboard/identity/domain';
import type { Role } from '@switchboard/identity/domain';
import { SqlParams } from './sql';
import { incidentVisibility, inList, requestVisibility } from './visibility';
import type { Visibility, VisibilityScope } from './visibility';

/**
 * ADR 0031: under the default mapping, the visibility SQL is the very statement the role table
 * produced before permissions were data. The old composition is frozen here; every role alone and
 * every pair, with and without departments and work groups, gets the same WHERE text and parameters.
 */
interface OldScope {
  readonly userId: string;
  readonly roles: ReadonlySet<Role>;
  readonly departments: readonly string[];
  readonly workGroupCodes: readonly number[];
  readonly sites?: readonly string[];
}
// ADR 0032's role lists as they were (site-staff.ts), frozen: the live helpers may change.
const worksSiteRequests = (held: ReadonlySet<Role>): boolean => ['SiteManager', 'ClientManager', 'Dispatcher'].some((role) => held.has(role as Role));
const readsEverySiteRequest = (held: ReadonlySet<Role>): boolean => held.has('ClientService');
const isTechnician = (held: ReadonlySet<Role>): boolean => held.has('Technician');
const anyOf = (conditions: readonly string[]): string => (conditions.length === 0 ? 'FALSE' : `(${conditions.join(' OR ')})`);

function oldRequestVisibility(scope: OldScope, sql: SqlParams, r = 'r'): Visibility {
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
  // ADR 0032's site staff and technicians, as they were written on roles.
  const sites = scope.sites ?? [];
  if (worksSiteRequests(scope.roles) && sites.length > 0) {
    const ofMySites = inList(`${r}.site_slug`, sites, sql, 'text');
    visible.push(ofMySites);
    full.push(ofMySites);
  }
  if (readsEverySiteRequest(scope.roles)) visible.push(`${r}.site_slug IS NOT NULL`);
  if (isTechnician(scope.roles)) {
    const own = `${r}.assignee_id = ${sql.add(scope.userId)}`;
    visible.push(own);
    full.push(own);
    // Changed on purpose after the merge (review): the technicians' queue is their sites' requests in no department queue.
    if (sites.length > 0) visible.push(`(${r}.assignee_id IS NULL AND ${r}.department IS NULL AND ${inList(`${r}.site_slug`, sites, sql, 'text')})`);
  }
  return { visible: anyOf(visible), full: anyOf(full) };
}

function oldIncidentVisibility(scope: OldScope, sql: SqlParams, i = 'i'): Visibility {
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

const roleSets: Role[][] = [[], ...roles.map((r) => [r]), ...roles.flatMap((a, i) => roles.slice(i + 1).map((b) => [a, b]))];
const teams: [string[], number[], string[]][] = [
  [[], [], []],
  [['north'], [301], ['river-park']],
  [
    ['north', 'south'],
    [301, 302],
    ['river-park', 'old-town'],
  ],
];

describe('visibility under the default mapping', () => {
  it.each(roleSets.map((set) => [set.join('+') || 'no role', set] as const))('is the old role table’s SQL for %s', (_, set) => {
    for (const [departments, workGroupCodes, sites] of teams) {
      const old: OldScope = { userId: 'me', roles: new Set(set), departments, workGroupCodes, sites };
      const scope: VisibilityScope = { userId: 'me', permissions: permissionsOfRoles(set), departments, workGroupCodes, sites };
      for (const [now, before] of [
        [requestVisibility, oldRequestVisibility],
        [incidentVisibility, oldIncidentVisibility],
      ] as const) {
        const sqlNow = new SqlParams();
        const sqlBefore = new SqlParams();
        expect({ ...now(scope, sqlNow, 'x'), values: sqlNow.values }).toEqual({ ...before(old, sqlBefore, 'x'), values: sqlBefore.values });
      }
    }
  });

  it('drops a rule when its permission is revoked: HelpDeskUser without the queue sees only their own', () => {
    const permissions = new Set([...permissionsOfRoles(['HelpDeskUser'])].filter((p) => p !== 'request.read:department-queue'));
    const sql = new SqlParams();
    expect(requestVisibility({ userId: 'me', permissions, departments: ['north'], workGroupCodes: [] }, sql).visible).toBe('(r.assignee_id = $1)');
  });
});
