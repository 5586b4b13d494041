import type { ExpectedRevision, NewEvent } from '../event-store.port';
import { EventStoreDbEventStore } from '../esdb/esdb-event-store';
import type { EventStoreUnderTest, HeldAppend } from './event-store.contract';

/** EventStoreDB has no long-running transactions: a held append simply happens at commit. */
export function esdbUnderTest(url: string): EventStoreUnderTest {
  const stores: EventStoreDbEventStore[] = [];
  const store = (): EventStoreDbEventStore => {
    const opened = new EventStoreDbEventStore(url);
    stores.push(opened);
    return opened;
  };
  let appender: EventStoreDbEventStore | undefined;
  return {
    async open() {
      return store();
    },
    async holdAppend(streamId: string, events: NewEvent[], expectedRevision: ExpectedRevision): Promise<HeldAppend> {
      appender ??= store();
      const target = appender;
      return {
        async commit() {
          await target.append(streamId, events, { expectedRevision });
        },
        // Nothing was sent, so there is nothing to undo.
        rollback: () => Promise.resolve(),
      };
    },
    async dispose() {
      if (appender) await appender.close();
    },
  };
}
