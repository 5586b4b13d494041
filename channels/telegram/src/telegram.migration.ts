import { Migration } from '@mikro-orm/migrations';

/** Telegram chats linked to a phone number by sharing their contact. */
export class TelegramMigration20261125000300 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE TABLE IF NOT EXISTS telegram_chats (
        chat_id bigint PRIMARY KEY,
        phone text NOT NULL,
        linked_at timestamptz NOT NULL
      )`);
    this.addSql('CREATE INDEX IF NOT EXISTS telegram_chats_phone ON telegram_chats (phone)');
  }

  override async down(): Promise<void> {
    this.addSql('DROP TABLE IF EXISTS telegram_chats');
  }
}
