import type { NewEvent } from '../event-store.port';
import type { CommandEnvelope } from './command-envelope';
import { eventIdFor } from './event-ids';
import { EVENT_SCHEMA_VERSION } from './event-sourced-repository';

/**
 * A command's events as the store takes them: ids derived from the command id (a resubmitted
 * command yields the same ids), metadata naming the command, who issued it and why.
 */
export function newEventsFor(
  streamId: string,
  events: readonly { readonly type: string; readonly data: object }[],
  envelope: Pick<CommandEnvelope, 'commandId' | 'correlationId' | 'causationId'>,
  by: string,
): NewEvent[] {
  return events.map((event, index) => ({
    id: eventIdFor(streamId, envelope.commandId, index),
    type: event.type,
    data: event.data,
    metadata: {
      schemaVersion: EVENT_SCHEMA_VERSION,
      commandId: envelope.commandId,
      by,
      ...(envelope.correlationId ? { correlationId: envelope.correlationId } : {}),
      ...(envelope.causationId ? { causationId: envelope.causationId } : {}),
    },
  }));
}
