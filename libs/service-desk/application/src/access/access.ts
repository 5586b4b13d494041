import { assignsSiteRequests, coversSite, isTechnician, readsEverySiteRequest, worksSiteRequests } from '@switchboard/identity/domain';
import type { Principal } from '@switchboard/identity/domain';
import type { Incident, ServiceRequest } from '@switchboard/service-desk/domain';

/** What a principal may do with one entity: nothing (it does not exist for them), look, or act. */
export type Access = 'none' | 'read' | 'write';

const rank: Record<Access, number> = { none: 0, read: 1, write: 2 };
const best = (grants: readonly Access[]): Access => grants.reduce<Access>((a, b) => (rank[b] > rank[a] ? b : a), 'none');

/**
 * The role table of docs/architecture.md for service requests, on the write model's state:
 * HelpDeskUser full on their own, HelpDeskManager full on their department's, SL3User read-only on
 * those of their incidents, SL3Manager read-only on those of their work group's incidents.
 */
export function requestAccess(principal: Principal, request: ServiceRequest, incident: Incident | undefined, incidentGroup: string | undefined): Access {
  const grants: Access[] = [];
  if (principal.roles.includes('HelpDeskUser') && request.assigneeId === principal.userId) grants.push('write');
  // The queue: unassigned requests of their departments, which they may take.
  if (principal.roles.includes('HelpDeskUser') && request.assigneeId === undefined && request.department && principal.departments.includes(request.department))
    grants.push('read');
  if (principal.roles.includes('HelpDeskManager') && request.department && principal.departments.includes(request.department)) grants.push('write');
  if (principal.roles.includes('SL3User') && incident?.assigneeId === principal.userId) grants.push('read');
  if (principal.roles.includes('SL3Manager') && incidentGroup && principal.workGroups.includes(incidentGroup)) grants.push('read');
  grants.push(siteStaffRequestAccess(principal, request), technicianRequestAccess(principal, request));
  return best(grants);
}

/**
 * Site staff (ADR 0032): SiteManager, ClientManager and Dispatcher full on the requests of their
 * sites (`/sites/<slug>`), ClientService (head office) read-only on every site's. A request
 * registered for no unit or building has no site and is none of theirs.
 */
export function siteStaffRequestAccess(principal: Principal, request: Pick<ServiceRequest, 'siteSlug'>): Access {
  if (request.siteSlug === undefined) return 'none';
  if (worksSiteRequests(principal.roles) && coversSite(principal.sites, request.siteSlug)) return 'write';
  if (readsEverySiteRequest(principal.roles)) return 'read';
  return 'none';
}

/**
 * A technician (ADR 0032): full on the requests assigned to them; read-only on the unassigned ones
 * of their sites, which they may take. Someone else's is none of theirs.
 */
export function technicianRequestAccess(principal: Principal, request: Pick<ServiceRequest, 'assigneeId' | 'siteSlug'>): Access {
  if (!isTechnician(principal.roles)) return 'none';
  if (request.assigneeId === principal.userId) return 'write';
  if (request.assigneeId === undefined && coversSite(principal.sites, request.siteSlug)) return 'read';
  return 'none';
}

/**
 * Who may (re)assign a request they may change: the help desk (as before), a site manager or
 * dispatcher of its site. A client manager or a technician works it but hands it to nobody (403).
 */
export function mayAssignRequest(principal: Principal, request: Pick<ServiceRequest, 'siteSlug'>): boolean {
  return worksRequestQueues(principal) || (assignsSiteRequests(principal.roles) && coversSite(principal.sites, request.siteSlug));
}

/**
 * The role table for incidents: SL3User full on their own, SL3Manager full on the work group's
 * incl. unassigned (so a manager may take a NEW incident straight to work), HelpDeskUser and
 * HelpDeskManager read-only on those of their (department's) requests.
 */
export function incidentAccess(principal: Principal, incident: Incident, incidentGroup: string | undefined, request: ServiceRequest | undefined): Access {
  const grants: Access[] = [];
  const inMyWorkGroup = incidentGroup !== undefined && principal.workGroups.includes(incidentGroup);
  if (principal.roles.includes('SL3User') && incident.assigneeId === principal.userId) grants.push('write');
  if (principal.roles.includes('SL3User') && incident.assigneeId === undefined && inMyWorkGroup) grants.push('read');
  if (principal.roles.includes('SL3Manager') && inMyWorkGroup) grants.push('write');
  if (principal.roles.includes('HelpDeskUser') && request?.assigneeId === principal.userId) grants.push('read');
  if (principal.roles.includes('HelpDeskManager') && request?.department && principal.departments.includes(request.department)) grants.push('read');
  return best(grants);
}

/** Who works requests' queues (of their departments): help-desk operators and managers. */
export const worksRequestQueues = (principal: Principal): boolean => principal.roles.some((role) => role === 'HelpDeskUser' || role === 'HelpDeskManager');

/** Who works incidents' queues (of their work groups): L3 engineers and managers. */
export const worksIncidentQueues = (principal: Principal): boolean => principal.roles.some((role) => role === 'SL3User' || role === 'SL3Manager');

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

/** A technician takes the unassigned requests of their sites (their queue is the site's). */
export const technicianMayTake = (principal: Principal, request: Pick<ServiceRequest, 'siteSlug'>): boolean =>
  isTechnician(principal.roles) && coversSite(principal.sites, request.siteSlug);

/** Who may take an incident from the queue: an L3 engineer of its work group. */
export function mayTakeIncident(principal: Principal, incidentGroup: string | undefined): boolean {
  return worksIncidentQueues(principal) && incidentGroup !== undefined && principal.workGroups.includes(incidentGroup);
}
