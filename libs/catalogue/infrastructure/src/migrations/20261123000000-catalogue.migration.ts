import { Migration } from '@mikro-orm/migrations';

export class CatalogueMigration20261123000000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE TABLE IF NOT EXISTS catalogue_work_groups (
        code integer PRIMARY KEY,
        name text NOT NULL,
        email text NOT NULL,
        manager_id text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    this.addSql(`
      CREATE TABLE IF NOT EXISTS catalogue_services (
        code integer PRIMARY KEY,
        name text NOT NULL,
        work_group_code integer NOT NULL REFERENCES catalogue_work_groups(code),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  override async down(): Promise<void> {
    this.addSql('DROP TABLE IF EXISTS catalogue_services');
    this.addSql('DROP TABLE IF EXISTS catalogue_work_groups');
  }
}
