import type { Pool } from 'pg';
import type { PostgresInTransaction } from '@switchboard/eventstore';
import type { ContactLedgerEntry, ContactMessage, IntakeBatchLedger, IntakeBatchTransaction } from '@switchboard/service-desk';

interface EntryRow {
  stored_in: string | null;
  open_request: string | null;
}

const toEntry = (row: EntryRow): ContactLedgerEntry => ({ storedIn: row.stored_in ?? undefined, openRequest: row.open_request ?? undefined });

/** The contact lock key, shared with PostgresIntakeLedger: both paths exclude each other per contact. */
const contactKey = (m: ContactMessage): string => `intake:${m.channel}:${m.address}`;

/**
 * Group commit on PostgreSQL: a batch's ledger rows and its events in one transaction on one
 * connection (about six round trips and one commit for the whole batch).
 */
export class PostgresIntakeBatchLedger implements IntakeBatchLedger {
  constructor(
    private readonly pool: Pool,
    private readonly events: PostgresInTransaction,
  ) {}

  async peek(messages: readonly ContactMessage[]): Promise<ContactLedgerEntry[]> {
    const { rows } = await this.pool.query<EntryRow>(
      `SELECT m.request_id AS stored_in, o.request_id AS open_request
         FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS i(channel, message_id, address, ord)
         LEFT JOIN intake_messages m ON m.channel = i.channel AND m.message_id = i.message_id
         LEFT JOIN intake_open_requests o ON o.channel = i.channel AND o.address = i.address
        ORDER BY i.ord`,
      [messages.map((m) => m.channel), messages.map((m) => m.messageId), messages.map((m) => m.address)],
    );
    return rows.map(toEntry);
  }

  async transact<T>(messages: readonly ContactMessage[], work: (tx: IntakeBatchTransaction) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<EntryRow>('SELECT stored_in, open_request FROM intake_enter_batch($1, $2, $3, $4)', [
        messages.map(contactKey),
        messages.map((m) => m.channel),
        messages.map((m) => m.messageId),
        messages.map((m) => m.address),
      ]);
      const result = await work({
        entries: rows.map(toEntry),
        readStreams: (streamIds) => this.events.readStreams(client, streamIds),
        append: (appends) => this.events.append(client, appends),
        record: async (stored, openRequests) => {
          await client.query('SELECT intake_record_batch($1, $2, $3, $4, $5, $6)', [
            stored.map((s) => s.message.channel),
            stored.map((s) => s.message.messageId),
            stored.map((s) => s.requestId),
            openRequests.map((o) => o.channel),
            openRequests.map((o) => o.address),
            openRequests.map((o) => o.requestId),
          ]);
        },
      });
      await client.query('COMMIT');
      this.events.committed();
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }
}
