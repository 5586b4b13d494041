import { useSyncExternalStore } from 'react';
import { isApiError } from './problem';

/** A check-in or check-out the guard made, waiting to reach the API (made offline, or its answer lost). */
export interface QueuedVisitStep {
  /** The Idempotency-Key it is sent with, every time: the API records it once. */
  readonly key: string;
  readonly passId: string;
  readonly action: 'check-in' | 'check-out';
  /** When the guard tapped: the visit's time, however late it is sent. */
  readonly at: string;
  /** What the desk shows while it waits. */
  readonly label: string;
}

/** A step the API refused when it finally got it (the pass was revoked meanwhile, a one-time pass used). */
export interface RefusedVisitStep extends QueuedVisitStep {
  readonly status: number;
  readonly detail: string;
}

export type SendVisitStep = (step: QueuedVisitStep) => Promise<void>;

const QUEUE_KEY = 'switchboard.desk.queue.v1';

interface QueueState {
  readonly queued: readonly QueuedVisitStep[];
  readonly refused: readonly RefusedVisitStep[];
}

/**
 * The security desk's outbox (ADR 0029): every check-in and check-out goes through it, kept in
 * localStorage until the API has answered, so a step made during a network loss survives a
 * reload and is sent when the connection returns. Steps go one at a time in the order they were
 * made, each with its own Idempotency-Key: a step sent again after a lost answer is stored once.
 */
export class DeskQueue {
  private state: QueueState;
  private readonly listeners = new Set<() => void>();
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly storage: Pick<Storage, 'getItem' | 'setItem'>,
    private readonly send: SendVisitStep,
  ) {
    this.state = { queued: readStored(storage), refused: [] };
  }

  get snapshot(): QueueState {
    return this.state;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Queues a step and tries to send everything queued. */
  add(step: QueuedVisitStep): Promise<void> {
    this.update({ ...this.state, queued: [...this.state.queued, step] });
    return this.flush();
  }

  dismissRefused(key: string): void {
    this.update({ ...this.state, refused: this.state.refused.filter((r) => r.key !== key) });
  }

  /**
   * Sends what is queued, oldest first; stops at the first step that cannot reach the API (no
   * connection, the API down) and leaves it and the rest for the next flush. A step the API
   * refuses is taken out and shown as refused.
   */
  flush(): Promise<void> {
    this.flushing ??= this.drain().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async drain(): Promise<void> {
    for (;;) {
      const [next] = this.state.queued;
      if (!next) return;
      try {
        await this.send(next);
        this.remove(next.key);
      } catch (error) {
        if (!isApiError(error) || error.status === 0 || error.status >= 500 || error.status === 401 || error.status === 429) return;
        this.remove(next.key, { ...next, status: error.status, detail: error.problem.detail ?? error.problem.title ?? '' });
      }
    }
  }

  private remove(key: string, refused?: RefusedVisitStep): void {
    this.update({ queued: this.state.queued.filter((q) => q.key !== key), refused: refused ? [...this.state.refused, refused] : this.state.refused });
  }

  private update(next: QueueState): void {
    this.state = next;
    try {
      this.storage.setItem(QUEUE_KEY, JSON.stringify(next.queued));
    } catch {
      // A full or disabled storage keeps the queue in memory only.
    }
    for (const listener of this.listeners) listener();
  }
}

function readStored(storage: Pick<Storage, 'getItem'>): QueuedVisitStep[] {
  try {
    const parsed = JSON.parse(storage.getItem(QUEUE_KEY) ?? '[]') as unknown;
    return Array.isArray(parsed) ? (parsed as QueuedVisitStep[]).filter((s) => typeof s?.key === 'string' && typeof s?.passId === 'string') : [];
  } catch {
    return [];
  }
}

export function useDeskQueue(queue: DeskQueue): QueueState {
  return useSyncExternalStore(
    (listener) => queue.subscribe(listener),
    () => queue.snapshot,
  );
}
