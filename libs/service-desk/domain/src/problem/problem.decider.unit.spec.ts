import { DomainRuleError, IllegalTransitionError } from '../shared/domain-errors';
import { fold } from '../shared/decider';
import { deciderSpec } from '../testing/decider-spec';
import { problemDecider } from './problem';
import type { ProblemCommand } from './problem.commands';
import { PROBLEM_LINK_MAX } from './problem.decider';
import type { ProblemEvent } from './problem.events';
import type { ProblemStatus } from './problem-status';
import { allowedProblemActions, managesProblems, problemTransitions } from './problem-transitions';

const now = new Date('2026-12-07T00:30:00.000Z');
const at = now.toISOString();
const problemId = 'p-1';
const manager = 'user-hd-manager';
const spec = deciderSpec(problemDecider);

const opened: ProblemEvent = {
  type: 'ProblemOpened',
  data: { problemId, by: 'system:problem-detection', at, serviceCode: 1001, title: 'Mass incident: service 1001', origin: 'automatic' },
};
const resolved: ProblemEvent = {
  type: 'ProblemResolved',
  data: { problemId, by: manager, at, resolution: 'fibre spliced', transition: { from: 'OPEN', to: 'RESOLVED' } },
};
const closed: ProblemEvent = {
  type: 'ProblemClosed',
  data: { problemId, by: manager, at, serviceCode: 1001, resolution: 'fibre spliced', transition: { from: 'RESOLVED', to: 'CLOSED' } },
};

const historyIn: Record<ProblemStatus | 'NONE', ProblemEvent[]> = {
  NONE: [],
  OPEN: [opened],
  RESOLVED: [opened, resolved],
  CLOSED: [opened, resolved, closed],
};

const commands: Record<ProblemCommand['type'], ProblemCommand> = {
  OpenProblem: {
    type: 'OpenProblem',
    problemId,
    serviceCode: 1001,
    title: 'Mass incident: service 1001',
    origin: 'automatic',
    by: 'system:problem-detection',
    now,
  },
  LinkIncidentsToProblem: { type: 'LinkIncidentsToProblem', incidentIds: ['i-1', 'i-2'], by: manager, now },
  LinkRequestsToProblem: { type: 'LinkRequestsToProblem', requestIds: ['r-1', 'r-2'], by: manager, now },
  ResolveProblem: { type: 'ResolveProblem', resolution: 'fibre spliced', by: manager, now },
  CloseProblem: { type: 'CloseProblem', resolution: 'fibre spliced', by: manager, now },
};

const allowed: Record<ProblemCommand['type'], (ProblemStatus | 'NONE')[]> = {
  OpenProblem: ['NONE'],
  LinkIncidentsToProblem: ['OPEN', 'RESOLVED'],
  LinkRequestsToProblem: ['OPEN', 'RESOLVED'],
  ResolveProblem: ['OPEN'],
  CloseProblem: ['OPEN', 'RESOLVED'],
};

