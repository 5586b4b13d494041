import { Pool } from 'pg';
import { createTestDatabase } from '@switchboard/platform/testing';
import type { ExpectedRevision, NewEvent } from '../event-store.port';
import { expectedAsNumber } from '../expected-revision';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import { PostgresStatements, appendValues } from '../postgres/postgres-statements';
import type { EventStoreUnderTest, HeldAppend } from './event-store.contract';

/** A database of this test file's own; held appends run the store's own append statement in an open transaction. */
export async function postgresUnderTest(label: string): Promise<EventStoreUnderTest & { readonly url: string }> {
  const database = await createTestDatabase(label);
  const held = new Pool({ connectionString: database.url, max: 24 });
  // Clients still closing when the database is dropped report the drop; nothing to handle then.
  held.on('error', () => undefined);
  const statements = new PostgresStatements('eventstore');
  return {
    url: database.url,
    async open() {
      const store = new PostgresEventStore(database.url, { poolSize: 24 });
      await store.ensureSchema();
      return store;
    },
    async holdAppend(streamId: string, events: NewEvent[], expectedRevision: ExpectedRevision): Promise<HeldAppend> {
      const exact = expectedAsNumber(expectedRevision);
      if (exact === undefined) throw new Error('held appends take an exact expected revision');
      const client = await held.connect();
      await client.query('BEGIN');
      const { rowCount } = await client.query({
        text: statements.append('exact', events.length > 1).text,
        values: appendValues(streamId, events, exact),
      });
      if (rowCount !== events.length) {
        await client.query('ROLLBACK');
        client.release();
        throw new Error(`held append to ${streamId} at ${String(expectedRevision)} did not write`);
      }
      // A test that fails before finishing must not hold every subscriber on this server back.
      const abandoned = setTimeout(() => void finish('ROLLBACK').catch(() => undefined), 15_000).unref();
      let finished = false;
      const finish = async (command: 'COMMIT' | 'ROLLBACK'): Promise<void> => {
        if (finished) return;
        finished = true;
        clearTimeout(abandoned);
        try {
          await client.query(command);
        } finally {
          client.release();
        }
      };
      return { commit: () => finish('COMMIT'), rollback: () => finish('ROLLBACK') };
    },
    async dispose() {
      await held.end();
      await database.drop();
    },
  };
}
