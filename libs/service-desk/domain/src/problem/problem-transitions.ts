import type { ProblemCommandType } from './problem.commands';
import type { ProblemStatus } from './problem-status';

export type ProblemStateOrNone = ProblemStatus | 'NONE';

/** The problem's state machine as data: in which states each command may run (the decider and the API's `allowedActions` read it). */
export const problemTransitions: { readonly [C in ProblemCommandType]: readonly ProblemStateOrNone[] } = {
  OpenProblem: ['NONE'],
  // A resolved problem still collects the reports that come in late.
  LinkIncidentsToProblem: ['OPEN', 'RESOLVED'],
  LinkRequestsToProblem: ['OPEN', 'RESOLVED'],
  ResolveProblem: ['OPEN'],
  CloseProblem: ['OPEN', 'RESOLVED'],
};

/** What a manager can do to a problem, by the command each action sends (the API's route names). */
export const problemOperatorActions = {
  'link-incidents': 'LinkIncidentsToProblem',
  'link-requests': 'LinkRequestsToProblem',
  resolve: 'ResolveProblem',
  close: 'CloseProblem',
} as const satisfies Record<string, ProblemCommandType>;

export type ProblemOperatorAction = keyof typeof problemOperatorActions;

export const problemOperatorActionNames = Object.keys(problemOperatorActions) as [ProblemOperatorAction, ...ProblemOperatorAction[]];

/** The actions the state machine allows in `state`, in the table's order. */
export function allowedProblemActions(state: ProblemStateOrNone): ProblemOperatorAction[] {
  return problemOperatorActionNames.filter((action) => problemTransitions[problemOperatorActions[action]].includes(state));
}

/** Who runs problems: the managers of the help desk and of L3 (they see the whole outage). */
export const problemManagerRoles = ['HelpDeskManager', 'SL3Manager'] as const;

export const managesProblems = (roles: readonly string[]): boolean => roles.some((role) => (problemManagerRoles as readonly string[]).includes(role));
