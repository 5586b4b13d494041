import { coversSite, holds, permissionsOf } from '@switchboard/identity/domain';
import type { Principal } from '@switchboard/identity/domain';
import { checkRequestAssignee, checkSiteAssignee } from '@switchboard/service-desk/domain';
import type { Assignee, Incident, ServiceRequest } from '@switchboard/service-desk/domain';

/** What a principal may do with one entity: nothing (it does not exist for them), look, or act. */
export type Access = 'none' | 'read' | 'write';

const rank: Record<Access, number> = { none: 0, read: 1, write: 2 };
const best = (grants: readonly Access[]): Access => grants.reduce<Access>((a, b) => (rank[b] > rank[a] ? b : a), 'none');

/**
 * The rules of docs/architecture.md for service requests, on the write model's state, one per
 * permission (ADR 0031; the default mapping gives them to the roles of the table): `work:own` full
 * on their own, `work:department` full on their department's, `read:my-incidents` read-only on
 * those of their incidents, `read:work-group` read-only on those of their work group's incidents.
 */
export function requestAccess(principal: Principal, request: ServiceRequest, incident: Incident | undefined, incidentGroup: string | undefined): Access {
  const grants: Access[] = [];
  const held = permissionsOf(principal);
  if (held.has('request.work:own') && request.assigneeId === principal.userId) grants.push('write');
  // The queue: unassigned requests of their departments, which they may take.
  if (held.has('request.read:department-queue') && request.assigneeId === undefined && request.department && principal.departments.includes(request.department))
    grants.push('read');
  if (held.has('request.work:department') && request.department && principal.departments.includes(request.department)) grants.push('write');
  if (held.has('request.read:my-incidents') && incident?.assigneeId === principal.userId) grants.push('read');
  if (held.has('request.read:work-group') && incidentGroup && principal.workGroups.includes(incidentGroup)) grants.push('read');
  grants.push(siteStaffRequestAccess(principal, request), technicianRequestAccess(principal, request));
  return best(grants);
}

/**
 * Site staff (ADR 0032; ADR 0031's default mapping): `request.work:site` (SiteManager, ClientManager,
 * Dispatcher) full on the requests of their sites (`/sites/<slug>`), `request.read:every-site`
 * (ClientService, head office) read-only on every site's. A request
 * registered for no unit or building has no site and is none of theirs.
 */
export function siteStaffRequestAccess(principal: Principal, request: Pick<ServiceRequest, 'siteSlug'>): Access {
  if (request.siteSlug === undefined) return 'none';
  if (holds(principal, 'request.work:site') && coversSite(principal.sites, request.siteSlug)) return 'write';
  if (holds(principal, 'request.read:every-site')) return 'read';
  return 'none';
}

/**
 * A technician (ADR 0032): `request.work:assigned` full on the requests assigned to them;
 * `request.take:site` read-only on the unassigned ones of their sites in no department queue,
 * which they may take. Someone else's is none of theirs, nor a department queue's.
 */
export function technicianRequestAccess(principal: Principal, request: Pick<ServiceRequest, 'assigneeId' | 'siteSlug' | 'department'>): Access {
  if (holds(principal, 'request.work:assigned') && request.assigneeId === principal.userId) return 'write';
  if (request.assigneeId === undefined && technicianMayTake(principal, request)) return 'read';
  return 'none';
}

/**
 * Who may (re)assign a request they may change: the help desk (as before), a site manager or
 * dispatcher of its site (`request.assign:site`). A client manager or a technician works it but hands it to nobody (403).
 */
export function mayAssignRequest(principal: Principal, request: Pick<ServiceRequest, 'siteSlug'>): boolean {
  return worksRequestQueues(principal) || (holds(principal, 'request.assign:site') && coversSite(principal.sites, request.siteSlug));
}

/**
 * Whether the principal assigns as the help desk (any help-desk operator of the department may
 * take it): a queue worker of the request's department, or of any when it is in none. Whoever
 * assigns by `request.assign:site` alone hands it only to a technician of its site (ADR 0032).
 */
export function assignsAsHelpDesk(principal: Principal, request: Pick<ServiceRequest, 'department'>): boolean {
  return worksRequestQueues(principal) && (request.department === undefined || principal.departments.includes(request.department));
}

/**
 * The assignee rule for this assigner (who `mayAssignRequest`): the help desk's (a help-desk operator
 * of `department`, or a technician of the site), or, assigning by site alone, a technician of the
 * request's site (`assignee-not-site-technician`, `assignee-not-on-site`, …: 422 naming the rule).
 */
export function checkAssigneeFor(
  principal: Principal,
  request: Pick<ServiceRequest, 'department' | 'siteSlug'>,
  given: string,
  found: Assignee | undefined,
  department: string | undefined,
): Assignee {
  return assignsAsHelpDesk(principal, request)
    ? checkRequestAssignee(given, found, department, request.siteSlug)
    : checkSiteAssignee(given, found, request.siteSlug);
}

/**
 * The rules for incidents: `work:own` full on their own, `work:work-group` full on the work group's
 * incl. unassigned (so a manager may take a NEW incident straight to work), `read:my-requests` and
 * `read:department` read-only on those of their (department's) requests.
 */
export function incidentAccess(principal: Principal, incident: Incident, incidentGroup: string | undefined, request: ServiceRequest | undefined): Access {
  const grants: Access[] = [];
  const inMyWorkGroup = incidentGroup !== undefined && principal.workGroups.includes(incidentGroup);
  const held = permissionsOf(principal);
  if (held.has('incident.work:own') && incident.assigneeId === principal.userId) grants.push('write');
  if (held.has('incident.read:work-group-queue') && incident.assigneeId === undefined && inMyWorkGroup) grants.push('read');
  if (held.has('incident.work:work-group') && inMyWorkGroup) grants.push('write');
  if (held.has('incident.read:my-requests') && request?.assigneeId === principal.userId) grants.push('read');
  if (held.has('incident.read:department') && request?.department && principal.departments.includes(request.department)) grants.push('read');
  return best(grants);
}

/** Who works requests' queues (of their departments): `request.take:department` (help-desk operators and managers by default). */
export const worksRequestQueues = (principal: Principal): boolean => holds(principal, 'request.take:department');

/** Who works incidents' queues (of their work groups): `incident.take:work-group` (L3 engineers and managers by default). */
export const worksIncidentQueues = (principal: Principal): boolean => holds(principal, 'incident.take:work-group');

/**
 * Who may take a request from the queue: a help-desk operator of its department, or a technician
 * of its site (ADR 0032). Checked on the department and site alone, not the assignee, so that
 * whoever lost the race hears "taken" (409), not "no such request".
 */
export function mayTakeRequest(principal: Principal, request: Pick<ServiceRequest, 'department' | 'siteSlug'>): boolean {
  return (
    (worksRequestQueues(principal) && request.department !== undefined && principal.departments.includes(request.department)) ||
    technicianMayTake(principal, request)
  );
}

/**
 * A technician takes the unassigned requests of their sites that are in no department queue (ADR
 * 0032: the site's queue; a department's stays the help desk's, which assigns a technician from it).
 */
export const technicianMayTake = (principal: Principal, request: Pick<ServiceRequest, 'siteSlug' | 'department'>): boolean =>
  holds(principal, 'request.take:site') && request.department === undefined && coversSite(principal.sites, request.siteSlug);

/** Who may take an incident from the queue: an L3 engineer of its work group. */
export function mayTakeIncident(principal: Principal, incidentGroup: string | undefined): boolean {
  return worksIncidentQueues(principal) && incidentGroup !== undefined && principal.workGroups.includes(incidentGroup);
}
