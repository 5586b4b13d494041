import { PassRuleError } from './pass-errors';

/** The unit a pass is ordered for, as the estate knows it today. */
export interface PassUnit {
  readonly unitId: string;
  readonly siteSlug: string;
  /** How the guard reads it ("Корпус 2, 45"). */
  readonly unitLabel: string;
  /** Today's residents' phones, in the estate's order. */
  readonly residentPhones: readonly string[];
}

/**
 * What a pass copies from its unit: the estate's label and the first current resident's phone (a
 * phone typed on the order overrides it). The unit must exist and lie at the pass's site; a unit
 * at a site the caller does not cover is as unknown as a missing one.
 */
export function placeOnUnit(
  order: { readonly siteSlug: string; readonly unitId: string; readonly residentPhone?: string },
  unit: PassUnit | undefined,
  covers: (siteSlug: string) => boolean,
): { unitLabel: string; residentPhone?: string } {
  if (!unit || !covers(unit.siteSlug)) {
    throw new PassRuleError('unit-unknown', `no unit ${order.unitId} in the estate`, [{ field: 'unitId', message: 'no such unit in the estate' }]);
  }
  if (unit.siteSlug !== order.siteSlug) {
    throw new PassRuleError('unit-of-another-site', `unit ${order.unitId} is at ${unit.siteSlug}, not ${order.siteSlug}`, [
      { field: 'unitId', message: `the unit is at site ${unit.siteSlug}` },
    ]);
  }
  const residentPhone = order.residentPhone ?? unit.residentPhones[0];
  return { unitLabel: unit.unitLabel, ...(residentPhone ? { residentPhone } : {}) };
}
