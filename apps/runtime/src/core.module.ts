import { Global, Inject, Logger, Module } from '@nestjs/common';
import type { DynamicModule, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { EntityManager } from '@mikro-orm/postgresql';
import { Pool } from 'pg';
import { CATALOGUE_REPOSITORY } from '@switchboard/catalogue';
import { PostgresCatalogueRepository } from '@switchboard/catalogue/infrastructure';
import { CUSTOMERS_REPOSITORY } from '@switchboard/customers';
import { PostgresCustomersRepository } from '@switchboard/customers/infrastructure';
import type { EventStore } from '@switchboard/eventstore';
import {
  ACCESS_EVENT_STORE,
  ACCESS_TICKETS,
  ACCESS_TOKEN_VERIFIER,
  AuthenticationGuard,
  ROLE_PERMISSIONS_RESOLVER,
  RolePermissions,
  USER_DIRECTORY,
} from '@switchboard/identity';
import {
  DevIdentityProvider,
  DevIdpController,
  KeycloakTokenVerifier,
  PostgresAccessTickets,
  createUserDirectory,
  readRealmUsers,
  PostgresRolePermissionsResolver,
} from '@switchboard/identity/infrastructure';
import { HealthService, MetricsRegistry, PlatformModule, SWITCHBOARD_CONFIG, SwitchboardMetrics } from '@switchboard/platform';
import type { SwitchboardConfig } from '@switchboard/platform';
import { mikroOrmOptions } from './database/mikro-orm.options';
import { EVENT_STORE, EVENT_STORE_ADAPTER, PG_POOL } from './database/database.tokens';
import { createEventStore } from './database/create-event-store';
import type { AppRole } from './dependency';
import { dependencyHealthIndicators } from './health/dependency-health-indicators';
import { MeteredEventStore } from './metrics/metered-event-store';
import { ProcessorRegistry } from './processing/processor-registry';

export interface CoreOptions {
  readonly role: AppRole;
  readonly config: SwitchboardConfig;
  /** DATABASE_URL, or the embedded PostgreSQL's URL. */
  readonly databaseUrl: string;
  /** Keycloak base URL, or the dev IdP's `/dev-idp` base on this app. */
  readonly identityBaseUrl: string;
  readonly metrics: MetricsRegistry;
}

const CORE_OPTIONS = Symbol('CoreOptions');

class CoreLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(CORE_OPTIONS) private readonly options: CoreOptions,
    @Inject(HealthService) private readonly health: HealthService,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
  ) {}

  onModuleInit(): void {
    const { role, config, identityBaseUrl } = this.options;
    const discovery = `${identityBaseUrl}/realms/${config.keycloakRealm}/.well-known/openid-configuration`;
    for (const check of dependencyHealthIndicators(new Set(role.dependencies), config, this.pool, discovery)) this.health.register(check);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.eventStore.close();
    await this.pool.end();
  }
}

/**
 * The composition every role shares: configuration, PostgreSQL (pool and MikroORM), the event
 * store, the processing backbone (ProcessorRegistry), identity (Keycloak or the dev IdP) with the
 * global authentication guard, health, metrics.
 */
@Global()
@Module({})
export class CoreModule {
  static forRoot(options: CoreOptions): DynamicModule {
    const { config } = options;
    const devIdp = config.keycloak ? undefined : new DevIdentityProvider(`${options.identityBaseUrl}/realms/${config.keycloakRealm}`, readRealmUsers());
    return {
      module: CoreModule,
      imports: [
        PlatformModule.forRoot({ app: options.role.name, config, metrics: options.metrics }),
        MikroOrmModule.forRoot(mikroOrmOptions(options.databaseUrl)),
      ],
      controllers: devIdp ? [DevIdpController] : [],
      providers: [
        { provide: CORE_OPTIONS, useValue: options },
        {
          provide: PG_POOL,
          useFactory: () => {
            const pool = new Pool({ connectionString: options.databaseUrl, max: config.database.poolSize });
            // A dropped idle connection (server restart) is replaced by the pool; it must not crash the app.
            pool.on('error', (error) => new Logger('postgres').warn(`idle connection lost: ${error.message}`));
            return pool;
          },
        },
        { provide: EVENT_STORE_ADAPTER, useFactory: (pool: Pool) => createEventStore(config, pool), inject: [PG_POOL] },
        {
          provide: EVENT_STORE,
          useFactory: (adapter: EventStore) => new MeteredEventStore(adapter, SwitchboardMetrics.of(options.metrics).eventStoreAppendSeconds),
          inject: [EVENT_STORE_ADAPTER],
        },
        { provide: CATALOGUE_REPOSITORY, useFactory: (em: EntityManager) => new PostgresCatalogueRepository(em), inject: [EntityManager] },
        { provide: CUSTOMERS_REPOSITORY, useFactory: (pool: Pool) => new PostgresCustomersRepository(pool), inject: [PG_POOL] },
        ...(devIdp ? [{ provide: DevIdentityProvider, useValue: devIdp }] : []),
        {
          provide: ACCESS_TOKEN_VERIFIER,
          useValue: new KeycloakTokenVerifier({
            url: options.identityBaseUrl,
            realm: config.keycloakRealm,
            clientId: config.keycloak?.clientId ?? 'switchboard-api',
            clientSecret: config.keycloak?.clientSecret,
          }),
        },
        { provide: ACCESS_TICKETS, useFactory: (pool: Pool) => new PostgresAccessTickets(pool), inject: [PG_POOL] },
        // The role → permissions mapping (ADR 0031): the guard reads it through this cache of access_role_permissions.
        { provide: ROLE_PERMISSIONS_RESOLVER, useFactory: (pool: Pool) => new PostgresRolePermissionsResolver(pool), inject: [PG_POOL] },
        { provide: ACCESS_EVENT_STORE, useExisting: EVENT_STORE },
        RolePermissions,
        { provide: APP_GUARD, useClass: AuthenticationGuard },
        {
          provide: USER_DIRECTORY,
          useValue: createUserDirectory({
            keycloak:
              config.keycloak && config.userDirectory.clientSecret
                ? {
                    url: config.keycloak.url,
                    realm: config.keycloak.realm,
                    clientId: config.userDirectory.clientId,
                    clientSecret: config.userDirectory.clientSecret,
                  }
                : undefined,
            cache: { ttlMs: config.userDirectory.ttlSeconds * 1000 },
          }),
        },
        {
          provide: ProcessorRegistry,
          useFactory: (config: SwitchboardConfig, pool: Pool, store: EventStore, metrics: MetricsRegistry, health: HealthService) =>
            new ProcessorRegistry({ role: options.role, config, pool, store, metrics, health }),
          inject: [SWITCHBOARD_CONFIG, PG_POOL, EVENT_STORE, MetricsRegistry, HealthService],
        },
        CoreLifecycle,
      ],
      exports: [
        PG_POOL,
        EVENT_STORE,
        EVENT_STORE_ADAPTER,
        CATALOGUE_REPOSITORY,
        CUSTOMERS_REPOSITORY,
        ACCESS_TOKEN_VERIFIER,
        ACCESS_TICKETS,
        USER_DIRECTORY,
        ROLE_PERMISSIONS_RESOLVER,
        RolePermissions,
        ProcessorRegistry,
      ],
    };
  }
}
