import { backoffDelayMs } from '@switchboard/kernel';
import type { BackoffPolicy } from '@switchboard/kernel';

/** When a batch closes: at `maxEvents`, `maxWaitMs` after its first event, or when no event followed within `lingerMs`. */
export interface BatchPolicy {
  readonly maxEvents: number;
  readonly maxWaitMs: number;
  readonly lingerMs: number;
}

/**
 * How failures are retried: backoff between attempts; an event that fails `maxAttempts` times on
 * its own (not counting transient failures, which are waited out) is parked.
 */
export interface FailurePolicy extends BackoffPolicy {
  readonly maxAttempts: number;
}

export const defaultBatchPolicy: BatchPolicy = { maxEvents: 100, maxWaitMs: 50, lingerMs: 2 };
export const defaultFailurePolicy: FailurePolicy = { baseMs: 500, maxMs: 30_000, maxAttempts: 20 };

/** How long to wait for the next event of an open batch; 0 closes it now. */
export function batchWaitMs(policy: BatchPolicy, size: number, openedAt: number, now: number): number {
  if (size >= policy.maxEvents) return 0;
  const left = openedAt + policy.maxWaitMs - now;
  if (left <= 0) return 0;
  return Math.min(policy.lingerMs, left);
}

/** Failures of one batch (or one event) so far: all of them, and those that count towards parking. */
export interface FailureCount {
  readonly failures: number;
  readonly counted: number;
}

export type FailureDecision =
  /** Several events failed together for a reason of their own: try each alone to find the one that fails. */
  | { readonly action: 'isolate' }
  /** The event failed `maxAttempts` times on its own. */
  | { readonly action: 'park' }
  | { readonly action: 'retry'; readonly delayMs: number };

/** What to do after a failure, given the count including it. */
export function decideAfterFailure(policy: FailurePolicy, count: FailureCount, transient: boolean, events: number, random: number): FailureDecision {
  if (!transient && events > 1) return { action: 'isolate' };
  if (!transient && count.counted >= policy.maxAttempts) return { action: 'park' };
  return { action: 'retry', delayMs: backoffDelayMs(policy, count.failures, random) };
}

/** The worst-case and best-case time from an event's first failure until it is parked (equal jitter). */
export function timeToParkMs(policy: FailurePolicy): { readonly min: number; readonly max: number } {
  let max = 0;
  for (let failures = 1; failures < policy.maxAttempts; failures++) max += backoffDelayMs(policy, failures, 1);
  return { min: Math.round(max / 2), max };
}

const TRANSIENT_CODES = new Set([
  // Node sockets and DNS
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  // nodemailer's connection-level codes
  'ESOCKET',
  'ECONNECTION',
  'EDNS',
  // PostgreSQL: shutdown, cannot connect now, too many connections, serialization failure, deadlock
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '40001',
  '40P01',
]);

/**
 * Failures of the connection or the service, not of the event: they are waited out (retried
 * with backoff for as long as they last) and never park an event, so an outage of PostgreSQL,
 * SMTP, ClickHouse or RabbitMQ cannot set aside events that were never at fault. Looks through
 * `cause` chains; an error may also say so itself with `transient: true`.
 */
export function isTransientError(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 8; depth++) {
    if (typeof current !== 'object') return false;
    const { code, message, transient, responseCode } = current as { code?: unknown; message?: unknown; transient?: unknown; responseCode?: unknown };
    if (transient === true) return true;
    if (typeof code === 'string' && (TRANSIENT_CODES.has(code) || /^08/.test(code))) return true;
    // SMTP 4xx: the server says "not now".
    if (typeof responseCode === 'number' && responseCode >= 400 && responseCode < 500) return true;
    if (typeof message === 'string' && /^Connection terminated|^connect ECONNREFUSED|Client has encountered a connection error/.test(message)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
