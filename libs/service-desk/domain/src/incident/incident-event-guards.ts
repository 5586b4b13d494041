import type { StoredEvent } from '../shared/stored-event';
import { incidentEventTypes } from './incident.events';
import type { IncidentEvent, IncidentEventType } from './incident.events';

export type IncidentEventOf<T extends IncidentEventType> = Extract<IncidentEvent, { type: T }>;

const known: ReadonlySet<string> = new Set(incidentEventTypes);

/**
 * Narrows a stored event to an incident event (of one type, when given) by its stored type name.
 * The data is trusted as the domain wrote it: old shapes are upcast on read, before this.
 */
export function isIncidentEvent<E extends StoredEvent, T extends IncidentEventType = IncidentEventType>(event: E, type?: T): event is E & IncidentEventOf<T> {
  return type === undefined ? known.has(event.type) : event.type === type;
}

/** The incident event a stored one is, or undefined for any other event. */
export function asIncidentEvent(event: StoredEvent): IncidentEvent | undefined {
  return isIncidentEvent(event) ? ({ type: event.type, data: event.data } as IncidentEvent) : undefined;
}
