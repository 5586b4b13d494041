import type { ProblemOrigin, ProblemTransition } from './problem-status';

interface Fact {
  readonly problemId: string;
  readonly by: string;
  readonly at: string;
}

export type ProblemEvent =
  | { type: 'ProblemOpened'; data: Fact & { serviceCode: number; title: string; origin: ProblemOrigin } }
  | { type: 'ProblemIncidentsLinked'; data: Fact & { incidentIds: readonly string[] } }
  | { type: 'ProblemRequestsLinked'; data: Fact & { requestIds: readonly string[] } }
  | { type: 'ProblemResolved'; data: Fact & { resolution: string; transition: ProblemTransition } }
  | { type: 'ProblemClosed'; data: Fact & { serviceCode: number; resolution: string; transition: ProblemTransition } };

export type ProblemEventType = ProblemEvent['type'];

export const problemEventTypes: readonly ProblemEventType[] = [
  'ProblemOpened',
  'ProblemIncidentsLinked',
  'ProblemRequestsLinked',
  'ProblemResolved',
  'ProblemClosed',
];
