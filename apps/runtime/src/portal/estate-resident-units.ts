import type { EstateResidents } from '@switchboard/estate';
import { ResidentUnits } from '@switchboard/portal';
import type { ResidentUnit } from '@switchboard/portal';
import type { PostgresResidentUnits } from '@switchboard/portal/infrastructure';

/**
 * A resident's units: where the estate says the client lives today (its residents, ADR 0028), and
 * the units an operator listed in the portal's own table for places the estate does not hold yet
 * (ADR 0030 addendum: that table goes once every site is in the estate). The estate's come first;
 * a unit in both is the estate's.
 */
export class EstateResidentUnits extends ResidentUnits {
  constructor(
    private readonly estate: EstateResidents,
    private readonly listed: PostgresResidentUnits,
  ) {
    super();
  }

  async unitsOf(clientId: string): Promise<ResidentUnit[]> {
    const [held, listed] = await Promise.all([this.estate.currentUnitsOf(clientId, new Date()), this.listed.unitsOf(clientId)]);
    const fromEstate = held.map(({ unit }) => ({ unitId: unit.id, label: `${unit.siteName}, ${unit.buildingName}, ${unit.number}`, siteSlug: unit.siteSlug }));
    const known = new Set(fromEstate.map((u) => u.unitId));
    return [...fromEstate, ...listed.filter((u) => !known.has(u.unitId))];
  }
}
