import { randomUUID } from 'node:crypto';
import type { Principal } from '@switchboard/identity/domain';
import type { Pool } from 'pg';
import type { SavedFilter, SavedFilterResource } from './read-model.dtos';
import { InvalidQueryError, isUuid } from './sql';

const RESOURCES: readonly SavedFilterResource[] = ['requests', 'incidents'];
const MAX_FILTERS_BYTES = 4_096;
const MAX_PER_USER = 100;

interface Row {
  id: string;
  resource: SavedFilterResource;
  name: string;
  filters: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
}

const toSavedFilter = (r: Row): SavedFilter => ({
  id: r.id,
  resource: r.resource,
  name: r.name,
  filters: r.filters,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

export interface SaveFilter {
  readonly resource: SavedFilterResource;
  readonly name: string;
  readonly filters: Record<string, unknown>;
}

/** Each user's named list filters (GET/POST/DELETE /me/filters). Only ever the principal's own. */
export class SavedFilters {
  constructor(private readonly pool: Pool) {}

  async list(principal: Principal, resource?: SavedFilterResource): Promise<SavedFilter[]> {
    if (resource !== undefined && !RESOURCES.includes(resource)) throw new InvalidQueryError('resource', `must be one of ${RESOURCES.join(', ')}`);
    const { rows } = await this.pool.query<Row>(
      `SELECT id, resource, name, filters, created_at, updated_at FROM rm_saved_filters
        WHERE user_id = $1 AND ($2::text IS NULL OR resource = $2) ORDER BY resource, name`,
      [principal.userId, resource ?? null],
    );
    return rows.map(toSavedFilter);
  }

  /** Saving under an existing name (per resource) replaces that filter. */
  async save(principal: Principal, filter: SaveFilter): Promise<SavedFilter> {
    if (!RESOURCES.includes(filter.resource)) throw new InvalidQueryError('resource', `must be one of ${RESOURCES.join(', ')}`);
    const name = typeof filter.name === 'string' ? filter.name.trim() : '';
    if (!name || name.length > 100) throw new InvalidQueryError('name', 'must be 1 to 100 characters');
    if (typeof filter.filters !== 'object' || filter.filters === null || Array.isArray(filter.filters))
      throw new InvalidQueryError('filters', 'must be an object');
    const json = JSON.stringify(filter.filters);
    if (Buffer.byteLength(json) > MAX_FILTERS_BYTES) throw new InvalidQueryError('filters', `must be at most ${MAX_FILTERS_BYTES} bytes as JSON`);
    const { rows } = await this.pool.query<Row>(
      `INSERT INTO rm_saved_filters (id, user_id, resource, name, filters)
       SELECT $1, $2, $3, $4, $5::jsonb
        WHERE (SELECT count(*) FROM rm_saved_filters WHERE user_id = $2) < ${MAX_PER_USER}
           OR EXISTS (SELECT 1 FROM rm_saved_filters WHERE user_id = $2 AND resource = $3 AND name = $4)
       ON CONFLICT (user_id, resource, name) DO UPDATE SET filters = excluded.filters, updated_at = now()
       RETURNING id, resource, name, filters, created_at, updated_at`,
      [randomUUID(), principal.userId, filter.resource, name, json],
    );
    if (rows.length === 0) throw new InvalidQueryError('name', `at most ${MAX_PER_USER} saved filters per user`);
    return toSavedFilter(rows[0]);
  }

  /** False when the principal has no filter with that id (someone else's counts as none). */
  async delete(principal: Principal, id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const { rowCount } = await this.pool.query('DELETE FROM rm_saved_filters WHERE id = $1 AND user_id = $2', [id, principal.userId]);
    return rowCount === 1;
  }
}
