export interface BackoffPolicy {
  /** Delay after the first failure. */
  readonly baseMs: number;
  /** Longest delay, however many failures. */
  readonly maxMs: number;
}

/**
 * Delay before trying again after the `failures`-th failure in a row (1-based): exponential from
 * `baseMs`, capped at `maxMs`, with "equal jitter" (half fixed, half random), so retries after one
 * outage spread out instead of arriving together, yet never come sooner than half the ceiling.
 * `random` is a number in [0, 1): the caller's `Math.random()`, a fixed value in tests.
 */
export function backoffDelayMs(policy: BackoffPolicy, failures: number, random: number): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(Math.max(0, failures - 1), 52));
  return Math.round(ceiling / 2 + Math.min(Math.max(random, 0), 1) * (ceiling / 2));
}
