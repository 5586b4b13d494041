import { Migration } from '@mikro-orm/migrations';

export class ServiceDeskMigration20261123000200 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE TABLE IF NOT EXISTS service_desk_checkpoints (
        name text PRIMARY KEY,
        position text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    this.addSql(`
      CREATE TABLE IF NOT EXISTS service_desk_sent_notifications (
        key text PRIMARY KEY,
        sent_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  override async down(): Promise<void> {
    this.addSql('DROP TABLE IF EXISTS service_desk_sent_notifications');
    this.addSql('DROP TABLE IF EXISTS service_desk_checkpoints');
  }
}
