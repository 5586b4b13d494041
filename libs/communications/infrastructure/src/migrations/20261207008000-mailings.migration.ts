import { Migration } from '@mikro-orm/migrations';

/**
 * Mailings (ADR 0026): `mailings` is the worker's view of each mailing's stream (status, throttle,
 * schedule, template), written after each append; `mailing_recipients` is the recipient list frozen
 * when the mailing starts, one row per client with its status and the communication it got.
 */
export const mailingsSchema = [
  `CREATE TABLE IF NOT EXISTS mailings (
    id uuid PRIMARY KEY,
    name text NOT NULL,
    department text NOT NULL,
    status text NOT NULL,
    audience jsonb NOT NULL,
    template_id text NOT NULL,
    variables jsonb NOT NULL DEFAULT '{}'::jsonb,
    communication_type text NOT NULL,
    channel text,
    start_at timestamptz,
    per_minute integer NOT NULL,
    recipients integer,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    last_revision bigint NOT NULL
  )`,
  'CREATE INDEX IF NOT EXISTS mailings_list ON mailings (created_at DESC, id)',
  "CREATE INDEX IF NOT EXISTS mailings_running ON mailings (status) WHERE status = 'RUNNING'",
  `CREATE TABLE IF NOT EXISTS mailing_recipients (
    mailing_id uuid NOT NULL REFERENCES mailings(id),
    client_id uuid NOT NULL,
    language text NOT NULL DEFAULT 'ru',
    seq integer NOT NULL,
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'queued', 'skipped', 'cancelled')),
    communication_id uuid,
    reason text,
    queued_at timestamptz,
    PRIMARY KEY (mailing_id, client_id)
  )`,
  "CREATE INDEX IF NOT EXISTS mailing_recipients_pending ON mailing_recipients (mailing_id, seq) WHERE status = 'pending'",
  'CREATE INDEX IF NOT EXISTS mailing_recipients_queued_at ON mailing_recipients (mailing_id, queued_at) WHERE queued_at IS NOT NULL',
  'CREATE INDEX IF NOT EXISTS mailing_recipients_page ON mailing_recipients (mailing_id, seq)',
];

export class MailingsMigration20261207008000 extends Migration {
  override async up(): Promise<void> {
    for (const statement of mailingsSchema) this.addSql(statement);
  }

  override async down(): Promise<void> {
    this.addSql('DROP TABLE IF EXISTS mailing_recipients');
    this.addSql('DROP TABLE IF EXISTS mailings');
  }
}
