import type { EventFilter } from '../event-store.port';
import { mayPass } from './appended-events';
import type { AppendedEvents } from './appended-events';

/**
 * An in-process edge counter: a reader notes `version` before it queries and then waits "since"
 * that version, so a wake-up that lands while the query runs is never lost.
 */
export class WakeUpSignal {
  private counter = 0;
  private readonly waiters = new Set<() => void>();

  get version(): number {
    return this.counter;
  }

  wake(): void {
    this.counter += 1;
    for (const resolve of [...this.waiters]) resolve();
  }

  /** Resolves on a wake-up after `since`, after `timeoutMs`, or when `signal` aborts. */
  wait(since: number, timeoutMs: number, signal: AbortSignal): Promise<void> {
    if (this.counter !== since || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }
}

/**
 * The wake-ups of one store's subscriptions: each has a signal of its own, woken only by appends
 * whose events may pass its filter (or by a wake-up that says nothing of what was appended).
 */
export class FilteredWakeUps {
  private readonly signals = new Map<WakeUpSignal, EventFilter | undefined>();

  add(signal: WakeUpSignal, filter: EventFilter | undefined): void {
    this.signals.set(signal, filter);
  }

  remove(signal: WakeUpSignal): void {
    this.signals.delete(signal);
  }

  /** `appended` undefined: anything may have been appended, every subscription wakes. */
  wake(appended?: AppendedEvents): void {
    for (const [signal, filter] of this.signals) if (mayPass(filter, appended)) signal.wake();
  }
}
