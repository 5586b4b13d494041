import { asRequestEvent } from './request-event-guards';
import { requestEventTypes } from './request.events';
import type { RequestEventType } from './request.events';

// Listing every type here is checked by the compiler: a new event type fails to compile until it is added.
const everyType: { readonly [T in RequestEventType]: true } = {
  RequestRegistered: true,
  RequestAssigned: true,
  RequestPrioritySet: true,
  ClientLinked: true,
  OrderLinked: true,
  RequestUnitSet: true,
  MessageReceived: true,
  ReplySent: true,
  RequestEscalated: true,
  RequestClosed: true,
  RequestReopened: true,
  ClientNotified: true,
  OutboundScheduled: true,
  OutboundSent: true,
  OutboundDelivered: true,
  OutboundFailed: true,
  RequestSlaClockSet: true,
  RequestSlaWarning: true,
  RequestSlaBreached: true,
};

describe('the request event types', () => {
  it('lists every event type, so the projections that subscribe by this list see each of them', () => {
    expect([...requestEventTypes].sort()).toEqual(Object.keys(everyType).sort());
  });

  it('reads a stored RequestUnitSet as a request event', () => {
    expect(asRequestEvent({ type: 'RequestUnitSet', data: { requestId: 'r-1' } } as never)?.type).toBe('RequestUnitSet');
  });
});
