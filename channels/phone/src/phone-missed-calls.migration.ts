import { Migration } from '@mikro-orm/migrations';

/**
 * Missed calls are declared after a grace period, so a late "answered" event can still count:
 * who answered (the operator who may register the call), when the call is due to be declared
 * missed, and when it was.
 */
export const phoneMissedCallsSchema: readonly string[] = [
  `
      ALTER TABLE phone_calls
        ADD COLUMN IF NOT EXISTS answered_by text,
        ADD COLUMN IF NOT EXISTS missed_due_at timestamptz,
        ADD COLUMN IF NOT EXISTS missed_at timestamptz`,
  'CREATE INDEX IF NOT EXISTS phone_calls_missed_due ON phone_calls (missed_due_at) WHERE missed_due_at IS NOT NULL',
  // Calls hung up unanswered before this migration became requests at once; none is left waiting.
  'UPDATE phone_calls SET missed_at = updated_at WHERE request_id IS NOT NULL AND answered_at IS NULL AND missed_at IS NULL',
];

export class PhoneMissedCallsMigration20261201000100 extends Migration {
  override async up(): Promise<void> {
    for (const statement of phoneMissedCallsSchema) this.addSql(statement);
  }

  override async down(): Promise<void> {
    this.addSql('DROP INDEX IF EXISTS phone_calls_missed_due');
    this.addSql('ALTER TABLE phone_calls DROP COLUMN IF EXISTS answered_by, DROP COLUMN IF EXISTS missed_due_at, DROP COLUMN IF EXISTS missed_at');
  }
}
