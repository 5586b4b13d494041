import { recordSkip } from '@switchboard/platform/testing';
import { describeEventStoreContract } from './testing/event-store.contract';
import type { EventStoreUnderTest } from './testing/event-store.contract';
import { esdbUnderTest } from './testing/esdb-under-test';
import { postgresUnderTest } from './testing/postgres-under-test';

const esdbUrl = process.env.ESDB_URL;

const adapters: [string, () => Promise<EventStoreUnderTest>][] = [['PostgreSQL', () => postgresUnderTest('eventstore_contract')]];
if (esdbUrl) adapters.push(['EventStoreDB', async () => esdbUnderTest(esdbUrl)]);

describe.each(adapters)('EventStore contract [%s]', (_adapter, setUp) => {
  describeEventStoreContract(setUp);
});

if (!esdbUrl) {
  recordSkip('EventStore contract [EventStoreDB]', 'ESDB_URL not set: EventStoreDB cannot run on this machine');
  describe.skip('EventStore contract [EventStoreDB]', () => {
    it('runs the contract against EventStoreDB when ESDB_URL is set', () => undefined);
  });
}
