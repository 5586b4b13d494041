import { Migration } from '@mikro-orm/migrations';

/** A client's tags (what routing rules and mailings select by), with an index for "clients tagged …". */
export class CustomersClientTagsMigration20261207000300 extends Migration {
  override async up(): Promise<void> {
    this.addSql("ALTER TABLE customers_clients ADD COLUMN IF NOT EXISTS tags text[] NOT NULL DEFAULT '{}'");
    this.addSql('CREATE INDEX IF NOT EXISTS customers_clients_tags_idx ON customers_clients USING gin (tags)');
  }

  override async down(): Promise<void> {
    this.addSql('DROP INDEX IF EXISTS customers_clients_tags_idx');
    this.addSql('ALTER TABLE customers_clients DROP COLUMN IF EXISTS tags');
  }
}
