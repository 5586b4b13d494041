import type { ProblemOrigin, ProblemStatus } from './problem-status';

export interface Problem {
  readonly exists: true;
  readonly id: string;
  readonly status: ProblemStatus;
  readonly serviceCode: number;
  readonly title: string;
  readonly origin: ProblemOrigin;
  readonly incidentIds: ReadonlySet<string>;
  readonly requestIds: ReadonlySet<string>;
  readonly resolution?: string;
}

export type ProblemState = Problem | { readonly exists: false };

export const initialProblemState: ProblemState = { exists: false };
