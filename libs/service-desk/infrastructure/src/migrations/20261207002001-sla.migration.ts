import { Migration } from '@mikro-orm/migrations';

/**
 * SLA (ADR 0021): policies in a versioned table (one per department or service) with a change
 * log, and the durable timers the scheduler claims with FOR UPDATE SKIP LOCKED.
 */
export class SlaMigration20261207002001 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE TABLE IF NOT EXISTS sla_policies (
        id uuid PRIMARY KEY,
        scope_key text NOT NULL UNIQUE,
        name text NOT NULL,
        scope jsonb NOT NULL,
        calendar jsonb NOT NULL,
        targets jsonb NOT NULL,
        escalate_on_breach boolean NOT NULL,
        version integer NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    this.addSql(`
      CREATE TABLE IF NOT EXISTS sla_policy_changes (
        seq bigserial PRIMARY KEY,
        policy_id uuid NOT NULL,
        change text NOT NULL CHECK (change IN ('created', 'updated', 'deleted')),
        version integer NOT NULL,
        policy jsonb,
        changed_by text NOT NULL,
        changed_at timestamptz NOT NULL
      )`);
    this.addSql(`
      CREATE TABLE IF NOT EXISTS sla_timers (
        entity_kind text NOT NULL CHECK (entity_kind IN ('request', 'incident')),
        entity_id uuid NOT NULL,
        target text NOT NULL,
        mark text NOT NULL CHECK (mark IN ('warning', 'breach')),
        due_at text NOT NULL,
        fire_at timestamptz NOT NULL,
        escalate boolean NOT NULL DEFAULT false,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        PRIMARY KEY (entity_kind, entity_id, target, mark)
      )`);
    this.addSql('CREATE INDEX IF NOT EXISTS sla_timers_fire_idx ON sla_timers (fire_at)');
  }

  override async down(): Promise<void> {
    this.addSql('DROP TABLE IF EXISTS sla_timers');
    this.addSql('DROP TABLE IF EXISTS sla_policy_changes');
    this.addSql('DROP TABLE IF EXISTS sla_policies');
  }
}
