import { Migration } from '@mikro-orm/migrations';

export class IntakeMigration20261123000300 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE TABLE IF NOT EXISTS intake_messages (
        channel text NOT NULL,
        message_id text NOT NULL,
        request_id uuid NOT NULL,
        stored_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (channel, message_id)
      )`);
    this.addSql(`
      CREATE TABLE IF NOT EXISTS intake_open_requests (
        channel text NOT NULL,
        address text NOT NULL,
        request_id uuid NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (channel, address)
      )`);
  }

  override async down(): Promise<void> {
    this.addSql('DROP TABLE IF EXISTS intake_open_requests');
    this.addSql('DROP TABLE IF EXISTS intake_messages');
  }
}
