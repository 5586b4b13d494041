import { Inject, Injectable } from '@nestjs/common';
import { checkResidency } from '@switchboard/estate/domain';
import type { Residency, SiteScope } from '@switchboard/estate/domain';
import { ESTATE_STORE } from './estate.port';
import type { EstateAudit, EstateStore } from './estate.port';

/**
 * Residents of units: a client's relation (owner, tenant, resident) to a unit over a period. The
 * period rules are the domain's (`checkResidency`); the store runs them under a lock of the unit.
 */
@Injectable()
export class Residencies {
  constructor(@Inject(ESTATE_STORE) private readonly store: EstateStore) {}

  /** Saves the residency when its unit is in scope (undefined otherwise); ResidencyRuleError when a rule refuses it. */
  async save(scope: SiteScope, residency: Residency, audit: EstateAudit): Promise<Residency | undefined> {
    if (!(await this.store.findUnit(scope, residency.unitId))) return undefined;
    await this.store.saveResidency(residency, (others) => checkResidency(residency, others), audit);
    return residency;
  }

  async ofUnit(scope: SiteScope, unitId: string): Promise<Residency[] | undefined> {
    if (!(await this.store.findUnit(scope, unitId))) return undefined;
    return this.store.residenciesOfUnit(unitId);
  }

  async remove(scope: SiteScope, unitId: string, residencyId: string): Promise<boolean> {
    if (!(await this.store.findUnit(scope, unitId))) return false;
    return this.store.deleteResidency(unitId, residencyId);
  }
}
