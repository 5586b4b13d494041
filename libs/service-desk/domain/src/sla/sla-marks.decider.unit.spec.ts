import { deciderSpec } from '../testing/decider-spec';
import { incidentDecider } from '../incident/incident';
import type { IncidentEvent } from '../incident/incident.events';
import { requestDecider } from '../request/request';
import type { RequestEvent } from '../request/request.events';
import type { SlaClock } from './sla-clock';

const registeredAt = '2026-12-07T08:00:00.000Z';
const dueAt = '2026-12-07T08:30:00.000Z';
const warnAt = '2026-12-07T08:24:00.000Z';
const timers = 'system:sla-timers';
const requestId = 'r-1';
const incidentId = 'i-1';

const running: SlaClock = {
  policyId: 'sla-1',
  policyName: 'Urgent',
  priority: 'P3',
  firstResponse: { targetMinutes: 30, status: 'running', elapsedMs: 0, runningSince: registeredAt, dueAt, warnAt },
  resolution: {
    targetMinutes: 240,
    status: 'running',
    elapsedMs: 0,
    runningSince: registeredAt,
    dueAt: '2026-12-07T12:00:00.000Z',
    warnAt: '2026-12-07T11:12:00.000Z',
  },
};
const met: SlaClock = { ...running, firstResponse: { targetMinutes: 30, status: 'met', elapsedMs: 600_000, stoppedAt: '2026-12-07T08:10:00.000Z' } };

const requests = deciderSpec(requestDecider);
const registered: RequestEvent = {
  type: 'RequestRegistered',
  data: { requestId, by: 'channel:telegram', at: registeredAt, contact: { channel: 'telegram', address: '1001' }, department: 'first-line-north' },
};
const clockSet = (clock: SlaClock): RequestEvent => ({ type: 'RequestSlaClockSet', data: { requestId, by: 'system:sla', at: registeredAt, clock } });
const mark = (mark: 'warning' | 'breach', now: string, escalate = false) =>
  ({ type: 'RecordRequestSlaMark', mark, target: 'firstResponse', dueAt, escalate, by: timers, now: new Date(now) }) as const;

describe('SLA marks on a request', () => {
  it('sets the clock once: the same clock again is a no-op', () => {
    requests
      .given([registered])
      .when({ type: 'SetRequestSlaClock', clock: running, by: 'system:sla', now: new Date(registeredAt) })
      .then([clockSet(running)]);
    requests
      .given([registered, clockSet(running)])
      .when({ type: 'SetRequestSlaClock', clock: running, by: 'system:sla', now: new Date(registeredAt) })
      .then([]);
  });

  it('records a breach when its timer fires at the due time', () => {
    requests
      .given([registered, clockSet(running)])
      .when(mark('breach', dueAt))
      .then([{ type: 'RequestSlaBreached', data: { requestId, by: timers, at: dueAt, target: 'firstResponse', dueAt } }]);
  });

  it('records a warning at the warning share, not before', () => {
    requests
      .given([registered, clockSet(running)])
      .when(mark('warning', '2026-12-07T08:20:00.000Z'))
      .then([]);
    requests
      .given([registered, clockSet(running)])
      .when(mark('warning', warnAt))
      .then([{ type: 'RequestSlaWarning', data: { requestId, by: timers, at: warnAt, target: 'firstResponse', dueAt } }]);
  });

  it('records a breach only once, however often its timer fires', () => {
    const breached: RequestEvent = { type: 'RequestSlaBreached', data: { requestId, by: timers, at: dueAt, target: 'firstResponse', dueAt } };
    requests
      .given([registered, clockSet(running), breached])
      .when(mark('breach', '2026-12-07T08:31:00.000Z'))
      .then([]);
  });

  it('ignores a stale timer: the target was met, or its due time moved', () => {
    requests
      .given([registered, clockSet(met)])
      .when(mark('breach', dueAt))
      .then([]);
    requests
      .given([registered, clockSet(running)])
      .when({ ...mark('breach', dueAt), dueAt: '2026-12-07T09:00:00.000Z' })
      .then([]);
  });

  it('raises the priority one step on a breach when the policy says so', () => {
    requests
      .given([registered, clockSet(running)])
      .when(mark('breach', dueAt, true))
      .then([
        { type: 'RequestSlaBreached', data: { requestId, by: timers, at: dueAt, target: 'firstResponse', dueAt } },
        { type: 'RequestPrioritySet', data: { requestId, by: timers, at: dueAt, priority: 'P2', previous: 'P3' } },
      ]);
  });
});

describe('SLA marks on an incident', () => {
  const incidents = deciderSpec(incidentDecider);
  const opened: IncidentEvent = {
    type: 'IncidentOpened',
    data: { incidentId, by: 'system:escalation', at: registeredAt, requestId, serviceCode: 1001, workGroupCode: 301, priority: 'P2' },
  };
  const set: IncidentEvent = { type: 'IncidentSlaClockSet', data: { incidentId, by: 'system:sla', at: registeredAt, clock: running } };

  it('records a breach and escalates P2 to P1', () => {
    incidents
      .given([opened, set])
      .when({
        type: 'RecordIncidentSlaMark',
        mark: 'breach',
        target: 'resolution',
        dueAt: '2026-12-07T12:00:00.000Z',
        escalate: true,
        by: timers,
        now: new Date('2026-12-07T12:00:01.000Z'),
      })
      .then([
        {
          type: 'IncidentSlaBreached',
          data: { incidentId, by: timers, at: '2026-12-07T12:00:01.000Z', target: 'resolution', dueAt: '2026-12-07T12:00:00.000Z' },
        },
        { type: 'IncidentPrioritySet', data: { incidentId, by: timers, at: '2026-12-07T12:00:01.000Z', priority: 'P1', previous: 'P2' } },
      ]);
  });

  it('does not warn after the breach of the same due time', () => {
    const breached: IncidentEvent = { type: 'IncidentSlaBreached', data: { incidentId, by: timers, at: dueAt, target: 'firstResponse', dueAt } };
    incidents
      .given([opened, set, breached])
      .when({ type: 'RecordIncidentSlaMark', mark: 'warning', target: 'firstResponse', dueAt, by: timers, now: new Date(dueAt) })
      .then([]);
  });
});
