import type { EventFilter, RecordedEvent, Subscription } from '../event-store.port';
import { compareCheckpoints, decodeCheckpoint } from './postgres-checkpoint';
import type { Checkpoint } from './postgres-checkpoint';
import { isTransientConnectionError } from './postgres-errors';
import type { Page } from './postgres-page-reader';
import type { WakeUpSignal } from './wake-up-signal';

const MAX_HELD_BACK_POLL_MS = 50;
const MAX_RETRY_DELAY_MS = 5_000;

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
 * A lost connection is retried with backoff from the same cursor.
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
      let failures = 0;
      while (!this.stopping.signal.aborted) {
        const since = this.deps.wakeUps.version;
        this.reading = this.deps.readPage(this.cursor, this.deps.batchSize, this.filter);
        let page: Page;
        try {
          page = await this.reading;
          failures = 0;
        } catch (error) {
          // A lost connection costs a retry from the same cursor, never an event; anything else ends the iteration.
          if (!isTransientConnectionError(error)) throw error;
          failures += 1;
          await pause(Math.min(100 * 2 ** (failures - 1), MAX_RETRY_DELAY_MS), this.stopping.signal);
          continue;
        } finally {
          this.reading = undefined;
        }
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

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
