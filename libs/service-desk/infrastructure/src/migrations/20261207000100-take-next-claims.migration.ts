import { Migration } from '@mikro-orm/migrations';

/** Where each user's take-next command (by its Idempotency-Key) pointed: a resubmission goes back to that item. */
export class TakeNextClaimsMigration20261207000100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE TABLE IF NOT EXISTS take_next_claims (
        user_id text NOT NULL,
        command_id text NOT NULL,
        entity text NOT NULL CHECK (entity IN ('request', 'incident')),
        item_id uuid NOT NULL,
        pointed_at timestamptz NOT NULL,
        PRIMARY KEY (user_id, command_id)
      )`);
    this.addSql('CREATE INDEX IF NOT EXISTS take_next_claims_pointed_at ON take_next_claims (pointed_at)');
  }

  override async down(): Promise<void> {
    this.addSql('DROP TABLE IF EXISTS take_next_claims');
  }
}
