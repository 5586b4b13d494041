import { randomUUID } from 'node:crypto';
import { Migrator } from '@mikro-orm/migrations';
import { MikroORM, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Pool } from 'pg';
import { createTestDatabase } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import { PortalMigration20261208400000 } from './20261208400000-portal.migration';
import { PortalUnitsFromEstateMigration20261209300000 } from './20261209300000-portal-units-from-estate.migration';

const FIRST = 'PortalMigration20261208400000';

/** The portal's own list of units gives way to the estate (ADR 0030 addendum) without losing what operators entered. */
describe('the migration from the portal’s units to the estate', () => {
  let db: TestDatabase;
  let orm: MikroORM;
  let pool: Pool;
  const client = randomUUID();
  const rows = [
    { client_id: client, unit_id: 'unit-45', label: 'Building 2, 45', site_slug: 'river-park' },
    { client_id: client, unit_id: 'garage-3', label: 'Garage 3', site_slug: 'old-town' },
  ];
  const tableExists = async (table: string): Promise<boolean> =>
    (await pool.query<{ ok: boolean }>('SELECT to_regclass($1) IS NOT NULL AS ok', [table])).rows[0].ok;
  const rowsOf = async (table: string) =>
    (await pool.query(`SELECT client_id::text AS client_id, unit_id, label, site_slug FROM ${table} ORDER BY unit_id DESC`)).rows;

  beforeAll(async () => {
    db = await createTestDatabase('portal_units_migration');
    orm = await MikroORM.init({
      driver: PostgreSqlDriver,
      clientUrl: db.url,
      entities: [],
      discovery: { warnWhenNoEntities: false },
      extensions: [Migrator],
      migrations: {
        migrationsList: [
          { name: FIRST, class: PortalMigration20261208400000 },
          { name: 'PortalUnitsFromEstateMigration20261209300000', class: PortalUnitsFromEstateMigration20261209300000 },
        ],
        silent: true,
      },
      allowGlobalContext: true,
    });
    pool = new Pool({ connectionString: db.url, max: 2 });
  });

  afterAll(async () => {
    await orm?.close(true);
    await pool?.end();
    await db?.drop();
  });

  it('keeps the rows operators entered, in portal_resident_units_archive', async () => {
    await orm.getMigrator().up({ to: FIRST });
    for (const r of rows)
      await pool.query('INSERT INTO portal_resident_units (client_id, unit_id, label, site_slug) VALUES ($1, $2, $3, $4)', [
        r.client_id,
        r.unit_id,
        r.label,
        r.site_slug,
      ]);

    await orm.getMigrator().up();

    expect(await tableExists('portal_resident_units')).toBe(false);
    expect(await rowsOf('portal_resident_units_archive')).toEqual(rows);
  });

  it('puts the table back, rows and all, when migrated down, and archives it again on the way up', async () => {
    await orm.getMigrator().down();
    expect(await tableExists('portal_resident_units_archive')).toBe(false);
    expect(await rowsOf('portal_resident_units')).toEqual(rows);
    // The key came back with the table: the same unit twice for one client is refused.
    await expect(
      pool.query('INSERT INTO portal_resident_units (client_id, unit_id, label, site_slug) VALUES ($1, $2, $3, $4)', [
        client,
        'unit-45',
        'again',
        'river-park',
      ]),
    ).rejects.toThrow(/duplicate key/);

    await orm.getMigrator().up();
    expect(await rowsOf('portal_resident_units_archive')).toEqual(rows);
  });
});
