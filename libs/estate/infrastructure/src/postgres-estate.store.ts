import type { Pool, PoolClient } from 'pg';
import { EstateConflictError } from '@switchboard/estate';
import type { BuildingSummary, ClientUnit, EstateAudit, EstatePlace, EstateStore, PlacedUnit, SiteSummary } from '@switchboard/estate';
import { holdsOn } from '@switchboard/estate/domain';
import type { Building, Entrance, GridUnit, Residency, ResidencyRelation, Site, SiteScope, Unit, UnitFields, UnitType } from '@switchboard/estate/domain';

interface UnitRow {
  id: string;
  building_id: string;
  entrance_id: string;
  number: string;
  type: UnitType;
  floor: number;
  area: string | null;
  rooms: number | null;
  version: number;
}

interface ResidencyRow {
  id: string;
  unit_id: string;
  client_id: string;
  relation: ResidencyRelation;
  from_day: string;
  to_day: string | null;
}

export const unitColumns = 'u.id, u.building_id, u.entrance_id, u.number, u.type, u.floor, u.area::text AS area, u.rooms, u.version';

export const toUnit = (row: UnitRow): Unit => ({
  id: row.id,
  buildingId: row.building_id,
  entranceId: row.entrance_id,
  number: row.number,
  type: row.type,
  floor: row.floor,
  ...(row.area === null ? {} : { area: Number(row.area) }),
  ...(row.rooms === null ? {} : { rooms: row.rooms }),
  version: row.version,
});

const toResidency = (row: ResidencyRow): Residency => ({
  id: row.id,
  unitId: row.unit_id,
  clientId: row.client_id,
  relation: row.relation,
  from: row.from_day,
  ...(row.to_day ? { to: row.to_day } : {}),
});

const residencyColumns = `id, unit_id, client_id, relation, to_char(from_day, 'YYYY-MM-DD') AS from_day, to_char(to_day, 'YYYY-MM-DD') AS to_day`;

/** The scope as two parameters: every site, or these slugs. Every query below puts it in its WHERE. */
const scopeParams = (scope: SiteScope): [boolean, string[]] => [scope.all, scope.all ? [] : [...scope.slugs]];
const inScope = (all: string, slugs: string, alias = 's') => `(${all}::boolean OR ${alias}.slug = ANY(${slugs}::text[]))`;

const UNIQUE_VIOLATION = '23505';
const isUniqueViolation = (error: unknown): boolean => (error as { code?: string }).code === UNIQUE_VIOLATION;

type PlacedUnitRow = UnitRow & { site_id: string; site_slug: string; site_name: string; building_name: string; entrance_number: string };

const placedUnitSelect = `SELECT ${unitColumns}, s.id AS site_id, s.slug AS site_slug, s.name AS site_name, b.name AS building_name, e.number AS entrance_number
  FROM estate_units u JOIN estate_buildings b ON b.id = u.building_id JOIN estate_sites s ON s.id = b.site_id JOIN estate_entrances e ON e.id = u.entrance_id`;

const toPlacedUnit = (row: PlacedUnitRow): PlacedUnit => ({
  ...toUnit(row),
  siteId: row.site_id,
  siteSlug: row.site_slug,
  siteName: row.site_name,
  buildingName: row.building_name,
  entranceNumber: row.entrance_number,
});

/** The estate in PostgreSQL (ADR 0028): versioned rows; the site scope is part of every WHERE. */
export class PostgresEstateStore implements EstateStore {
  constructor(private readonly pool: Pool) {}

  async listSites(scope: SiteScope): Promise<SiteSummary[]> {
    const { rows } = await this.pool.query<Site & { buildings: number; units: number }>(
      `SELECT s.id, s.slug, s.name, s.address, s.version,
              (SELECT count(*)::int FROM estate_buildings b WHERE b.site_id = s.id) AS buildings,
              (SELECT count(*)::int FROM estate_units u JOIN estate_buildings b ON b.id = u.building_id WHERE b.site_id = s.id) AS units
         FROM estate_sites s WHERE ${inScope('$1', '$2')} ORDER BY s.name, s.slug`,
      scopeParams(scope),
    );
    return rows;
  }

