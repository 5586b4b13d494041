import { Migration } from '@mikro-orm/migrations';

/**
 * A resident's units are the estate's residents now (ADR 0030 addendum): the portal no longer reads
 * its own list, `portal_resident_units`. The table is kept, renamed `portal_resident_units_archive`,
 * rather than dropped: its rows were entered by operators for places the estate may not hold yet,
 * and whoever enters those units in the estate reads them there. Nothing writes it any more.
 * Both directions tolerate a database on which the first version of this migration dropped the table.
 */
export class PortalUnitsFromEstateMigration20261209300000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`DO $$ BEGIN
      IF to_regclass('portal_resident_units') IS NOT NULL AND to_regclass('portal_resident_units_archive') IS NULL THEN
        ALTER TABLE portal_resident_units RENAME TO portal_resident_units_archive;
        ALTER INDEX IF EXISTS portal_resident_units_pkey RENAME TO portal_resident_units_archive_pkey;
      END IF;
    END $$`);
  }

  override async down(): Promise<void> {
    this.addSql(`DO $$ BEGIN
      IF to_regclass('portal_resident_units_archive') IS NOT NULL AND to_regclass('portal_resident_units') IS NULL THEN
        ALTER TABLE portal_resident_units_archive RENAME TO portal_resident_units;
        ALTER INDEX IF EXISTS portal_resident_units_archive_pkey RENAME TO portal_resident_units_pkey;
      END IF;
    END $$`);
    this.addSql(`CREATE TABLE IF NOT EXISTS portal_resident_units (
      client_id uuid NOT NULL,
      unit_id text NOT NULL,
      label text NOT NULL,
      site_slug text NOT NULL,
      PRIMARY KEY (client_id, unit_id)
    )`);
  }
}
