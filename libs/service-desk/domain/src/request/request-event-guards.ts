import type { StoredEvent } from '../shared/stored-event';
import { requestEventTypes } from './request.events';
import type { RequestEvent, RequestEventType } from './request.events';

export type RequestEventOf<T extends RequestEventType> = Extract<RequestEvent, { type: T }>;

const known: ReadonlySet<string> = new Set(requestEventTypes);

/**
 * Narrows a stored event to a request event (of one type, when given) by its stored type name.
 * The data is trusted as the domain wrote it: old shapes are upcast on read, before this.
 */
export function isRequestEvent<E extends StoredEvent, T extends RequestEventType = RequestEventType>(event: E, type?: T): event is E & RequestEventOf<T> {
  return type === undefined ? known.has(event.type) : event.type === type;
}

/** The request event a stored one is, or undefined for any other event. */
export function asRequestEvent(event: StoredEvent): RequestEvent | undefined {
  return isRequestEvent(event) ? ({ type: event.type, data: event.data } as RequestEvent) : undefined;
}
