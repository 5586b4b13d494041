import { Migration } from '@mikro-orm/migrations';

/**
 * Group commit for intake: one call locks every contact of a batch and reads what the ledger
 * knows of its messages, one records the batch's messages and open requests. The locks are
 * transaction-scoped and share the key space of intake_enter's session locks, so the batch path and
 * the contact-by-contact path exclude each other per contact.
 */
export class IntakeBatchFunctionsMigration20261203000100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE OR REPLACE FUNCTION intake_enter_batch(p_keys text[], p_channels text[], p_message_ids text[], p_addresses text[])
      RETURNS TABLE (stored_in uuid, open_request uuid)
      LANGUAGE plpgsql AS $$
      DECLARE
        h bigint;
      BEGIN
        -- In hash order: two batches sharing contacts take their locks in one order, never in a cycle.
        FOR h IN SELECT DISTINCT hashtextextended(k, 0) FROM unnest(p_keys) AS k ORDER BY 1 LOOP
          PERFORM pg_advisory_xact_lock(h);
        END LOOP;
        -- A statement of its own: it sees what committed before the locks were granted.
        RETURN QUERY
          SELECT m.request_id, o.request_id
            FROM unnest(p_channels, p_message_ids, p_addresses) WITH ORDINALITY AS i(channel, message_id, address, ord)
            LEFT JOIN intake_messages m ON m.channel = i.channel AND m.message_id = i.message_id
            LEFT JOIN intake_open_requests o ON o.channel = i.channel AND o.address = i.address
           ORDER BY i.ord;
      END $$`);
    this.addSql(`
      CREATE OR REPLACE FUNCTION intake_record_batch(p_channels text[], p_message_ids text[], p_request_ids uuid[],
                                                     p_open_channels text[], p_open_addresses text[], p_open_requests uuid[])
      RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO intake_messages (channel, message_id, request_id, stored_at)
        SELECT s.channel, s.message_id, s.request_id, clock_timestamp()
          FROM unnest(p_channels, p_message_ids, p_request_ids) AS s(channel, message_id, request_id)
        ON CONFLICT DO NOTHING;
        DELETE FROM intake_open_requests o
         USING unnest(p_open_channels, p_open_addresses, p_open_requests) AS s(channel, address, request_id)
         WHERE s.request_id IS NULL AND o.channel = s.channel AND o.address = s.address;
        INSERT INTO intake_open_requests (channel, address, request_id)
        SELECT s.channel, s.address, s.request_id
          FROM unnest(p_open_channels, p_open_addresses, p_open_requests) AS s(channel, address, request_id)
         WHERE s.request_id IS NOT NULL
        ON CONFLICT (channel, address) DO UPDATE SET request_id = excluded.request_id, updated_at = now();
      END $$`);
  }

  override async down(): Promise<void> {
    this.addSql('DROP FUNCTION IF EXISTS intake_record_batch(text[], text[], uuid[], text[], text[], uuid[])');
    this.addSql('DROP FUNCTION IF EXISTS intake_enter_batch(text[], text[], text[], text[])');
  }
}
