import type { RecordedEvent } from '@switchboard/eventstore';
import { integrationSourceEventTypes, toIntegrationMessage } from './integration-event.mapper';

const recorded = (type: string, data: Record<string, unknown>): RecordedEvent => ({
  id: 'e-1',
  type,
  streamId: 'request-r-1',
  revision: 0n,
  position: '1',
  data,
  metadata: {},
  createdAt: new Date('2026-11-25T10:00:00Z'),
});
const fact = { by: 'user-1', at: '2026-11-25T10:00:00.000Z' };

describe('integration events', () => {
  it('publishes a registered request with its channel and contact', () => {
    const message = toIntegrationMessage(recorded('RequestRegistered', { ...fact, requestId: 'r-1', contact: { channel: 'sms', address: '+79161234567' } }));
    expect(message).toEqual({
      routingKey: 'request.registered',
      body: {
        eventId: 'e-1',
        type: 'request.registered',
        occurredAt: fact.at,
        data: { requestId: 'r-1', ...fact, channel: 'sms', contactAddress: '+79161234567', subject: null, clientId: null },
      },
    });
  });

  it('tells other systems a closed request was reopened by its client', () => {
    const message = toIntegrationMessage(
      recorded('RequestReopened', { ...fact, requestId: 'r-1', reason: 'the client wrote again', transition: { from: 'CLOSED', to: 'IN_PROGRESS' } }),
    );
    expect(message?.routingKey).toBe('request.reopened');
    expect(message?.body.data).toEqual({ requestId: 'r-1', ...fact, reason: 'the client wrote again', state: 'IN_PROGRESS' });
  });

  it('routes escalations and closures of requests', () => {
    expect(
      toIntegrationMessage(
        recorded('RequestEscalated', { ...fact, requestId: 'r-1', incidentId: 'i-1', serviceCode: 1001, transition: { from: 'IN_PROGRESS', to: 'ESCALATED' } }),
      )?.routingKey,
    ).toBe('request.escalated');
    expect(
      toIntegrationMessage(recorded('RequestClosed', { ...fact, requestId: 'r-1', reason: 'done', transition: { from: 'NEW', to: 'CLOSED' } }))?.body.data,
    ).toMatchObject({ reason: 'done', previousState: 'NEW', incidentId: null });
  });

  it('routes each incident state change by the state it reaches', () => {
    expect(
      toIntegrationMessage(recorded('IncidentOpened', { ...fact, incidentId: 'i-1', requestId: 'r-1', serviceCode: 1, workGroupCode: 2 }))?.routingKey,
    ).toBe('incident.new');
    expect(
      toIntegrationMessage(recorded('IncidentStarted', { ...fact, incidentId: 'i-1', assigneeId: 'u', transition: { from: 'ASSIGNED', to: 'IN_WORK' } }))
        ?.routingKey,
    ).toBe('incident.in_work');
    expect(
      toIntegrationMessage(recorded('IncidentPutOnHold', { ...fact, incidentId: 'i-1', reason: 'parts', transition: { from: 'IN_WORK', to: 'ON_HOLD' } }))
        ?.routingKey,
    ).toBe('incident.on_hold');
    expect(
      toIntegrationMessage(
        recorded('IncidentCancelled', {
          ...fact,
          incidentId: 'i-1',
          requestId: 'r-1',
          workGroupCode: 2,
          reason: 'x',
          transition: { from: 'NEW', to: 'CANCELLED' },
        }),
      )?.routingKey,
    ).toBe('incident.cancelled');
  });

  it('announces a first assignment with its assignee and a resolution with its text, for every state-changing incident event', () => {
    expect(
      toIntegrationMessage(recorded('IncidentAssigned', { ...fact, incidentId: 'i-1', assigneeId: 'u', transition: { from: 'NEW', to: 'ASSIGNED' } }))?.body
        .data,
    ).toEqual({
      incidentId: 'i-1',
      ...fact,
      state: 'ASSIGNED',
      previousState: 'NEW',
      assigneeId: 'u',
    });
    expect(
      toIntegrationMessage(recorded('IncidentResolved', { ...fact, incidentId: 'i-1', resolution: 'fixed', transition: { from: 'IN_WORK', to: 'RESOLVED' } }))
        ?.body.data,
    ).toMatchObject({ state: 'RESOLVED', resolution: 'fixed' });
    expect(integrationSourceEventTypes).toEqual(expect.arrayContaining(['IncidentResumed', 'IncidentClosed', 'RequestClosed']));
  });

  it('says nothing about a reassignment that does not change the incident state, nor about other events', () => {
    expect(toIntegrationMessage(recorded('IncidentAssigned', { ...fact, incidentId: 'i-1', assigneeId: 'u2' }))).toBeUndefined();
    expect(toIntegrationMessage(recorded('MessageReceived', { ...fact, requestId: 'r-1' }))).toBeUndefined();
  });

  it('announces a problem (mass incident) as problem.<state>: opened, resolved, closed', () => {
    expect(
      toIntegrationMessage(recorded('ProblemOpened', { ...fact, problemId: 'p-1', serviceCode: 1001, title: 'Outage', origin: 'automatic' }))?.body,
    ).toEqual({
      eventId: 'e-1',
      type: 'problem.opened',
      occurredAt: fact.at,
      data: { problemId: 'p-1', ...fact, state: 'OPEN', serviceCode: 1001, title: 'Outage', origin: 'automatic' },
    });
    expect(
      toIntegrationMessage(recorded('ProblemResolved', { ...fact, problemId: 'p-1', resolution: 'spliced', transition: { from: 'OPEN', to: 'RESOLVED' } }))
        ?.routingKey,
    ).toBe('problem.resolved');
    expect(
      toIntegrationMessage(
        recorded('ProblemClosed', { ...fact, problemId: 'p-1', serviceCode: 1001, resolution: 'spliced', transition: { from: 'RESOLVED', to: 'CLOSED' } }),
      )?.body.data,
    ).toEqual({ problemId: 'p-1', ...fact, state: 'CLOSED', previousState: 'RESOLVED', resolution: 'spliced' });
    expect(toIntegrationMessage(recorded('ProblemRequestsLinked', { ...fact, problemId: 'p-1', requestIds: ['r-1'] }))).toBeUndefined();
    expect(integrationSourceEventTypes).toEqual(expect.arrayContaining(['ProblemOpened', 'ProblemResolved', 'ProblemClosed']));
  });
});
