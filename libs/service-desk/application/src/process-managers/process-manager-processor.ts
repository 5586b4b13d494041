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
 * as sent) are idempotent, so the replay after a crash between the two is harmless.
 */
export function processManagerProcessor(manager: ProcessManager): ProcessorDefinition {
  return {
    name: manager.name,
    filter: manager.filter,
    batch: { maxEvents: 1, maxWaitMs: 0, lingerMs: 0 },
    failure: processManagerFailurePolicy,
    handler: {
      kind: 'external',
      async handle(events) {
        for (const event of events) await manager.handle(event);
      },
    },
  };
}
