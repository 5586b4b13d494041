import { Inject, Logger, Module } from '@nestjs/common';
import { AnalyticsProcessor } from '@switchboard/analytics';
import { CATALOGUE_REPOSITORY } from '@switchboard/catalogue';
import type { CatalogueRepository } from '@switchboard/catalogue';
import { USER_DIRECTORY } from '@switchboard/identity';
import type { UserDirectory } from '@switchboard/identity';
import { SWITCHBOARD_CONFIG } from '@switchboard/platform';
import type { SwitchboardConfig } from '@switchboard/platform';
import { ProcessorRegistry } from '../processing/processor-registry';

export class AnalyticsProjectorHost {
  readonly processor: AnalyticsProcessor | undefined;

  constructor(
    @Inject(SWITCHBOARD_CONFIG) config: SwitchboardConfig,
    @Inject(USER_DIRECTORY) directory: UserDirectory,
    @Inject(CATALOGUE_REPOSITORY) catalogue: CatalogueRepository,
    @Inject(ProcessorRegistry) processors: ProcessorRegistry,
  ) {
    const logger = new Logger('analytics');
    if (!config.clickhouseUrl) {
      logger.log('CLICKHOUSE_URL not set: analytics projection off');
      return;
    }
    this.processor = new AnalyticsProcessor({ clickhouseUrl: config.clickhouseUrl, directory, catalogue, logger });
    processors.register(this.processor.processor());
  }
}

/**
 * The ClickHouse analytics projection for the projector role, on the processing backbone: on when
 * CLICKHOUSE_URL is set. It applies deploy/clickhouse when it becomes active and follows the event
 * store from its checkpoint.
 */
@Module({ providers: [AnalyticsProjectorHost], exports: [AnalyticsProjectorHost] })
export class AnalyticsModule {}
