import { Migration } from '@mikro-orm/migrations';

/**
 * Routing rules (ADR 0019): a versioned table in order, and a change log that records every
 * create, edit, move and delete with who, when and the rule as it became. The log's last sequence
 * number is the rules' revision (what a reorder names in If-Match).
 */
export class RoutingRulesMigration20261206004000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE TABLE IF NOT EXISTS routing_rules (
        id uuid PRIMARY KEY,
        position integer NOT NULL,
        name text NOT NULL,
        enabled boolean NOT NULL,
        conditions jsonb NOT NULL,
        outcome jsonb NOT NULL,
        version integer NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    this.addSql(`
      CREATE TABLE IF NOT EXISTS routing_rule_changes (
        seq bigserial PRIMARY KEY,
        rule_id uuid NOT NULL,
        change text NOT NULL CHECK (change IN ('created', 'updated', 'moved', 'deleted')),
        version integer NOT NULL,
        rule jsonb,
        changed_by text NOT NULL,
        changed_at timestamptz NOT NULL
      )`);
    this.addSql('CREATE INDEX IF NOT EXISTS routing_rule_changes_rule_idx ON routing_rule_changes (rule_id, seq)');
  }

  override async down(): Promise<void> {
    this.addSql('DROP TABLE IF EXISTS routing_rule_changes');
    this.addSql('DROP TABLE IF EXISTS routing_rules');
  }
}
