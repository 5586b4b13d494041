import { Migration } from '@mikro-orm/migrations';

/**
 * The residents' portal (ADR 0030): which client each account is (`portal_accounts`, keyed by the
 * IdP subject), the invitations sent and used (`portal_invitations`), the invitation tokens' secret
 * when none is configured (`portal_secrets`, generated here once), and the units a client lives in
 * until the estate's facade lands (`portal_resident_units`, filled by operators through the API).
 */
export const portalSchema = [
  `CREATE TABLE IF NOT EXISTS portal_accounts (
    subject text PRIMARY KEY,
    client_id uuid NOT NULL,
    linked_via text NOT NULL CHECK (linked_via IN ('invitation', 'verified-email', 'realm')),
    linked_at timestamptz NOT NULL
  )`,
  'CREATE INDEX IF NOT EXISTS portal_accounts_client ON portal_accounts (client_id)',
  `CREATE TABLE IF NOT EXISTS portal_invitations (
    id text PRIMARY KEY,
    client_id uuid NOT NULL,
    channel text NOT NULL,
    expires_at timestamptz NOT NULL,
    invited_by text NOT NULL,
    invited_at timestamptz NOT NULL,
    used_by text,
    used_at timestamptz
  )`,
  `CREATE TABLE IF NOT EXISTS portal_secrets (
    name text PRIMARY KEY,
    value text NOT NULL
  )`,
  // 244 random bits from two UUIDv4s: gen_random_uuid is core PostgreSQL (13+), no extension needed.
  `INSERT INTO portal_secrets (name, value)
    VALUES ('invitation', replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''))
    ON CONFLICT (name) DO NOTHING`,
  `CREATE TABLE IF NOT EXISTS portal_resident_units (
    client_id uuid NOT NULL,
    unit_id text NOT NULL,
    label text NOT NULL,
    site_slug text NOT NULL,
    PRIMARY KEY (client_id, unit_id)
  )`,
];

export class PortalMigration20261208400000 extends Migration {
  override async up(): Promise<void> {
    for (const statement of portalSchema) this.addSql(statement);
  }

  override async down(): Promise<void> {
    for (const table of ['portal_resident_units', 'portal_secrets', 'portal_invitations', 'portal_accounts']) this.addSql(`DROP TABLE IF EXISTS ${table}`);
  }
}
