import { inGroups } from '@switchboard/eventstore/processing';
import type { FailurePolicy, ProcessorDefinition } from '@switchboard/eventstore/processing';
import type { ProcessManager } from './process-manager';

/**
 * An event a process manager cannot handle (a service gone from the catalogue, a work group
 * without a manager) is parked after 20 attempts with backoff doubling from 0.5 s to 30 s:
 * 3.5 to 7 minutes of trying. Outages (SMTP, PostgreSQL refusing connections) are waited out
 * however long they last and never park an event.
 */
export const processManagerFailurePolicy: FailurePolicy = { baseMs: 500, maxMs: 30_000, maxAttempts: 20 };

/**
 * A process manager on the processing backbone: one event per batch, handled, then the
 * checkpoint moves. Its effects (commands with ids derived from the event, emails remembered
 * as sent) are idempotent, so the replay after a crash between the two is harmless. A manager
 * whose work on different streams is independent may take batches and work them stream by
 * stream side by side (`parallelByStream`), each stream's events in order.
 */
export function processManagerProcessor(manager: ProcessManager, options: { readonly parallelByStream?: boolean } = {}): ProcessorDefinition {
  return {
    name: manager.name,
    filter: manager.filter,
    batch: options.parallelByStream ? { maxEvents: 64, maxWaitMs: 20, lingerMs: 2 } : { maxEvents: 1, maxWaitMs: 0, lingerMs: 0 },
    failure: processManagerFailurePolicy,
    handler: {
      kind: 'external',
      async handle(events) {
        if (options.parallelByStream)
          return inGroups(
            events,
            (event) => event.streamId,
            (event) => manager.handle(event),
          );
        for (const event of events) await manager.handle(event);
      },
    },
  };
}
