import type { EventStore } from '@switchboard/eventstore';
import { ProcessorStoppedError } from '@switchboard/eventstore/processing';
import type { BatchPolicy, EventBacklog, FailurePolicy, ProcessorDefinition, ProcessorTenure } from '@switchboard/eventstore/processing';
import type { Pool } from 'pg';
import { applyEvents } from './apply-events';
import type { ProjectionLogger } from './apply-events';
import { readCheckpoint } from './checkpoint-table';
import type { Projection } from './projection';
import { ProjectionRebuilder } from './projection-rebuild';

/** A batch closes at 500 events, 50 ms after its first event, or when none followed within 2 ms: a lone command is not held back. */
export const readModelBatchPolicy: BatchPolicy = { maxEvents: 500, maxWaitMs: 50, lingerMs: 2 };

/**
 * An event a read model cannot apply is a bug (or a migration gone wrong), and parking it loses
 * its change for good: rows keep the last stream revision applied, so the stream's later events
 * make a retry of the parked one a no-op. So a read model retries for four to eight hours (1,000
 * attempts, backoff capped at 30 s, the lag alert firing all along) before it parks, and the
 * repair is the fix plus `switchboard projections rebuild <name>`.
 */
export const readModelFailurePolicy: FailurePolicy = { baseMs: 200, maxMs: 30_000, maxAttempts: 1_000 };

export interface ReadModelProcessorOptions {
  readonly pool: Pool;
  readonly store: EventStore;
  /** Counts what a rebuild has to read, for its progress. */
  readonly backlog?: EventBacklog;
  readonly logger?: ProjectionLogger;
  readonly batch?: Partial<BatchPolicy>;
  readonly failure?: Partial<FailurePolicy>;
}

/**
 * A PostgreSQL read-model projection on the processing backbone: each batch is applied in the
 * transaction that moves its checkpoint. A projection stored at an older version is rebuilt
 * beside the live tables (which keep answering, frozen) before it runs live; one stored at a
 * newer version is left to the newer code that owns it.
 */
export function readModelProcessor(projection: Projection, options: ReadModelProcessorOptions): ProcessorDefinition {
  const handled = new Set(projection.handles);
  const rebuilder = new ProjectionRebuilder(options.pool, options.store, { backlog: options.backlog, logger: options.logger });
  const { name, version } = projection;
  return {
    name,
    version,
    filter: projection.filter,
    batch: { ...readModelBatchPolicy, ...options.batch },
    failure: { ...readModelFailurePolicy, ...options.failure },
    handler: { kind: 'transactional', handle: (tx, events) => applyEvents(tx, projection, events, handled) },
    async prepare(tenure: ProcessorTenure) {
      const stored = await readCheckpoint(options.pool, name);
      if (!stored || stored.version === version) return;
      if (stored.version > version)
        throw new ProcessorStoppedError(`${name} is stored at version ${stored.version}, newer than this code's ${version}; not running it`);
      tenure.report(`rebuilding ${name} v${version} beside the live tables`);
      // Someone else rebuilding it (the CLI) throws RebuildInProgressError: retried until their swap is done.
      await rebuilder.rebuild(projection, {
        signal: tenure.signal,
        onProgress: (p) => tenure.report(`rebuilding ${name} v${version}: ${p.applied}${p.total === undefined ? '' : `/${p.total}`} events (${p.phase})`),
      });
    },
  };
}