  async findSite(scope: SiteScope, siteId: string): Promise<Site | undefined> {
    const { rows } = await this.pool.query<Site>(
      `SELECT s.id, s.slug, s.name, s.address, s.version FROM estate_sites s WHERE s.id = $3 AND ${inScope('$1', '$2')}`,
      [...scopeParams(scope), siteId],
    );
    return rows[0];
  }

  async findSiteBySlug(slug: string): Promise<Site | undefined> {
    const { rows } = await this.pool.query<Site>('SELECT id, slug, name, address, version FROM estate_sites WHERE slug = $1', [slug]);
    return rows[0];
  }

  async createSite(site: Omit<Site, 'version'>, audit: EstateAudit): Promise<Site> {
    try {
      await this.pool.query('INSERT INTO estate_sites (id, slug, name, address, updated_by) VALUES ($1, $2, $3, $4, $5)', [
        site.id,
        site.slug,
        site.name,
        site.address,
        audit.by,
      ]);
    } catch (error) {
      if (isUniqueViolation(error)) throw new EstateConflictError('site-slug-taken', `a site with slug "${site.slug}" exists`);
      throw error;
    }
    return { ...site, version: 1 };
  }

  async updateSite(scope: SiteScope, siteId: string, patch: Partial<Pick<Site, 'name' | 'address'>>, audit: EstateAudit): Promise<Site | undefined> {
    const { rows } = await this.pool.query<Site>(
      `UPDATE estate_sites s SET name = coalesce($4, s.name), address = coalesce($5, s.address), version = s.version + 1, updated_at = now(), updated_by = $6
        WHERE s.id = $3 AND ${inScope('$1', '$2')} RETURNING s.id, s.slug, s.name, s.address, s.version`,
      [...scopeParams(scope), siteId, patch.name ?? null, patch.address ?? null, audit.by],
    );
    return rows[0];
  }

  async listBuildings(scope: SiteScope, siteId: string): Promise<BuildingSummary[] | undefined> {
    if (!(await this.findSite(scope, siteId))) return undefined;
    const { rows } = await this.pool.query<BuildingSummary>(
      `SELECT b.id, b.site_id AS "siteId", b.name, b.address, b.version,
              (SELECT count(*)::int FROM estate_entrances e WHERE e.building_id = b.id) AS entrances,
              (SELECT count(*)::int FROM estate_units u WHERE u.building_id = b.id) AS units
         FROM estate_buildings b WHERE b.site_id = $1 ORDER BY b.name`,
      [siteId],
    );
    return rows;
  }

  async findBuilding(scope: SiteScope, siteId: string, buildingId: string): Promise<Building | undefined> {
    const { rows } = await this.pool.query<Building>(
      `SELECT b.id, b.site_id AS "siteId", b.name, b.address, b.version FROM estate_buildings b JOIN estate_sites s ON s.id = b.site_id
        WHERE b.id = $3 AND b.site_id = $4 AND ${inScope('$1', '$2')}`,
      [...scopeParams(scope), buildingId, siteId],
    );
    return rows[0];
  }

  async findBuildingById(scope: SiteScope, buildingId: string): Promise<Building | undefined> {
    const { rows } = await this.pool.query<Building>(
      `SELECT b.id, b.site_id AS "siteId", b.name, b.address, b.version FROM estate_buildings b JOIN estate_sites s ON s.id = b.site_id
        WHERE b.id = $3 AND ${inScope('$1', '$2')}`,
      [...scopeParams(scope), buildingId],
    );
    return rows[0];
  }

  async createBuilding(scope: SiteScope, building: Omit<Building, 'version'>, audit: EstateAudit): Promise<Building | undefined> {
    if (!(await this.findSite(scope, building.siteId))) return undefined;
    try {
      await this.pool.query('INSERT INTO estate_buildings (id, site_id, name, address, updated_by) VALUES ($1, $2, $3, $4, $5)', [
        building.id,
        building.siteId,
        building.name,
        building.address,
        audit.by,
      ]);
    } catch (error) {
      if (isUniqueViolation(error)) throw new EstateConflictError('building-name-taken', `the site has a building named "${building.name}"`);
      throw error;
    }
    return { ...building, version: 1 };
  }

