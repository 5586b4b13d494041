import { Inject, Logger, Module } from '@nestjs/common';
import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import type { Pool } from 'pg';
import { AnalyticsModule, EVENT_STORE, PG_POOL } from '@switchboard/app-runtime';
import type { AppRole } from '@switchboard/app-runtime';
import type { EventStore } from '@switchboard/eventstore';
import { defaultRealmFile } from '@switchboard/identity/infrastructure';
import { HealthService, MetricsRegistry, SWITCHBOARD_CONFIG, SwitchboardMetrics } from '@switchboard/platform';
import type { SwitchboardConfig } from '@switchboard/platform';
import { PostgresEventBacklog, ProjectionDaemon, ProjectionStatusReader, ReadAllEventBacklog, readModelProjections } from '@switchboard/read-models';
import type { EventBacklog, ProjectionHealth } from '@switchboard/read-models';
import { startProjectionMetrics } from './projection-metrics';
import { readRealmWorkGroups, upsertWorkGroupGroups } from './work-group-groups';

export const projectorRole: AppRole = { name: 'projector', dependencies: ['postgres', 'eventstore', 'clickhouse'] };

/** Lag needs a count the port does not offer: SQL on the PostgreSQL store, capped reads on EventStoreDB. */
export function eventBacklogFor(config: SwitchboardConfig, pool: Pool, store: EventStore): EventBacklog {
  return config.esdbUrl ? new ReadAllEventBacklog(store) : new PostgresEventBacklog(pool);
}

/** Not ready while a projection is stuck on a failing batch or was taken over by newer code. */
export function projectionsReadiness(health: () => ProjectionHealth[]): { name: string; check(): Promise<void> } {
  return {
    name: 'projections',
    async check() {
      const broken = health().filter((h) => h.state === 'failing' || h.state === 'superseded');
      if (broken.length > 0) throw new Error(broken.map((h) => `${h.projection} ${h.state}: ${h.error ?? 'unknown'}`).join('; '));
    },
  };
}

class ProjectorHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('projector');
  private readonly daemon: ProjectionDaemon;
  private readonly stopMetrics: () => void;

  constructor(
    @Inject(SWITCHBOARD_CONFIG) config: SwitchboardConfig,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(MetricsRegistry) metrics: MetricsRegistry,
    @Inject(HealthService) health: HealthService,
  ) {
    const backlog = eventBacklogFor(config, pool, store);
    this.daemon = new ProjectionDaemon({ pool, store, projections: readModelProjections, backlog, logger: this.logger });
    const status = new ProjectionStatusReader(pool, readModelProjections, backlog);
    this.stopMetrics = startProjectionMetrics(metrics, () => status.status());
    health.register(projectionsReadiness(() => this.daemon.health()));
  }

  async onApplicationBootstrap(): Promise<void> {
    await upsertWorkGroupGroups(this.pool, readRealmWorkGroups(defaultRealmFile()));
    await this.daemon.start();
    this.logger.log(`projections running: ${readModelProjections.map((p) => `${p.name} v${p.version}`).join(', ')}`);
  }

  // Before the core module closes the pool and the event store.
  async beforeApplicationShutdown(): Promise<void> {
    this.stopMetrics();
    await this.daemon.stop();
  }
}

/** Runs the PostgreSQL read-model projections (and, with CLICKHOUSE_URL, the analytics projection) with checkpoints, lag metrics and readiness. */
@Module({ imports: [AnalyticsModule.forRoot({ lag: (metrics) => SwitchboardMetrics.of(metrics) })], providers: [ProjectorHost] })
export class ProjectorModule {}
