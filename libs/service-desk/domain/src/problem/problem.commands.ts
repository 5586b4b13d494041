import type { CommandMeta } from '../shared/command-meta';
import type { ProblemOrigin } from './problem-status';

export type ProblemCommand =
  | (CommandMeta & { type: 'OpenProblem'; problemId: string; serviceCode: number; title: string; origin: ProblemOrigin })
  /** Incidents that share the problem's cause; those already linked are skipped. */
  | (CommandMeta & { type: 'LinkIncidentsToProblem'; incidentIds: readonly string[] })
  /** Requests (reports of the same outage) that need no incident of their own; those already linked are skipped. */
  | (CommandMeta & { type: 'LinkRequestsToProblem'; requestIds: readonly string[] })
  /** The cause is found and fixed; the problem still collects late reports until it is closed. */
  | (CommandMeta & { type: 'ResolveProblem'; resolution: string })
  /** Ends it: every linked incident is resolved and closed, every linked request closed, each client told once. */
  | (CommandMeta & { type: 'CloseProblem'; resolution?: string });

export type ProblemCommandType = ProblemCommand['type'];
