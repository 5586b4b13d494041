import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { EstateConflictError } from '@switchboard/estate';
import type { EstateAudit, EstateImportStore, UnitImportRow, UpsertOutcome } from '@switchboard/estate';

/**
 * The import's writes, one row at a time so a bad row never takes others with it. Buildings and
 * entrances are found by name within their parent (created when missing, remembered for the next
 * rows); a unit by its number within the building, written only when something differs, so a
 * re-import of the same file writes nothing.
 */
export class PostgresEstateImportStore implements EstateImportStore {
  private readonly buildings = new Map<string, string>();
  private readonly entrances = new Map<string, string>();

  constructor(private readonly pool: Pool) {}

  async importUnit(row: UnitImportRow, audit: EstateAudit): Promise<{ outcome: UpsertOutcome }> {
    const buildingId = await this.buildingId(row.siteSlug, row.buildingName, audit);
    const entranceId = await this.entranceId(buildingId, row.entranceNumber, audit);
    const { unit } = row;
    const { rows } = await this.pool.query<{ id: string; created: boolean }>(
      `INSERT INTO estate_units AS u (id, building_id, entrance_id, number, type, floor, area, rooms, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (building_id, number) DO UPDATE
         SET entrance_id = excluded.entrance_id, type = excluded.type, floor = excluded.floor, area = excluded.area, rooms = excluded.rooms,
             version = u.version + 1, updated_at = now(), updated_by = excluded.updated_by
         WHERE (u.entrance_id, u.type, u.floor, u.area, u.rooms) IS DISTINCT FROM (excluded.entrance_id, excluded.type, excluded.floor, excluded.area, excluded.rooms)
       RETURNING u.id, (xmax = 0) AS created`,
      [randomUUID(), buildingId, entranceId, unit.number, unit.type, unit.floor, unit.area ?? null, unit.rooms ?? null, audit.by],
    );
    let outcome: UpsertOutcome = rows[0] ? (rows[0].created ? 'created' : 'updated') : 'unchanged';
    if (row.residents.length === 0) return { outcome };
    const unitId = rows[0]?.id ?? (await this.unitId(buildingId, unit.number));
    for (const resident of row.residents) {
      // A residency the unit already has for the client and relation over any of the same days is left as it is.
      const added = await this.pool.query(
        `INSERT INTO estate_residencies (id, unit_id, client_id, relation, from_day, to_day, updated_by)
         SELECT $1, $2, $3, $4, $5::date, $6::date, $7
          WHERE NOT EXISTS (SELECT 1 FROM estate_residencies r WHERE r.unit_id = $2 AND r.client_id = $3 AND r.relation = $4
                              AND r.from_day <= coalesce($6::date, 'infinity'::date) AND $5::date <= coalesce(r.to_day, 'infinity'::date))`,
        [randomUUID(), unitId, resident.clientId, resident.relation, resident.from, resident.to ?? null, audit.by],
      );
      if ((added.rowCount ?? 0) > 0 && outcome === 'unchanged') outcome = 'updated';
    }
    return { outcome };
  }

  private async buildingId(siteSlug: string, name: string, audit: EstateAudit): Promise<string> {
    const key = `${siteSlug}|${name}`;
    const known = this.buildings.get(key);
    if (known) return known;
    const { rows } = await this.pool.query<{ id: string }>(
      `WITH site AS (SELECT id FROM estate_sites WHERE slug = $1),
            inserted AS (INSERT INTO estate_buildings (id, site_id, name, updated_by) SELECT $3, site.id, $2, $4 FROM site
                          ON CONFLICT (site_id, name) DO NOTHING RETURNING id)
       SELECT id FROM inserted UNION ALL SELECT b.id FROM estate_buildings b JOIN site ON b.site_id = site.id WHERE b.name = $2`,
      [siteSlug, name, randomUUID(), audit.by],
    );
    if (!rows[0]) throw new EstateConflictError('site-unknown', `site "${siteSlug}": no such site`);
    this.buildings.set(key, rows[0].id);
    return rows[0].id;
  }

  private async entranceId(buildingId: string, number: string, audit: EstateAudit): Promise<string> {
    const key = `${buildingId}|${number}`;
    const known = this.entrances.get(key);
    if (known) return known;
    const { rows } = await this.pool.query<{ id: string }>(
      `WITH inserted AS (INSERT INTO estate_entrances (id, building_id, number, updated_by) VALUES ($3, $1, $2, $4) ON CONFLICT (building_id, number) DO NOTHING RETURNING id)
       SELECT id FROM inserted UNION ALL SELECT id FROM estate_entrances WHERE building_id = $1 AND number = $2`,
      [buildingId, number, randomUUID(), audit.by],
    );
    this.entrances.set(key, rows[0].id);
    return rows[0].id;
  }

  private async unitId(buildingId: string, number: string): Promise<string> {
    const { rows } = await this.pool.query<{ id: string }>('SELECT id FROM estate_units WHERE building_id = $1 AND number = $2', [buildingId, number]);
    return rows[0].id;
  }
}
