import type {
  AppendOptions,
  AppendResult,
  EventStore,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
  Subscription,
} from '../event-store.port';
import { SCHEMA_VERSION } from './upcaster-registry';
import type { UpcasterRegistry } from './upcaster-registry';

/**
 * Wraps any adapter: appends are stamped with the current schema version of their type (unless
 * the caller set one), and every read returns events upcast to the current version.
 */
export class UpcastingEventStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly registry: UpcasterRegistry,
  ) {}

  append(streamId: string, events: NewEvent[], opts?: AppendOptions): Promise<AppendResult> {
    return this.inner.append(
      streamId,
      events.map((event) =>
        event.metadata?.[SCHEMA_VERSION] === undefined
          ? { ...event, metadata: { ...event.metadata, [SCHEMA_VERSION]: this.registry.currentVersion(event.type) } }
          : event,
      ),
      opts,
    );
  }

  readStream(streamId: string, opts?: ReadStreamOptions): AsyncIterable<RecordedEvent> {
    return this.upcastAll(this.inner.readStream(streamId, opts));
  }

  readAll(opts?: ReadAllOptions): AsyncIterable<RecordedEvent> {
    return this.upcastAll(this.inner.readAll(opts));
  }

  subscribeToAll(opts: SubscribeToAllOptions): Subscription {
    const subscription = this.inner.subscribeToAll(opts);
    const events = this.upcastAll(subscription);
    return {
      [Symbol.asyncIterator]: () => events[Symbol.asyncIterator](),
      stop: () => subscription.stop(),
    };
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private async *upcastAll(events: AsyncIterable<RecordedEvent>): AsyncGenerator<RecordedEvent, void, undefined> {
    for await (const event of events) yield this.registry.upcast(event);
  }
}
