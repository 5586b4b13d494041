import { Migration } from '@mikro-orm/migrations';

/**
 * A resident's units are the estate's residents now (ADR 0030 addendum): the portal's own list,
 * `portal_resident_units`, is gone. Its rows are not carried over: they were the operators' stopgap
 * for places the estate did not hold; those units are entered in the estate, with their residents.
 */
export class PortalUnitsFromEstateMigration20261209300000 extends Migration {
  override async up(): Promise<void> {
    this.addSql('DROP TABLE IF EXISTS portal_resident_units');
  }

  override async down(): Promise<void> {
    this.addSql(`CREATE TABLE IF NOT EXISTS portal_resident_units (
      client_id uuid NOT NULL,
      unit_id text NOT NULL,
      label text NOT NULL,
      site_slug text NOT NULL,
      PRIMARY KEY (client_id, unit_id)
    )`);
  }
}
