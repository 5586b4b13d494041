import type { EventStore, RecordedEvent, Subscription } from '@switchboard/eventstore';
import type { Pool } from 'pg';
import { applyEvents, errorMessage, silentLogger } from './apply-events';
import type { ProjectionLogger } from './apply-events';
import { advanceCheckpoint, ensureCheckpoint, inTransaction, lockCheckpoint, readCheckpoint } from './checkpoint-table';
import type { Projection, ProjectionTx } from './projection';

export interface ProjectionRunnerOptions {
  /** Most events per transaction. Default 500. */
  readonly batchSize?: number;
  /** A batch closes this long after its first event at the latest. Default 50 ms. */
  readonly batchMs?: number;
  /** ...or when no further event arrives within this long: a lone command is not held back. Default 2 ms. */
  readonly lingerMs?: number;
  /** First delay before retrying a failed batch; doubles up to 30 s. Default 200 ms. */
  readonly retryDelayMs?: number;
  readonly logger?: ProjectionLogger;
  /** Called after each committed batch (in-process wake-ups, metrics). */
  readonly onCommitted?: (projection: string, position: string, events: number) => void;
  /** Test seam: runs inside the batch transaction after the events, before the checkpoint moves. */
  readonly beforeCheckpoint?: (tx: ProjectionTx, batch: readonly RecordedEvent[]) => Promise<void>;
}

/**
 * `running` includes "caught up and waiting"; `failing` means the current batch keeps failing and
 * is being retried (the projection stands still, it never skips); `superseded` means another
 * process moved this projection to a newer version, and this runner stopped for good.
 */
export type ProjectionRunnerState = 'idle' | 'running' | 'failing' | 'superseded' | 'stopped';

type BatchOutcome = 'committed' | 'moved' | 'superseded' | 'stopped';

const MAX_RETRY_DELAY_MS = 30_000;
const TIMEOUT = Symbol('timeout');

/**
 * Runs one projection live: subscribes from its checkpoint, applies events in batches, and moves
 * the checkpoint in the same transaction as the rows, so a crash anywhere replays (never skips or
 * half-applies) a batch. The batch transaction first locks the checkpoint row and checks it is
 * still where this runner left it: when something else moved it (a rebuild swapped its tables,
 * a second projector), the batch is dropped and the runner resubscribes from the stored position.
 */
