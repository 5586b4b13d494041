import { Migration } from '@mikro-orm/migrations';

/** SMPP: parts of concatenated SMS until they are whole, first sightings of single SMS, and what we submitted. */
export const smppSchema: readonly string[] = [
  // A part is identified by its content too: the 8-bit reference repeats every 256 messages of a sender.
  // Its text is kept as UTF-16: a UCS-2 part may end in half a surrogate pair, which UTF-8 cannot hold.
  `
      CREATE TABLE IF NOT EXISTS smpp_inbound_parts (
        originator text NOT NULL,
        reference integer NOT NULL,
        total integer NOT NULL,
        seq integer NOT NULL,
        text_hash text NOT NULL,
        text_utf16le bytea NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        message_id text,
        PRIMARY KEY (originator, reference, total, seq, text_hash)
      )`,
  'CREATE INDEX IF NOT EXISTS smpp_inbound_parts_waiting ON smpp_inbound_parts (received_at) WHERE message_id IS NULL',
  `
      CREATE TABLE IF NOT EXISTS smpp_inbound_singles (
        originator text NOT NULL,
        text_hash text NOT NULL,
        first_seen_at timestamptz NOT NULL,
        message_id text NOT NULL,
        PRIMARY KEY (originator, text_hash, first_seen_at)
      )`,
  `
      CREATE TABLE IF NOT EXISTS smpp_submitted (
        message_id text PRIMARY KEY,
        request_id uuid NOT NULL,
        outbound_id text NOT NULL,
        part integer NOT NULL,
        parts integer NOT NULL,
        submitted_at timestamptz NOT NULL DEFAULT now(),
        outcome text,
        outcome_reason text,
        outcome_at timestamptz
      )`,
  'CREATE INDEX IF NOT EXISTS smpp_submitted_outbound ON smpp_submitted (outbound_id)',
];

export class SmppMigration20261125000600 extends Migration {
  override async up(): Promise<void> {
    for (const statement of smppSchema) this.addSql(statement);
  }

  override async down(): Promise<void> {
    this.addSql('DROP TABLE IF EXISTS smpp_submitted');
    this.addSql('DROP TABLE IF EXISTS smpp_inbound_singles');
    this.addSql('DROP TABLE IF EXISTS smpp_inbound_parts');
  }
}
