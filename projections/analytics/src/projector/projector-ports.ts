/** What the projector logs through; Nest's Logger fits. */
export interface ProjectorLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface ProjectionLag {
  /** Events read from the store that are not in ClickHouse yet. */
  readonly events: number;
  /** Age of the oldest event not in ClickHouse yet; 0 when idle with nothing pending. */
  readonly seconds: number;
}

/** Reports the projection's lag; the app sets the `switchboard_projection_lag_*` gauges with it. */
export interface ProjectionLagObserver {
  observe(projection: string, lag: ProjectionLag): void;
}
