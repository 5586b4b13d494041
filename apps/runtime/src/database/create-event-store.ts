import type { Pool } from 'pg';
import { EventStoreDbEventStore, PostgresEventStore } from '@switchboard/eventstore';
import type { EventStore } from '@switchboard/eventstore';
import type { SwitchboardConfig } from '@switchboard/platform';

/** Events live in PostgreSQL unless ESDB_URL points at EventStoreDB/KurrentDB. */
export function createEventStore(config: SwitchboardConfig, pool: Pool): EventStore {
  return config.esdbUrl ? new EventStoreDbEventStore(config.esdbUrl) : new PostgresEventStore(pool);
}
