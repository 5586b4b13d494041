import { Inject, Module } from '@nestjs/common';
import type { OnApplicationBootstrap } from '@nestjs/common';
import type { Pool } from 'pg';
import {
  AccessProjectionModule,
  AnalyticsModule,
  EVENT_STORE,
  PG_POOL,
  ProcessorRegistry,
  SecurityDeskProjectionModule,
  eventBacklogFor,
} from '@switchboard/app-runtime';
import type { AppRole } from '@switchboard/app-runtime';
import type { EventStore } from '@switchboard/eventstore';
import { defaultRealmFile } from '@switchboard/identity/infrastructure';
import { SWITCHBOARD_CONFIG } from '@switchboard/platform';
import type { SwitchboardConfig } from '@switchboard/platform';
import { readModelProcessor, readModelProjections } from '@switchboard/read-models';
import { readRealmWorkGroups, upsertWorkGroupGroups } from './work-group-groups';

export const projectorRole: AppRole = { name: 'projector', dependencies: ['postgres', 'eventstore', 'clickhouse'] };

class ReadModelsHost implements OnApplicationBootstrap {
  constructor(
    @Inject(SWITCHBOARD_CONFIG) config: SwitchboardConfig,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(ProcessorRegistry) processors: ProcessorRegistry,
  ) {
    const backlog = eventBacklogFor(config, pool, store);
    for (const projection of readModelProjections) processors.register(readModelProcessor(projection, { pool, store, backlog, logger: processors.logger }));
  }

  // The visibility mapping of work groups (rm_work_groups), for the queries.
  async onApplicationBootstrap(): Promise<void> {
    await upsertWorkGroupGroups(this.pool, readRealmWorkGroups(defaultRealmFile()));
  }
}

/** The read-model projections (PostgreSQL), the security desk's, the role → permissions mapping's, and, with CLICKHOUSE_URL, the analytics projection, as processors on the backbone. */
@Module({ imports: [AnalyticsModule, SecurityDeskProjectionModule, AccessProjectionModule], providers: [ReadModelsHost] })
export class ProjectorModule {}
