import { Migration } from '@mikro-orm/migrations';

/**
 * The routing rule that routed a request (id and name as it was then), and the tags it set.
 * The request-list projection moved to version 3 with it (a rebuild fills them in).
 */
export class ReadModelsRoutingMigration20261206004001 extends Migration {
  override async up(): Promise<void> {
    this.addSql('ALTER TABLE rm_requests ADD COLUMN IF NOT EXISTS routing_rule_id uuid');
    this.addSql('ALTER TABLE rm_requests ADD COLUMN IF NOT EXISTS routing_rule_name text');
    this.addSql(`ALTER TABLE rm_requests ADD COLUMN IF NOT EXISTS tags text[] NOT NULL DEFAULT '{}'`);
  }

  override async down(): Promise<void> {
    for (const column of ['routing_rule_id', 'routing_rule_name', 'tags']) this.addSql(`ALTER TABLE rm_requests DROP COLUMN IF EXISTS ${column}`);
  }
}