  async updateBuilding(
    scope: SiteScope,
    siteId: string,
    buildingId: string,
    patch: Partial<Pick<Building, 'name' | 'address'>>,
    audit: EstateAudit,
  ): Promise<Building | undefined> {
    try {
      const { rows } = await this.pool.query<Building>(
        `UPDATE estate_buildings b SET name = coalesce($5, b.name), address = coalesce($6, b.address), version = b.version + 1, updated_at = now(), updated_by = $7
           FROM estate_sites s WHERE s.id = b.site_id AND b.id = $3 AND b.site_id = $4 AND ${inScope('$1', '$2')}
         RETURNING b.id, b.site_id AS "siteId", b.name, b.address, b.version`,
        [...scopeParams(scope), buildingId, siteId, patch.name ?? null, patch.address ?? null, audit.by],
      );
      return rows[0];
    } catch (error) {
      if (isUniqueViolation(error)) throw new EstateConflictError('building-name-taken', `the site has a building named "${patch.name}"`);
      throw error;
    }
  }

  async listEntrances(scope: SiteScope, siteId: string, buildingId: string): Promise<Entrance[] | undefined> {
    if (!(await this.findBuilding(scope, siteId, buildingId))) return undefined;
    return this.entrancesOf(buildingId);
  }

  async createEntrance(scope: SiteScope, siteId: string, entrance: Omit<Entrance, 'version'>, audit: EstateAudit): Promise<Entrance | undefined> {
    if (!(await this.findBuilding(scope, siteId, entrance.buildingId))) return undefined;
    try {
      await this.pool.query('INSERT INTO estate_entrances (id, building_id, number, updated_by) VALUES ($1, $2, $3, $4)', [
        entrance.id,
        entrance.buildingId,
        entrance.number,
        audit.by,
      ]);
    } catch (error) {
      if (isUniqueViolation(error)) throw new EstateConflictError('entrance-number-taken', `the building has an entrance "${entrance.number}"`);
      throw error;
    }
    return { ...entrance, version: 1 };
  }

  async listUnits(scope: SiteScope, siteId: string, buildingId: string): Promise<Unit[] | undefined> {
    if (!(await this.findBuilding(scope, siteId, buildingId))) return undefined;
    const { rows } = await this.pool.query<UnitRow>(`SELECT ${unitColumns} FROM estate_units u WHERE u.building_id = $1 ORDER BY u.floor, u.number`, [
      buildingId,
    ]);
    return rows.map(toUnit);
  }

  async findUnit(scope: SiteScope, unitId: string): Promise<PlacedUnit | undefined> {
    const { rows } = await this.pool.query<PlacedUnitRow>(`${placedUnitSelect} WHERE u.id = $3 AND ${inScope('$1', '$2')}`, [...scopeParams(scope), unitId]);
    return rows[0] && toPlacedUnit(rows[0]);
  }

