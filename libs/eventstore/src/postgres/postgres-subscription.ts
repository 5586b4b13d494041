import type { EventFilter, RecordedEvent, Subscription } from '../event-store.port';
import { compareCheckpoints, decodeCheckpoint } from './postgres-checkpoint';
import type { Checkpoint } from './postgres-checkpoint';
import type { Page } from './postgres-page-reader';
import type { WakeUpSignal } from './wake-up-signal';

const MAX_HELD_BACK_POLL_MS = 50;

export interface SubscriptionDeps {
  readPage(cursor: Checkpoint, limit: number, filter: EventFilter | undefined): Promise<Page>;
  readonly wakeUps: WakeUpSignal;
  readonly batchSize: number;
  readonly idlePollMs: number;
  readonly heldBackPollMs: number;
  started(subscription: PostgresSubscription): void;
  ended(subscription: PostgresSubscription): void;
}

/**
 * Reads stable pages until it is caught up, then waits for a wake-up (NOTIFY or an append in this
 * process) or the poll interval. Events held back behind a running transaction are re-polled
 * sooner, since the transaction that holds them may not be an append and may never notify.
 */
export class PostgresSubscription implements Subscription {
  private readonly stopping = new AbortController();
  private reading: Promise<Page> | undefined;
  private iterated = false;

  constructor(
    private readonly deps: SubscriptionDeps,
    private cursor: Checkpoint,
    private readonly filter: EventFilter | undefined,
  ) {}

  static from(deps: SubscriptionDeps, from: string | undefined, filter: EventFilter | undefined, start: Checkpoint): PostgresSubscription {
    return new PostgresSubscription(deps, from === undefined ? start : decodeCheckpoint(from), filter);
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<RecordedEvent, void, undefined> {
    if (this.iterated) throw new Error('A subscription can be iterated once');
    this.iterated = true;
    if (this.stopping.signal.aborted) return;
    this.deps.started(this);
    try {
      let heldBackDelay = this.deps.heldBackPollMs;
      while (!this.stopping.signal.aborted) {
        const since = this.deps.wakeUps.version;
        this.reading = this.deps.readPage(this.cursor, this.deps.batchSize, this.filter);
        const page = await this.reading;
        this.reading = undefined;
        for (const event of page.events) {
          if (this.stopping.signal.aborted) return;
          yield event;
        }
        if (page.last) this.cursor = page.last;
        if (page.events.length === this.deps.batchSize) continue;
        if (page.tail && compareCheckpoints(page.tail, this.cursor) > 0) this.cursor = page.tail;
        if (!page.heldBack || page.events.length > 0) heldBackDelay = this.deps.heldBackPollMs;
        const delay = page.heldBack ? heldBackDelay : this.deps.idlePollMs;
        if (page.heldBack) heldBackDelay = Math.min(heldBackDelay * 2, MAX_HELD_BACK_POLL_MS);
        await this.deps.wakeUps.wait(since, delay, this.stopping.signal);
      }
    } finally {
      this.reading = undefined;
      this.deps.ended(this);
    }
  }

  /** Ends the iteration; resolves once no query of this subscription is running. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.reading?.catch(() => undefined);
  }
}
