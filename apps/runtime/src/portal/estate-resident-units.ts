import type { EstateResidents } from '@switchboard/estate';
import { residentUnitLabel } from '@switchboard/estate/domain';
import { ResidentUnits } from '@switchboard/portal';
import type { ResidentUnit } from '@switchboard/portal';

/**
 * A resident's units: where the estate says the client lives today (its residents, ADR 0028), the
 * one source (ADR 0030 addendum). A client who is both owner and resident of a unit sees it once.
 */
export class EstateResidentUnits extends ResidentUnits {
  constructor(
    private readonly estate: Pick<EstateResidents, 'currentUnitsOf'>,
    private readonly clock: () => Date = () => new Date(),
  ) {
    super();
  }

  async unitsOf(clientId: string): Promise<ResidentUnit[]> {
    const units = new Map<string, ResidentUnit>();
    for (const { unit } of await this.estate.currentUnitsOf(clientId, this.clock())) {
      if (!units.has(unit.id)) units.set(unit.id, { unitId: unit.id, label: residentUnitLabel(unit), siteSlug: unit.siteSlug });
    }
    return [...units.values()].sort((a, b) => a.label.localeCompare(b.label) || a.unitId.localeCompare(b.unitId));
  }
}
