import {
  allowedIncidentActions,
  allowedProblemActions,
  allowedRequestActions,
  incidentStatuses,
  problemStatuses,
  requestStatuses,
} from '@switchboard/service-desk/domain';
import type { IncidentStatus, ProblemStatus, RequestStatus } from '@switchboard/service-desk/domain';

const isRequestState = (state: string): state is RequestStatus | 'NONE' => state === 'NONE' || (requestStatuses as readonly string[]).includes(state);
const isIncidentState = (state: string): state is IncidentStatus | 'NONE' => state === 'NONE' || (incidentStatuses as readonly string[]).includes(state);
const isProblemState = (state: string): state is ProblemStatus | 'NONE' => state === 'NONE' || (problemStatuses as readonly string[]).includes(state);

/** The routes an operator can take from a state: what a 422 answer offers instead (the domain's transitions table). */
export function allowedActions(entity: 'request' | 'incident' | 'problem', state: string): string[] {
  if (entity === 'request') return isRequestState(state) ? allowedRequestActions(state) : [];
  if (entity === 'problem') return isProblemState(state) ? allowedProblemActions(state) : [];
  return isIncidentState(state) ? allowedIncidentActions(state) : [];
}
