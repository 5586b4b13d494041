import { Migration } from '@mikro-orm/migrations';

/** Single-use tickets for clients that cannot send an Authorization header (a browser's EventSource). */
export const accessTicketsSchema: readonly string[] = [
  `
      CREATE TABLE IF NOT EXISTS identity_access_tickets (
        ticket_hash text PRIMARY KEY,
        purpose text NOT NULL,
        principal jsonb NOT NULL,
        expires_at timestamptz NOT NULL
      )`,
  'CREATE INDEX IF NOT EXISTS identity_access_tickets_expiry ON identity_access_tickets (expires_at)',
];

export class AccessTicketsMigration20261201000200 extends Migration {
  override async up(): Promise<void> {
    for (const statement of accessTicketsSchema) this.addSql(statement);
  }

  override async down(): Promise<void> {
    this.addSql('DROP TABLE IF EXISTS identity_access_tickets');
  }
}
