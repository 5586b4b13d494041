import { Migration } from '@mikro-orm/migrations';

/** Calls reported by the PBX (webhook or AMI): whether they were answered, and the request they became. */
export const phoneCallsSchema: readonly string[] = [
  `
      CREATE TABLE IF NOT EXISTS phone_calls (
        call_id text PRIMARY KEY,
        caller text NOT NULL,
        callee text NOT NULL,
        agent text,
        ringing_at timestamptz,
        answered_at timestamptz,
        ended_at timestamptz,
        request_id uuid,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
];

export class PhoneMigration20261125000400 extends Migration {
  override async up(): Promise<void> {
    for (const statement of phoneCallsSchema) this.addSql(statement);
  }

  override async down(): Promise<void> {
    this.addSql('DROP TABLE IF EXISTS phone_calls');
  }
}
