export const problemStatuses = ['OPEN', 'RESOLVED', 'CLOSED'] as const;
export type ProblemStatus = (typeof problemStatuses)[number];

export interface ProblemTransition {
  readonly from: ProblemStatus;
  readonly to: ProblemStatus;
}

/** How a problem came to be: opened by the detection process manager, or by a manager's hand. */
export const problemOrigins = ['automatic', 'manual'] as const;
export type ProblemOrigin = (typeof problemOrigins)[number];
