import type { SlaTarget } from '@switchboard/service-desk/domain';

/** A durable timer: at `fireAt`, record the warning or breach of `target` (due at `dueAt`) on the item. */
export interface SlaTimer {
  readonly kind: 'request' | 'incident';
  readonly entityId: string;
  readonly target: SlaTarget;
  readonly mark: 'warning' | 'breach';
  /** The target's due time the timer belongs to (a moved due time makes it stale). */
  readonly dueAt: string;
  readonly fireAt: Date;
  /** The policy raises the priority on a breach. */
  readonly escalate: boolean;
}

/**
 * The scheduler table (PostgreSQL, ADR 0021). `schedule` replaces an item's pending timers with
 * the given set; `fireDue` claims due rows (`FOR UPDATE SKIP LOCKED`, so several processes never
 * fire the same one), runs `fire` for each and deletes it only when `fire` succeeded; a failure
 * leaves it for a later attempt, with backoff.
 */
export interface SlaTimers {
  schedule(kind: SlaTimer['kind'], entityId: string, timers: readonly SlaTimer[]): Promise<void>;
  fireDue(now: Date, limit: number, fire: (timer: SlaTimer) => Promise<void>): Promise<number>;
}

export const SLA_TIMERS = Symbol('SlaTimers');
