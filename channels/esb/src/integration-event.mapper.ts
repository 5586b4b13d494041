import type { RecordedEvent } from '@switchboard/eventstore';
import { asIncidentEvent, asProblemEvent, incidentStateEventTypes, isRequestEvent, stateChangeOf } from '@switchboard/service-desk/domain';
import type { IncidentEvent, IncidentEventType, IncidentStatus, ProblemEventType, RequestEventType } from '@switchboard/service-desk/domain';

/** What other systems on the bus learn: a small, stable contract, not our internal events. */
export interface IntegrationMessage {
  /** `request.registered`, `request.escalated`, `request.closed`, `incident.<state>` (lower case), `problem.opened|resolved|closed`. */
  readonly routingKey: string;
  readonly body: {
    /** The event's id; also the AMQP message-id, so consumers can drop a republished event. */
    readonly eventId: string;
    readonly type: string;
    readonly occurredAt: string;
    readonly data: Readonly<Record<string, unknown>>;
  };
}

/** Request events other systems hear about; of incidents, every state change (the domain's list). */
const requestSourceEventTypes = ['RequestRegistered', 'RequestEscalated', 'RequestClosed', 'RequestReopened'] as const satisfies readonly RequestEventType[];

/** Problems (mass incidents): opened, resolved, closed. */
const problemSourceEventTypes = ['ProblemOpened', 'ProblemResolved', 'ProblemClosed'] as const satisfies readonly ProblemEventType[];

/** The stored events that become integration events (the subscription's filter). */
export const integrationSourceEventTypes: readonly (RequestEventType | IncidentEventType | ProblemEventType)[] = [
  ...requestSourceEventTypes,
  ...incidentStateEventTypes,
  ...problemSourceEventTypes,
];

const incidentKey = (state: IncidentStatus): string => `incident.${state.toLowerCase()}`;

/** What an incident event adds to the state change it announces. */
function incidentDetails(event: IncidentEvent): Record<string, unknown> {
  switch (event.type) {
    case 'IncidentOpened':
      return { requestId: event.data.requestId, serviceCode: event.data.serviceCode, workGroupCode: event.data.workGroupCode };
    case 'IncidentAssigned':
    case 'IncidentStarted':
      return { assigneeId: event.data.assigneeId };
    case 'IncidentPutOnHold':
      return { reason: event.data.reason };
    case 'IncidentResolved':
      return { resolution: event.data.resolution, ...(event.data.problemId ? { problemId: event.data.problemId } : {}) };
    case 'IncidentClosed':
      return { requestId: event.data.requestId, workGroupCode: event.data.workGroupCode };
    case 'IncidentCancelled':
      return { requestId: event.data.requestId, workGroupCode: event.data.workGroupCode, reason: event.data.reason };
    default:
      return {};
  }
}

/** The integration event for a stored event, or undefined when it is not one other systems hear about. */
export function toIntegrationMessage(recorded: RecordedEvent): IntegrationMessage | undefined {
  const message = (routingKey: string, data: Record<string, unknown>): IntegrationMessage => ({
    routingKey,
    body: { eventId: recorded.id, type: routingKey, occurredAt: typeof data.at === 'string' ? data.at : recorded.createdAt.toISOString(), data },
  });
  if (isRequestEvent(recorded, 'RequestRegistered')) {
    const d = recorded.data;
    return message('request.registered', {
      requestId: d.requestId,
      at: d.at,
      by: d.by,
      channel: d.contact.channel,
      contactAddress: d.contact.address,
      subject: d.subject ?? null,
      clientId: d.clientId ?? null,
    });
  }
  if (isRequestEvent(recorded, 'RequestEscalated')) {
    const d = recorded.data;
    return message('request.escalated', { requestId: d.requestId, at: d.at, by: d.by, incidentId: d.incidentId, serviceCode: d.serviceCode });
  }
  if (isRequestEvent(recorded, 'RequestClosed')) {
    const d = recorded.data;
    return message('request.closed', {
      requestId: d.requestId,
      at: d.at,
      by: d.by,
      reason: d.reason,
      incidentId: d.incidentId ?? null,
      problemId: d.problemId ?? null,
      previousState: d.transition.from,
    });
  }
  if (isRequestEvent(recorded, 'RequestReopened')) {
    const d = recorded.data;
    return message('request.reopened', { requestId: d.requestId, at: d.at, by: d.by, reason: d.reason, state: d.transition.to });
  }
  const problem = asProblemEvent(recorded);
  if (problem?.type === 'ProblemOpened') {
    const d = problem.data;
    return message('problem.opened', {
      problemId: d.problemId,
      at: d.at,
      by: d.by,
      state: 'OPEN',
      serviceCode: d.serviceCode,
      title: d.title,
      origin: d.origin,
    });
  }
  if (problem?.type === 'ProblemResolved' || problem?.type === 'ProblemClosed') {
    const d = problem.data;
    const state = d.transition.to;
    return message(`problem.${state.toLowerCase()}`, {
      problemId: d.problemId,
      at: d.at,
      by: d.by,
      state,
      previousState: d.transition.from,
      resolution: d.resolution,
    });
  }
  const incident = asIncidentEvent(recorded);
  // A reassignment without a state change is not a state change other systems are told about.
  const change = incident ? stateChangeOf(incident) : undefined;
  if (!incident || !change) return undefined;
  const { incidentId, at, by } = incident.data;
  return message(incidentKey(change.to), { incidentId, at, by, state: change.to, previousState: change.from, ...incidentDetails(incident) });
}
