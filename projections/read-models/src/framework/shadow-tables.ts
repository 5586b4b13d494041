import type { PoolClient } from 'pg';
import type { Projection } from './projection';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export function quoteIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new TypeError(`Not a plain SQL identifier: '${name}'`);
  return `"${name}"`;
}

/** The schema a projection is rebuilt in, beside the live tables. */
export function shadowSchemaOf(projection: Pick<Projection, 'name'>): string {
  return `rm_shadow_${projection.name.replace(/-/g, '_')}`;
}

/** The schema the live read models are in: the first of the search path, as in the migrations. */
export async function liveSchema(db: PoolClient): Promise<string> {
  const { rows } = await db.query<{ schema: string | null }>('SELECT current_schema() AS schema');
  if (!rows[0].schema) throw new Error('No current schema: the search path names no existing schema');
  return rows[0].schema;
}

export async function shadowTablesExist(db: PoolClient, shadow: string, tables: readonly string[]): Promise<boolean> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = $1 AND tablename = ANY($2::text[])', [
    shadow,
    tables,
  ]);
  return rows[0].n === tables.length;
}

/**
 * Empty copies of the live tables in the shadow schema, with the same columns, defaults,
 * generated columns, constraints and index names (names are per schema, so they do not clash;
 * after the swap the live tables carry the names the migrations gave them).
 */
export async function createShadowTables(db: PoolClient, live: string, shadow: string, tables: readonly string[]): Promise<void> {
  const s = quoteIdentifier(shadow);
  await db.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
  await db.query(`CREATE SCHEMA ${s}`);
  for (const table of tables) {
    const liveTable = `${quoteIdentifier(live)}.${quoteIdentifier(table)}`;
    const shadowTable = `${s}.${quoteIdentifier(table)}`;
    await db.query(`CREATE TABLE ${shadowTable} (LIKE ${liveTable} INCLUDING ALL EXCLUDING INDEXES)`);
    const constraints = await db.query<{ name: string; definition: string }>(
      `SELECT c.conname AS name, pg_get_constraintdef(c.oid) AS definition FROM pg_constraint c
        WHERE c.conrelid = $1::regclass AND c.contype IN ('p', 'u', 'x') ORDER BY c.conname`,
      [liveTable],
    );
    for (const c of constraints.rows) await db.query(`ALTER TABLE ${shadowTable} ADD CONSTRAINT ${quoteIdentifier(c.name)} ${c.definition}`);
    const indexes = await db.query<{ definition: string }>(
      `SELECT pg_get_indexdef(i.indexrelid) AS definition FROM pg_index i
        WHERE i.indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
        ORDER BY i.indexrelid`,
      [liveTable],
    );
    for (const { definition } of indexes.rows) {
      const onShadow = definition.replace(/ ON (ONLY )?\S+ USING /, ` ON ${shadowTable} USING `);
      if (onShadow === definition) throw new Error(`Cannot copy index of ${table}: ${definition}`);
      await db.query(onShadow);
    }
  }
}

/**
 * In the caller's transaction: drops the live tables and moves the shadow ones in their place.
 * Queries wait on the table locks for the length of the swap and then read the new tables.
 */
export async function swapShadowTables(db: PoolClient, live: string, shadow: string, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    await db.query(`DROP TABLE ${quoteIdentifier(live)}.${quoteIdentifier(table)}`);
    await db.query(`ALTER TABLE ${quoteIdentifier(shadow)}.${quoteIdentifier(table)} SET SCHEMA ${quoteIdentifier(live)}`);
  }
  // Extended statistics copied by LIKE ... INCLUDING ALL stay in the shadow schema; they follow their tables.
  const statistics = await db.query<{ name: string }>('SELECT stxname AS name FROM pg_statistic_ext WHERE stxnamespace = $1::regnamespace', [shadow]);
  for (const { name } of statistics.rows) {
    await db.query(`ALTER STATISTICS ${quoteIdentifier(shadow)}.${quoteIdentifier(name)} SET SCHEMA ${quoteIdentifier(live)}`);
  }
  await db.query(`DROP SCHEMA ${quoteIdentifier(shadow)}`);
}

export async function dropShadowSchema(db: PoolClient, shadow: string): Promise<void> {
  await db.query(`DROP SCHEMA IF EXISTS ${quoteIdentifier(shadow)} CASCADE`);
}
