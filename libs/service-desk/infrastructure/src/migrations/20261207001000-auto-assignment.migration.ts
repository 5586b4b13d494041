import { Migration } from '@mikro-orm/migrations';

/**
 * Automatic assignment and presence (ADR 0020): operators' presence with a change log; settings per
 * department or work group, versioned, with a change log; the assignment process manager's own
 * state (its decisions, each scope's round-robin cursor, open items per assignee).
 */
export class AutoAssignmentMigration20261207001000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE TABLE IF NOT EXISTS operator_presence (
        user_id text PRIMARY KEY,
        status text NOT NULL CHECK (status IN ('available', 'away')),
        since timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL
      )`);
    this.addSql(`
      CREATE TABLE IF NOT EXISTS operator_presence_changes (
        seq bigserial PRIMARY KEY,
        user_id text NOT NULL,
        status text NOT NULL,
        reason text NOT NULL CHECK (reason IN ('set', 'idle')),
        changed_by text NOT NULL,
        changed_at timestamptz NOT NULL
      )`);
    this.addSql('CREATE INDEX IF NOT EXISTS operator_presence_changes_user_idx ON operator_presence_changes (user_id, seq)');
    this.addSql(`
      CREATE TABLE IF NOT EXISTS auto_assignment_settings (
        scope_kind text NOT NULL CHECK (scope_kind IN ('department', 'work-group')),
        scope_key text NOT NULL,
        mode text NOT NULL CHECK (mode IN ('off', 'round-robin', 'least-loaded')),
        max_open integer,
        skills jsonb NOT NULL DEFAULT '{}'::jsonb,
        version integer NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (scope_kind, scope_key)
      )`);
    this.addSql(`
      CREATE TABLE IF NOT EXISTS auto_assignment_setting_changes (
        seq bigserial PRIMARY KEY,
        scope_kind text NOT NULL,
        scope_key text NOT NULL,
        version integer NOT NULL,
        settings jsonb NOT NULL,
        changed_by text NOT NULL,
        changed_at timestamptz NOT NULL
      )`);
    this.addSql(`
      CREATE TABLE IF NOT EXISTS auto_assignment_cursors (
        scope_kind text NOT NULL,
        scope_key text NOT NULL,
        last_assignee_id text NOT NULL,
        PRIMARY KEY (scope_kind, scope_key)
      )`);
    this.addSql(`
      CREATE TABLE IF NOT EXISTS auto_assignment_decisions (
        item_kind text NOT NULL,
        decision_key text NOT NULL,
        item_id text NOT NULL,
        scope_kind text NOT NULL,
        scope_key text NOT NULL,
        assignee_id text NOT NULL,
        assigned_by jsonb NOT NULL,
        decided_at timestamptz NOT NULL,
        PRIMARY KEY (item_kind, decision_key)
      )`);
    this.addSql(`
      CREATE TABLE IF NOT EXISTS auto_assignment_items (
        item_kind text NOT NULL,
        item_id text NOT NULL,
        seq bigserial,
        scope_key text NOT NULL DEFAULT '',
        service_code integer,
        assignee_id text,
        open boolean NOT NULL DEFAULT true,
        PRIMARY KEY (item_kind, item_id)
      )`);
    this.addSql(
      'CREATE INDEX IF NOT EXISTS auto_assignment_items_open_idx ON auto_assignment_items (item_kind, assignee_id) WHERE open AND assignee_id IS NOT NULL',
    );
  }

  override async down(): Promise<void> {
    for (const table of [
      'auto_assignment_items',
      'auto_assignment_decisions',
      'auto_assignment_cursors',
      'auto_assignment_setting_changes',
      'auto_assignment_settings',
      'operator_presence_changes',
      'operator_presence',
    ])
      this.addSql(`DROP TABLE IF EXISTS ${table}`);
  }
}
