import { Migration } from '@mikro-orm/migrations';

/** The estate's reference data (ADR 0028): versioned rows, one table per level, residencies with their periods. */
export class EstateMigration20261208200000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE TABLE IF NOT EXISTS estate_sites (
        id uuid PRIMARY KEY,
        slug text NOT NULL UNIQUE,
        name text NOT NULL,
        address text NOT NULL DEFAULT '',
        version integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text NOT NULL
      )`);
    this.addSql(`
      CREATE TABLE IF NOT EXISTS estate_buildings (
        id uuid PRIMARY KEY,
        site_id uuid NOT NULL REFERENCES estate_sites(id),
        name text NOT NULL,
        address text NOT NULL DEFAULT '',
        version integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text NOT NULL,
        UNIQUE (site_id, name)
      )`);
    this.addSql(`
      CREATE TABLE IF NOT EXISTS estate_entrances (
        id uuid PRIMARY KEY,
        building_id uuid NOT NULL REFERENCES estate_buildings(id),
        number text NOT NULL,
        version integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text NOT NULL,
        UNIQUE (building_id, number)
      )`);
    this.addSql(`
      CREATE TABLE IF NOT EXISTS estate_units (
        id uuid PRIMARY KEY,
        building_id uuid NOT NULL REFERENCES estate_buildings(id),
        entrance_id uuid NOT NULL REFERENCES estate_entrances(id),
        number text NOT NULL,
        type text NOT NULL CHECK (type IN ('apartment', 'office', 'retail', 'parking', 'storage')),
        floor integer NOT NULL,
        area numeric(12, 2),
        rooms integer,
        version integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text NOT NULL,
        UNIQUE (building_id, number)
      )`);
    this.addSql('CREATE INDEX IF NOT EXISTS estate_units_entrance_idx ON estate_units (entrance_id, floor)');
    this.addSql(`
      CREATE TABLE IF NOT EXISTS estate_residencies (
        id uuid PRIMARY KEY,
        unit_id uuid NOT NULL REFERENCES estate_units(id) ON DELETE CASCADE,
        client_id uuid NOT NULL,
        relation text NOT NULL CHECK (relation IN ('owner', 'tenant', 'resident')),
        from_day date NOT NULL,
        to_day date,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text NOT NULL,
        CHECK (to_day IS NULL OR to_day >= from_day)
      )`);
    this.addSql('CREATE INDEX IF NOT EXISTS estate_residencies_unit_idx ON estate_residencies (unit_id)');
    this.addSql('CREATE INDEX IF NOT EXISTS estate_residencies_client_idx ON estate_residencies (client_id)');
  }

  override async down(): Promise<void> {
    for (const table of ['estate_residencies', 'estate_units', 'estate_entrances', 'estate_buildings', 'estate_sites'])
      this.addSql(`DROP TABLE IF EXISTS ${table}`);
  }
}
