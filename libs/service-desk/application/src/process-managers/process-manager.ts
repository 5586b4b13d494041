import type { EventFilter, RecordedEvent } from '@switchboard/eventstore';

/** Reacts to events by issuing commands or side effects; must be idempotent (events can replay). */
export interface ProcessManager {
  readonly name: string;
  readonly filter: EventFilter;
  handle(event: RecordedEvent): Promise<void>;
}
