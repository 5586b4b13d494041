import { Migration } from '@mikro-orm/migrations';

/**
 * Live SLA on the request and incident lists (ADR 0021): the clock as last set (jsonb), the next
 * due time for `sort=dueAt` (far future when nothing runs, so the keyset column is never null),
 * and whether a warning or a breach was recorded. The request-list projection moved to version 4
 * and the incident list to 3 with it (a rebuild fills them in).
 */
export class ReadModelsSlaMigration20261207002000 extends Migration {
  override async up(): Promise<void> {
    for (const table of ['rm_requests', 'rm_incidents']) {
      this.addSql(`ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS sla jsonb`);
      this.addSql(`ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS sla_due_at timestamptz NOT NULL DEFAULT '9999-12-31T00:00:00Z'`);
      this.addSql(`ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS sla_warned boolean NOT NULL DEFAULT false`);
      this.addSql(`ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS sla_breached boolean NOT NULL DEFAULT false`);
      this.addSql(`CREATE INDEX IF NOT EXISTS ${table}_sla_due_idx ON ${table} (sla_due_at, id)`);
    }
  }

  override async down(): Promise<void> {
    for (const table of ['rm_requests', 'rm_incidents']) {
      this.addSql(`DROP INDEX IF EXISTS ${table}_sla_due_idx`);
      for (const column of ['sla', 'sla_due_at', 'sla_warned', 'sla_breached']) this.addSql(`ALTER TABLE ${table} DROP COLUMN IF EXISTS ${column}`);
    }
  }
}
