import type { ClientAddresses, CommunicationChannel, CommunicationChannelEntry } from '../reference/communication-channel';
import type { CommunicationType } from '../reference/communication-type';
import { chooseChannel } from './channel-choice';
import type { ClientAvailability } from './client-availability';
import { blockedPeriodAt, optedOutOf } from './client-availability';
import type { QuietHours } from './quiet-hours';
import { quietHoursEnd } from './quiet-hours';
import type { CountedSend, RateLimitHold, RateLimitRule } from './rate-limit';
import { rateLimitHold } from './rate-limit';

/** Everything the policies look at for one communication at one instant; read by the dispatcher, judged here. */
export interface DispatchContext {
  readonly now: Date;
  readonly type?: CommunicationType;
  readonly channels: readonly CommunicationChannelEntry[];
  readonly availability: ClientAvailability;
  readonly quietHours?: QuietHours;
  readonly preferred: readonly CommunicationChannel[];
  readonly addresses: ClientAddresses;
  readonly demandedChannel?: CommunicationChannel;
  readonly rateLimits: readonly RateLimitRule[];
  /** The client's communications from this department already counted, for the rate limits. */
  readonly sent: readonly CountedSend[];
}

/** What the policies decide, in the words the communication's events use. */
export type DispatchVerdict =
  | { readonly kind: 'dispatch'; readonly channel: CommunicationChannel; readonly address: string; readonly marketing?: true }
  | { readonly kind: 'book'; readonly until: Date; readonly reason: 'client-unavailable' | 'quiet-hours' | 'rate-limit'; readonly rule?: string }
  | { readonly kind: 'block'; readonly rule: 'type-unknown' | 'type-blocked' | 'client-blocked' | 'opted-out' | 'rate-limit'; readonly detail: string }
  | { readonly kind: 'fail'; readonly reason: 'no-channel'; readonly detail: string };

/**
 * The policies, in order: the type must be known and active; the client active, not opted out of
 * the type, reachable on some channel; then what only holds a communication back — a blocked
 * period, quiet hours, the department's rate limits — books it for the first allowed time. Pure.
 */
export function dispatchVerdict(type: string, context: DispatchContext): DispatchVerdict {
  const { now, availability } = context;
  const kind = context.type;
  if (!kind) return { kind: 'block', rule: 'type-unknown', detail: `no communication type ${type}` };
  if (kind.status !== 'active') return { kind: 'block', rule: 'type-blocked', detail: `the communication type ${kind.code} is blocked` };
  if (availability.status !== 'active') return { kind: 'block', rule: 'client-blocked', detail: 'the client is blocked for communication' };
  if (optedOutOf(availability, kind))
    return { kind: 'block', rule: 'opted-out', detail: `the client opted out of ${kind.marketing ? 'marketing' : kind.code}` };
  const { choice, passed } = chooseChannel({
    preferred: context.preferred,
    channels: context.channels,
    addresses: context.addresses,
    demanded: context.demandedChannel,
  });
  if (!choice) {
    const why = passed.map((p) => `${p.channel}: ${p.why === 'blocked' ? 'blocked' : 'no address'}`).join('; ');
    return { kind: 'fail', reason: 'no-channel', detail: why ? `no channel can carry it (${why})` : 'no channel can carry it' };
  }
  const period = blockedPeriodAt(availability, now);
  if (period) {
    if (!period.to) return { kind: 'block', rule: 'client-blocked', detail: `the client is unavailable since ${period.from.toISOString()}` };
    return { kind: 'book', until: period.to, reason: 'client-unavailable' };
  }
  if (kind.heldInQuietHours && context.quietHours) {
    const end = quietHoursEnd(context.quietHours, now);
    if (end) return { kind: 'book', until: end, reason: 'quiet-hours' };
  }
  const hold = rateLimitHold(context.rateLimits, context.sent, kind.code, now);
  if (hold) return heldByRateLimit(hold);
  return { kind: 'dispatch', channel: choice.channel, address: choice.address, ...(kind.marketing ? { marketing: true as const } : {}) };
}

/** What a rate limit that holds a communication back makes of it: booked for when the rule lets it through, or refused when the rule says so. */
export function heldByRateLimit(hold: RateLimitHold): DispatchVerdict {
  if (hold.rule.overLimit === 'refuse') {
    return { kind: 'block', rule: 'rate-limit', detail: `at most ${hold.rule.limit} per ${hold.rule.units} ${hold.rule.unit}(s)` };
  }
  return { kind: 'book', until: hold.until, reason: 'rate-limit', rule: hold.rule.id };
}
