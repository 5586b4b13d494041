import { Inject, Injectable } from '@nestjs/common';
import { dayOf, holdsOn, unitLabel } from '@switchboard/estate/domain';
import type { SiteScope } from '@switchboard/estate/domain';
import { ESTATE_STORE } from './estate.port';
import type { ClientUnit, EstatePlace, EstateStore, PlacedUnit } from './estate.port';

/** A unit as a visitor pass names it: where it is, how the guard reads it, who lives there today. */
export interface UnitForPass {
  readonly unitId: string;
  readonly siteSlug: string;
  readonly label: string;
  /** The clients whose residency (any relation) holds today. */
  readonly currentResidentIds: readonly string[];
}

const EVERY_SITE: SiteScope = { all: true };

/**
 * What other contexts may ask the estate (its narrow public facade): who lives in a place now,
 * and which units a client holds. Nothing outside the estate reads its tables.
 */
@Injectable()
export class EstateResidents {
  constructor(@Inject(ESTATE_STORE) private readonly store: EstateStore) {}

  /** The clients whose residency (any relation) holds today in units of the site, building or entrance. */
  residentsOf(place: EstatePlace, now: Date): Promise<string[]> {
    return this.store.currentResidents(place, dayOf(now));
  }

  /** The units the client holds today (the intake infers a request's unit when there is exactly one). */
  async currentUnitsOf(clientId: string, now: Date): Promise<ClientUnit[]> {
    return (await this.store.unitsOfClient(EVERY_SITE, clientId, dayOf(now))).filter((u) => u.current);
  }

  /** The unit a visitor pass is ordered for (any site: the caller's site rule is the desk's), with today's residents. */
  async unitForPass(unitId: string, now: Date): Promise<UnitForPass | undefined> {
    const unit = await this.store.findUnit(EVERY_SITE, unitId);
    return unit && this.forPass(unit, now);
  }

  /** Units of these sites whose building or number holds every word of `q` (the guard's "visitor without a pass"). */
  async unitsForPass(siteSlugs: readonly string[], q: string, now: Date): Promise<UnitForPass[]> {
    const units = await this.store.searchUnits({ all: false, slugs: [...siteSlugs] }, q);
    return Promise.all(units.map((unit) => this.forPass(unit, now)));
  }

  private async forPass(unit: PlacedUnit, now: Date): Promise<UnitForPass> {
    const today = dayOf(now);
    const residencies = await this.store.residenciesOfUnit(unit.id);
    const currentResidentIds = [...new Set(residencies.filter((r) => holdsOn(r, today)).map((r) => r.clientId))];
    return { unitId: unit.id, siteSlug: unit.siteSlug, label: unitLabel(unit), currentResidentIds };
  }
}
