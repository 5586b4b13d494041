import type { Building, Entrance, Residency, ResidencyRelation, Site, SiteScope, Unit, UnitFields, GridUnit } from '@switchboard/estate/domain';

export const ESTATE_STORE = Symbol('EstateStore');

/** Who made a change (a Keycloak user id, `import:<file>`, `system:<process>`). */
export interface EstateAudit {
  readonly by: string;
}

export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

export interface SiteSummary extends Site {
  readonly buildings: number;
  readonly units: number;
}

export interface BuildingSummary extends Building {
  readonly entrances: number;
  readonly units: number;
}

/** A unit with where it is (for cards and lists). */
export interface PlacedUnit extends Unit {
  readonly siteId: string;
  readonly siteSlug: string;
  readonly siteName: string;
  readonly buildingName: string;
  readonly entranceNumber: string;
}

/** A client's residency with the unit it is of. */
export interface ClientUnit extends Residency {
  readonly unit: PlacedUnit;
  /** Whether it holds today. */
  readonly current: boolean;
}

/** Where a mailing or a report points: a whole site, a building, or one entrance. */
export type EstatePlace = { readonly siteId: string } | { readonly buildingId: string } | { readonly entranceId: string };

/**
 * The estate's reference data (versioned rows in PostgreSQL, ADR 0028). Every read and write takes
 * the caller's site scope and applies it in SQL: what lies outside it is not found.
 */
export interface EstateStore {
  listSites(scope: SiteScope): Promise<SiteSummary[]>;
  findSite(scope: SiteScope, siteId: string): Promise<Site | undefined>;
  findSiteBySlug(slug: string): Promise<Site | undefined>;
  createSite(site: Omit<Site, 'version'>, audit: EstateAudit): Promise<Site>;
  updateSite(scope: SiteScope, siteId: string, patch: Partial<Pick<Site, 'name' | 'address'>>, audit: EstateAudit): Promise<Site | undefined>;

  listBuildings(scope: SiteScope, siteId: string): Promise<BuildingSummary[] | undefined>;
  findBuilding(scope: SiteScope, siteId: string, buildingId: string): Promise<Building | undefined>;
  /** A building by its id alone (a request registered for its common areas). */
  findBuildingById(scope: SiteScope, buildingId: string): Promise<Building | undefined>;
  createBuilding(scope: SiteScope, building: Omit<Building, 'version'>, audit: EstateAudit): Promise<Building | undefined>;
  updateBuilding(
    scope: SiteScope,
    siteId: string,
    buildingId: string,
    patch: Partial<Pick<Building, 'name' | 'address'>>,
    audit: EstateAudit,
  ): Promise<Building | undefined>;

  listEntrances(scope: SiteScope, siteId: string, buildingId: string): Promise<Entrance[] | undefined>;
  createEntrance(scope: SiteScope, siteId: string, entrance: Omit<Entrance, 'version'>, audit: EstateAudit): Promise<Entrance | undefined>;

  listUnits(scope: SiteScope, siteId: string, buildingId: string): Promise<Unit[] | undefined>;
  findUnit(scope: SiteScope, unitId: string): Promise<PlacedUnit | undefined>;
  /**
   * Units of the scope's sites (of one site when `siteId` is given) whose building name or number
   * holds every word of `q` (a picker: "Корпус 2 45"), by building and number.
   */
  searchUnits(scope: SiteScope, q: string, options?: { siteId?: string; limit?: number }): Promise<PlacedUnit[]>;
  createUnit(scope: SiteScope, siteId: string, unit: Omit<Unit, 'version'>, audit: EstateAudit): Promise<Unit | undefined>;
  updateUnit(scope: SiteScope, unitId: string, fields: UnitFields & { entranceId?: string }, audit: EstateAudit): Promise<Unit | undefined>;
  deleteUnit(scope: SiteScope, unitId: string): Promise<boolean>;

  /** The building's units with today's occupancy (open requests and SLA are the service desk's: zero here). */
  gridUnits(
    scope: SiteScope,
    siteId: string,
    buildingId: string,
    day: string,
  ): Promise<{ entrances: Entrance[]; units: (GridUnit & { entranceId: string })[] } | undefined>;

  /** The unit's residencies (all periods). */
  residenciesOfUnit(unitId: string): Promise<Residency[]>;
  /**
   * Adds or replaces a residency under a lock of its unit: `check` sees the unit's other residencies
   * (it throws to refuse), so two concurrent additions cannot both pass the overlap rule.
   */
  saveResidency(residency: Residency, check: (others: readonly Residency[]) => void, audit: EstateAudit): Promise<void>;
  deleteResidency(unitId: string, residencyId: string): Promise<boolean>;

  /** The client's residencies in the units the scope sees. */
  unitsOfClient(scope: SiteScope, clientId: string, day: string): Promise<ClientUnit[]>;
  /** The clients whose residency holds on the day in units of the place. */
  currentResidents(place: EstatePlace, day: string): Promise<string[]>;
}

/** Names the building, entrance and unit an import row describes, and finds them again on re-import. */
export interface UnitImportRow {
  readonly siteSlug: string;
  readonly buildingName: string;
  readonly entranceNumber: string;
  readonly unit: UnitFields;
  readonly residents: readonly { readonly clientId: string; readonly relation: ResidencyRelation; readonly from: string; readonly to?: string }[];
}

export const ESTATE_IMPORT_STORE = Symbol('EstateImportStore');

/** The import's writes: find-or-create the containers, upsert the unit, add residencies not there yet. */
export interface EstateImportStore {
  importUnit(row: UnitImportRow, audit: EstateAudit): Promise<{ outcome: UpsertOutcome }>;
}