  async searchUnits(scope: SiteScope, q: string, options: { siteId?: string; limit?: number } = {}): Promise<PlacedUnit[]> {
    const words = q
      .trim()
      .split(/[\s,]+/)
      .filter((w) => w !== '')
      .map((w) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const { rows } = await this.pool.query<PlacedUnitRow>(
      `${placedUnitSelect}
        WHERE ${inScope('$1', '$2')} AND ($3::uuid IS NULL OR s.id = $3::uuid)
          AND NOT EXISTS (SELECT 1 FROM unnest($4::text[]) w WHERE NOT (b.name ILIKE w OR u.number ILIKE w))
        ORDER BY s.slug, b.name, length(u.number), u.number
        LIMIT $5`,
      [...scopeParams(scope), options.siteId ?? null, words, options.limit ?? 20],
    );
    return rows.map(toPlacedUnit);
  }

  async createUnit(scope: SiteScope, siteId: string, unit: Omit<Unit, 'version'>, audit: EstateAudit): Promise<Unit | undefined> {
    if (!(await this.findBuilding(scope, siteId, unit.buildingId))) return undefined;
    await this.expectEntranceOf(unit.buildingId, unit.entranceId);
    try {
      await this.pool.query(
        'INSERT INTO estate_units (id, building_id, entrance_id, number, type, floor, area, rooms, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
        [unit.id, unit.buildingId, unit.entranceId, unit.number, unit.type, unit.floor, unit.area ?? null, unit.rooms ?? null, audit.by],
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw new EstateConflictError('unit-number-taken', `the building has a unit "${unit.number}"`);
      throw error;
    }
    return { ...unit, version: 1 };
  }

  async updateUnit(scope: SiteScope, unitId: string, fields: UnitFields & { entranceId?: string }, audit: EstateAudit): Promise<Unit | undefined> {
    const unit = await this.findUnit(scope, unitId);
    if (!unit) return undefined;
    if (fields.entranceId) await this.expectEntranceOf(unit.buildingId, fields.entranceId);
    try {
      const { rows } = await this.pool.query<UnitRow>(
        `UPDATE estate_units u SET number = $2, type = $3, floor = $4, area = $5, rooms = $6, entrance_id = coalesce($7, u.entrance_id),
                version = u.version + 1, updated_at = now(), updated_by = $8
          WHERE u.id = $1 RETURNING ${unitColumns}`,
        [unitId, fields.number, fields.type, fields.floor, fields.area ?? null, fields.rooms ?? null, fields.entranceId ?? null, audit.by],
      );
      return rows[0] && toUnit(rows[0]);
    } catch (error) {
      if (isUniqueViolation(error)) throw new EstateConflictError('unit-number-taken', `the building has a unit "${fields.number}"`);
      throw error;
    }
  }

  async deleteUnit(scope: SiteScope, unitId: string): Promise<boolean> {
    if (!(await this.findUnit(scope, unitId))) return false;
    const { rowCount } = await this.pool.query('DELETE FROM estate_units WHERE id = $1', [unitId]);
    return (rowCount ?? 0) > 0;
  }

  async gridUnits(
    scope: SiteScope,
    siteId: string,
    buildingId: string,
    day: string,
  ): Promise<{ entrances: Entrance[]; units: (GridUnit & { entranceId: string })[] } | undefined> {
    if (!(await this.findBuilding(scope, siteId, buildingId))) return undefined;
    const [entrances, { rows }] = await Promise.all([
      this.entrancesOf(buildingId),
      this.pool.query<UnitRow & { occupancy: number }>(
        `SELECT ${unitColumns},
                (SELECT count(DISTINCT r.client_id)::int FROM estate_residencies r
                  WHERE r.unit_id = u.id AND r.from_day <= $2::date AND (r.to_day IS NULL OR r.to_day >= $2::date)) AS occupancy
           FROM estate_units u WHERE u.building_id = $1`,
        [buildingId, day],
      ),
    ]);
    return {
      entrances,
      units: rows.map((row) => {
        const { version: _version, buildingId: _building, ...unit } = toUnit(row);
        return { ...unit, occupancy: row.occupancy, openRequests: 0, worstSla: 'none' as const };
      }),
    };
  }

  async residenciesOfUnit(unitId: string): Promise<Residency[]> {
    const { rows } = await this.pool.query<ResidencyRow>(`SELECT ${residencyColumns} FROM estate_residencies WHERE unit_id = $1 ORDER BY from_day, id`, [
      unitId,
    ]);
    return rows.map(toResidency);
  }

  async saveResidency(residency: Residency, check: (others: readonly Residency[]) => void, audit: EstateAudit): Promise<void> {
    await this.inTransaction(async (client) => {
      await client.query('SELECT id FROM estate_units WHERE id = $1 FOR UPDATE', [residency.unitId]);
      const { rows } = await client.query<ResidencyRow>(`SELECT ${residencyColumns} FROM estate_residencies WHERE unit_id = $1`, [residency.unitId]);
      check(rows.map(toResidency));
      await client.query(
        `INSERT INTO estate_residencies (id, unit_id, client_id, relation, from_day, to_day, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (id) DO UPDATE SET relation = excluded.relation, from_day = excluded.from_day, to_day = excluded.to_day, updated_at = now(), updated_by = excluded.updated_by
         WHERE estate_residencies.unit_id = excluded.unit_id AND estate_residencies.client_id = excluded.client_id`,
        [residency.id, residency.unitId, residency.clientId, residency.relation, residency.from, residency.to ?? null, audit.by],
      );
    });
  }

  async deleteResidency(unitId: string, residencyId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('DELETE FROM estate_residencies WHERE id = $1 AND unit_id = $2', [residencyId, unitId]);
    return (rowCount ?? 0) > 0;
  }

  async unitsOfClient(scope: SiteScope, clientId: string, day: string): Promise<ClientUnit[]> {
    const { rows } = await this.pool.query<
      UnitRow & ResidencyRow & { residency_id: string; site_id: string; site_slug: string; site_name: string; building_name: string; entrance_number: string }
    >(
      `SELECT ${unitColumns}, r.id AS residency_id, r.unit_id, r.client_id, r.relation, to_char(r.from_day, 'YYYY-MM-DD') AS from_day, to_char(r.to_day, 'YYYY-MM-DD') AS to_day,
              s.id AS site_id, s.slug AS site_slug, s.name AS site_name, b.name AS building_name, e.number AS entrance_number
         FROM estate_residencies r JOIN estate_units u ON u.id = r.unit_id JOIN estate_buildings b ON b.id = u.building_id
         JOIN estate_sites s ON s.id = b.site_id JOIN estate_entrances e ON e.id = u.entrance_id
        WHERE r.client_id = $3 AND ${inScope('$1', '$2')}
        ORDER BY (r.to_day IS NULL OR r.to_day >= CURRENT_DATE) DESC, r.from_day DESC`,
      [...scopeParams(scope), clientId],
    );
    return rows.map((row) => {
      const residency = toResidency({ ...row, id: row.residency_id });
      return {
        ...residency,
        current: holdsOn(residency, day),
        unit: {
          ...toUnit(row),
          siteId: row.site_id,
          siteSlug: row.site_slug,
          siteName: row.site_name,
          buildingName: row.building_name,
          entranceNumber: row.entrance_number,
        },
      };
    });
  }

  async currentResidents(place: EstatePlace, day: string): Promise<string[]> {
    const [column, id] =
      'entranceId' in place ? ['u.entrance_id', place.entranceId] : 'buildingId' in place ? ['u.building_id', place.buildingId] : ['b.site_id', place.siteId];
    const { rows } = await this.pool.query<{ client_id: string }>(
      `SELECT DISTINCT r.client_id FROM estate_residencies r JOIN estate_units u ON u.id = r.unit_id JOIN estate_buildings b ON b.id = u.building_id
        WHERE ${column} = $1 AND r.from_day <= $2::date AND (r.to_day IS NULL OR r.to_day >= $2::date) ORDER BY r.client_id`,
      [id, day],
    );
    return rows.map((r) => r.client_id);
  }

  private async entrancesOf(buildingId: string): Promise<Entrance[]> {
    const { rows } = await this.pool.query<Entrance>(
      `SELECT id, building_id AS "buildingId", number, version FROM estate_entrances WHERE building_id = $1
        ORDER BY (substring(number from '^[0-9]+'))::int NULLS LAST, number`,
      [buildingId],
    );
    return rows;
  }

  private async expectEntranceOf(buildingId: string, entranceId: string): Promise<void> {
    const { rows } = await this.pool.query('SELECT 1 FROM estate_entrances WHERE id = $1 AND building_id = $2', [entranceId, buildingId]);
    if (rows.length === 0) throw new EstateConflictError('entrance-not-in-building', `entrance ${entranceId} is not an entrance of this building`);
  }

  private async inTransaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
