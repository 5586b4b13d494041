import type { RecordedEvent } from '../event-store.port';

/** Metadata key holding an event's schema version; an event without it is version 1. */
export const SCHEMA_VERSION = 'schemaVersion';

export type Upcast = (data: unknown, event: RecordedEvent) => unknown;

/**
 * Upcasters, per event type, each lifting one schema version to the next. History is never
 * edited: old events are transformed as they are read. An event newer than any registered
 * upcaster (written by a newer deployment) is returned as it is.
 */
export class UpcasterRegistry {
  private readonly chains = new Map<string, Upcast[]>();

  /** Registers the step from `fromVersion` to `fromVersion + 1`; steps must be registered in order from 1. */
  register(eventType: string, fromVersion: number, upcast: Upcast): this {
    const chain = this.chains.get(eventType) ?? [];
    if (!Number.isInteger(fromVersion) || fromVersion !== chain.length + 1) {
      throw new RangeError(`Upcaster for '${eventType}' must start at version ${chain.length + 1}, got ${fromVersion}`);
    }
    chain.push(upcast);
    this.chains.set(eventType, chain);
    return this;
  }

  /** The version new events of this type are written with. */
  currentVersion(eventType: string): number {
    return (this.chains.get(eventType)?.length ?? 0) + 1;
  }

  upcast(event: RecordedEvent): RecordedEvent {
    const chain = this.chains.get(event.type);
    const version = schemaVersionOf(event.metadata);
    if (!chain || version > chain.length) return event;
    let data = event.data;
    for (let step = version; step <= chain.length; step++) data = chain[step - 1](data, event);
    return { ...event, data, metadata: { ...event.metadata, [SCHEMA_VERSION]: chain.length + 1 } };
  }
}

export function schemaVersionOf(metadata: Record<string, unknown>): number {
  const version = metadata[SCHEMA_VERSION];
  return typeof version === 'number' && Number.isInteger(version) && version >= 1 ? version : 1;
}
