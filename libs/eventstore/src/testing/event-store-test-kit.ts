import { randomBytes, randomUUID } from 'node:crypto';
import { WrongExpectedVersionError } from '../event-store.errors';
import type { CurrentRevision, NewEvent, RecordedEvent, Subscription } from '../event-store.port';

export function newEvent(type = 'ThingHappened', data: unknown = { at: Date.now() }, metadata?: Record<string, unknown>): NewEvent {
  return { id: randomUUID(), type, data, ...(metadata ? { metadata } : {}) };
}

/** A stream category of its own, so a test's prefix filter sees only its streams. */
export function uniqueCategory(): string {
  return `t${randomBytes(5).toString('hex')}`;
}

export async function toArray<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function expectWrongExpectedVersion(append: Promise<unknown>, actual: CurrentRevision): Promise<void> {
  const error: unknown = await append.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof WrongExpectedVersionError)) {
    throw new Error(`expected WrongExpectedVersionError, got ${error === undefined ? 'success' : String(error)}`);
  }
  if (error.actual !== actual) throw new Error(`expected actual ${String(actual)}, got ${String(error.actual)}`);
}

/** Drains a subscription in the background; tests await counts with a deadline. */
export class SubscriptionCollector {
  readonly events: RecordedEvent[] = [];
  private failure: unknown;
  private readonly listeners = new Set<() => void>();
  private readonly done: Promise<void>;

  constructor(private readonly subscription: Subscription) {
    this.done = this.drain();
  }

  ids(): string[] {
    return this.events.map((e) => e.id);
  }

  async waitFor(count: number, timeoutMs = 10_000): Promise<RecordedEvent[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.events.length < count) {
      if (this.failure !== undefined) throw this.failure;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`subscription delivered ${this.events.length} of ${count} events within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(wake, Math.min(left, 100));
        function wake(): void {
          clearTimeout(timer);
          resolve();
        }
        this.listeners.add(wake);
      });
    }
    return this.events.slice(0, count);
  }

  async stop(): Promise<void> {
    await this.subscription.stop();
    await this.done;
  }

  private async drain(): Promise<void> {
    try {
      for await (const event of this.subscription) {
        this.events.push(event);
        this.wakeAll();
      }
    } catch (error) {
      this.failure = error;
      this.wakeAll();
    }
  }

  private wakeAll(): void {
    const listeners = [...this.listeners];
    this.listeners.clear();
    for (const listener of listeners) listener();
  }
}
