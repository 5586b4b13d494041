import type { RateLimitHold, RateLimitRule } from '@switchboard/communications/domain';

export interface RateLimitReservation {
  readonly department: string;
  readonly clientId: string;
  readonly communicationId: string;
  readonly communicationType: string;
  readonly rules: readonly RateLimitRule[];
  readonly now: Date;
}

/**
 * The department's rate limits, exact under concurrency: a reservation counts the client's sends
 * and records this one in one atomic step, so 50 parallel sends against "3 an hour" reserve exactly
 * 3. A communication that already holds a reservation keeps it (a retried dispatch is not counted twice).
 */
export interface RateLimitLedger {
  /** Undefined: reserved (or already held); otherwise the rule that holds it back and until when. */
  reserve(reservation: RateLimitReservation): Promise<RateLimitHold | undefined>;
}

export const RATE_LIMIT_LEDGER = Symbol('RateLimitLedger');
