import { Migration } from '@mikro-orm/migrations';

/**
 * The security desk's read model (ADR 0029), projected from the passes' streams: `rm_passes`, one
 * row per pass with its normalised plate and name for the guard's search and whether someone is
 * inside; `rm_pass_visits`, one row per entry (check-in, then its check-out), the day log. Units
 * and sites are the estate's ids, kept as text without foreign keys.
 */
export const securityDeskSchema = [
  `CREATE TABLE IF NOT EXISTS rm_passes (
    id uuid PRIMARY KEY,
    site_slug text NOT NULL,
    unit_id text NOT NULL,
    unit_label text NOT NULL,
    resident_phone text,
    kind text NOT NULL CHECK (kind IN ('one-time', 'permanent')),
    visitor_name text,
    name_key text NOT NULL DEFAULT '',
    plate text,
    plate_key text NOT NULL DEFAULT '',
    plate_base text NOT NULL DEFAULT '',
    valid_from timestamptz NOT NULL,
    valid_until timestamptz NOT NULL,
    issued_as text NOT NULL,
    note text,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL,
    revoked_at timestamptz,
    visits integer NOT NULL DEFAULT 0,
    inside_since timestamptz,
    inside_by text,
    last_revision bigint NOT NULL
  )`,
  'CREATE INDEX IF NOT EXISTS rm_passes_site_window ON rm_passes (site_slug, valid_until, valid_from)',
  'CREATE INDEX IF NOT EXISTS rm_passes_inside ON rm_passes (site_slug) WHERE inside_since IS NOT NULL',
  "CREATE INDEX IF NOT EXISTS rm_passes_plate_base ON rm_passes (plate_base) WHERE plate_base <> ''",
  `CREATE TABLE IF NOT EXISTS rm_pass_visits (
    pass_id uuid NOT NULL,
    visit integer NOT NULL,
    site_slug text NOT NULL,
    checked_in_at timestamptz NOT NULL,
    checked_in_by text NOT NULL,
    checked_out_at timestamptz,
    checked_out_by text,
    overstayed boolean NOT NULL DEFAULT false,
    PRIMARY KEY (pass_id, visit)
  )`,
  'CREATE INDEX IF NOT EXISTS rm_pass_visits_day ON rm_pass_visits (site_slug, checked_in_at)',
];

export class SecurityDeskMigration20261208300000 extends Migration {
  override async up(): Promise<void> {
    for (const statement of securityDeskSchema) this.addSql(statement);
  }

  override async down(): Promise<void> {
    this.addSql('DROP TABLE IF EXISTS rm_pass_visits');
    this.addSql('DROP TABLE IF EXISTS rm_passes');
  }
}
