import type { IncidentListFilters, RequestListFilters } from '../api/models';
import { isTechnician, readsSiteRequests } from '../auth/principal';
import type { Principal } from '../auth/principal';

/** A role's own queue: what "My work" opens with (the API scopes every list to what the user may see). */
export type Queue =
  | {
      readonly id: 'my-requests' | 'department-requests' | 'site-requests' | 'site-queue';
      readonly resource: 'requests';
      readonly filters: RequestListFilters;
    }
  | { readonly id: 'my-incidents' | 'work-group-incidents'; readonly resource: 'incidents'; readonly filters: IncidentListFilters };

const openRequests = ['NEW', 'IN_PROGRESS', 'ESCALATED'] as const;
const openIncidents = ['NEW', 'ASSIGNED', 'IN_WORK', 'ON_HOLD', 'RESOLVED'] as const;

export function queuesOf(principal: Principal): Queue[] {
  const queues: Queue[] = [];
  if (principal.roles.includes('HelpDeskManager')) queues.push({ id: 'department-requests', resource: 'requests', filters: { state: [...openRequests] } });
  if (principal.roles.includes('HelpDeskUser')) queues.push({ id: 'my-requests', resource: 'requests', filters: { state: [...openRequests], assignee: 'me' } });
  if (principal.roles.includes('SL3Manager')) queues.push({ id: 'work-group-incidents', resource: 'incidents', filters: { state: [...openIncidents] } });
  if (principal.roles.includes('SL3User')) queues.push({ id: 'my-incidents', resource: 'incidents', filters: { state: [...openIncidents], assignee: 'me' } });
  // Site staff (ADR 0032): the API scopes the list to their sites' requests.
  if (readsSiteRequests(principal)) queues.push({ id: 'site-requests', resource: 'requests', filters: { state: [...openRequests] } });
  if (isTechnician(principal)) {
    if (!principal.roles.includes('HelpDeskUser'))
      queues.push({ id: 'my-requests', resource: 'requests', filters: { state: [...openRequests], assignee: 'me' } });
    queues.push({ id: 'site-queue', resource: 'requests', filters: { state: [...openRequests], assignee: 'none' } });
  }
  return queues;
}

export const openRequestStates = openRequests;
export const openIncidentStates = openIncidents;
