/** RFC 9457 problem details: every error the HTTP edge returns has this shape. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** The correlation id of the request (X-Request-Id). */
  requestId?: string;
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Thrown by handlers that need a specific problem shape (fields, current state, allowed actions). */
export class ProblemException extends Error {
  constructor(readonly problem: ProblemDetails) {
    super(problem.detail ?? problem.title);
    this.name = 'ProblemException';
  }
}

export const problemTypes = {
  validation: 'https://switchboard.dev/problems/validation',
  unauthorized: 'https://switchboard.dev/problems/unauthorized',
  forbidden: 'https://switchboard.dev/problems/forbidden',
  notFound: 'https://switchboard.dev/problems/not-found',
  conflict: 'https://switchboard.dev/problems/conflict',
  gone: 'https://switchboard.dev/problems/gone',
  illegalTransition: 'https://switchboard.dev/problems/illegal-transition',
  idempotencyKeyReused: 'https://switchboard.dev/problems/idempotency-key-reused',
  payloadTooLarge: 'https://switchboard.dev/problems/payload-too-large',
  unsupportedMediaType: 'https://switchboard.dev/problems/unsupported-media-type',
  headersTooLarge: 'https://switchboard.dev/problems/headers-too-large',
  tooManyRequests: 'https://switchboard.dev/problems/too-many-requests',
  unavailable: 'https://switchboard.dev/problems/unavailable',
  internal: 'https://switchboard.dev/problems/internal',
} as const;
