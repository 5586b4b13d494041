import { Migration } from '@mikro-orm/migrations';

/**
 * Every change of a client, recorded with who and when (the client card shows them), and the
 * client's revision, which an edit must name (If-Match) so a stale one is refused. Clients written
 * before start at revision 0 with no history.
 */
export class CustomersClientHistoryMigration20261203000200 extends Migration {
  override async up(): Promise<void> {
    this.addSql('ALTER TABLE customers_clients ADD COLUMN IF NOT EXISTS revision bigint NOT NULL DEFAULT 0');
    this.addSql(`
      CREATE TABLE IF NOT EXISTS customers_client_changes (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        client_id uuid NOT NULL REFERENCES customers_clients(id) ON DELETE CASCADE,
        revision bigint NOT NULL,
        change text NOT NULL CHECK (change IN ('created', 'migrated', 'edited', 'order-added')),
        changes jsonb NOT NULL,
        changed_by text NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    this.addSql('CREATE INDEX IF NOT EXISTS customers_client_changes_client_idx ON customers_client_changes (client_id, id)');
  }

  override async down(): Promise<void> {
    this.addSql('DROP TABLE IF EXISTS customers_client_changes');
    this.addSql('ALTER TABLE customers_clients DROP COLUMN IF EXISTS revision');
  }
}
