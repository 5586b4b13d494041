import { Migration } from '@mikro-orm/migrations';

/**
 * Intake's bookkeeping in one round trip each way: taking the contact's lock together with what
 * the ledger knows, and recording the outcome together with releasing the lock.
 */
export class IntakeFunctionsMigration20261125000800 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE OR REPLACE FUNCTION intake_enter(p_key text, p_channel text, p_message_id text, p_address text,
                                              OUT stored_in uuid, OUT open_request uuid)
      LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_lock(hashtextextended(p_key, 0));
        SELECT request_id INTO stored_in FROM intake_messages WHERE channel = p_channel AND message_id = p_message_id;
        SELECT request_id INTO open_request FROM intake_open_requests WHERE channel = p_channel AND address = p_address;
      END $$`);
    this.addSql(`
      CREATE OR REPLACE FUNCTION intake_leave(p_key text, p_channel text, p_message_id text, p_address text,
                                              p_stored_in uuid, p_set_open boolean, p_open_request uuid)
      RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF p_stored_in IS NOT NULL THEN
          INSERT INTO intake_messages (channel, message_id, request_id) VALUES (p_channel, p_message_id, p_stored_in)
          ON CONFLICT DO NOTHING;
        END IF;
        IF p_set_open AND p_open_request IS NULL THEN
          DELETE FROM intake_open_requests WHERE channel = p_channel AND address = p_address;
        ELSIF p_set_open THEN
          INSERT INTO intake_open_requests (channel, address, request_id) VALUES (p_channel, p_address, p_open_request)
          ON CONFLICT (channel, address) DO UPDATE SET request_id = excluded.request_id, updated_at = now();
        END IF;
        PERFORM pg_advisory_unlock(hashtextextended(p_key, 0));
      END $$`);
  }

  override async down(): Promise<void> {
    this.addSql('DROP FUNCTION IF EXISTS intake_leave(text, text, text, text, uuid, boolean, uuid)');
    this.addSql('DROP FUNCTION IF EXISTS intake_enter(text, text, text, text)');
  }
}
