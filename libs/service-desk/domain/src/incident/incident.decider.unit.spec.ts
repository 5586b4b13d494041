import { deciderSpec } from '../testing/decider-spec';
import { AlreadyTakenError, DomainRuleError, IllegalTransitionError } from '../shared/domain-errors';
import { fold } from '../shared/decider';
import { incidentDecider } from './incident';
import { allowedIncidentActions, incidentActionsFor, incidentTransitions } from './incident-transitions';
import type { IncidentCommand } from './incident.commands';
import type { IncidentEvent } from './incident.events';
import type { IncidentStatus } from './incident-status';

const now = new Date('2026-11-23T12:00:00.000Z');
const at = now.toISOString();
const incidentId = 'i-1';
const engineer = 'user-l3-1';
const manager = 'user-l3-manager';
const spec = deciderSpec(incidentDecider);

const opened: IncidentEvent = {
  type: 'IncidentOpened',
  data: { incidentId, by: 'system:escalation', at, requestId: 'r-1', serviceCode: 1001, workGroupCode: 301 },
};
const assigned: IncidentEvent = {
  type: 'IncidentAssigned',
  data: { incidentId, by: manager, at, assigneeId: engineer, transition: { from: 'NEW', to: 'ASSIGNED' } },
};
const started: IncidentEvent = {
  type: 'IncidentStarted',
  data: { incidentId, by: engineer, at, assigneeId: engineer, transition: { from: 'ASSIGNED', to: 'IN_WORK' } },
};
const onHold: IncidentEvent = {
  type: 'IncidentPutOnHold',
  data: { incidentId, by: engineer, at, reason: 'waiting for the client', transition: { from: 'IN_WORK', to: 'ON_HOLD' } },
};
const resolved: IncidentEvent = {
  type: 'IncidentResolved',
  data: { incidentId, by: engineer, at, resolution: 'replaced the ONT', transition: { from: 'IN_WORK', to: 'RESOLVED' } },
};
const closed: IncidentEvent = {
  type: 'IncidentClosed',
  data: { incidentId, by: engineer, at, requestId: 'r-1', workGroupCode: 301, transition: { from: 'RESOLVED', to: 'CLOSED' } },
};
const cancelled: IncidentEvent = {
  type: 'IncidentCancelled',
  data: { incidentId, by: manager, at, requestId: 'r-1', workGroupCode: 301, reason: 'wrong service', transition: { from: 'NEW', to: 'CANCELLED' } },
};

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
  TakeIncident: { type: 'TakeIncident', by: 'user-l3-2', now },
  AutoAssignIncident: {
    type: 'AutoAssignIncident',
    assigneeId: 'user-l3-2',
    assignedBy: { kind: 'least-loaded', openItems: 0 },
    by: 'system:auto-assignment',
    now,
  },
  SetIncidentPriority: { type: 'SetIncidentPriority', priority: 'P2', by: manager, now },
  StartIncident: { type: 'StartIncident', by: engineer, now },
  PutIncidentOnHold: { type: 'PutIncidentOnHold', reason: 'waiting for parts', by: engineer, now },
  ResumeIncident: { type: 'ResumeIncident', by: engineer, now },
  AddNarrative: { type: 'AddNarrative', narrativeId: 'n-1', text: 'Checked the line', by: engineer, now },
  ResolveIncident: { type: 'ResolveIncident', resolution: 'fixed', by: engineer, now },
  ResolveIncidentForProblem: { type: 'ResolveIncidentForProblem', problemId: 'p-1', resolution: 'fibre spliced', by: 'system:problem-closure', now },
  ReopenIncident: { type: 'ReopenIncident', reason: 'the client says it still drops', by: engineer, now },
  CloseIncident: { type: 'CloseIncident', by: engineer, now },
  UnlinkIncident: { type: 'UnlinkIncident', reason: 'opened by mistake', by: manager, now },
  SetIncidentSlaClock: { type: 'SetIncidentSlaClock', clock: { policyId: 'sla-1', policyName: 'Standard', priority: 'P3' }, by: 'system:sla', now },
  RecordIncidentSlaMark: { type: 'RecordIncidentSlaMark', mark: 'breach', target: 'resolution', dueAt: at, by: 'system:sla-timers', now },
};

