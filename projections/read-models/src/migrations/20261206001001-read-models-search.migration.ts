import { Migration } from '@mikro-orm/migrations';

const SEARCH_TEXT = `coalesce(subject, '') || ' ' || coalesce(last_message_text, '') || ' ' || message_texts`;
const OLD_SEARCH_TEXT = `coalesce(subject, '') || ' ' || coalesce(last_message_text, '')`;

/** The trigram index on rm_requests.search_text, where the server has pg_trgm (as the first read-models migration made it). */
const trigramIndex = `DO $$
  BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
      EXECUTE 'CREATE INDEX IF NOT EXISTS rm_requests_search_trgm_idx ON rm_requests USING gin (search_text gin_trgm_ops)';
    END IF;
  END
  $$`;

/**
 * Search that pages along its own indexes (issue 12):
 * - a request's search text holds every message of its conversation (`message_texts`, the
 *   projection appends each message, up to 8,000 characters; filled here from the conversation),
 *   not only the subject and the last message;
 * - the contact address in "C" order, for phone prefixes (an SMS or a call is its phone);
 * - on the customers context's clients (its tables, our indexes, as in the first read-models
 *   migration): the phone in "C" order (prefix and page order in one index) and the name in "C"
 *   order with the id, for the unfiltered list.
 */
export class ReadModelsSearchMigration20261206001001 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`ALTER TABLE rm_requests ADD COLUMN IF NOT EXISTS message_texts text NOT NULL DEFAULT ''`);
    this.addSql(`UPDATE rm_requests r SET message_texts = left(m.texts, 8000)
                   FROM (SELECT request_id, string_agg(text, ' ' ORDER BY revision) AS texts FROM rm_request_messages WHERE kind <> 'notification' GROUP BY request_id) m
                  WHERE m.request_id = r.id`);
    this.addSql('ALTER TABLE rm_requests DROP COLUMN IF EXISTS search_text');
    this.addSql(`ALTER TABLE rm_requests ADD COLUMN search_text text GENERATED ALWAYS AS (${SEARCH_TEXT}) STORED`);
    this.addSql(trigramIndex);
    this.addSql('CREATE INDEX IF NOT EXISTS rm_requests_contact_prefix_idx ON rm_requests (contact_address COLLATE "C")');
    this.addSql('CREATE INDEX IF NOT EXISTS rm_customers_clients_phone_order_idx ON customers_clients (phone COLLATE "C")');
    this.addSql('CREATE INDEX IF NOT EXISTS rm_customers_clients_name_order_idx ON customers_clients (name_key COLLATE "C", id)');
  }

  override async down(): Promise<void> {
    this.addSql('DROP INDEX IF EXISTS rm_customers_clients_name_order_idx');
    this.addSql('DROP INDEX IF EXISTS rm_customers_clients_phone_order_idx');
    this.addSql('DROP INDEX IF EXISTS rm_requests_contact_prefix_idx');
    this.addSql('ALTER TABLE rm_requests DROP COLUMN IF EXISTS search_text');
    this.addSql(`ALTER TABLE rm_requests ADD COLUMN search_text text GENERATED ALWAYS AS (${OLD_SEARCH_TEXT}) STORED`);
    this.addSql(trigramIndex);
    this.addSql('ALTER TABLE rm_requests DROP COLUMN IF EXISTS message_texts');
  }
}
