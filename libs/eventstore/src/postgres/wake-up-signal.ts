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
