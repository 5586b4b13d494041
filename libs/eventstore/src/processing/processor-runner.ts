import type { Pool } from 'pg';
import { backoffDelayMs, errorMessage } from '@switchboard/kernel';
import type { EventStore, RecordedEvent, Subscription } from '../event-store.port';
import {
  advanceProcessorCheckpoint,
  claimProcessorCheckpoint,
  inTransaction,
  lockProcessorCheckpoint,
  readProcessorCheckpoint,
  reportProcessorState,
} from './checkpoints';
import type { ProcessorCheckpoint } from './checkpoints';
import { markRetried, markRetryFailed, parkEvent, parkedEvents } from './parked-events';
import type { ParkedEvent } from './parked-events';
import { batchWaitMs, decideAfterFailure, defaultBatchPolicy, defaultFailurePolicy, isTransientError } from './processing-policy';
import type { BatchPolicy, FailurePolicy } from './processing-policy';
import { ProcessorStoppedError } from './processor';
import type { ProcessorDefinition, ProcessorHealth, ProcessorLogger, ProcessorObserver, ProcessorState, ProcessorTransaction } from './processor';

export interface ProcessorRunnerOptions {
  readonly pool: Pool;
  readonly store: EventStore;
  /** Who this instance is, in the checkpoint row and the status CLI. */
  readonly holder: string;
  readonly logger: ProcessorLogger;
  readonly observer?: ProcessorObserver;
  /** [0, 1): the jitter of retry delays. */
  readonly random?: () => number;
  /** Test seam: runs in a transactional batch after the handler, before the checkpoint moves. */
  readonly beforeCheckpoint?: (tx: ProcessorTransaction, events: readonly RecordedEvent[]) => Promise<void>;
}

/** How a tenure ended: released (shutdown or lock lost), fenced (another instance claimed it), or stopped for good. */
export type TenureEnd = 'released' | 'fenced' | 'stopped';

type BatchOutcome = 'committed' | 'moved' | 'fenced' | 'superseded' | 'aborted';
type Verdict = Exclude<BatchOutcome, 'committed' | 'aborted'> | undefined;

const TIMEOUT = Symbol('timeout');
const WAKE = Symbol('wake');
const MAX_RESUBSCRIBE_DELAY_MS = 30_000;
const SUBSCRIPTION_SETTLE_MS = 2_000;

/**
 * One processor in one process. The host calls `runTenure` while this process holds the
 * processor's lock: it prepares, claims the checkpoint row (taking a new fencing token), then
 * follows the store from the checkpoint in batches. Every batch transaction locks the row and
 * checks the token, the version and the position before it writes, so an instance that lost its
 * lock, or a checkpoint moved by someone else (a rebuild's swap), can never move it backwards or
 * apply a batch twice. A failing batch is retried; an event that keeps failing on its own is
 * parked in `parked_events` in the transaction that moves the checkpoint past it.
 */
export class ProcessorRunner {
  readonly name: string;
  private readonly version: number;
  private readonly batchPolicy: BatchPolicy;
  private readonly failurePolicy: FailurePolicy;
  private readonly random: () => number;
  private currentState: ProcessorState = 'standby';
  private currentDetail: string | undefined;
  private failure: string | undefined;
  private since = new Date();
  private committed: string | undefined;
  private epoch = 0;
  private retriesWanted = false;
  private subscriptionFailing = false;
  private wakeRetries: (() => void) | undefined;

  constructor(
    readonly definition: ProcessorDefinition,
    private readonly options: ProcessorRunnerOptions,
  ) {
    this.name = definition.name;
    this.version = definition.version ?? 1;
    this.batchPolicy = { ...defaultBatchPolicy, ...definition.batch };
    this.failurePolicy = { ...defaultFailurePolicy, ...definition.failure };
    this.random = options.random ?? Math.random;
  }

  get state(): ProcessorState {
    return this.currentState;
  }

  /** The last committed position, while active. */
  get position(): string | undefined {
    return this.currentState === 'standby' || this.currentState === 'stopped' ? undefined : this.committed;
  }

