import { Migration } from '@mikro-orm/migrations';

/**
 * The outbox's working state. The ReplySent / ClientNotified events are the outbox records; this
 * table holds what sending them needs besides: attempts, when the next one is due, the last error,
 * and whether the outcome is recorded on the request yet. (Its own checkpoint table moved to
 * processor_checkpoints in ProcessorsMigration20261126000000.)
 */
export class OutboundMigration20261125000500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE TABLE IF NOT EXISTS outbound_deliveries (
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        request_id uuid NOT NULL,
        outbound_id text NOT NULL,
        kind text NOT NULL,
        channel text NOT NULL,
        address text NOT NULL,
        contact jsonb NOT NULL,
        text text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        channel_message_id text,
        outcome_recorded boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (request_id, outbound_id)
      )`);
    this.addSql(`CREATE INDEX IF NOT EXISTS outbound_deliveries_due ON outbound_deliveries (next_attempt_at) WHERE status = 'pending'`);
    this.addSql(`CREATE INDEX IF NOT EXISTS outbound_deliveries_contact ON outbound_deliveries (channel, address, seq) WHERE status = 'pending'`);
    this.addSql(
      `CREATE INDEX IF NOT EXISTS outbound_deliveries_unrecorded ON outbound_deliveries (updated_at) WHERE status <> 'pending' AND NOT outcome_recorded`,
    );
    this.addSql(`
      CREATE TABLE IF NOT EXISTS outbound_checkpoints (
        name text PRIMARY KEY,
        position text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  override async down(): Promise<void> {
    this.addSql('DROP TABLE IF EXISTS outbound_checkpoints');
    this.addSql('DROP TABLE IF EXISTS outbound_deliveries');
  }
}
