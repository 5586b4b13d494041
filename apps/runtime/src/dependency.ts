import type { RouteBodyLimit } from '@switchboard/platform';

/** External systems an app role may need; each becomes a readiness check when it is configured. */
export type Dependency = 'postgres' | 'eventstore' | 'redis' | 'amqp' | 'clickhouse' | 'smtp' | 'identity';

export interface AppRole {
  /** Name in logs and metrics (`app` label). */
  readonly name: string;
  readonly dependencies: readonly Dependency[];
  /** Routes whose bodies may be larger than the default limit (64 KiB). */
  readonly bodyLimits?: readonly RouteBodyLimit[];
}