  get active(): boolean {
    return this.currentState === 'starting' || this.currentState === 'running' || this.currentState === 'retrying';
  }

  health(): ProcessorHealth {
    return { processor: this.name, state: this.currentState, detail: this.currentDetail, lastError: this.failure, position: this.position, since: this.since };
  }

  /** Parked events of this processor were marked for a retry. */
  retriesRequested(): void {
    this.retriesWanted = true;
    this.wakeRetries?.();
  }

  async runTenure(signal: AbortSignal): Promise<TenureEnd> {
    this.retriesWanted = true;
    this.setState('starting');
    try {
      await this.untilDone(signal, 'preparing', () => this.definition.prepare?.({ signal, report: (detail) => this.setDetail(detail) }) ?? Promise.resolve());
      const row = await this.untilDone(signal, 'claiming its checkpoint', () =>
        claimProcessorCheckpoint(this.options.pool, this.name, {
          version: this.version,
          filter: this.definition.filter,
          holder: this.options.holder,
          initial: this.definition.initialPosition && (() => this.definition.initialPosition?.() ?? Promise.resolve(undefined)),
        }),
      );
      if (row.version !== this.version) throw superseded(this.name, row.version, this.version);
      this.epoch = row.holderEpoch;
      this.committed = row.position;
      this.setState('running');
      this.options.logger.log(`${this.name}: active here, following from ${row.position ?? 'the start'}`);
      const end = await this.follow(signal);
      return end;
    } catch (error) {
      if (error instanceof ProcessorStoppedError) {
        this.options.logger.error(`${this.name} stopped: ${error.message}`);
        this.setState('stopped', undefined, error.message);
        return 'stopped';
      }
      if (signal.aborted) return 'released';
      throw error;
    } finally {
      this.wakeRetries = undefined;
      if (this.currentState !== 'stopped') this.setState('standby');
    }
  }

  private async follow(signal: AbortSignal): Promise<TenureEnd> {
    let failures = 0;
    while (!signal.aborted) {
      const subscription = this.options.store.subscribeToAll({ from: this.committed, filter: this.definition.filter });
      let outcome: BatchOutcome | 'ended';
      try {
        outcome = await this.consume(subscription, signal, () => (failures = 0));
      } catch (error) {
        // The subscription (or reading a parked event) failed: the store is unreachable, a reader's connection was killed.
        if (signal.aborted) break;
        failures++;
        this.markRetrying(`subscription failed: ${errorMessage(error)}`);
        this.subscriptionFailing = true;
        await sleep(Math.min(MAX_RESUBSCRIBE_DELAY_MS, this.delay(failures)), signal);
        continue;
      }
      if (outcome === 'fenced') {
        this.options.logger.warn(`${this.name}: another instance claimed the checkpoint; standing by`);
        return 'fenced';
      }
      if (outcome === 'superseded') {
        const row = await readProcessorCheckpoint(this.options.pool, this.name).catch(() => undefined);
        throw superseded(this.name, row?.version, this.version);
      }
      if (outcome === 'moved') {
        const row = await this.untilDone(signal, 'reloading its checkpoint', async () =>
          required(await readProcessorCheckpoint(this.options.pool, this.name), this.name),
        );
        this.committed = row.position;
        this.options.logger.warn(`${this.name}: checkpoint moved by someone else, resuming from ${row.position ?? 'the start'}`);
      }
      if (outcome === 'ended' && !signal.aborted) {
        // The store ended the subscription without an error: start again after a pause.
        failures++;
        await sleep(this.delay(failures), signal);
      }
    }
    return 'released';
  }

