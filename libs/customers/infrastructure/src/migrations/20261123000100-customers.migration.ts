import { Migration } from '@mikro-orm/migrations';

export class CustomersMigration20261123000100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE TABLE IF NOT EXISTS customers_clients (
        id uuid PRIMARY KEY,
        first_name text NOT NULL,
        last_name text NOT NULL,
        middle_name text,
        phone text NOT NULL UNIQUE,
        email text,
        inn text,
        organisation text,
        legacy_id bigint UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    this.addSql(`
      CREATE TABLE IF NOT EXISTS customers_orders (
        id uuid PRIMARY KEY,
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        cost numeric(14, 2) NOT NULL,
        created_at timestamptz NOT NULL,
        client_id uuid NOT NULL REFERENCES customers_clients(id)
      )`);
    this.addSql('CREATE INDEX IF NOT EXISTS customers_orders_client_idx ON customers_orders (client_id)');
  }

  override async down(): Promise<void> {
    this.addSql('DROP TABLE IF EXISTS customers_orders');
    this.addSql('DROP TABLE IF EXISTS customers_clients');
  }
}
