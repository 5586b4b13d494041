/** What a check may add to its result, e.g. the state of each processor it covers. */
export type HealthDetails = Readonly<Record<string, unknown>>;

/**
 * A real dependency (or a part of the app) it needs to serve: resolves when it is fine, rejects
 * with the reason when not. It may resolve with details, or reject with a HealthCheckError that
 * carries them.
 */
export interface HealthIndicator {
  readonly name: string;
  check(): Promise<void | HealthDetails>;
}

export class HealthCheckError extends Error {
  constructor(
    message: string,
    readonly details: HealthDetails,
  ) {
    super(message);
    this.name = 'HealthCheckError';
  }
}

export interface HealthCheckResult {
  readonly status: 'up' | 'down';
  readonly ms: number;
  readonly error?: string;
  readonly details?: HealthDetails;
}

export interface ReadinessReport {
  readonly status: 'ready' | 'not_ready';
  readonly checks: Record<string, HealthCheckResult>;
}
