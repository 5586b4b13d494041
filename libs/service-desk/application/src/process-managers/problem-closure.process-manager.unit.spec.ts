import type { CommandBus } from '@nestjs/cqrs';
import { StreamNotFoundError } from '@switchboard/eventstore';
import type { EventStore, RecordedEvent } from '@switchboard/eventstore';
import type { ExecuteIncidentCommand, ExecuteRequestCommand } from '../commands/service-desk.commands';
import { ProblemClosureProcessManager } from './problem-closure.process-manager';

const at = '2026-12-07T00:00:00.000Z';
const contact = { channel: 'telegram', address: '1' };

/** Just enough of a store to load streams. */
function storeOf(streams: Record<string, { type: string; data: object }[]>): EventStore {
  return {
    async *readStream(streamId: string) {
      const events = streams[streamId];
      if (!events) throw new StreamNotFoundError(streamId);
      let revision = 0n;
      for (const e of events) {
        const recorded: RecordedEvent = {
          id: `${streamId}:${revision}`,
          ...e,
          metadata: {},
          streamId,
          revision,
          position: `1:${revision}`,
          createdAt: new Date(at),
        };
        revision += 1n;
        yield recorded;
      }
    },
  } as unknown as EventStore;
}

const request = (requestId: string, ...more: { type: string; data: object }[]) => [
  { type: 'RequestRegistered', data: { requestId, by: 'channel:telegram', at, contact } },
  ...more,
];
const assigned = (requestId: string) => ({
  type: 'RequestAssigned',
  data: { requestId, by: 'u', at, assigneeId: 'u', transition: { from: 'NEW', to: 'IN_PROGRESS' } },
});
const incident = (incidentId: string, requestId: string, ...more: { type: string; data: object }[]) => [
  { type: 'IncidentOpened', data: { incidentId, requestId, by: 'system:escalation', at, serviceCode: 1001, workGroupCode: 301 } },
  ...more,
];
const started = (incidentId: string) => ({
  type: 'IncidentStarted',
  data: { incidentId, by: 'e', at, assigneeId: 'e', transition: { from: 'NEW', to: 'IN_WORK' } },
});
const resolved = (incidentId: string) => ({
  type: 'IncidentResolved',
  data: { incidentId, by: 'e', at, resolution: 'x', transition: { from: 'IN_WORK', to: 'RESOLVED' } },
});

describe('problem closure process manager', () => {
  it('resolves and closes the linked incidents, closes the open linked requests and tells each of their clients once', async () => {
    const streams = {
      'problem-p-1': [
        { type: 'ProblemOpened', data: { problemId: 'p-1', by: 'm', at, serviceCode: 1001, title: 'Outage', origin: 'automatic' } },
        { type: 'ProblemIncidentsLinked', data: { problemId: 'p-1', by: 'm', at, incidentIds: ['i-new', 'i-resolved', 'i-closed'] } },
        { type: 'ProblemRequestsLinked', data: { problemId: 'p-1', by: 'm', at, requestIds: ['r-new', 'r-work', 'r-escalated', 'r-closed', 'r-ours'] } },
        {
          type: 'ProblemClosed',
          data: { problemId: 'p-1', by: 'm', at, serviceCode: 1001, resolution: 'Fibre spliced', transition: { from: 'OPEN', to: 'CLOSED' } },
        },
      ],
      'incident-i-new': incident('i-new', 'r-a'),
      'incident-i-resolved': incident('i-resolved', 'r-b', started('i-resolved'), resolved('i-resolved')),
      'incident-i-closed': incident('i-closed', 'r-c', started('i-closed'), resolved('i-closed'), {
        type: 'IncidentClosed',
        data: { incidentId: 'i-closed', by: 'e', at, requestId: 'r-c', workGroupCode: 301, transition: { from: 'RESOLVED', to: 'CLOSED' } },
      }),
      'incident-i-of-escalated': incident('i-of-escalated', 'r-escalated', started('i-of-escalated')),
      'request-r-new': request('r-new'),
      'request-r-work': request('r-work', assigned('r-work')),
      'request-r-escalated': request('r-escalated', assigned('r-escalated'), {
        type: 'RequestEscalated',
        data: { requestId: 'r-escalated', by: 'u', at, incidentId: 'i-of-escalated', serviceCode: 1001, transition: { from: 'IN_PROGRESS', to: 'ESCALATED' } },
      }),
      'request-r-closed': request('r-closed', {
        type: 'RequestClosed',
        data: { requestId: 'r-closed', by: 'u', at, reason: 'answered on the phone', transition: { from: 'NEW', to: 'CLOSED' } },
      }),
      // Closed by this problem in an earlier run that stopped before the notice (a crash): the replay still tells the client.
      'request-r-ours': request('r-ours', {
        type: 'RequestClosed',
        data: { requestId: 'r-ours', by: 'system:problem-closure', at, reason: 'problem closed', problemId: 'p-1', transition: { from: 'NEW', to: 'CLOSED' } },
      }),
    };
    const sent: string[] = [];
    const bus = {
      execute: async (c: ExecuteIncidentCommand | ExecuteRequestCommand) => {
        const id = 'incidentId' in c ? c.incidentId : c.requestId;
        const extra = c.command.type === 'NotifyClient' ? ` ${c.command.notificationId}` : '';
        sent.push(`${id} ${c.command.type}${extra} ${c.envelope.commandId}`);
      },
    } as unknown as CommandBus;
    const manager = new ProblemClosureProcessManager(bus, storeOf(streams), () => new Date(at));
    const closed = streams['problem-p-1'][3];
    const event: RecordedEvent = { id: 'ev-close', ...closed, metadata: {}, streamId: 'problem-p-1', revision: 3n, position: '1:3', createdAt: new Date(at) };
    await manager.handle(event);
    expect(sent.sort()).toEqual(
      [
        'i-new ResolveIncidentForProblem problem-closure:resolve:ev-close',
        'i-new CloseIncident problem-closure:close:ev-close',
        'i-resolved CloseIncident problem-closure:close:ev-close',
        'i-of-escalated ResolveIncidentForProblem problem-closure:resolve:ev-close',
        'i-of-escalated CloseIncident problem-closure:close:ev-close',
        'r-new CloseRequestForProblem problem-closure:close:ev-close',
        'r-new NotifyClient problem-closure:p-1 problem-closure:notify-client:ev-close',
        'r-work CloseRequestForProblem problem-closure:close:ev-close',
        'r-work NotifyClient problem-closure:p-1 problem-closure:notify-client:ev-close',
        'r-ours NotifyClient problem-closure:p-1 problem-closure:notify-client:ev-close',
      ].sort(),
    );
  });
});
