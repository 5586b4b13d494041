import { Migration } from '@mikro-orm/migrations';

/**
 * The status history becomes the entity's history: besides state changes, every (re)assignment,
 * department move and reason. Rows that are not state changes have no `to_state`. The projection's
 * version moved with it, so the projector rebuilds the table from the events.
 */
export class ReadModelsHistoryMigration20261203000100 extends Migration {
  override async up(): Promise<void> {
    this.addSql('ALTER TABLE rm_status_history ALTER COLUMN to_state DROP NOT NULL');
    for (const column of ['assignee_id', 'department', 'previous_department', 'reason']) {
      this.addSql(`ALTER TABLE rm_status_history ADD COLUMN IF NOT EXISTS ${column} text`);
    }
  }

  override async down(): Promise<void> {
    for (const column of ['assignee_id', 'department', 'previous_department', 'reason'])
      this.addSql(`ALTER TABLE rm_status_history DROP COLUMN IF EXISTS ${column}`);
    this.addSql('DELETE FROM rm_status_history WHERE to_state IS NULL');
    this.addSql('ALTER TABLE rm_status_history ALTER COLUMN to_state SET NOT NULL');
  }
}
