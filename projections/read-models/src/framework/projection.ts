import type { EventFilter, RecordedEvent } from '@switchboard/eventstore';
import type { PoolClient } from 'pg';

/** A connection inside the transaction that also moves the projection's checkpoint. */
export type ProjectionTx = PoolClient;

/**
 * A PostgreSQL read model fed by events. `apply` runs inside the batch's transaction and must be
 * idempotent: every row it writes remembers the last stream revision applied, so an event seen
 * again changes nothing. Table names in its SQL stay unqualified: a rebuild runs the same SQL
 * against shadow tables by putting their schema first on the search path.
 */
export interface Projection {
  /** Stable, kebab-case: the checkpoint key and the CLI argument. */
  readonly name: string;
  /** Bump it when `apply` would build different rows from the same events: the projector rebuilds. */
  readonly version: number;
  /** The tables this projection owns (and a rebuild replaces), unqualified. */
  readonly tables: readonly string[];
  /** What the runner subscribes to; events of other types in it still move the checkpoint. */
  readonly filter: EventFilter;
  /** Event types `apply` is called for. */
  readonly handles: readonly string[];
  apply(tx: ProjectionTx, event: RecordedEvent): Promise<void>;
}

/**
 * Every read-model projection subscribes to the same streams, so each of them passes every
 * position a service-desk command returns: a query can wait for any of them (read-your-writes).
 */
export const serviceDeskStreams: EventFilter = { streamPrefixes: ['request-', 'incident-'] };
