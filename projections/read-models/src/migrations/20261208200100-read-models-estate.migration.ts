import { Migration } from '@mikro-orm/migrations';

/**
 * The estate unit and building a request is about (ADR 0028): set at registration, null for the
 * requests registered before (their events carry none, so no rebuild is needed). The grid counts a
 * unit's open requests and their worst SLA state through the index.
 */
export class ReadModelsEstateMigration20261208200100 extends Migration {
  override async up(): Promise<void> {
    this.addSql('ALTER TABLE rm_requests ADD COLUMN IF NOT EXISTS unit_id uuid');
    this.addSql('ALTER TABLE rm_requests ADD COLUMN IF NOT EXISTS building_id uuid');
    this.addSql('CREATE INDEX IF NOT EXISTS rm_requests_unit_idx ON rm_requests (unit_id, state) WHERE unit_id IS NOT NULL');
    this.addSql('CREATE INDEX IF NOT EXISTS rm_requests_building_idx ON rm_requests (building_id, state) WHERE building_id IS NOT NULL');
  }

  override async down(): Promise<void> {
    this.addSql('DROP INDEX IF EXISTS rm_requests_building_idx');
    this.addSql('DROP INDEX IF EXISTS rm_requests_unit_idx');
    this.addSql('ALTER TABLE rm_requests DROP COLUMN IF EXISTS building_id');
    this.addSql('ALTER TABLE rm_requests DROP COLUMN IF EXISTS unit_id');
  }
}
