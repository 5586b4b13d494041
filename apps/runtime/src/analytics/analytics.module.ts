import { Inject, Logger, Module, Optional } from '@nestjs/common';
import type { DynamicModule, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ClickHouseProjector } from '@switchboard/analytics';
import type { ProjectionLagObserver } from '@switchboard/analytics';
import { CATALOGUE_REPOSITORY } from '@switchboard/catalogue';
import type { CatalogueRepository } from '@switchboard/catalogue';
import type { EventStore } from '@switchboard/eventstore';
import { USER_DIRECTORY } from '@switchboard/identity';
import type { UserDirectory } from '@switchboard/identity';
import { MetricsRegistry, SWITCHBOARD_CONFIG } from '@switchboard/platform';
import type { SwitchboardConfig } from '@switchboard/platform';
import { EVENT_STORE } from '../database/database.tokens';

/** Where the ClickHouse projection reports its lag (optional). */
export const ANALYTICS_LAG_OBSERVER = Symbol('AnalyticsLagObserver');

/** What the lag observer must offer; `SwitchboardMetrics` fits as it is. */
export interface ProjectionLagSink {
  projectionLag(projection: string, lag: { readonly events: number; readonly seconds: number }): void;
}

export class AnalyticsProjectorHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('analytics');
  readonly projector: ClickHouseProjector | undefined;

  constructor(
    @Inject(SWITCHBOARD_CONFIG) config: SwitchboardConfig,
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(USER_DIRECTORY) directory: UserDirectory,
    @Inject(CATALOGUE_REPOSITORY) catalogue: CatalogueRepository,
    @Optional() @Inject(ANALYTICS_LAG_OBSERVER) lagSink?: ProjectionLagSink,
  ) {
    if (!config.clickhouseUrl) return;
    const lag: ProjectionLagObserver | undefined = lagSink ? { observe: (projection, current) => lagSink.projectionLag(projection, current) } : undefined;
    this.projector = new ClickHouseProjector({ store, clickhouseUrl: config.clickhouseUrl, directory, catalogue, lag, logger: this.logger });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.projector) {
      this.logger.log('CLICKHOUSE_URL not set: analytics projection off');
      return;
    }
    await this.projector.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.projector?.stop();
  }
}

export interface AnalyticsModuleOptions {
  /** The lag gauges, from the process's metrics: `(metrics) => SwitchboardMetrics.of(metrics)`. */
  readonly lag?: (metrics: MetricsRegistry) => ProjectionLagSink;
}

/**
 * The ClickHouse analytics projection for the projector role: on when CLICKHOUSE_URL is set. It
 * applies deploy/clickhouse at start and follows the event store from its checkpoint.
 */
@Module({})
export class AnalyticsModule {
  static forRoot(options: AnalyticsModuleOptions = {}): DynamicModule {
    const { lag } = options;
    return {
      module: AnalyticsModule,
      providers: [
        ...(lag ? [{ provide: ANALYTICS_LAG_OBSERVER, useFactory: (metrics: MetricsRegistry) => lag(metrics), inject: [MetricsRegistry] }] : []),
        AnalyticsProjectorHost,
      ],
      exports: [AnalyticsProjectorHost],
    };
  }
}
