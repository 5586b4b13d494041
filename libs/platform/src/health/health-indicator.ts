/** A real dependency an app needs to serve: resolves when reachable, rejects with the reason when not. */
export interface HealthIndicator {
  readonly name: string;
  check(): Promise<void>;
}

export interface HealthCheckResult {
  readonly status: 'up' | 'down';
  readonly ms: number;
  readonly error?: string;
}

export interface ReadinessReport {
  readonly status: 'ready' | 'not_ready';
  readonly checks: Record<string, HealthCheckResult>;
}
