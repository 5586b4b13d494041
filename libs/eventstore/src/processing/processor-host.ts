import type { ClientConfig, Pool } from 'pg';
import { errorMessage } from '@switchboard/kernel';
import type { EventStore, RecordedEvent } from '../event-store.port';
import type { EventBacklog } from './event-backlog';
import { openParkedCounts, processorsWithRetries } from './parked-events';
import { silentProcessorLogger } from './processor';
import type { ProcessorDefinition, ProcessorHealth, ProcessorLogger, ProcessorObserver, ProcessorTransaction } from './processor';
import { ProcessorLocks } from './processor-locks';
import { ProcessorRunner, sleep } from './processor-runner';
import type { TenureEnd } from './processor-runner';

export interface ProcessorHostOptions {
  readonly pool: Pool;
  readonly store: EventStore;
  /** Who this process is (`<role>@<host>:<pid>`): the lock session's name and the checkpoint rows' holder. */
  readonly identity: string;
  /** Settings of the lock session; default the pool's. */
  readonly lockConnection?: ClientConfig;
  readonly logger?: ProcessorLogger;
  readonly observer?: ProcessorObserver;
  /** Counts lag for the observer (metrics); without it no lag is reported. */
  readonly backlog?: EventBacklog;
  /** How often a standby tries to take a processor, and the lock session is checked. Default 1 s. */
  readonly standbyRetryMs?: number;
  /** How often lag and parked counts are measured for the observer. Default 2 s. */
  readonly metricsIntervalMs?: number;
  /** How often retry requests are looked for besides NOTIFY (which can be missed). Default 5 s. */
  readonly retryPollMs?: number;
  readonly random?: () => number;
  /** Test seam, see ProcessorRunnerOptions. */
  readonly beforeCheckpoint?: (tx: ProcessorTransaction, events: readonly RecordedEvent[]) => Promise<void>;
}

interface Slot {
  readonly runner: ProcessorRunner;
  tenure: { readonly abort: AbortController; readonly done: Promise<void> } | undefined;
  stopped: boolean;
}

const LAG_CAP = 100_000;

/**
 * Runs the processors registered in this process, each on exactly one instance across every
 * process on the database: a processor runs here while this process's lock session holds its
 * advisory lock; otherwise it stands by and tries again every `standbyRetryMs`. When the session
 * is lost (PostgreSQL restarted, the connection killed) every tenure ends at once, the session is
 * reopened with backoff, and the locks are taken again; the fencing token in each checkpoint row
 * keeps an instance that is late to notice from writing.
 */
export class ProcessorHost {
  private readonly slots = new Map<string, Slot>();
  private readonly logger: ProcessorLogger;
  private readonly locks: ProcessorLocks;
  private readonly stopping = new AbortController();
  private loop: Promise<void> | undefined;
  private metricsTimer: NodeJS.Timeout | undefined;
  private measuring = false;
  private lastRetryPoll = 0;
  private sessionFailures = 0;

  constructor(private readonly options: ProcessorHostOptions) {
    this.logger = options.logger ?? silentProcessorLogger;
    this.locks = new ProcessorLocks({
      connection: options.lockConnection ?? options.pool.options,
      holder: options.identity,
      onRetryRequested: (processor) => this.slots.get(processor)?.runner.retriesRequested(),
      onLost: (error) => this.sessionLost(error),
    });
  }

  register(definition: ProcessorDefinition): void {
    if (this.loop) throw new Error(`processor ${definition.name} registered after the host started`);
    if (this.slots.has(definition.name)) throw new Error(`processor ${definition.name} is registered twice`);
    const runner = new ProcessorRunner(definition, {
      pool: this.options.pool,
      store: this.options.store,
      holder: this.options.identity,
      logger: this.logger,
      observer: this.options.observer,
      random: this.options.random,
      beforeCheckpoint: this.options.beforeCheckpoint,
    });
    this.slots.set(definition.name, { runner, tenure: undefined, stopped: false });
    this.options.observer?.stateChanged?.(definition.name, 'standby');
  }

  get processors(): readonly string[] {
    return [...this.slots.keys()];
  }

  health(): ProcessorHealth[] {
    return [...this.slots.values()].map((slot) => slot.runner.health());
  }

  /** Starts trying to take every registered processor; returns without waiting for any. */
  start(): void {
    if (this.loop || this.slots.size === 0) return;
    this.loop = this.run();
    const every = this.options.metricsIntervalMs ?? 2_000;
    if (this.options.observer && (this.options.observer.lag || this.options.observer.parked)) {
      this.metricsTimer = setInterval(() => void this.measure(), every);
      this.metricsTimer.unref();
    }
  }

