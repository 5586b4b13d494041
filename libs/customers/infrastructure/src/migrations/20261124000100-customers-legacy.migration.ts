import { Migration } from '@mikro-orm/migrations';

/**
 * Clients and orders for the LegacyDB lazy migration: the normalised name key that search and
 * merged pages sort by, the links from legacy records (duplicates included) to our clients, and a
 * trigram index for name search where PostgreSQL has pg_trgm (without it, search scans).
 */
export class CustomersMigration20261124000100 extends Migration {
  override async up(): Promise<void> {
    this.addSql('ALTER TABLE customers_clients ADD COLUMN IF NOT EXISTS name_key text');
    // The application writes the key (clientNameKey); this backfills rows written before it did.
    this.addSql(`
      UPDATE customers_clients
      SET name_key = translate(lower(regexp_replace(trim(concat_ws(' ', last_name, first_name, middle_name)), '[[:space:]]+', ' ', 'g')), 'ё', 'е')
      WHERE name_key IS NULL`);
    this.addSql('ALTER TABLE customers_clients ALTER COLUMN name_key SET NOT NULL');
    this.addSql(`
      CREATE TABLE IF NOT EXISTS customers_legacy_client_links (
        legacy_id bigint PRIMARY KEY,
        client_id uuid NOT NULL REFERENCES customers_clients(id) ON DELETE CASCADE,
        linked_at timestamptz NOT NULL DEFAULT now()
      )`);
    this.addSql('CREATE INDEX IF NOT EXISTS customers_legacy_client_links_client_idx ON customers_legacy_client_links (client_id)');
    this.addSql(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'customers_orders_cost_not_negative') THEN
          ALTER TABLE customers_orders ADD CONSTRAINT customers_orders_cost_not_negative CHECK (cost >= 0);
        END IF;
      END
      $$`);
    this.addSql(`
      DO $$
      BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        CREATE INDEX IF NOT EXISTS customers_clients_name_key_trgm_idx ON customers_clients USING gin (name_key gin_trgm_ops);
      EXCEPTION WHEN OTHERS THEN
        RAISE NOTICE 'no trigram index for client names (%): name search scans customers_clients', SQLERRM;
      END
      $$`);
  }

  override async down(): Promise<void> {
    this.addSql('DROP INDEX IF EXISTS customers_clients_name_key_trgm_idx');
    this.addSql('ALTER TABLE customers_orders DROP CONSTRAINT IF EXISTS customers_orders_cost_not_negative');
    this.addSql('DROP TABLE IF EXISTS customers_legacy_client_links');
    this.addSql('ALTER TABLE customers_clients DROP COLUMN IF EXISTS name_key');
  }
}
