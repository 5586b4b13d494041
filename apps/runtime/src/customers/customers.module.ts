import { Inject, Module } from '@nestjs/common';
import type { OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import {
  ClientEditing,
  ClientIdentification,
  ClientSearch,
  LEGACY_CUSTOMERS_SOURCE,
  LEGACY_HITS_CACHE,
  LegacyClientMigration,
  noLegacyCustomersSource,
  noLegacyHitsCache,
} from '@switchboard/customers';
import type { LegacyCustomersSource, LegacyHitsCache } from '@switchboard/customers';
import { PostgresLegacyCustomersSource, RedisLegacyHitsCache } from '@switchboard/customers/infrastructure';
import { SWITCHBOARD_CONFIG } from '@switchboard/platform';
import type { SwitchboardConfig } from '@switchboard/platform';

const CACHE_REDIS = Symbol('CustomersCacheRedis');

class CustomersLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(LEGACY_CUSTOMERS_SOURCE) private readonly legacy: LegacyCustomersSource,
    @Inject(CACHE_REDIS) private readonly redis: Redis | null,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.legacy instanceof PostgresLegacyCustomersSource) await this.legacy.close();
    await this.redis?.quit().catch(() => this.redis?.disconnect());
  }
}

/** Clients and orders with the LegacyDB lazy migration (switched on by LEGACY_DATABASE_URL). */
@Module({
  providers: [
    {
      provide: LEGACY_CUSTOMERS_SOURCE,
      useFactory: (config: SwitchboardConfig) =>
        config.legacy.databaseUrl
          ? new PostgresLegacyCustomersSource({ url: config.legacy.databaseUrl, timeoutMs: config.legacy.timeoutMs, maxSearchHits: config.legacy.searchLimit })
          : noLegacyCustomersSource,
      inject: [SWITCHBOARD_CONFIG],
    },
    {
      provide: CACHE_REDIS,
      useFactory: (config: SwitchboardConfig) => (config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true }) : null),
      inject: [SWITCHBOARD_CONFIG],
    },
    {
      provide: LEGACY_HITS_CACHE,
      useFactory: (config: SwitchboardConfig, redis: Redis | null): LegacyHitsCache =>
        redis ? new RedisLegacyHitsCache(redis, { ttlSeconds: config.legacy.cacheTtlSeconds }) : noLegacyHitsCache,
      inject: [SWITCHBOARD_CONFIG, CACHE_REDIS],
    },
    LegacyClientMigration,
    ClientIdentification,
    ClientSearch,
    ClientEditing,
    CustomersLifecycle,
  ],
  exports: [ClientIdentification, ClientSearch, ClientEditing],
})
export class CustomersModule {}
