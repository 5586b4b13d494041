import { Inject, Injectable } from '@nestjs/common';
import { EstateResidents } from '@switchboard/estate';
import type { UnitForPass } from '@switchboard/estate';
import { ClientQueries } from '@switchboard/read-models';
import type { PassUnits } from '@switchboard/security-desk';
import type { PassUnit } from '@switchboard/security-desk/domain';

/** The desk's units from the estate's facade, with today's residents' phones from the clients' read model. */
@Injectable()
export class EstatePassUnits implements PassUnits {
  constructor(
    @Inject(EstateResidents) private readonly estate: EstateResidents,
    @Inject(ClientQueries) private readonly clients: ClientQueries,
  ) {}

  async unitForPass(unitId: string, now: Date): Promise<PassUnit | undefined> {
    const unit = await this.estate.unitForPass(unitId, now);
    return unit && (await this.withPhones([unit]))[0];
  }

  async unitsAtSites(siteSlugs: readonly string[], q: string, now: Date): Promise<PassUnit[]> {
    return this.withPhones(await this.estate.unitsForPass(siteSlugs, q, now));
  }

  private async withPhones(units: readonly UnitForPass[]): Promise<PassUnit[]> {
    const people = await this.clients.people([...new Set(units.flatMap((u) => u.currentResidentIds))]);
    return units.map((u) => ({
      unitId: u.unitId,
      siteSlug: u.siteSlug,
      unitLabel: u.label,
      residentPhones: u.currentResidentIds.map((id) => people.get(id)?.phone).filter((phone): phone is string => !!phone),
    }));
  }
}
