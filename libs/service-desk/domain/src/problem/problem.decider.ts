import { assertNever } from '@switchboard/kernel';
import { DomainRuleError, IllegalTransitionError } from '../shared/domain-errors';
import type { ProblemCommand } from './problem.commands';
import type { ProblemEvent } from './problem.events';
import type { Problem, ProblemState } from './problem.state';
import { problemTransitions } from './problem-transitions';

/** How many incidents or requests one link command may carry (a page of a queue, and then some). */
export const PROBLEM_LINK_MAX = 1000;

function expectState(command: ProblemCommand, state: ProblemState): Problem {
  const allowed = problemTransitions[command.type];
  const current = state.exists ? state.status : 'NONE';
  if (!state.exists || !allowed.includes(current)) throw new IllegalTransitionError('problem', command.type, current, allowed);
  return state;
}

/** The ids not linked yet, each once, in the order given. */
function newIds(ids: readonly string[], linked: ReadonlySet<string>, what: string): string[] {
  if (ids.length === 0) throw new DomainRuleError('link-needs-ids', `Name at least one ${what} to link.`);
  if (ids.length > PROBLEM_LINK_MAX) throw new DomainRuleError('link-too-many', `Link at most ${PROBLEM_LINK_MAX} ${what}s at a time.`);
  return [...new Set(ids)].filter((id) => !linked.has(id));
}

/** Decides what a command on a problem means, given its history. Pure. */
export const decideProblem = (command: ProblemCommand, state: ProblemState): ProblemEvent[] => {
  const at = command.now.toISOString();
  const by = command.by;
  switch (command.type) {
    case 'OpenProblem': {
      if (state.exists) throw new IllegalTransitionError('problem', command.type, state.status, problemTransitions.OpenProblem);
      const title = command.title.trim();
      if (!title) throw new DomainRuleError('problem-needs-title', 'A problem needs a title.');
      return [{ type: 'ProblemOpened', data: { problemId: command.problemId, by, at, serviceCode: command.serviceCode, title, origin: command.origin } }];
    }
    case 'LinkIncidentsToProblem': {
      const problem = expectState(command, state);
      const incidentIds = newIds(command.incidentIds, problem.incidentIds, 'incident');
      return incidentIds.length === 0 ? [] : [{ type: 'ProblemIncidentsLinked', data: { problemId: problem.id, by, at, incidentIds } }];
    }
    case 'LinkRequestsToProblem': {
      const problem = expectState(command, state);
      const requestIds = newIds(command.requestIds, problem.requestIds, 'request');
      return requestIds.length === 0 ? [] : [{ type: 'ProblemRequestsLinked', data: { problemId: problem.id, by, at, requestIds } }];
    }
    case 'ResolveProblem': {
      const problem = expectState(command, state);
      const resolution = command.resolution.trim();
      if (!resolution) throw new DomainRuleError('resolve-needs-resolution', 'Resolving a problem needs a resolution.');
      return [{ type: 'ProblemResolved', data: { problemId: problem.id, by, at, resolution, transition: { from: 'OPEN', to: 'RESOLVED' } } }];
    }
    case 'CloseProblem': {
      const problem = expectState(command, state);
      const resolution = command.resolution?.trim() || problem.resolution;
      if (!resolution) throw new DomainRuleError('close-needs-resolution', 'Closing a problem that was not resolved needs a resolution.');
      return [
        {
          type: 'ProblemClosed',
          data: { problemId: problem.id, by, at, serviceCode: problem.serviceCode, resolution, transition: { from: problem.status, to: 'CLOSED' } },
        },
      ];
    }
    default:
      return assertNever(command);
  }
};

export const evolveProblem = (state: ProblemState, event: ProblemEvent): ProblemState => {
  if (event.type === 'ProblemOpened') {
    const d = event.data;
    return {
      exists: true,
      id: d.problemId,
      status: 'OPEN',
      serviceCode: d.serviceCode,
      title: d.title,
      origin: d.origin,
      incidentIds: new Set(),
      requestIds: new Set(),
    };
  }
  if (!state.exists) return state;
  switch (event.type) {
    case 'ProblemIncidentsLinked':
      return { ...state, incidentIds: new Set([...state.incidentIds, ...event.data.incidentIds]) };
    case 'ProblemRequestsLinked':
      return { ...state, requestIds: new Set([...state.requestIds, ...event.data.requestIds]) };
    case 'ProblemResolved':
      return { ...state, status: 'RESOLVED', resolution: event.data.resolution };
    case 'ProblemClosed':
      return { ...state, status: 'CLOSED', resolution: event.data.resolution };
    default:
      return assertNever(event);
  }
};
