/** A department's rule [Правила коммуникации]: at most `limit` communications to one client per `units` × `unit`. */
export interface RateLimitRule {
  readonly id: string;
  readonly limit: number;
  readonly unit: 'second' | 'minute' | 'hour' | 'day';
  readonly units: number;
  /** The types it counts and holds; none: every type. */
  readonly types?: readonly string[];
  /** What happens to a communication over the limit: booked for the first allowed time (default), or refused. */
  readonly overLimit?: 'book' | 'refuse';
}

export const rateLimitUnits = ['second', 'minute', 'hour', 'day'] as const;

const unitMs = { second: 1_000, minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

export const windowMs = (rule: RateLimitRule): number => rule.units * unitMs[rule.unit];

/** A communication already counted against the limits: when it was sent (or handed to a sender) and its type. */
export interface CountedSend {
  readonly at: Date;
  readonly type: string;
}

export interface RateLimitHold {
  readonly rule: RateLimitRule;
  /** The first instant the rule lets one more through. */
  readonly until: Date;
}

const applies = (rule: RateLimitRule, type: string): boolean => !rule.types?.length || rule.types.includes(type);

/**
 * Whether one more communication of `type` may go to the client now, by sliding windows: a rule
 * holds it when `limit` of the sends it counts fall in the last window, until the oldest of those
 * leaves the window. Of several holding rules the one that holds longest answers. A send stamped
 * after `now` counts too: parallel dispatchers read the clock before they queue for the ledger, so
 * the one that reserves last may hold the earliest reading.
 */
export function rateLimitHold(rules: readonly RateLimitRule[], sent: readonly CountedSend[], type: string, now: Date): RateLimitHold | undefined {
  let hold: RateLimitHold | undefined;
  for (const rule of rules) {
    if (!applies(rule, type)) continue;
    const window = windowMs(rule);
    const inWindow = sent
      .filter((s) => applies(rule, s.type) && s.at.getTime() > now.getTime() - window)
      .map((s) => s.at.getTime())
      .sort((a, b) => a - b);
    if (inWindow.length < rule.limit) continue;
    // The (count − limit + 1)-th oldest must leave the window before one more fits.
    const until = new Date(inWindow[inWindow.length - rule.limit] + window);
    if (!hold || until.getTime() > hold.until.getTime()) hold = { rule, until };
  }
  return hold;
}
