import type { Pool } from 'pg';
import type { EventStore } from '@switchboard/eventstore';
import { PostgresEventBacklog, ReadAllEventBacklog } from '@switchboard/eventstore/processing';
import type { EventBacklog } from '@switchboard/eventstore/processing';
import type { SwitchboardConfig } from '@switchboard/platform';

/** Lag needs a count the port does not offer: SQL on the PostgreSQL store, capped reads on EventStoreDB. */
export function eventBacklogFor(config: SwitchboardConfig, pool: Pool, store: EventStore): EventBacklog {
  return config.esdbUrl ? new ReadAllEventBacklog(store) : new PostgresEventBacklog(pool);
}
