import { defaultRolePermissions, permissionsOf, permissionsOfRoles, roles } from '@switchboard/identity/domain';
import type { Principal, Role } from '@switchboard/identity/domain';
import { DomainRuleError, checkDepartmentMove, setsPriority } from '@switchboard/service-desk/domain';
import type { Incident, ServiceRequest } from '@switchboard/service-desk/domain';
import { incidentAccess, mayAssignRequest, mayTakeRequest, requestAccess, worksIncidentQueues, worksRequestQueues } from './access';
import type { Access } from './access';

/**
 * ADR 0031: the default role → permissions mapping reproduces the role table that access.ts had
 * before permissions were data. The old rules are frozen here, verbatim but for their names, and
 * every role alone and every pair of roles meets every situation of a request and an incident.
 */
const rank: Record<Access, number> = { none: 0, read: 1, write: 2 };
const best = (grants: readonly Access[]): Access => grants.reduce<Access>((a, b) => (rank[b] > rank[a] ? b : a), 'none');

function oldRequestAccess(principal: Principal, request: ServiceRequest, incident: Incident | undefined, incidentGroup: string | undefined): Access {
  const grants: Access[] = [];
  if (principal.roles.includes('HelpDeskUser') && request.assigneeId === principal.userId) grants.push('write');
  if (principal.roles.includes('HelpDeskUser') && request.assigneeId === undefined && request.department && principal.departments.includes(request.department))
    grants.push('read');
  if (principal.roles.includes('HelpDeskManager') && request.department && principal.departments.includes(request.department)) grants.push('write');
  if (principal.roles.includes('SL3User') && incident?.assigneeId === principal.userId) grants.push('read');
  if (principal.roles.includes('SL3Manager') && incidentGroup && principal.workGroups.includes(incidentGroup)) grants.push('read');
  grants.push(oldSiteStaffRequestAccess(principal, request), oldTechnicianRequestAccess(principal, request));
  return best(grants);
}

// The site staff's and technicians' rules of ADR 0032, as they were written on roles (site-staff.ts, frozen).
const worksSiteRequests = (held: readonly string[]): boolean => held.some((role) => ['SiteManager', 'ClientManager', 'Dispatcher'].includes(role));
const readsEverySiteRequest = (held: readonly string[]): boolean => held.includes('ClientService');
const assignsSiteRequests = (held: readonly string[]): boolean => held.some((role) => ['SiteManager', 'Dispatcher'].includes(role));
const isTechnician = (held: readonly string[]): boolean => held.includes('Technician');
const coversSite = (sites: readonly string[] | undefined, siteSlug: string | undefined): boolean => siteSlug !== undefined && (sites ?? []).includes(siteSlug);

function oldSiteStaffRequestAccess(principal: Principal, request: Pick<ServiceRequest, 'siteSlug'>): Access {
  if (request.siteSlug === undefined) return 'none';
  if (worksSiteRequests(principal.roles) && coversSite(principal.sites, request.siteSlug)) return 'write';
  if (readsEverySiteRequest(principal.roles)) return 'read';
  return 'none';
}

// Changed on purpose after the merge (review): a technician's queue is their sites' requests in no
// department queue (`request.department === undefined`); a department's queue stays the help desk's.
function oldTechnicianRequestAccess(principal: Principal, request: Pick<ServiceRequest, 'assigneeId' | 'siteSlug' | 'department'>): Access {
  if (!isTechnician(principal.roles)) return 'none';
  if (request.assigneeId === principal.userId) return 'write';
  if (request.assigneeId === undefined && request.department === undefined && coversSite(principal.sites, request.siteSlug)) return 'read';
  return 'none';
}

const oldMayAssignRequest = (principal: Principal, request: Pick<ServiceRequest, 'siteSlug'>): boolean =>
  oldWorksRequestQueues(principal) || (assignsSiteRequests(principal.roles) && coversSite(principal.sites, request.siteSlug));

const oldMayTakeRequest = (principal: Principal, request: Pick<ServiceRequest, 'department' | 'siteSlug'>): boolean =>
  (oldWorksRequestQueues(principal) && request.department !== undefined && principal.departments.includes(request.department)) ||
  (isTechnician(principal.roles) && request.department === undefined && coversSite(principal.sites, request.siteSlug));

// Priority and department moves, as they were written on roles (priority.ts, assignment-rules.ts).
const oldSetsPriority = (principal: Principal, entity: 'request' | 'incident'): boolean =>
  principal.roles.includes(entity === 'request' ? 'HelpDeskManager' : 'SL3Manager');
const oldMovesDepartment = (principal: Principal): boolean => principal.roles.includes('HelpDeskManager');
const movesDepartment = (principal: Principal): boolean => {
  try {
    checkDepartmentMove(permissionsOf(principal), 'north', 'south', true);
    return true;
  } catch (error) {
    if (error instanceof DomainRuleError && error.rule === 'department-move-needs-manager') return false;
    throw error;
  }
};

