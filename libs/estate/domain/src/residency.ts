/** How a client relates to a unit. */
export const residencyRelations = ['owner', 'tenant', 'resident'] as const;
export type ResidencyRelation = (typeof residencyRelations)[number];
export const isResidencyRelation = (value: string): value is ResidencyRelation => (residencyRelations as readonly string[]).includes(value);

/**
 * A client's relation to a unit over a period of days: `from` and `to` are calendar days
 * (YYYY-MM-DD), both included; no `to` means it still holds.
 */
export interface Residency {
  readonly id: string;
  readonly unitId: string;
  readonly clientId: string;
  readonly relation: ResidencyRelation;
  readonly from: string;
  readonly to?: string;
}

export type ResidencyRule = 'residency-ends-before-start' | 'residency-overlaps' | 'residency-day-invalid';

/** A residency that breaks a rule; `rule` is the stable name the API answers with. */
export class ResidencyRuleError extends Error {
  constructor(
    readonly rule: ResidencyRule,
    message: string,
    readonly conflictingId?: string,
  ) {
    super(message);
    this.name = 'ResidencyRuleError';
  }
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Whether the text is a real calendar day in YYYY-MM-DD. */
export function isCalendarDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

const END_OF_TIME = '9999-12-31';

const overlaps = (a: Pick<Residency, 'from' | 'to'>, b: Pick<Residency, 'from' | 'to'>): boolean =>
  a.from <= (b.to ?? END_OF_TIME) && b.from <= (a.to ?? END_OF_TIME);

/**
 * Checks a residency against the unit's others: its days are real, it does not end before it starts,
 * and the same client does not hold the same relation to the unit twice over any day. Other
 * relations may overlap (an owner who also lives there; a tenant while the owner owns).
 * Pure: throws ResidencyRuleError naming the rule.
 */
export function checkResidency(candidate: Residency, others: readonly Residency[]): void {
  for (const day of [candidate.from, candidate.to]) {
    if (day !== undefined && !isCalendarDay(day)) throw new ResidencyRuleError('residency-day-invalid', `"${day}" is not a calendar day (YYYY-MM-DD)`);
  }
  if (candidate.to !== undefined && candidate.to < candidate.from) {
    throw new ResidencyRuleError('residency-ends-before-start', `the residency ends (${candidate.to}) before it starts (${candidate.from})`);
  }
  const clash = others.find(
    (other) =>
      other.id !== candidate.id &&
      other.unitId === candidate.unitId &&
      other.clientId === candidate.clientId &&
      other.relation === candidate.relation &&
      overlaps(other, candidate),
  );
  if (clash) {
    throw new ResidencyRuleError(
      'residency-overlaps',
      `the client is already ${clash.relation} of this unit from ${clash.from}${clash.to ? ` to ${clash.to}` : ''}`,
      clash.id,
    );
  }
}

/** Whether the residency holds on the day (YYYY-MM-DD). */
export const holdsOn = (residency: Pick<Residency, 'from' | 'to'>, day: string): boolean => residency.from <= day && day <= (residency.to ?? END_OF_TIME);

/** The calendar day (UTC) of an instant, as residencies count days. */
export const dayOf = (instant: Date): string => instant.toISOString().slice(0, 10);
