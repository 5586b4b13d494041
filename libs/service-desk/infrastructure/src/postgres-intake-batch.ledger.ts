import type { Pool, PoolClient, QueryResult } from 'pg';
import type { PostgresInTransaction, RecordedEvent } from '@switchboard/eventstore';
import type { ContactLedgerEntry, ContactMessage, IntakeBatchLedger, IntakeBatchTransaction } from '@switchboard/service-desk';

interface EntryRow {
  stored_in: string | null;
  open_request: string | null;
}

const toEntry = (row: EntryRow): ContactLedgerEntry => ({ storedIn: row.stored_in ?? undefined, openRequest: row.open_request ?? undefined });

/** The contact lock key, shared with PostgresIntakeLedger: both paths exclude each other per contact. */
const contactKey = (m: ContactMessage): string => `intake:${m.channel}:${m.address}`;

/** `ARRAY[...]::type[]` of escaped literals: for statements sent together in one simple query, which takes no parameters. */
const arrayOf = (client: PoolClient, values: readonly (string | null)[], type: 'text' | 'uuid'): string =>
  `ARRAY[${values.map((v) => (v === null ? 'NULL' : client.escapeLiteral(v))).join(',')}]::${type}[]`;

/**
 * Group commit on PostgreSQL: a batch's ledger rows and its events in one transaction on one
 * connection. Round trips are what a batch costs under load (each waits for a busy server to be
 * scheduled), so statements that need nothing from each other travel together as one simple query:
 * BEGIN with the locks and ledger read, the ledger rows with COMMIT; the append runs without a
 * savepoint (any refusal rolls the whole batch back). Three or four round trips per batch.
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

  async transact<T>(
    messages: readonly ContactMessage[],
    work: (tx: IntakeBatchTransaction) => Promise<T>,
    options: { readonly readAhead?: readonly string[] } = {},
  ): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      const readAhead = [...new Set(options.readAhead ?? [])];
      const results = (await client.query(
        `BEGIN; SELECT stored_in, open_request FROM intake_enter_batch(${arrayOf(client, messages.map(contactKey), 'text')}, ${arrayOf(
          client,
          messages.map((m) => m.channel),
          'text',
        )}, ` +
          `${arrayOf(
            client,
            messages.map((m) => m.messageId),
            'text',
          )}, ${arrayOf(
            client,
            messages.map((m) => m.address),
            'text',
          )})` +
          (readAhead.length > 0 ? `; ${await this.events.readStreamsText(client, readAhead)}` : ''),
      )) as unknown as QueryResult[];
      const entered = results[1] as QueryResult<EntryRow>;
      const readEarlier = readAhead.length > 0 ? this.events.streamsOf(results[2].rows) : new Map<string, RecordedEvent[]>();
      const readAlready = new Set(readAhead);
      const readStreams = async (streamIds: readonly string[]): Promise<Map<string, RecordedEvent[]>> => {
        const missing = streamIds.filter((id) => !readAlready.has(id));
        const streams = missing.length > 0 ? await this.events.readStreams(client, missing) : new Map<string, RecordedEvent[]>();
        for (const id of streamIds) {
          const events = readEarlier.get(id);
          if (events) streams.set(id, events);
        }
        return streams;
      };
      let recorded = false;
      const result = await work({
        entries: entered.rows.map(toEntry),
        readStreams,
        append: (appends) => this.events.append(client, appends, { savepoint: false }),
        record: async (stored, openRequests) => {
          // With COMMIT: recording is the batch's last step (storeIntakeBatch returns right after it).
          await client.query(
            `SELECT intake_record_batch(${arrayOf(
              client,
              stored.map((s) => s.message.channel),
              'text',
            )}, ${arrayOf(
              client,
              stored.map((s) => s.message.messageId),
              'text',
            )}, ` +
              `${arrayOf(
                client,
                stored.map((s) => s.requestId),
                'uuid',
              )}, ${arrayOf(
                client,
                openRequests.map((o) => o.channel),
                'text',
              )}, ` +
              `${arrayOf(
                client,
                openRequests.map((o) => o.address),
                'text',
              )}, ${arrayOf(
                client,
                openRequests.map((o) => o.requestId),
                'uuid',
              )}); COMMIT`,
          );
          recorded = true;
        },
      });
      if (!recorded) await client.query('COMMIT');
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
