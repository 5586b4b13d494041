import { BACKWARDS, END, EventStoreDBClient, FORWARDS, START } from '@eventstore/db-client';
import type { AllStreamSubscription } from '@eventstore/db-client';
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
import { assertValidExpectedRevision } from '../expected-revision';
import { assertValidEvents } from '../append-validation';
import {
  decodeEsdbPosition,
  encodeEsdbPosition,
  mapEsdbError,
  matchesFilter,
  samePosition,
  toEsdbEvent,
  toEsdbExpectedRevision,
  toEsdbSubscriptionFilter,
  toRecordedEvent,
} from './esdb-mapping';

/**
 * The event store on EventStoreDB (`esdb://` connection string). Not exercised on the
 * development machines (no server runs there): the contract suite runs against it when ESDB_URL
 * is set; the mapping is unit-tested.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly subscriptions = new Set<AllStreamSubscription>();

  constructor(connectionString: string) {
    this.client = EventStoreDBClient.connectionString(connectionString);
  }

  async append(streamId: string, events: NewEvent[], opts: AppendOptions = {}): Promise<AppendResult> {
    const expected = opts.expectedRevision ?? 'any';
    assertValidExpectedRevision(expected);
    assertValidEvents(events);
    try {
      const result = await this.client.appendToStream(streamId, events.map(toEsdbEvent), {
        expectedRevision: toEsdbExpectedRevision(expected),
      });
      return {
        nextExpectedRevision: result.nextExpectedRevision,
        position: result.position ? encodeEsdbPosition(result.position) : '',
      };
    } catch (error) {
      throw mapEsdbError(error, streamId, expected);
    }
  }

  async *readStream(streamId: string, opts: ReadStreamOptions = {}): AsyncGenerator<RecordedEvent, void, undefined> {
    const forwards = (opts.direction ?? 'forwards') === 'forwards';
    const read = this.client.readStream(streamId, {
      direction: forwards ? FORWARDS : BACKWARDS,
      fromRevision: opts.fromRevision ?? (forwards ? START : END),
      ...(opts.maxCount === undefined ? {} : { maxCount: opts.maxCount }),
    });
    try {
      for await (const resolved of read) {
        const event = toRecordedEvent(resolved);
        if (event) yield event;
      }
    } catch (error) {
      throw mapEsdbError(error, streamId);
    }
  }

  /** $all's read takes no server filter in this client; filtering and `from` exclusivity are applied here. */
  async *readAll(opts: ReadAllOptions = {}): AsyncGenerator<RecordedEvent, void, undefined> {
    const from = opts.from === undefined ? undefined : decodeEsdbPosition(opts.from);
    let remaining = opts.maxCount ?? Number.POSITIVE_INFINITY;
    if (remaining <= 0) return;
    for await (const resolved of this.client.readAll({ direction: FORWARDS, fromPosition: from ?? START })) {
      const event = toRecordedEvent(resolved);
      if (!event || samePosition(resolved.event?.position, from) || !matchesFilter(event, opts.filter)) continue;
      yield event;
      if (--remaining <= 0) return;
    }
  }

  subscribeToAll(opts: SubscribeToAllOptions): Subscription {
    const from = opts.from === undefined ? undefined : decodeEsdbPosition(opts.from);
    const subscription = this.client.subscribeToAll({
      fromPosition: from ?? START,
      filter: toEsdbSubscriptionFilter(opts.filter),
    });
    this.subscriptions.add(subscription);
    const subscriptions = this.subscriptions;
    return {
      async *[Symbol.asyncIterator]() {
        try {
          for await (const resolved of subscription) {
            const event = toRecordedEvent(resolved);
            if (!event || samePosition(resolved.event?.position, from) || !matchesFilter(event, opts.filter)) continue;
            yield event;
          }
        } finally {
          subscriptions.delete(subscription);
        }
      },
      async stop() {
        subscriptions.delete(subscription);
        await subscription.unsubscribe();
      },
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.unsubscribe().catch(() => undefined)));
    this.subscriptions.clear();
    await this.client.dispose();
  }
}
