import type { Priority } from '../shared/priority';
import { defaultPriority } from '../shared/priority';
import type { SlaClock } from './sla-clock';
import { raisedPriority } from './sla-policy';
import type { SlaTarget } from './sla-policy';

/** What a fired SLA timer asks for. */
export interface SlaMarkRequest {
  readonly mark: 'warning' | 'breach';
  readonly target: SlaTarget;
  readonly dueAt: string;
  readonly escalate?: boolean;
  readonly now: Date;
}

export const slaMarkKey = (mark: 'warning' | 'breach', target: SlaTarget, dueAt: string): string =>
  mark === 'warning' ? `warning:${target}:${dueAt}` : `breach:${target}`;

/**
 * Whether a fired timer's mark is due, on the item's clock as last set: the target still falls due
 * at the timer's `dueAt` (a priority change or a hold moved it otherwise: a stale timer), it was not
 * met, its moment has come, and the mark is not recorded yet (a timer fired twice). Pure.
 */
export function slaMarkDue(clock: SlaClock | undefined, marks: ReadonlySet<string> | undefined, request: SlaMarkRequest): boolean {
  const target = clock?.[request.target];
  if (!target || target.status === 'met' || target.dueAt !== request.dueAt) return false;
  if (marks?.has(slaMarkKey(request.mark, request.target, request.dueAt))) return false;
  // A warning after its breach says nothing new.
  if (request.mark === 'warning' && marks?.has(slaMarkKey('breach', request.target, request.dueAt))) return false;
  const moment = request.mark === 'warning' ? target.warnAt : target.dueAt;
  return moment !== undefined && request.now.getTime() >= new Date(moment).getTime();
}

/** The priority a breach escalates to, when the timer asks and there is a step up. */
export function slaEscalation(request: SlaMarkRequest, current: Priority | undefined): Priority | undefined {
  return request.mark === 'breach' && request.escalate ? raisedPriority(current ?? defaultPriority) : undefined;
}

/** Folds a clock setting or a mark into the state's SLA fields. */
export function withSlaMark(marks: ReadonlySet<string> | undefined, mark: 'warning' | 'breach', target: SlaTarget, dueAt: string): ReadonlySet<string> {
  return new Set([...(marks ?? []), slaMarkKey(mark, target, dueAt)]);
}

// Keys sorted: a clock read back from the store (jsonb reorders keys) equals the one computed.
const canonical = (value: unknown): string =>
  value !== null && typeof value === 'object'
    ? `{${Object.keys(value)
        .sort()
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
        .join(',')}}`
    : JSON.stringify(value);

/** Two clocks are the same setting (no new event) when they hold the same values. */
export const sameSlaClock = (a: SlaClock | undefined, b: SlaClock): boolean => a !== undefined && canonical(a) === canonical(b);
