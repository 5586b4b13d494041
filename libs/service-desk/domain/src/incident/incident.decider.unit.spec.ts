import { deciderSpec } from '../testing/decider-spec';
import { DomainRuleError, IllegalTransitionError } from '../shared/domain-errors';
import { fold } from '../shared/decider';
import { incidentDecider } from './incident';
import { allowedIncidentActions, incidentTransitions } from './incident-transitions';
import type { IncidentCommand } from './incident.commands';
import type { IncidentEvent } from './incident.events';
import type { IncidentStatus } from './incident-status';

const now = new Date('2026-11-23T12:00:00.000Z');
const at = now.toISOString();
const incidentId = 'i-1';
const engineer = 'user-l3-1';
const manager = 'user-l3-manager';
const spec = deciderSpec(incidentDecider);

const opened: IncidentEvent = { type: 'IncidentOpened', data: { incidentId, by: 'system:escalation', at, requestId: 'r-1', serviceCode: 1001, workGroupCode: 301 } };
const assigned: IncidentEvent = { type: 'IncidentAssigned', data: { incidentId, by: manager, at, assigneeId: engineer, transition: { from: 'NEW', to: 'ASSIGNED' } } };
const started: IncidentEvent = { type: 'IncidentStarted', data: { incidentId, by: engineer, at, assigneeId: engineer, transition: { from: 'ASSIGNED', to: 'IN_WORK' } } };
const onHold: IncidentEvent = { type: 'IncidentPutOnHold', data: { incidentId, by: engineer, at, reason: 'waiting for the client', transition: { from: 'IN_WORK', to: 'ON_HOLD' } } };
const resolved: IncidentEvent = { type: 'IncidentResolved', data: { incidentId, by: engineer, at, resolution: 'replaced the ONT', transition: { from: 'IN_WORK', to: 'RESOLVED' } } };
const closed: IncidentEvent = { type: 'IncidentClosed', data: { incidentId, by: engineer, at, requestId: 'r-1', workGroupCode: 301, transition: { from: 'RESOLVED', to: 'CLOSED' } } };
const cancelled: IncidentEvent = { type: 'IncidentCancelled', data: { incidentId, by: manager, at, requestId: 'r-1', workGroupCode: 301, reason: 'wrong service', transition: { from: 'NEW', to: 'CANCELLED' } } };

const historyIn: Record<IncidentStatus | 'NONE', IncidentEvent[]> = {
  NONE: [],
  NEW: [opened],
  ASSIGNED: [opened, assigned],
  IN_WORK: [opened, assigned, started],
  ON_HOLD: [opened, assigned, started, onHold],
  RESOLVED: [opened, assigned, started, resolved],
  CLOSED: [opened, assigned, started, resolved, closed],
  CANCELLED: [opened, cancelled],
};

const commands: Record<IncidentCommand['type'], IncidentCommand> = {
  OpenIncident: { type: 'OpenIncident', incidentId, requestId: 'r-1', serviceCode: 1001, workGroupCode: 301, by: 'system:escalation', now },
  AssignIncident: { type: 'AssignIncident', assigneeId: 'user-l3-2', by: manager, now },
  StartIncident: { type: 'StartIncident', by: engineer, now },
  PutIncidentOnHold: { type: 'PutIncidentOnHold', reason: 'waiting for parts', by: engineer, now },
  ResumeIncident: { type: 'ResumeIncident', by: engineer, now },
  AddNarrative: { type: 'AddNarrative', narrativeId: 'n-1', text: 'Checked the line', by: engineer, now },
  ResolveIncident: { type: 'ResolveIncident', resolution: 'fixed', by: engineer, now },
  CloseIncident: { type: 'CloseIncident', by: engineer, now },
  UnlinkIncident: { type: 'UnlinkIncident', reason: 'opened by mistake', by: manager, now },
};

const allowed: Record<IncidentCommand['type'], (IncidentStatus | 'NONE')[]> = {
  OpenIncident: ['NONE'],
  AssignIncident: ['NEW', 'ASSIGNED', 'IN_WORK', 'ON_HOLD'],
  StartIncident: ['NEW', 'ASSIGNED'],
  PutIncidentOnHold: ['IN_WORK'],
  ResumeIncident: ['ON_HOLD'],
  AddNarrative: ['ASSIGNED', 'IN_WORK', 'ON_HOLD'],
  ResolveIncident: ['IN_WORK'],
  CloseIncident: ['RESOLVED'],
  UnlinkIncident: ['NEW', 'ASSIGNED', 'IN_WORK', 'ON_HOLD', 'RESOLVED'],
};

