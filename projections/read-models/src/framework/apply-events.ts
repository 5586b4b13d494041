import type { RecordedEvent } from '@switchboard/eventstore';
import { errorMessage } from '@switchboard/kernel';
import type { Projection, ProjectionTx } from './projection';

/** An event a projection could not apply; the batch it was in was rolled back whole. */
export class ProjectionApplyError extends Error {
  constructor(
    readonly projection: string,
    readonly event: Pick<RecordedEvent, 'id' | 'type' | 'streamId' | 'revision' | 'position'>,
    cause: unknown,
  ) {
    super(`${projection} could not apply ${event.type} ${event.id} (${event.streamId}@${event.revision}, position ${event.position}): ${errorMessage(cause)}`, {
      cause,
    });
    this.name = 'ProjectionApplyError';
  }
}

/** Applies the events the projection handles, in order, inside `tx`. */
export async function applyEvents(tx: ProjectionTx, projection: Projection, events: readonly RecordedEvent[], handled: ReadonlySet<string>): Promise<void> {
  for (const event of events) {
    if (!handled.has(event.type)) continue;
    try {
      await projection.apply(tx, event);
    } catch (error) {
      throw new ProjectionApplyError(projection.name, event, error);
    }
  }
}

export interface ProjectionLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: ProjectionLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };
