import { Migration } from '@mikro-orm/migrations';

/** Single-use tickets for clients that cannot send an Authorization header (a browser's EventSource). */
export class AccessTicketsMigration20261201000200 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE TABLE IF NOT EXISTS identity_access_tickets (
        ticket_hash text PRIMARY KEY,
        purpose text NOT NULL,
        principal jsonb NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
    this.addSql('CREATE INDEX IF NOT EXISTS identity_access_tickets_expiry ON identity_access_tickets (expires_at)');
  }

  override async down(): Promise<void> {
    this.addSql('DROP TABLE IF EXISTS identity_access_tickets');
  }
}
