import type { NewEvent } from './event-store.port';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Both adapters reject the same malformed appends before touching the store. */
export function assertValidEvents(events: NewEvent[]): void {
  if (events.length === 0) throw new RangeError('An append needs at least one event');
  for (const event of events) {
    if (!UUID.test(event.id)) throw new TypeError(`Event id must be a uuid: '${event.id}'`);
    if (typeof event.type !== 'string' || event.type.length === 0) throw new TypeError('Event type must be a non-empty string');
  }
}