  /** Reads the subscription in batches until it ends, the tenure ends, or a batch cannot commit. */
  private async consume(subscription: Subscription, signal: AbortSignal, progressed: () => void): Promise<BatchOutcome | 'ended'> {
    const iterator = subscription[Symbol.asyncIterator]();
    let pending: Promise<IteratorResult<RecordedEvent>> | undefined;
    const next = (): Promise<IteratorResult<RecordedEvent>> => {
      if (!pending) {
        pending = iterator.next();
        // Surfaced where it is awaited; not an unhandled rejection while a batch commits.
        pending.catch(() => undefined);
      }
      return pending;
    };
    const stop = (): void => void subscription.stop();
    signal.addEventListener('abort', stop, { once: true });
    // After a failed subscription: a new one that reads without failing for a while is healthy, events or not.
    const settled = this.subscriptionFailing ? setTimeout(() => this.subscriptionFailing && this.recovered(), SUBSCRIPTION_SETTLE_MS) : undefined;
    try {
      for (;;) {
        if (signal.aborted) return 'aborted';
        if (this.retriesWanted) {
          const outcome = await this.applyRequestedRetries(signal);
          if (outcome) return outcome;
        }
        const first = await Promise.race([next(), this.retryWakeUp()]);
        if (first === WAKE) continue;
        pending = undefined;
        if (first.done) return signal.aborted ? 'aborted' : 'ended';
        if (this.currentState === 'retrying') this.recovered();
        progressed();
        const batch = [first.value];
        const openedAt = performance.now();
        let ended = false;
        for (;;) {
          const wait = batchWaitMs(this.batchPolicy, batch.length, openedAt, performance.now());
          if (wait <= 0) break;
          const result = await raceTimeout(next(), wait);
          if (result === TIMEOUT) break;
          pending = undefined;
          if (result.done) {
            ended = true;
            break;
          }
          batch.push(result.value);
        }
        const outcome = await this.process(batch, signal);
        if (outcome !== 'committed') return outcome;
        if (ended) return signal.aborted ? 'aborted' : 'ended';
      }
    } finally {
      clearTimeout(settled);
      signal.removeEventListener('abort', stop);
      await subscription.stop().catch(() => undefined);
      if (pending) await pending.catch(() => undefined);
      await iterator.return?.(undefined).catch(() => undefined);
    }
  }

  /** Commits a batch, retrying and isolating failures; parks an event that keeps failing on its own. */
  private async process(events: readonly RecordedEvent[], signal: AbortSignal): Promise<BatchOutcome> {
    let failures = 0;
    let counted = 0;
    for (;;) {
      if (signal.aborted) return 'aborted';
      const started = performance.now();
      let error: unknown;
      try {
        const outcome = await this.commit(events);
        if (outcome === 'committed') {
          this.options.observer?.batchCommitted?.(this.name, events.length, (performance.now() - started) / 1000);
          try {
            this.definition.afterCommit?.(events);
          } catch (error) {
            this.options.logger.warn(`${this.name}: after-commit hook failed: ${errorMessage(error)}`);
          }
          if (this.currentState === 'retrying') this.recovered();
        }
        return outcome;
      } catch (caught) {
        error = caught;
      }
      failures++;
      const transient = isTransientError(error) || this.definition.isTransient?.(error) === true;
      if (!transient) counted++;
      const decision = decideAfterFailure(this.failurePolicy, { failures, counted }, transient, events.length, this.random());
      if (decision.action === 'isolate') {
        this.options.logger.warn(`${this.name}: a batch of ${events.length} events failed (${errorMessage(error)}); applying them one by one`);
        for (const event of events) {
          const outcome = await this.process([event], signal);
          if (outcome !== 'committed') return outcome;
        }
        return 'committed';
      }
      const [event] = events;
      const what = events.length === 1 ? `${event.type} ${event.id} (${event.streamId}@${event.revision})` : `a batch of ${events.length} events`;
      if (decision.action === 'park') {
        try {
          return await this.park(event, counted, errorMessage(error));
        } catch (parkError) {
          // Parking needs PostgreSQL too; until it works the event is simply retried.
          this.markRetrying(`${what} could not be parked: ${errorMessage(parkError)}`);
          await sleep(this.delay(failures), signal);
          continue;
        }
      }
      const attempts = transient ? `transient failure ${failures}, waited out` : `attempt ${counted} of ${this.failurePolicy.maxAttempts}`;
      this.markRetrying(`${what} failed (${attempts}), retrying in ${Math.round(decision.delayMs)} ms: ${errorMessage(error)}`, transient ? 'warn' : 'error');
      await sleep(decision.delayMs, signal);
    }
  }