describe('incident decider', () => {
  describe('allowed transitions', () => {
    it('opens an incident for a request, routed to the service’s work group', () => {
      spec.given([]).when(commands.OpenIncident).then([opened]);
    });

    it('assigns a new incident', () => {
      spec.given(historyIn.NEW).when({ type: 'AssignIncident', assigneeId: engineer, by: manager, now }).then([assigned]);
    });

    it.each(['ASSIGNED', 'IN_WORK', 'ON_HOLD'] as const)('reassigns a %s incident without changing its state', (status) => {
      spec.given(historyIn[status]).when(commands.AssignIncident).then([{ type: 'IncidentAssigned', data: { incidentId, by: manager, at, assigneeId: 'user-l3-2', transition: undefined } }]);
    });

    it('starts work on an assigned incident', () => {
      spec.given(historyIn.ASSIGNED).when(commands.StartIncident).then([started]);
    });

    it('lets an engineer take a new incident straight to work', () => {
      spec.given(historyIn.NEW).when({ type: 'StartIncident', by: 'user-l3-7', now }).then([
        { type: 'IncidentStarted', data: { incidentId, by: 'user-l3-7', at, assigneeId: 'user-l3-7', transition: { from: 'NEW', to: 'IN_WORK' } } },
      ]);
    });

    it('puts an incident in work on hold and resumes it', () => {
      spec.given(historyIn.IN_WORK).when(commands.PutIncidentOnHold).then([
        { type: 'IncidentPutOnHold', data: { incidentId, by: engineer, at, reason: 'waiting for parts', transition: { from: 'IN_WORK', to: 'ON_HOLD' } } },
      ]);
      spec.given(historyIn.ON_HOLD).when(commands.ResumeIncident).then([{ type: 'IncidentResumed', data: { incidentId, by: engineer, at, transition: { from: 'ON_HOLD', to: 'IN_WORK' } } }]);
    });

    it.each(['ASSIGNED', 'IN_WORK', 'ON_HOLD'] as const)('records the business process as a narrative on a %s incident', (status) => {
      spec.given(historyIn[status]).when(commands.AddNarrative).then([{ type: 'NarrativeAdded', data: { incidentId, by: engineer, at, narrativeId: 'n-1', text: 'Checked the line' } }]);
    });

    it('resolves an incident in work, then closes it', () => {
      spec.given(historyIn.IN_WORK).when(commands.ResolveIncident).then([
        { type: 'IncidentResolved', data: { incidentId, by: engineer, at, resolution: 'fixed', transition: { from: 'IN_WORK', to: 'RESOLVED' } } },
      ]);
      spec.given(historyIn.RESOLVED).when(commands.CloseIncident).then([closed]);
    });

    it.each(['NEW', 'ASSIGNED', 'IN_WORK', 'ON_HOLD', 'RESOLVED'] as const)('cancels a %s incident unlinked from its request', (status) => {
      spec.given(historyIn[status]).when(commands.UnlinkIncident).then([
        { type: 'IncidentCancelled', data: { incidentId, by: manager, at, requestId: 'r-1', workGroupCode: 301, reason: 'opened by mistake', transition: { from: status, to: 'CANCELLED' } } },
      ]);
    });
  });

  describe('illegal transitions', () => {
    const cases = Object.entries(commands).flatMap(([type, command]) =>
      (Object.keys(historyIn) as (IncidentStatus | 'NONE')[])
        .filter((status) => !allowed[type as IncidentCommand['type']].includes(status))
        .map((status) => [type, status, command] as const),
    );

    it.each(cases)('refuses %s on a %s incident, naming the state', (type, status, command) => {
      spec.given(historyIn[status]).when(command).thenThrows(IllegalTransitionError, { entity: 'incident', command: type, state: status });
    });

    it('names the allowed states in the error', () => {
      spec.given(historyIn.ASSIGNED).when(commands.ResolveIncident).thenThrows(IllegalTransitionError, { allowedStates: ['IN_WORK'] });
    });

    it.each([
      ['PutIncidentOnHold', 'IN_WORK', { ...commands.PutIncidentOnHold, reason: '' }, 'hold-needs-reason'],
      ['ResolveIncident', 'IN_WORK', { ...commands.ResolveIncident, resolution: ' ' }, 'resolve-needs-resolution'],
      ['UnlinkIncident', 'NEW', { ...commands.UnlinkIncident, reason: '' }, 'unlink-needs-reason'],
      ['AddNarrative', 'IN_WORK', { ...commands.AddNarrative, text: '' }, 'narrative-needs-text'],
    ] as const)('refuses %s without its text', (_, status, command, rule) => {
      spec.given(historyIn[status]).when(command as IncidentCommand).thenThrows(DomainRuleError, { rule });
    });
  });

  describe('idempotent resubmission', () => {
    it('ignores a narrative entry it already has', () => {
      spec.given([...historyIn.IN_WORK, { type: 'NarrativeAdded', data: { incidentId, by: engineer, at, narrativeId: 'n-1', text: 'Checked the line' } }]).when(commands.AddNarrative).then([]);
    });

    it('ignores assigning the same engineer again', () => {
      spec.given(historyIn.ASSIGNED).when({ type: 'AssignIncident', assigneeId: engineer, by: manager, now }).then([]);
    });
  });

  describe('the transitions table', () => {
    const every = Object.entries(commands).flatMap(([type, command]) => (Object.keys(historyIn) as (IncidentStatus | 'NONE')[]).map((status) => [type, status, command] as const));

    it.each(every)('says whether %s may run on a %s incident exactly as the decider decides', (type, status, command) => {
      let illegal = false;
      try {
        incidentDecider.decide(command, fold(incidentDecider, historyIn[status]));
      } catch (error) {
        illegal = error instanceof IllegalTransitionError;
      }
      expect(!illegal).toBe(incidentTransitions[type as IncidentCommand['type']].includes(status));
    });

    it('offers operators the actions of each state', () => {
      expect(allowedIncidentActions('NEW')).toEqual(['assign', 'start', 'unlink']);
      expect(allowedIncidentActions('ASSIGNED')).toEqual(['assign', 'start', 'narrative', 'unlink']);
      expect(allowedIncidentActions('IN_WORK')).toEqual(['assign', 'hold', 'narrative', 'resolve', 'unlink']);
      expect(allowedIncidentActions('ON_HOLD')).toEqual(['assign', 'resume', 'narrative', 'unlink']);
      expect(allowedIncidentActions('RESOLVED')).toEqual(['close', 'unlink']);
      expect(allowedIncidentActions('CLOSED')).toEqual([]);
      expect(allowedIncidentActions('CANCELLED')).toEqual([]);
    });
  });
});
