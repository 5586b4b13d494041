import { Migration } from '@mikro-orm/migrations';
import { processingSchema } from '@switchboard/eventstore/processing';

// Where each old loop kept its checkpoint, and what it followed (rewritten by each processor when it starts).
const moves = [
  {
    table: 'rm_checkpoints',
    select: `SELECT projection, version, position, events_applied, last_event_at, '{"streamPrefixes":["request-","incident-"]}'::jsonb, updated_at FROM rm_checkpoints`,
  },
  { table: 'service_desk_checkpoints', select: `SELECT name, 1, position, 0, NULL::timestamptz, '{}'::jsonb, updated_at FROM service_desk_checkpoints` },
  { table: 'outbound_checkpoints', select: `SELECT name, 1, position, 0, NULL::timestamptz, '{}'::jsonb, updated_at FROM outbound_checkpoints` },
];

/**
 * One checkpoint table for every processor, and the parked events. Moves the read models'
 * (`rm_checkpoints`), the process managers' and the integration-events publisher's
 * (`service_desk_checkpoints`) and the outbox relay's (`outbound_checkpoints`) positions, keeping
 * their names, and drops the old tables. The ClickHouse projection's checkpoint lived in
 * ClickHouse: the analytics processor imports it on its first start.
 */
export class ProcessorsMigration20261126000000 extends Migration {
  override async up(): Promise<void> {
    for (const statement of processingSchema) this.addSql(statement);
    for (const { table, select } of moves) {
      this.addSql(`DO $$ BEGIN
        IF to_regclass('${table}') IS NOT NULL THEN
          INSERT INTO processor_checkpoints (processor, version, position, events_processed, last_event_at, filter, updated_at)
          ${select}
          ON CONFLICT (processor) DO NOTHING;
          DROP TABLE ${table};
        END IF;
      END $$`);
    }
  }

  override async down(): Promise<void> {
    this.addSql(`CREATE TABLE IF NOT EXISTS rm_checkpoints (projection text PRIMARY KEY, version integer NOT NULL, position text,
      events_applied bigint NOT NULL DEFAULT 0, last_event_at timestamptz, updated_at timestamptz NOT NULL DEFAULT now())`);
    this.addSql(
      `CREATE TABLE IF NOT EXISTS service_desk_checkpoints (name text PRIMARY KEY, position text NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`,
    );
    this.addSql(
      `CREATE TABLE IF NOT EXISTS outbound_checkpoints (name text PRIMARY KEY, position text NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`,
    );
    this.addSql(`INSERT INTO rm_checkpoints (projection, version, position, events_applied, last_event_at, updated_at)
      SELECT processor, version, position, events_processed, last_event_at, updated_at FROM processor_checkpoints
       WHERE processor IN ('request-list', 'incident-list', 'status-history') ON CONFLICT DO NOTHING`);
    this.addSql(`INSERT INTO service_desk_checkpoints (name, position, updated_at)
      SELECT processor, position, updated_at FROM processor_checkpoints
       WHERE processor IN ('escalation', 'incident-opened-notification', 'incident-closure', 'integration-events:amqp') AND position IS NOT NULL ON CONFLICT DO NOTHING`);
    this.addSql(`INSERT INTO outbound_checkpoints (name, position, updated_at)
      SELECT processor, position, updated_at FROM processor_checkpoints WHERE processor = 'outbox-relay' AND position IS NOT NULL ON CONFLICT DO NOTHING`);
    this.addSql('DROP TABLE IF EXISTS parked_events');
    this.addSql('DROP TABLE IF EXISTS processor_checkpoints');
  }
}