  private async commit(events: readonly RecordedEvent[]): Promise<BatchOutcome> {
    const last = events[events.length - 1];
    const { handler } = this.definition;
    const { pool } = this.options;
    let outcome: BatchOutcome;
    if (handler.kind === 'transactional') {
      outcome = await inTransaction(pool, async (tx) => {
        const verdict = this.fence(await lockProcessorCheckpoint(tx, this.name));
        if (verdict) return verdict;
        await handler.handle(tx, events);
        await this.options.beforeCheckpoint?.(tx, events);
        await advanceProcessorCheckpoint(tx, this.name, last.position, events.length, last.createdAt);
        return 'committed';
      });
    } else {
      // A cheap look first: do not repeat work someone else owns. The compare-and-set after it decides.
      const early = this.fence(await readProcessorCheckpoint(pool, this.name));
      if (early) return early;
      await handler.handle(events);
      outcome = await inTransaction(pool, async (tx) => {
        const verdict = this.fence(await lockProcessorCheckpoint(tx, this.name));
        if (verdict) return verdict;
        await advanceProcessorCheckpoint(tx, this.name, last.position, events.length, last.createdAt);
        return 'committed';
      });
    }
    if (outcome === 'committed') this.committed = last.position;
    return outcome;
  }

  private async park(event: RecordedEvent, attempts: number, error: string): Promise<BatchOutcome> {
    const outcome = await inTransaction<BatchOutcome>(this.options.pool, async (tx) => {
      const verdict = this.fence(await lockProcessorCheckpoint(tx, this.name));
      if (verdict) return verdict;
      await parkEvent(tx, this.name, event, attempts, error);
      await advanceProcessorCheckpoint(tx, this.name, event.position, 1, event.createdAt);
      return 'committed';
    });
    if (outcome === 'committed') {
      this.committed = event.position;
      this.options.logger.error(
        `${this.name} PARKED ${event.type} ${event.id} (${event.streamId}@${event.revision}) after ${attempts} attempts and moved on: ${error}. ` +
          `Retry it with \`switchboard processors retry ${this.name} ${event.id}\` once the cause is fixed.`,
      );
      this.recovered();
    }
    return outcome;
  }

  /** Applies the parked events an operator asked to retry, each once, then marks them retried (or parked again). */
  private async applyRequestedRetries(signal: AbortSignal): Promise<BatchOutcome | undefined> {
    this.retriesWanted = false;
    let requested: ParkedEvent[];
    try {
      requested = await parkedEvents(this.options.pool, { processor: this.name, statuses: ['retry-requested'] });
    } catch (error) {
      // Looked at again on the next wake-up or poll.
      this.options.logger.warn(`${this.name}: retry requests not read: ${errorMessage(error)}`);
      return undefined;
    }
    for (const parked of requested) {
      if (signal.aborted) return 'aborted';
      const outcome = await this.retryParked(parked);
      if (outcome) return outcome;
    }
    return undefined;
  }

  private async retryParked(parked: ParkedEvent): Promise<BatchOutcome | undefined> {
    const { pool } = this.options;
    const { handler } = this.definition;
    try {
      const event = await this.loadEvent(parked);
      if (handler.kind === 'transactional') {
        const verdict = await inTransaction<Verdict | 'gone'>(pool, async (tx) => {
          const row = await lockProcessorCheckpoint(tx, this.name);
          if (!row || row.holderEpoch !== this.epoch) return 'fenced';
          await handler.handle(tx, [event]);
          // Applied and marked in one transaction: a retry is applied once.
          if (!(await markRetried(tx, this.name, parked.eventId))) throw new RetryWithdrawnError();
          return undefined;
        });
        if (verdict === 'fenced') return 'fenced';
      } else {
        const row = await readProcessorCheckpoint(pool, this.name);
        if (!row || row.holderEpoch !== this.epoch) return 'fenced';
        await handler.handle([event]);
        await markRetried(pool, this.name, parked.eventId);
      }
      this.options.logger.log(`${this.name}: retried parked ${parked.eventType} ${parked.eventId}: applied`);
    } catch (error) {
      if (error instanceof RetryWithdrawnError) return undefined;
      this.options.logger.error(`${this.name}: retry of parked ${parked.eventType} ${parked.eventId} failed again: ${errorMessage(error)}`);
      await markRetryFailed(pool, this.name, parked.eventId, errorMessage(error)).catch((markError: unknown) => {
        // Left as requested: the next wake-up or poll tries again.
        this.options.logger.warn(`${this.name}: retry outcome of ${parked.eventId} not recorded: ${errorMessage(markError)}`);
      });
    }
    return undefined;
  }

