import { Migration } from '@mikro-orm/migrations';

/**
 * The history says how each assignment came about (manual, take, round-robin, least-loaded) and
 * shows priority changes. The status-history projection's version moved with it, so the projector
 * rebuilds the table from the events.
 */
export class ReadModelsAssignmentHistoryMigration20261207001001 extends Migration {
  override async up(): Promise<void> {
    for (const column of ['assigned_by', 'priority', 'previous_priority']) {
      this.addSql(`ALTER TABLE rm_status_history ADD COLUMN IF NOT EXISTS ${column} text`);
    }
  }

  override async down(): Promise<void> {
    for (const column of ['assigned_by', 'priority', 'previous_priority']) this.addSql(`ALTER TABLE rm_status_history DROP COLUMN IF EXISTS ${column}`);
  }
}
