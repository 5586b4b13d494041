import { DomainRuleError } from '../shared/domain-errors';
import { priorities } from '../shared/priority';
import type { Priority } from '../shared/priority';
import { checkBusinessCalendar } from './business-calendar';
import type { BusinessCalendar } from './business-calendar';

/** The two promises an SLA makes: a first answer, and a resolution. */
export const slaTargets = ['firstResponse', 'resolution'] as const;
export type SlaTarget = (typeof slaTargets)[number];

/** Business minutes to a first response and to resolution. */
export interface SlaTargetMinutes {
  readonly firstResponseMinutes: number;
  readonly resolutionMinutes: number;
}

/** What a policy covers: requests of a help-desk department, or incidents of a catalogue service. */
export type SlaScope = { readonly kind: 'department'; readonly department: string } | { readonly kind: 'service'; readonly serviceCode: number };

export interface SlaPolicy {
  readonly id: string;
  readonly name: string;
  readonly scope: SlaScope;
  readonly calendar: BusinessCalendar;
  /** Per priority; a priority without targets has no SLA. */
  readonly targets: Partial<Record<Priority, SlaTargetMinutes>>;
  /** A breach raises the item's priority by one step (P4 → P3 … P2 → P1). */
  readonly escalateOnBreach: boolean;
}

/** A year of business minutes: anything longer is a typo, not a promise. */
const MAX_MINUTES = 525_600;

/** Refuses a policy the clock cannot keep: a bad calendar, targets that are not whole positive minutes, a response slower than the resolution. */
export function checkSlaPolicy(policy: Omit<SlaPolicy, 'id'>): void {
  if (!policy.name.trim()) throw new DomainRuleError('sla-policy-name', 'An SLA policy needs a name.');
  checkBusinessCalendar(policy.calendar);
  const given = Object.entries(policy.targets) as [Priority, SlaTargetMinutes][];
  if (given.length === 0) throw new DomainRuleError('sla-policy-no-targets', 'An SLA policy needs targets for at least one priority.');
  for (const [priority, t] of given) {
    if (!priorities.includes(priority)) throw new DomainRuleError('sla-policy-priority', `Unknown priority ${priority}.`);
    for (const minutes of [t.firstResponseMinutes, t.resolutionMinutes])
      if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_MINUTES)
        throw new DomainRuleError('sla-policy-target', `Targets of ${priority} must be whole minutes from 1 to ${MAX_MINUTES}.`);
    if (t.firstResponseMinutes > t.resolutionMinutes)
      throw new DomainRuleError('sla-policy-target', `The first response of ${priority} cannot be due after its resolution.`);
  }
}

/** One step more urgent, or undefined at P1. */
export function raisedPriority(priority: Priority): Priority | undefined {
  const index = priorities.indexOf(priority);
  return index > 0 ? priorities[index - 1] : undefined;
}