  private async loadEvent(parked: ParkedEvent): Promise<RecordedEvent> {
    for await (const event of this.options.store.readStream(parked.streamId, { fromRevision: parked.revision, maxCount: 1 })) {
      if (event.id === parked.eventId) return event;
    }
    throw new Error(`event ${parked.eventId} is no longer at ${parked.streamId}@${parked.revision}`);
  }

  private fence(row: ProcessorCheckpoint | undefined): Verdict {
    if (!row || row.holderEpoch !== this.epoch) return 'fenced';
    if (row.version !== this.version) return 'superseded';
    if (row.position !== this.committed) return 'moved';
    return undefined;
  }

  private retryWakeUp(): Promise<typeof WAKE> {
    return new Promise((resolve) => {
      this.wakeRetries = () => resolve(WAKE);
      if (this.retriesWanted) resolve(WAKE);
    });
  }

  /** Retries `work` with backoff until it succeeds, the tenure ends, or it stops the processor. */
  private async untilDone<T>(signal: AbortSignal, what: string, work: () => Promise<T>): Promise<T> {
    for (let failures = 1; ; failures++) {
      if (signal.aborted) throw new TenureAbortedError();
      try {
        const result = await work();
        if (this.currentState === 'retrying') this.setState('starting');
        return result;
      } catch (error) {
        if (error instanceof ProcessorStoppedError || signal.aborted) throw error;
        this.markRetrying(`${what} failed: ${errorMessage(error)}`);
        await sleep(this.delay(failures), signal);
      }
    }
  }

  private delay(failures: number): number {
    return backoffDelayMs(this.failurePolicy, failures, this.random());
  }

  private markRetrying(reason: string, level: 'warn' | 'error' = 'error'): void {
    this.subscriptionFailing = false;
    if (this.failure !== reason) this.options.logger[level](`${this.name} is retrying: ${reason}`);
    this.setState('retrying', this.currentDetail, reason);
  }

  private recovered(): void {
    this.subscriptionFailing = false;
    if (this.currentState !== 'retrying') return;
    this.options.logger.log(`${this.name} recovered`);
    this.setState('running');
  }

  private setDetail(detail: string): void {
    this.currentDetail = detail;
  }

  private setState(state: ProcessorState, detail?: string, error?: string): void {
    const changed = state !== this.currentState;
    const reported = changed || error !== this.failure;
    this.currentState = state;
    this.currentDetail = detail;
    this.failure = error;
    if (changed) {
      this.since = new Date();
      this.options.observer?.stateChanged?.(this.name, state);
    }
    if (reported && state !== 'standby' && this.epoch > 0) {
      void reportProcessorState(this.options.pool, this.name, this.epoch, state, error).catch(() => undefined);
    }
  }
}

class RetryWithdrawnError extends Error {}
class TenureAbortedError extends Error {}

function superseded(name: string, stored: number | undefined, code: number): ProcessorStoppedError {
  return new ProcessorStoppedError(`${name} is stored at version ${stored ?? 'unknown'}, this code runs version ${code}; not running it here`);
}

function required(row: ProcessorCheckpoint | undefined, name: string): ProcessorCheckpoint {
  if (!row) throw new Error(`processor_checkpoints lost the row of ${name}`);
  return row;
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

function raceTimeout<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMEOUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMEOUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMEOUT), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