function oldIncidentAccess(principal: Principal, incident: Incident, incidentGroup: string | undefined, request: ServiceRequest | undefined): Access {
  const grants: Access[] = [];
  const inMyWorkGroup = incidentGroup !== undefined && principal.workGroups.includes(incidentGroup);
  if (principal.roles.includes('SL3User') && incident.assigneeId === principal.userId) grants.push('write');
  if (principal.roles.includes('SL3User') && incident.assigneeId === undefined && inMyWorkGroup) grants.push('read');
  if (principal.roles.includes('SL3Manager') && inMyWorkGroup) grants.push('write');
  if (principal.roles.includes('HelpDeskUser') && request?.assigneeId === principal.userId) grants.push('read');
  if (principal.roles.includes('HelpDeskManager') && request?.department && principal.departments.includes(request.department)) grants.push('read');
  return best(grants);
}

const oldWorksRequestQueues = (principal: Principal) => principal.roles.some((role) => role === 'HelpDeskUser' || role === 'HelpDeskManager');
const oldWorksIncidentQueues = (principal: Principal) => principal.roles.some((role) => role === 'SL3User' || role === 'SL3Manager');

const roleSets: Role[][] = [[], ...roles.map((r) => [r]), ...roles.flatMap((a, i) => roles.slice(i + 1).map((b) => [a, b]))];
const request = (assigneeId: string | undefined, department: string | undefined, siteSlug?: string): ServiceRequest => ({
  exists: true,
  id: 'r',
  status: 'IN_PROGRESS',
  contact: { channel: 'sms', address: '+1' },
  department,
  assigneeId,
  ...(siteSlug ? { siteSlug } : {}),
  messageIds: new Set(),
  replyIds: new Set(),
  notificationIds: new Set(),
  outboundOutcomes: new Map(),
});
const incident = (assigneeId: string | undefined): Incident => ({
  exists: true,
  id: 'i',
  requestId: 'r',
  status: 'ASSIGNED',
  serviceCode: 1,
  workGroupCode: 301,
  assigneeId,
  narrativeIds: new Set(),
});
const assignees = ['me', 'someone', undefined];
const requests = assignees.flatMap((a) =>
  [undefined, 'river-park', 'old-town'].flatMap((site) => [request(a, 'north', site), request(a, 'south', site), request(a, undefined, site)]),
);
const incidents = [undefined, ...assignees.map(incident)];
const groups = ['network', 'billing', undefined];

describe('the default permission mapping', () => {
  it.each(roleSets.map((set) => [set.join('+') || 'no role', set] as const))(
    'gives %s the same access to requests and incidents as the old role table',
    (_, set) => {
      // Each principal once as resolved by the guard (permissions set) and once as built elsewhere (the default on read).
      const resolved: Principal = {
        userId: 'me',
        username: 'me',
        roles: set,
        departments: ['north'],
        workGroups: ['network'],
        sites: ['river-park'],
        permissions: permissionsOfRoles(set),
      };
      const { permissions: _p, ...unresolved } = resolved;
      for (const principal of [resolved, unresolved]) {
        for (const r of requests)
          for (const i of incidents)
            for (const g of groups) {
              expect([set, r.assigneeId, r.department, i?.assigneeId, g, requestAccess(principal, r, i, g)]).toEqual([
                set,
                r.assigneeId,
                r.department,
                i?.assigneeId,
                g,
                oldRequestAccess(principal, r, i, g),
              ]);
              if (i) expect(incidentAccess(principal, i, g, r)).toBe(oldIncidentAccess(principal, i, g, r));
            }
        for (const r of requests) {
          expect(mayAssignRequest(principal, r)).toBe(oldMayAssignRequest(principal, r));
          expect(mayTakeRequest(principal, r)).toBe(oldMayTakeRequest(principal, r));
        }
        expect(worksRequestQueues(principal)).toBe(oldWorksRequestQueues(principal));
        expect(worksIncidentQueues(principal)).toBe(oldWorksIncidentQueues(principal));
        expect(setsPriority(permissionsOf(principal), 'request')).toBe(oldSetsPriority(principal, 'request'));
        expect(setsPriority(permissionsOf(principal), 'incident')).toBe(oldSetsPriority(principal, 'incident'));
        expect(movesDepartment(principal)).toBe(oldMovesDepartment(principal));
      }
    },
  );

  it('follows a change of the mapping: a HelpDeskUser without request.work:own no longer acts on their own request', () => {
    const withoutOwn = new Set([...defaultRolePermissions.HelpDeskUser].filter((p) => p !== 'request.work:own'));
    const principal: Principal = { userId: 'me', username: 'me', roles: ['HelpDeskUser'], departments: ['north'], workGroups: [], permissions: withoutOwn };
    expect(requestAccess(principal, request('me', 'south'), undefined, undefined)).toBe('none');
    expect(requestAccess({ ...principal, permissions: permissionsOfRoles(['HelpDeskUser']) }, request('me', 'south'), undefined, undefined)).toBe('write');
  });
});