  /** Ends every tenure (batches in flight finish or roll back), then releases the locks so a standby takes over at once. */
  async stop(): Promise<void> {
    this.stopping.abort();
    clearInterval(this.metricsTimer);
    for (const slot of this.slots.values()) slot.tenure?.abort.abort();
    await this.loop;
    await Promise.all([...this.slots.values()].map((slot) => slot.tenure?.done));
    await this.locks.close();
    for (const slot of this.slots.values()) {
      await slot.runner.definition.close?.().catch((error: unknown) => this.logger.warn(`${slot.runner.name}: not closed cleanly: ${errorMessage(error)}`));
    }
  }

  private async run(): Promise<void> {
    const signal = this.stopping.signal;
    const every = this.options.standbyRetryMs ?? 1_000;
    while (!signal.aborted) {
      try {
        if (!this.locks.connected) {
          await this.locks.connect();
          if (this.sessionFailures > 0) this.logger.log('processor lock session reconnected');
          this.sessionFailures = 0;
        } else {
          await this.locks.heartbeat();
        }
        await this.acquire(signal);
        await this.pollRetries();
      } catch (error) {
        this.sessionFailures++;
        if (this.sessionFailures === 1 || this.sessionFailures % 30 === 0)
          this.logger.error(`processor lock session unavailable (retrying): ${errorMessage(error)}`);
      }
      await sleep(this.sessionFailures > 0 ? Math.min(every * 2 ** Math.min(this.sessionFailures - 1, 4), 10_000) : every, signal);
    }
  }

  private async acquire(signal: AbortSignal): Promise<void> {
    for (const slot of this.slots.values()) {
      if (signal.aborted || slot.stopped || slot.tenure) continue;
      if (!(await this.locks.tryAcquire(slot.runner.name))) continue;
      // A stop that came while the lock was asked for has already ended every tenure it saw: starting
      // one now would run past it (closing the session releases the lock).
      if (signal.aborted) return;
      this.startTenure(slot);
    }
  }

  private startTenure(slot: Slot): void {
    const abort = new AbortController();
    const done = slot.runner
      .runTenure(abort.signal)
      .catch((error: unknown): TenureEnd => {
        this.logger.error(`${slot.runner.name}: tenure ended by an unexpected error: ${errorMessage(error)}`);
        return 'released';
      })
      .then(async (end) => {
        if (end === 'stopped') slot.stopped = true;
        // Give the lock up unless the process is stopping (closing the session releases them all).
        if (!this.stopping.signal.aborted) await this.locks.release(slot.runner.name).catch(() => undefined);
      })
      .finally(() => {
        slot.tenure = undefined;
      });
    slot.tenure = { abort, done };
  }

  private sessionLost(error: Error): void {
    if (this.stopping.signal.aborted) return;
    const active = [...this.slots.values()].filter((slot) => slot.tenure);
    this.logger.error(
      `processor lock session lost (${error.message}): ${active.length ? `stopping ${active.map((s) => s.runner.name).join(', ')} until the locks are taken again` : 'reconnecting'}`,
    );
    for (const slot of active) slot.tenure?.abort.abort();
  }

  private async pollRetries(): Promise<void> {
    if (Date.now() - this.lastRetryPoll < (this.options.retryPollMs ?? 5_000)) return;
    this.lastRetryPoll = Date.now();
    const active = [...this.slots.values()].filter((slot) => slot.tenure && slot.runner.active);
    if (active.length === 0) return;
    const waiting = await processorsWithRetries(this.options.pool);
    for (const slot of active) if (waiting.has(slot.runner.name)) slot.runner.retriesRequested();
  }

  private async measure(): Promise<void> {
    const { observer, backlog, pool } = this.options;
    if (this.measuring || !observer) return;
    this.measuring = true;
    try {
      const parked = observer.parked ? await openParkedCounts(pool) : undefined;
      for (const slot of this.slots.values()) {
        const { runner } = slot;
        if (!runner.active) {
          // Reported by the active instance only: a standby's numbers would be stale.
          observer.lag?.(runner.name, undefined);
          observer.parked?.(runner.name, undefined);
          continue;
        }
        observer.parked?.(runner.name, parked?.get(runner.name) ?? 0);
        if (backlog && observer.lag) {
          const lag = await backlog.after(runner.position, runner.definition.filter, LAG_CAP);
          observer.lag(runner.name, { events: lag.events, seconds: lag.oldestAt ? Math.max(0, (Date.now() - lag.oldestAt.getTime()) / 1000) : 0 });
        }
      }
    } catch {
      // The last values stay; health reports a processor that is stuck.
    } finally {
      this.measuring = false;
    }
  }
}
