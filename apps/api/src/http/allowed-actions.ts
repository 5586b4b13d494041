import type { IncidentStatus, RequestStatus } from '@switchboard/service-desk/domain';

/** The routes an operator can take from each state: what a 422 answer offers instead. */
export const requestActions: Record<RequestStatus | 'NONE', readonly string[]> = {
  NONE: [],
  NEW: ['assign', 'link-client', 'link-order', 'reply', 'close'],
  IN_PROGRESS: ['assign', 'link-client', 'link-order', 'reply', 'escalate', 'close'],
  ESCALATED: ['assign', 'link-client', 'link-order', 'reply'],
  CLOSED: [],
};

export const incidentActions: Record<IncidentStatus | 'NONE', readonly string[]> = {
  NONE: [],
  NEW: ['assign', 'start', 'unlink'],
  ASSIGNED: ['assign', 'start', 'narrative', 'unlink'],
  IN_WORK: ['assign', 'hold', 'narrative', 'resolve', 'unlink'],
  ON_HOLD: ['assign', 'resume', 'narrative', 'unlink'],
  RESOLVED: ['close', 'unlink'],
  CLOSED: [],
  CANCELLED: [],
};
