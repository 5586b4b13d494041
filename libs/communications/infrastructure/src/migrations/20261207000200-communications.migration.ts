import { Migration } from '@mikro-orm/migrations';

/** The rate-limit ledger: one row per communication that took a slot, counted per (department, client). */
export class CommunicationsMigration20261207000200 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE TABLE IF NOT EXISTS communication_rate_reservations (
        communication_id uuid PRIMARY KEY,
        department text NOT NULL,
        client_id text NOT NULL,
        communication_type text NOT NULL,
        reserved_at timestamptz NOT NULL
      )`);
    this.addSql('CREATE INDEX IF NOT EXISTS communication_rate_reservations_client ON communication_rate_reservations (department, client_id, reserved_at)');
  }

  override async down(): Promise<void> {
    this.addSql('DROP TABLE IF EXISTS communication_rate_reservations');
  }
}
