import { asIncidentEvent, isIncidentEvent } from '../incident/incident-event-guards';
import { asRequestEvent, isRequestEvent } from '../request/request-event-guards';
import { incidentStateEventTypes, requestStateEventTypes, stateChangeOf } from './state-change';

const at = '2026-11-23T10:00:00.000Z';
const stored = (type: string, data: object) => ({ id: 'e-1', type, data: data as unknown, streamId: 'request-1', revision: 3n });

describe('typed event guards', () => {
  it('narrows a stored event to the request event of one type, data included', () => {
    const escalated = stored('RequestEscalated', {
      requestId: 'r-1',
      by: 'u',
      at,
      incidentId: 'i-1',
      serviceCode: 1001,
      transition: { from: 'IN_PROGRESS', to: 'ESCALATED' },
    });
    if (!isRequestEvent(escalated, 'RequestEscalated')) throw new Error('not narrowed');
    expect(escalated.data.incidentId).toBe('i-1');
    expect(escalated.revision).toBe(3n);
    expect(isRequestEvent(escalated, 'RequestClosed')).toBe(false);
  });

  it('tells request events from incident events and others', () => {
    expect(isRequestEvent(stored('MessageReceived', {}))).toBe(true);
    expect(isRequestEvent(stored('IncidentOpened', {}))).toBe(false);
    expect(isIncidentEvent(stored('IncidentOpened', {}))).toBe(true);
    expect(isIncidentEvent(stored('IncidentOpened', {}), 'IncidentClosed')).toBe(false);
    expect(asRequestEvent(stored('SomethingElse', {}))).toBeUndefined();
    expect(asIncidentEvent(stored('NarrativeAdded', { text: 'x' }))).toEqual({ type: 'NarrativeAdded', data: { text: 'x' } });
  });
});

describe('state changes', () => {
  it('counts the creation as a move from nothing to NEW', () => {
    expect(stateChangeOf({ type: 'RequestRegistered', data: { requestId: 'r', by: 'u', at, contact: { channel: 'sms', address: '+1' } } })).toEqual({
      from: null,
      to: 'NEW',
    });
  });

  it('reads the move an event records, and none for a reassignment', () => {
    expect(stateChangeOf({ type: 'IncidentResumed', data: { incidentId: 'i', by: 'u', at, transition: { from: 'ON_HOLD', to: 'IN_WORK' } } })).toEqual({
      from: 'ON_HOLD',
      to: 'IN_WORK',
    });
    expect(stateChangeOf({ type: 'IncidentAssigned', data: { incidentId: 'i', by: 'u', at, assigneeId: 'x' } })).toBeUndefined();
    expect(
      stateChangeOf({ type: 'ReplySent', data: { requestId: 'r', by: 'u', at, replyId: 'x', text: 't', contact: { channel: 'sms', address: '+1' } } }),
    ).toBeUndefined();
  });

  it('lists the events that can move a state', () => {
    expect(requestStateEventTypes).toEqual(['RequestRegistered', 'RequestAssigned', 'RequestEscalated', 'RequestClosed', 'RequestReopened']);
    expect(incidentStateEventTypes).toEqual([
      'IncidentOpened',
      'IncidentAssigned',
      'IncidentStarted',
      'IncidentPutOnHold',
      'IncidentResumed',
      'IncidentResolved',
      'IncidentReopened',
      'IncidentClosed',
      'IncidentCancelled',
    ]);
  });
});
