import type { RecordedEvent } from '@switchboard/eventstore';
import type { IncidentEvent, IncidentStatus, RequestEvent } from '@switchboard/service-desk/domain';

/** What other systems on the bus learn: a small, stable contract, not our internal events. */
export interface IntegrationMessage {
  /** `request.registered`, `request.escalated`, `request.closed`, `incident.<state>` (lower case). */
  readonly routingKey: string;
  readonly body: {
    /** The event's id; also the AMQP message-id, so consumers can drop a republished event. */
    readonly eventId: string;
    readonly type: string;
    readonly occurredAt: string;
    readonly data: Readonly<Record<string, unknown>>;
  };
}

/** The stored events that become integration events (the subscription's filter). */
export const integrationSourceEventTypes: readonly (RequestEvent['type'] | IncidentEvent['type'])[] = [
  'RequestRegistered',
  'RequestEscalated',
  'RequestClosed',
  'IncidentOpened',
  'IncidentAssigned',
  'IncidentStarted',
  'IncidentPutOnHold',
  'IncidentResumed',
  'IncidentResolved',
  'IncidentClosed',
  'IncidentCancelled',
];

const incidentKey = (state: IncidentStatus): string => `incident.${state.toLowerCase()}`;

/** The integration event for a stored event, or undefined when it is not one other systems hear about. */
export function toIntegrationMessage(recorded: RecordedEvent): IntegrationMessage | undefined {
  const message = (routingKey: string, data: Record<string, unknown>): IntegrationMessage => ({
    routingKey,
    body: { eventId: recorded.id, type: routingKey, occurredAt: typeof data.at === 'string' ? data.at : recorded.createdAt.toISOString(), data },
  });
  const event = { type: recorded.type, data: recorded.data } as RequestEvent | IncidentEvent;
  switch (event.type) {
    case 'RequestRegistered': {
      const d = event.data;
      return message('request.registered', { requestId: d.requestId, at: d.at, by: d.by, channel: d.contact.channel, contactAddress: d.contact.address, subject: d.subject ?? null, clientId: d.clientId ?? null });
    }
    case 'RequestEscalated': {
      const d = event.data;
      return message('request.escalated', { requestId: d.requestId, at: d.at, by: d.by, incidentId: d.incidentId, serviceCode: d.serviceCode });
    }
    case 'RequestClosed': {
      const d = event.data;
      return message('request.closed', { requestId: d.requestId, at: d.at, by: d.by, reason: d.reason, incidentId: d.incidentId ?? null, previousState: d.transition.from });
    }
    case 'IncidentOpened': {
      const d = event.data;
      return message(incidentKey('NEW'), { incidentId: d.incidentId, at: d.at, by: d.by, state: 'NEW', previousState: null, requestId: d.requestId, serviceCode: d.serviceCode, workGroupCode: d.workGroupCode });
    }
    case 'IncidentAssigned': {
      const d = event.data;
      // A reassignment without a state change is not a state change other systems are told about.
      if (!d.transition) return undefined;
      return message(incidentKey(d.transition.to), { incidentId: d.incidentId, at: d.at, by: d.by, state: d.transition.to, previousState: d.transition.from, assigneeId: d.assigneeId });
    }
    case 'IncidentStarted': {
      const d = event.data;
      return message(incidentKey(d.transition.to), { incidentId: d.incidentId, at: d.at, by: d.by, state: d.transition.to, previousState: d.transition.from, assigneeId: d.assigneeId });
    }
    case 'IncidentPutOnHold': {
      const d = event.data;
      return message(incidentKey(d.transition.to), { incidentId: d.incidentId, at: d.at, by: d.by, state: d.transition.to, previousState: d.transition.from, reason: d.reason });
    }
    case 'IncidentResumed': {
      const d = event.data;
      return message(incidentKey(d.transition.to), { incidentId: d.incidentId, at: d.at, by: d.by, state: d.transition.to, previousState: d.transition.from });
    }
    case 'IncidentResolved': {
      const d = event.data;
      return message(incidentKey(d.transition.to), { incidentId: d.incidentId, at: d.at, by: d.by, state: d.transition.to, previousState: d.transition.from, resolution: d.resolution });
    }
    case 'IncidentClosed': {
      const d = event.data;
      return message(incidentKey(d.transition.to), { incidentId: d.incidentId, at: d.at, by: d.by, state: d.transition.to, previousState: d.transition.from, requestId: d.requestId, workGroupCode: d.workGroupCode });
    }
    case 'IncidentCancelled': {
      const d = event.data;
      return message(incidentKey(d.transition.to), { incidentId: d.incidentId, at: d.at, by: d.by, state: d.transition.to, previousState: d.transition.from, requestId: d.requestId, workGroupCode: d.workGroupCode, reason: d.reason });
    }
    default:
      return undefined;
  }
}