describe('problem decider', () => {
  describe('allowed transitions', () => {
    it('opens a problem for a service, automatically or by hand', () => {
      spec.given([]).when(commands.OpenProblem).then([opened]);
      spec
        .given([])
        .when({ ...commands.OpenProblem, title: '  Fibre cut in the north  ', origin: 'manual', by: manager } as ProblemCommand)
        .then([{ type: 'ProblemOpened', data: { problemId, by: manager, at, serviceCode: 1001, title: 'Fibre cut in the north', origin: 'manual' } }]);
    });

    it('links incidents, each once', () => {
      spec
        .given(historyIn.OPEN)
        .when({ type: 'LinkIncidentsToProblem', incidentIds: ['i-1', 'i-2', 'i-1'], by: manager, now })
        .then([{ type: 'ProblemIncidentsLinked', data: { problemId, by: manager, at, incidentIds: ['i-1', 'i-2'] } }]);
    });

    it('links requests in bulk, skipping those already linked', () => {
      spec
        .given([...historyIn.OPEN, { type: 'ProblemRequestsLinked', data: { problemId, by: manager, at, requestIds: ['r-1'] } }])
        .when({ type: 'LinkRequestsToProblem', requestIds: ['r-1', 'r-2', 'r-3'], by: manager, now })
        .then([{ type: 'ProblemRequestsLinked', data: { problemId, by: manager, at, requestIds: ['r-2', 'r-3'] } }]);
    });

    it('ignores linking only what is linked already (a resubmission)', () => {
      spec
        .given([...historyIn.OPEN, { type: 'ProblemIncidentsLinked', data: { problemId, by: manager, at, incidentIds: ['i-1', 'i-2'] } }])
        .when(commands.LinkIncidentsToProblem)
        .then([]);
    });

    it('keeps collecting late reports once resolved', () => {
      spec
        .given(historyIn.RESOLVED)
        .when(commands.LinkRequestsToProblem)
        .then([{ type: 'ProblemRequestsLinked', data: { problemId, by: manager, at, requestIds: ['r-1', 'r-2'] } }]);
    });

    it('resolves an open problem with a resolution', () => {
      spec.given(historyIn.OPEN).when(commands.ResolveProblem).then([resolved]);
    });

    it('closes a resolved problem with its resolution', () => {
      spec.given(historyIn.RESOLVED).when({ type: 'CloseProblem', by: manager, now }).then([closed]);
    });

    it('closes an open problem straight away when given the resolution', () => {
      spec
        .given(historyIn.OPEN)
        .when({ type: 'CloseProblem', resolution: 'power restored', by: manager, now })
        .then([
          {
            type: 'ProblemClosed',
            data: { problemId, by: manager, at, serviceCode: 1001, resolution: 'power restored', transition: { from: 'OPEN', to: 'CLOSED' } },
          },
        ]);
    });
  });

  describe('business rules', () => {
    it('refuses a problem without a title', () => {
      spec
        .given([])
        .when({ ...commands.OpenProblem, title: '  ' } as ProblemCommand)
        .thenThrows(DomainRuleError, { rule: 'problem-needs-title' });
    });

    it('refuses to link nothing, or more than a bulk link may carry', () => {
      spec
        .given(historyIn.OPEN)
        .when({ type: 'LinkRequestsToProblem', requestIds: [], by: manager, now })
        .thenThrows(DomainRuleError, { rule: 'link-needs-ids' });
      const tooMany = Array.from({ length: PROBLEM_LINK_MAX + 1 }, (_, i) => `r-${i}`);
      spec
        .given(historyIn.OPEN)
        .when({ type: 'LinkRequestsToProblem', requestIds: tooMany, by: manager, now })
        .thenThrows(DomainRuleError, { rule: 'link-too-many' });
    });

    it('refuses to resolve without a resolution, and to close an unresolved problem without one', () => {
      spec
        .given(historyIn.OPEN)
        .when({ type: 'ResolveProblem', resolution: ' ', by: manager, now })
        .thenThrows(DomainRuleError, { rule: 'resolve-needs-resolution' });
      spec.given(historyIn.OPEN).when({ type: 'CloseProblem', by: manager, now }).thenThrows(DomainRuleError, { rule: 'close-needs-resolution' });
    });
  });

  describe('illegal transitions', () => {
    const cases = Object.entries(commands).flatMap(([type, command]) =>
      (Object.keys(historyIn) as (ProblemStatus | 'NONE')[])
        .filter((status) => !allowed[type as ProblemCommand['type']].includes(status))
        .map((status) => [type, status, command] as const),
    );

    it.each(cases)('refuses %s on a %s problem, naming the state', (type, status, command) => {
      spec.given(historyIn[status]).when(command).thenThrows(IllegalTransitionError, { entity: 'problem', command: type, state: status });
    });
  });

  describe('the transitions table', () => {
    const every = Object.entries(commands).flatMap(([type, command]) =>
      (Object.keys(historyIn) as (ProblemStatus | 'NONE')[]).map((status) => [type, status, command] as const),
    );

    it.each(every)('says whether %s may run on a %s problem exactly as the decider decides', (type, status, command) => {
      let illegal = false;
      try {
        problemDecider.decide(command, fold(problemDecider, historyIn[status]));
      } catch (error) {
        illegal = error instanceof IllegalTransitionError;
      }
      expect(!illegal).toBe(problemTransitions[type as ProblemCommand['type']].includes(status));
    });

    it('offers managers the actions of each state', () => {
      expect(allowedProblemActions('OPEN')).toEqual(['link-incidents', 'link-requests', 'resolve', 'close']);
      expect(allowedProblemActions('RESOLVED')).toEqual(['link-incidents', 'link-requests', 'close']);
      expect(allowedProblemActions('CLOSED')).toEqual([]);
    });

    it('lets the help-desk and L3 managers run problems, nobody else', () => {
      expect(managesProblems(['HelpDeskManager'])).toBe(true);
      expect(managesProblems(['SL3Manager'])).toBe(true);
      expect(managesProblems(['HelpDeskUser', 'SL3User'])).toBe(false);
    });
  });

  it('remembers what is linked and how it ended', () => {
    const state = fold(problemDecider, [
      opened,
      { type: 'ProblemIncidentsLinked', data: { problemId, by: manager, at, incidentIds: ['i-1'] } },
      { type: 'ProblemRequestsLinked', data: { problemId, by: manager, at, requestIds: ['r-1', 'r-2'] } },
      resolved,
      closed,
    ]);
    expect(state).toMatchObject({ status: 'CLOSED', resolution: 'fibre spliced', incidentIds: new Set(['i-1']), requestIds: new Set(['r-1', 'r-2']) });
  });
});