const allowed: Record<IncidentCommand['type'], (IncidentStatus | 'NONE')[]> = {
  OpenIncident: ['NONE'],
  AssignIncident: ['NEW', 'ASSIGNED', 'IN_WORK', 'ON_HOLD'],
  TakeIncident: ['NEW'],
  // Never refused: outside the queue it is a no-op (below).
  AutoAssignIncident: ['NONE', 'NEW', 'ASSIGNED', 'IN_WORK', 'ON_HOLD', 'RESOLVED', 'CLOSED', 'CANCELLED'],
  SetIncidentPriority: ['NEW', 'ASSIGNED', 'IN_WORK', 'ON_HOLD'],
  StartIncident: ['NEW', 'ASSIGNED'],
  PutIncidentOnHold: ['IN_WORK'],
  ResumeIncident: ['ON_HOLD'],
  AddNarrative: ['ASSIGNED', 'IN_WORK', 'ON_HOLD'],
  ResolveIncident: ['IN_WORK'],
  ResolveIncidentForProblem: ['NEW', 'ASSIGNED', 'IN_WORK', 'ON_HOLD'],
  ReopenIncident: ['RESOLVED'],
  CloseIncident: ['RESOLVED'],
  UnlinkIncident: ['NEW', 'ASSIGNED', 'IN_WORK', 'ON_HOLD', 'RESOLVED'],
  SetIncidentSlaClock: ['NEW', 'ASSIGNED', 'IN_WORK', 'ON_HOLD', 'RESOLVED', 'CLOSED', 'CANCELLED'],
  RecordIncidentSlaMark: ['NEW', 'ASSIGNED', 'IN_WORK', 'ON_HOLD', 'RESOLVED', 'CLOSED', 'CANCELLED'],
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
      spec
        .given(historyIn[status])
        .when(commands.AssignIncident)
        .then([{ type: 'IncidentAssigned', data: { incidentId, by: manager, at, assigneeId: 'user-l3-2', transition: undefined } }]);
    });

    it('starts work on an assigned incident', () => {
      spec.given(historyIn.ASSIGNED).when(commands.StartIncident).then([started]);
    });

    it('lets an engineer take a new incident straight to work', () => {
      spec
        .given(historyIn.NEW)
        .when({ type: 'StartIncident', by: 'user-l3-7', now })
        .then([{ type: 'IncidentStarted', data: { incidentId, by: 'user-l3-7', at, assigneeId: 'user-l3-7', transition: { from: 'NEW', to: 'IN_WORK' } } }]);
    });

    it('puts an incident in work on hold and resumes it', () => {
      spec
        .given(historyIn.IN_WORK)
        .when(commands.PutIncidentOnHold)
        .then([
          { type: 'IncidentPutOnHold', data: { incidentId, by: engineer, at, reason: 'waiting for parts', transition: { from: 'IN_WORK', to: 'ON_HOLD' } } },
        ]);
      spec
        .given(historyIn.ON_HOLD)
        .when(commands.ResumeIncident)
        .then([{ type: 'IncidentResumed', data: { incidentId, by: engineer, at, transition: { from: 'ON_HOLD', to: 'IN_WORK' } } }]);
    });

    it.each(['ASSIGNED', 'IN_WORK', 'ON_HOLD'] as const)('records the business process as a narrative on a %s incident', (status) => {
      spec
        .given(historyIn[status])
        .when(commands.AddNarrative)
        .then([{ type: 'NarrativeAdded', data: { incidentId, by: engineer, at, narrativeId: 'n-1', text: 'Checked the line' } }]);
    });

    it('resolves an incident in work, then closes it', () => {
      spec
        .given(historyIn.IN_WORK)
        .when(commands.ResolveIncident)
        .then([{ type: 'IncidentResolved', data: { incidentId, by: engineer, at, resolution: 'fixed', transition: { from: 'IN_WORK', to: 'RESOLVED' } } }]);
      spec.given(historyIn.RESOLVED).when(commands.CloseIncident).then([closed]);
    });

    it.each(['NEW', 'ASSIGNED', 'IN_WORK', 'ON_HOLD'] as const)('resolves a %s incident with the problem it is linked to', (status) => {
      spec
        .given(historyIn[status])
        .when(commands.ResolveIncidentForProblem)
        .then([
          {
            type: 'IncidentResolved',
            data: {
              incidentId,
              by: 'system:problem-closure',
              at,
              resolution: 'fibre spliced',
              transition: { from: status, to: 'RESOLVED' },
              problemId: 'p-1',
            },
          },
        ]);
    });

    it.each(['NEW', 'ASSIGNED', 'IN_WORK', 'ON_HOLD', 'RESOLVED'] as const)('cancels a %s incident unlinked from its request', (status) => {
      spec
        .given(historyIn[status])
        .when(commands.UnlinkIncident)
        .then([
          {
            type: 'IncidentCancelled',
            data: {
              incidentId,
              by: manager,
              at,
              requestId: 'r-1',
              workGroupCode: 301,
              reason: 'opened by mistake',
              transition: { from: status, to: 'CANCELLED' },
            },
          },
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
      spec
        .given(historyIn.ASSIGNED)
        .when(commands.ResolveIncident)
        .thenThrows(IllegalTransitionError, { allowedStates: ['IN_WORK'] });
    });

    it.each([
      ['PutIncidentOnHold', 'IN_WORK', { ...commands.PutIncidentOnHold, reason: '' }, 'hold-needs-reason'],
      ['ResolveIncident', 'IN_WORK', { ...commands.ResolveIncident, resolution: ' ' }, 'resolve-needs-resolution'],
      ['UnlinkIncident', 'NEW', { ...commands.UnlinkIncident, reason: '' }, 'unlink-needs-reason'],
      ['AddNarrative', 'IN_WORK', { ...commands.AddNarrative, text: '' }, 'narrative-needs-text'],
    ] as const)('refuses %s without its text', (_, status, command, rule) => {
      spec
        .given(historyIn[status])
        .when(command as IncidentCommand)
        .thenThrows(DomainRuleError, { rule });
    });
  });

  describe('priority', () => {
    it('opens with the priority of the request it escalates', () => {
      spec
        .given([])
        .when({ ...commands.OpenIncident, priority: 'P1' } as IncidentCommand)
        .then([{ type: 'IncidentOpened', data: { ...opened.data, priority: 'P1' } } as IncidentEvent]);
    });

    it('sets the priority of an incident in work, recording the one before', () => {
      spec
        .given(historyIn.IN_WORK)
        .when(commands.SetIncidentPriority)
        .then([{ type: 'IncidentPrioritySet', data: { incidentId, by: manager, at, priority: 'P2', previous: 'P3' } }]);
      spec
        .given([{ type: 'IncidentOpened', data: { ...opened.data, priority: 'P1' } } as IncidentEvent])
        .when(commands.SetIncidentPriority)
        .then([{ type: 'IncidentPrioritySet', data: { incidentId, by: manager, at, priority: 'P2', previous: 'P1' } }]);
    });

    it('ignores setting the priority it already has', () => {
      spec
        .given([...historyIn.ASSIGNED, { type: 'IncidentPrioritySet', data: { incidentId, by: manager, at, priority: 'P2', previous: 'P3' } }])
        .when(commands.SetIncidentPriority)
        .then([]);
    });

    it('refuses to prioritise a resolved incident', () => {
      spec.given(historyIn.RESOLVED).when(commands.SetIncidentPriority).thenThrows(IllegalTransitionError, { state: 'RESOLVED' });
    });
  });

  describe('reopening', () => {
    it('takes a resolved incident back to work when the client says the problem persists', () => {
      spec
        .given(historyIn.RESOLVED)
        .when(commands.ReopenIncident)
        .then([
          {
            type: 'IncidentReopened',
            data: { incidentId, by: engineer, at, reason: 'the client says it still drops', transition: { from: 'RESOLVED', to: 'IN_WORK' } },
          },
        ]);
    });

    it('refuses to reopen without what the client said', () => {
      spec
        .given(historyIn.RESOLVED)
        .when({ ...commands.ReopenIncident, reason: ' ' } as IncidentCommand)
        .thenThrows(DomainRuleError, { rule: 'reopen-needs-reason' });
    });

    it('can be resolved again after reopening', () => {
      const reopened: IncidentEvent = {
        type: 'IncidentReopened',
        data: { incidentId, by: engineer, at, reason: 'x', transition: { from: 'RESOLVED', to: 'IN_WORK' } },
      };
      spec
        .given([...historyIn.RESOLVED, reopened])
        .when(commands.ResolveIncident)
        .then([{ type: 'IncidentResolved', data: { incidentId, by: engineer, at, resolution: 'fixed', transition: { from: 'IN_WORK', to: 'RESOLVED' } } }]);
    });
  });

  describe('taking from the queue', () => {
    it('lets an engineer take an unassigned incident, marked as taken', () => {
      spec
        .given(historyIn.NEW)
        .when(commands.TakeIncident)
        .then([
          {
            type: 'IncidentAssigned',
            data: { incidentId, by: 'user-l3-2', at, assigneeId: 'user-l3-2', transition: { from: 'NEW', to: 'ASSIGNED' }, mode: 'taken' },
          },
        ]);
    });

    it('refuses an incident someone else took first as a race lost, naming who has it', () => {
      spec.given(historyIn.ASSIGNED).when(commands.TakeIncident).thenThrows(AlreadyTakenError, { entity: 'incident', state: 'ASSIGNED', assigneeId: engineer });
    });

    it('ignores taking an incident one already has (a resubmission)', () => {
      spec.given(historyIn.IN_WORK).when({ type: 'TakeIncident', by: engineer, now }).then([]);
    });
  });

  describe('automatic assignment', () => {
    it('assigns a queued incident, recording how it was decided', () => {
      spec
        .given(historyIn.NEW)
        .when(commands.AutoAssignIncident)
        .then([
          {
            type: 'IncidentAssigned',
            data: {
              incidentId,
              by: 'system:auto-assignment',
              at,
              assigneeId: 'user-l3-2',
              transition: { from: 'NEW', to: 'ASSIGNED' },
              assignedBy: { kind: 'least-loaded', openItems: 0 },
            },
          },
        ]);
    });

    it.each(['NONE', 'ASSIGNED', 'IN_WORK', 'ON_HOLD', 'RESOLVED', 'CLOSED', 'CANCELLED'] as const)(
      'leaves a %s incident as it is (taken meanwhile, or a replay)',
      (status) => {
        spec.given(historyIn[status]).when(commands.AutoAssignIncident).then([]);
      },
    );
  });

  describe('idempotent resubmission', () => {
    it('ignores a narrative entry it already has', () => {
      spec
        .given([...historyIn.IN_WORK, { type: 'NarrativeAdded', data: { incidentId, by: engineer, at, narrativeId: 'n-1', text: 'Checked the line' } }])
        .when(commands.AddNarrative)
        .then([]);
    });

    it('ignores assigning the same engineer again', () => {
      spec.given(historyIn.ASSIGNED).when({ type: 'AssignIncident', assigneeId: engineer, by: manager, now }).then([]);
    });
  });

  describe('the transitions table', () => {
    const every = Object.entries(commands).flatMap(([type, command]) =>
      (Object.keys(historyIn) as (IncidentStatus | 'NONE')[]).map((status) => [type, status, command] as const),
    );

    it.each(every)('says whether %s may run on a %s incident exactly as the decider decides', (type, status, command) => {
      let illegal = false;
      try {
        incidentDecider.decide(command, fold(incidentDecider, historyIn[status]));
      } catch (error) {
        illegal = error instanceof IllegalTransitionError;
      }
      // AutoAssignIncident outside the queue is a replay or a race lost to a take: absorbed, never refused.
      const absorbed = type === 'AutoAssignIncident';
      expect(!illegal).toBe(incidentTransitions[type as IncidentCommand['type']].includes(status) || absorbed);
    });

    it('offers operators the actions of each state', () => {
      expect(allowedIncidentActions('NEW')).toEqual(['assign', 'take', 'set-priority', 'start', 'unlink']);
      expect(allowedIncidentActions('ASSIGNED')).toEqual(['assign', 'set-priority', 'start', 'narrative', 'unlink']);
      expect(allowedIncidentActions('IN_WORK')).toEqual(['assign', 'set-priority', 'hold', 'narrative', 'resolve', 'unlink']);
      expect(allowedIncidentActions('ON_HOLD')).toEqual(['assign', 'set-priority', 'resume', 'narrative', 'unlink']);
      expect(allowedIncidentActions('RESOLVED')).toEqual(['reopen', 'close', 'unlink']);
      expect(allowedIncidentActions('CLOSED')).toEqual([]);
      expect(allowedIncidentActions('CANCELLED')).toEqual([]);
    });

    it("offers an operator who may change the incident its state's actions, and one who may only read it nothing", () => {
      expect(incidentActionsFor('IN_WORK', { mayChange: true, mayTake: false, maySetPriority: false })).toEqual([
        'assign',
        'hold',
        'narrative',
        'resolve',
        'unlink',
      ]);
      expect(incidentActionsFor('RESOLVED', { mayChange: true, mayTake: false, maySetPriority: false })).toEqual(['reopen', 'close', 'unlink']);
      for (const state of ['NEW', 'ASSIGNED', 'IN_WORK', 'ON_HOLD', 'RESOLVED'] as const)
        expect(incidentActionsFor(state, { mayChange: false, mayTake: false, maySetPriority: true })).toEqual([]);
    });

    it('offers an L3 manager the priority, and an engineer of the work group "take" on an unassigned NEW incident only', () => {
      expect(incidentActionsFor('NEW', { mayChange: true, mayTake: true, maySetPriority: true })).toEqual([
        'assign',
        'take',
        'set-priority',
        'start',
        'unlink',
      ]);
      expect(incidentActionsFor('NEW', { mayChange: false, mayTake: true, maySetPriority: false })).toEqual(['take']);
      expect(incidentActionsFor('IN_WORK', { mayChange: true, mayTake: false, maySetPriority: true })).toEqual([
        'assign',
        'set-priority',
        'hold',
        'narrative',
        'resolve',
        'unlink',
      ]);
    });
  });
});
