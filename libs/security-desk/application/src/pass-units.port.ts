import type { PassUnit } from '@switchboard/security-desk/domain';

/** Where the desk learns about units (the estate, through its facade; wired by the app). */
export const PASS_UNITS = Symbol('PassUnits');

export interface PassUnits {
  /** The unit, at whatever site it is (the desk applies its own site rule). */
  unitForPass(unitId: string, now: Date): Promise<PassUnit | undefined>;
  /** Units of these sites whose building or number holds every word of `q`. */
  unitsAtSites(siteSlugs: readonly string[], q: string, now: Date): Promise<PassUnit[]>;
}
