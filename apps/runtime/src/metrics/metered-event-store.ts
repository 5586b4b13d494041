import { WrongExpectedVersionError } from '@switchboard/eventstore';
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
} from '@switchboard/eventstore';

/** Where append latencies go: `SwitchboardMetrics.of(metrics).eventStoreAppendSeconds`. */
export interface AppendLatency {
  observe(labels: { outcome: 'ok' | 'conflict' | 'failed' }, seconds: number): void;
}

/** The event store with every append timed, by outcome; reads pass straight through. */
export class MeteredEventStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly appendSeconds: AppendLatency,
  ) {}

  async append(streamId: string, events: NewEvent[], opts?: AppendOptions): Promise<AppendResult> {
    const started = performance.now();
    try {
      const result = await this.inner.append(streamId, events, opts);
      this.appendSeconds.observe({ outcome: 'ok' }, (performance.now() - started) / 1000);
      return result;
    } catch (error) {
      this.appendSeconds.observe({ outcome: error instanceof WrongExpectedVersionError ? 'conflict' : 'failed' }, (performance.now() - started) / 1000);
      throw error;
    }
  }

  readStream(streamId: string, opts?: ReadStreamOptions): AsyncIterable<RecordedEvent> {
    return this.inner.readStream(streamId, opts);
  }

  readAll(opts?: ReadAllOptions): AsyncIterable<RecordedEvent> {
    return this.inner.readAll(opts);
  }

  subscribeToAll(opts: SubscribeToAllOptions): Subscription {
    return this.inner.subscribeToAll(opts);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
