import { Migration } from '@mikro-orm/migrations';

/** Public API (ADR 0025): API keys (scrypt hashes only), their per-minute request windows, webhooks and their deliveries. */
export const publicApiSchema = [
  `CREATE TABLE IF NOT EXISTS api_keys (
    id text PRIMARY KEY,
    name text NOT NULL,
    scopes text[] NOT NULL,
    departments text[] NOT NULL,
    rate_limit_per_minute integer NOT NULL,
    status text NOT NULL,
    secret_hash text NOT NULL,
    previous_secret_hash text,
    previous_secret_valid_until timestamptz,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL,
    rotated_at timestamptz,
    revoked_at timestamptz,
    revoked_by text,
    last_used_at timestamptz
  )`,
  `CREATE TABLE IF NOT EXISTS api_key_request_windows (
    key_id text NOT NULL,
    window_start timestamptz NOT NULL,
    requests integer NOT NULL,
    PRIMARY KEY (key_id, window_start)
  )`,
  `CREATE TABLE IF NOT EXISTS public_api_webhooks (
    id uuid PRIMARY KEY,
    key_id text NOT NULL REFERENCES api_keys (id),
    url text NOT NULL,
    events text[] NOT NULL,
    secret text NOT NULL,
    created_at timestamptz NOT NULL
  )`,
  'CREATE INDEX IF NOT EXISTS public_api_webhooks_key ON public_api_webhooks (key_id)',
  `CREATE TABLE IF NOT EXISTS public_api_webhook_deliveries (
    webhook_id uuid NOT NULL,
    event_id text NOT NULL,
    attempts integer NOT NULL,
    delivered_at timestamptz,
    last_status integer,
    last_error text,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (webhook_id, event_id)
  )`,
];

export class PublicApiMigration20261207007000 extends Migration {
  override async up(): Promise<void> {
    for (const statement of publicApiSchema) this.addSql(statement);
  }

  override async down(): Promise<void> {
    this.addSql('DROP TABLE IF EXISTS public_api_webhook_deliveries, public_api_webhooks, api_key_request_windows, api_keys');
  }
}
