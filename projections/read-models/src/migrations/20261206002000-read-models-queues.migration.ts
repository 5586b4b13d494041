import { Migration } from '@mikro-orm/migrations';

/**
 * Priority on requests and incidents, the request a new one follows (reopen), (P1 most urgent; P3 until a manager sets one), and the queues:
 * unassigned NEW items of a department or work group, most urgent then oldest first, which "take
 * next" reads. The request-list and incident-list projections moved to version 2 with it.
 */
export class ReadModelsQueuesMigration20261206002000 extends Migration {
  override async up(): Promise<void> {
    for (const table of ['rm_requests', 'rm_incidents']) {
      this.addSql(`ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS priority text NOT NULL DEFAULT 'P3' CHECK (priority IN ('P1', 'P2', 'P3', 'P4'))`);
    }
    // A request that follows the contact's earlier one (closed too long ago to reopen).
    this.addSql('ALTER TABLE rm_requests ADD COLUMN IF NOT EXISTS previous_request_id uuid');
    this.addSql(
      `CREATE INDEX IF NOT EXISTS rm_requests_queue_idx ON rm_requests (department, priority, created_at, id) WHERE assignee_id IS NULL AND state = 'NEW'`,
    );
    this.addSql(
      `CREATE INDEX IF NOT EXISTS rm_incidents_queue_idx ON rm_incidents (work_group_code, priority, created_at, id) WHERE assignee_id IS NULL AND state = 'NEW'`,
    );
  }

  override async down(): Promise<void> {
    this.addSql('DROP INDEX IF EXISTS rm_requests_queue_idx');
    this.addSql('DROP INDEX IF EXISTS rm_incidents_queue_idx');
    for (const table of ['rm_requests', 'rm_incidents']) this.addSql(`ALTER TABLE ${table} DROP COLUMN IF EXISTS priority`);
    this.addSql('ALTER TABLE rm_requests DROP COLUMN IF EXISTS previous_request_id');
  }
}