export class ProjectionRunner {
  private readonly handled: ReadonlySet<string>;
  private readonly batchSize: number;
  private readonly batchMs: number;
  private readonly lingerMs: number;
  private readonly retryDelayMs: number;
  private readonly logger: ProjectionLogger;
  private committed: string | undefined;
  private subscription: Subscription | undefined;
  private loop: Promise<void> | undefined;
  private readonly stopping = new AbortController();
  private currentState: ProjectionRunnerState = 'idle';
  private failure: string | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly store: EventStore,
    readonly projection: Projection,
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    this.handled = new Set(projection.handles);
    this.batchSize = options.batchSize ?? 500;
    this.batchMs = options.batchMs ?? 50;
    this.lingerMs = options.lingerMs ?? 2;
    this.retryDelayMs = options.retryDelayMs ?? 200;
    this.logger = options.logger ?? silentLogger;
  }

  get state(): ProjectionRunnerState {
    return this.currentState;
  }

  /** Why the projection is failing or superseded. */
  get lastError(): string | undefined {
    return this.failure;
  }

  /** The position of the last committed batch, as this runner knows it. */
  get position(): string | undefined {
    return this.committed;
  }

  /** Creates the checkpoint row if missing; the stored version must be this projection's. */
  async start(): Promise<void> {
    if (this.loop) throw new Error(`${this.projection.name} is already running`);
    const row = await ensureCheckpoint(this.pool, this.projection.name, this.projection.version);
    if (row.version !== this.projection.version) {
      throw new Error(`${this.projection.name} is stored at version ${row.version}, this code is version ${this.projection.version}: rebuild it first`);
    }
    this.committed = row.position;
    this.currentState = 'running';
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.subscription?.stop();
    await this.loop;
    if (this.currentState !== 'superseded') this.currentState = 'stopped';
  }

  private async run(): Promise<void> {
    let delay = this.retryDelayMs;
    while (!this.stopping.signal.aborted) {
      const subscription = this.store.subscribeToAll({ from: this.committed, filter: this.projection.filter });
      this.subscription = subscription;
      let outcome: BatchOutcome | 'ended';
      try {
        outcome = await this.consume(subscription);
        delay = this.retryDelayMs;
      } catch (error) {
        // The subscription itself failed (the store is unreachable): resubscribe from the checkpoint.
        this.markFailing(`subscription failed: ${errorMessage(error)}`);
        await subscription.stop().catch(() => undefined);
        await this.sleep(delay);
        delay = Math.min(delay * 2, MAX_RETRY_DELAY_MS);
        await this.reload().then(
          () => this.recovered(),
          () => undefined,
        );
        continue;
      }
      await subscription.stop();
      if (outcome === 'superseded') {
        this.currentState = 'superseded';
        this.failure = `${this.projection.name}: another process moved the checkpoint to a different version; this runner stopped`;
        this.logger.error(this.failure);
        return;
      }
      if (outcome === 'moved') {
        const row = await this.reload();
        this.logger.warn(`${this.projection.name}: checkpoint moved by another process, resuming from ${row ?? 'the start'}`);
      }
    }
  }

  /** Reads the subscription in batches until it ends, the checkpoint moves under us, or stop. */
  private async consume(subscription: Subscription): Promise<BatchOutcome | 'ended'> {
    const iterator = subscription[Symbol.asyncIterator]();
    let pending: Promise<IteratorResult<RecordedEvent>> | undefined;
    const next = (): Promise<IteratorResult<RecordedEvent>> => (pending ??= iterator.next());
    try {
      for (;;) {
        const first = await next();
        pending = undefined;
        if (first.done) return 'ended';
        const batch = [first.value];
        let ended = false;
        const deadline = performance.now() + this.batchMs;
        while (batch.length < this.batchSize) {
          const left = deadline - performance.now();
          if (left <= 0) break;
          const result = await raceTimeout(next(), Math.min(left, this.lingerMs));
          if (result === TIMEOUT) break;
          pending = undefined;
          if (result.done) {
            ended = true;
            break;
          }
          batch.push(result.value);
        }
        const outcome = await this.commitWithRetry(batch);
        if (outcome !== 'committed') return outcome;
        if (ended) return 'ended';
      }
    } finally {
      await subscription.stop();
      if (pending) await pending.catch(() => undefined);
      await iterator.return?.(undefined).catch(() => undefined);
    }
  }

  private async commitWithRetry(batch: readonly RecordedEvent[]): Promise<BatchOutcome> {
    let delay = this.retryDelayMs;
    for (;;) {
      try {
        const outcome = await this.commit(batch);
        this.recovered();
        return outcome;
      } catch (error) {
        this.markFailing(errorMessage(error));
        if (this.stopping.signal.aborted) return 'stopped';
        await this.sleep(delay);
        if (this.stopping.signal.aborted) return 'stopped';
        delay = Math.min(delay * 2, MAX_RETRY_DELAY_MS);
      }
    }
  }

  private async commit(batch: readonly RecordedEvent[]): Promise<BatchOutcome> {
    const { name, version } = this.projection;
    const last = batch[batch.length - 1];
    const outcome = await inTransaction<BatchOutcome>(this.pool, async (tx) => {
      const row = await lockCheckpoint(tx, name);
      if (!row || row.version !== version) return 'superseded';
      if (row.position !== this.committed) return 'moved';
      await applyEvents(tx, this.projection, batch, this.handled);
      await this.options.beforeCheckpoint?.(tx, batch);
      await advanceCheckpoint(tx, name, last.position, batch.length, last.createdAt);
      return 'committed';
    });
    if (outcome === 'committed') {
      this.committed = last.position;
      this.options.onCommitted?.(name, last.position, batch.length);
    }
    return outcome;
  }

  private async reload(): Promise<string | undefined> {
    const row = await readCheckpoint(this.pool, this.projection.name);
    this.committed = row?.position;
    return this.committed;
  }

  private recovered(): void {
    if (this.currentState !== 'failing') return;
    this.logger.log(`${this.projection.name} recovered`);
    this.currentState = 'running';
    this.failure = undefined;
  }

  private markFailing(reason: string): void {
    if (this.failure !== reason) this.logger.error(`${this.projection.name} is failing (retrying, not skipping): ${reason}`);
    this.currentState = 'failing';
    this.failure = reason;
  }

  private sleep(ms: number): Promise<void> {
    const signal = this.stopping.signal;
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
}

function raceTimeout<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMEOUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMEOUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMEOUT), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
