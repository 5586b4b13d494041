import type { IncidentListItem, IncidentState, RequestListItem, RequestState } from '../api/models';

/**
 * What the operator may do with a request or incident right now, computed in the browser from its
 * state and the `access` the API reports. Interim: the API's detail answers will carry
 * `allowedActions` (issue 11); phase 2 replaces this module with that field. The table mirrors the
 * state machine's (the API's 422 answers list the same actions).
 */
export const requestActions = ['assign', 'link-client', 'link-order', 'reply', 'escalate', 'close'] as const;
export type RequestAction = (typeof requestActions)[number];

export const incidentActions = ['assign', 'start', 'hold', 'resume', 'narrative', 'resolve', 'close', 'unlink'] as const;
export type IncidentAction = (typeof incidentActions)[number];

const byRequestState: Record<RequestState, readonly RequestAction[]> = {
  NEW: ['assign', 'link-client', 'link-order', 'reply', 'close'],
  IN_PROGRESS: ['assign', 'link-client', 'link-order', 'reply', 'escalate', 'close'],
  ESCALATED: ['assign', 'link-client', 'link-order', 'reply'],
  CLOSED: [],
};

const byIncidentState: Record<IncidentState, readonly IncidentAction[]> = {
  NEW: ['assign', 'start', 'unlink'],
  ASSIGNED: ['assign', 'start', 'narrative', 'unlink'],
  IN_WORK: ['assign', 'hold', 'narrative', 'resolve', 'unlink'],
  ON_HOLD: ['assign', 'resume', 'narrative', 'unlink'],
  RESOLVED: ['close', 'unlink'],
  CLOSED: [],
  CANCELLED: [],
};

export function allowedRequestActions(request: Pick<RequestListItem, 'state' | 'access' | 'clientId'>): readonly RequestAction[] {
  if (request.access !== 'full') return [];
  // An order belongs to a client: the state machine refuses an order before the client.
  return byRequestState[request.state].filter((action) => action !== 'link-order' || request.clientId !== null);
}

export function allowedIncidentActions(incident: Pick<IncidentListItem, 'state' | 'access'>): readonly IncidentAction[] {
  return incident.access === 'full' ? byIncidentState[incident.state] : [];
}
