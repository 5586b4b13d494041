// Integration-test wiring for the customers context: our database (migrated), a generated LegacyDB,
// Redis under a prefix of its own; everything dropped or deleted by close().
import { randomBytes, randomUUID } from 'node:crypto';
import { Migrator } from '@mikro-orm/migrations';
import { MikroORM, PostgreSqlDriver } from '@mikro-orm/postgresql';
import Redis from 'ioredis';
import { Pool } from 'pg';
import type { QueryResultRow } from 'pg';
import { ClientEditing, ClientIdentification, ClientSearch, LegacyClientMigration } from '@switchboard/customers';
import { createTestDatabase } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import { RedisLegacyHitsCache } from '../cache/redis-legacy-hits.cache';
import { generateLegacyDatabase } from '../legacy/generate-legacy-db';
import { PostgresLegacyCustomersSource } from '../legacy/postgres-legacy-customers.source';
import type { PostgresLegacyCustomersSourceOptions } from '../legacy/postgres-legacy-customers.source';
import { CustomersMigration20261123000100 } from '../migrations/20261123000100-customers.migration';
import { CustomersMigration20261124000100 } from '../migrations/20261124000100-customers-legacy.migration';
import { CustomersClientHistoryMigration20261203000200 } from '../migrations/20261203000200-customers-client-history.migration';
import { CustomersClientTagsMigration20261207000300 } from '../migrations/20261207000300-customers-client-tags.migration';
import { PostgresCustomersRepository } from '../postgres-customers.repository';

export const customersMigrations = [
  { name: 'CustomersMigration20261123000100', class: CustomersMigration20261123000100 },
  { name: 'CustomersMigration20261124000100', class: CustomersMigration20261124000100 },
  { name: 'CustomersClientHistoryMigration20261203000200', class: CustomersClientHistoryMigration20261203000200 },
  { name: 'CustomersClientTagsMigration20261207000300', class: CustomersClientTagsMigration20261207000300 },
];

export async function migrateCustomers(url: string): Promise<void> {
  const orm = await MikroORM.init({
    driver: PostgreSqlDriver,
    clientUrl: url,
    entities: [],
    discovery: { warnWhenNoEntities: false },
    extensions: [Migrator],
    migrations: { migrationsList: customersMigrations, transactional: true, allOrNothing: true, tableName: 'switchboard_migrations', silent: true },
    allowGlobalContext: true,
    debug: false,
  });
  try {
    await orm.getMigrator().up();
  } finally {
    await orm.close(true);
  }
}

export const redisUrl = (): string => process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface CustomersTestKit {
  readonly ours: TestDatabase;
  readonly legacyDb: TestDatabase;
  readonly pool: Pool;
  readonly redis: Redis;
  readonly keyPrefix: string;
  readonly repository: PostgresCustomersRepository;
  readonly legacy: PostgresLegacyCustomersSource;
  readonly cache: RedisLegacyHitsCache;
  readonly migration: LegacyClientMigration;
  readonly identification: ClientIdentification;
  readonly search: ClientSearch;
  readonly editing: ClientEditing;
  /** Services over another LegacyDB source (e.g. a short timeout, an unreachable URL). */
  withLegacy(options: Partial<PostgresLegacyCustomersSourceOptions>): {
    search: ClientSearch;
    identification: ClientIdentification;
    legacy: PostgresLegacyCustomersSource;
  };
  /** Runs SQL on our database. */
  sql<R extends QueryResultRow>(text: string, values?: unknown[]): Promise<R[]>;
  /** Runs SQL on the LegacyDB (the test's own connection, writable). */
  legacySql<R extends QueryResultRow>(text: string, values?: unknown[]): Promise<R[]>;
  legacyPool: Pool;
  close(): Promise<void>;
}

export interface CustomersTestKitOptions {
  readonly legacyClients?: number;
  readonly legacyOrders?: number;
  readonly seed?: number;
  readonly legacyTimeoutMs?: number;
}

export const newId = (): string => randomUUID();

export async function startCustomersTestKit(label: string, options: CustomersTestKitOptions = {}): Promise<CustomersTestKit> {
  const ours = await createTestDatabase(`${label}_ours`);
  const legacyDb = await createTestDatabase(`${label}_legacy`);
  await migrateCustomers(ours.url);
  await generateLegacyDatabase(legacyDb.url, { clients: options.legacyClients ?? 2_000, orders: options.legacyOrders ?? 6_000, seed: options.seed ?? 7 });

  const pool = new Pool({ connectionString: ours.url, max: 30 });
  const legacyPool = new Pool({ connectionString: legacyDb.url, max: 5 });
  // Dropping the databases (WITH FORCE) may end a socket an ended pool is still closing.
  for (const p of [pool, legacyPool]) p.on('error', () => undefined);
  const redis = new Redis(redisUrl(), { maxRetriesPerRequest: 1 });
  const keyPrefix = `test:customers:${label}:${process.pid}:${randomBytes(4).toString('hex')}:`;
  const repository = new PostgresCustomersRepository(pool);
  const cache = new RedisLegacyHitsCache(redis, { keyPrefix, ttlSeconds: 60 });
  const extraSources: PostgresLegacyCustomersSource[] = [];

  const compose = (legacy: PostgresLegacyCustomersSource) => {
    const migration = new LegacyClientMigration(repository, legacy, cache);
    return {
      legacy,
      migration,
      identification: new ClientIdentification(repository, legacy, migration),
      search: new ClientSearch(repository, legacy, cache),
      editing: new ClientEditing(repository, migration),
    };
  };
  const main = compose(new PostgresLegacyCustomersSource({ url: legacyDb.url, timeoutMs: options.legacyTimeoutMs ?? 2_000 }));

  return {
    ours,
    legacyDb,
    pool,
    legacyPool,
    redis,
    keyPrefix,
    repository,
    cache,
    ...main,
    withLegacy(sourceOptions) {
      const legacy = new PostgresLegacyCustomersSource({ url: legacyDb.url, ...sourceOptions });
      extraSources.push(legacy);
      const { search, identification } = compose(legacy);
      return { search, identification, legacy };
    },
    sql: async (text, values) => (await pool.query(text, values)).rows,
    legacySql: async (text, values) => (await legacyPool.query(text, values)).rows,
    async close() {
      const keys = await redis.keys(`${keyPrefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
      await Promise.all([main.legacy.close(), ...extraSources.map((s) => s.close()), pool.end(), legacyPool.end()]);
      await Promise.all([ours.drop(), legacyDb.drop()]);
    },
  };
}
