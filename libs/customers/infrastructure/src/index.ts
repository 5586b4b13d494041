export * from './cache/redis-legacy-hits.cache';
export * from './legacy/generate-legacy-db';
export * from './legacy/legacy-schema';
export * from './legacy/postgres-legacy-customers.source';
export * from './migrations/20261123000100-customers.migration';
export * from './migrations/20261124000100-customers-legacy.migration';
export * from './postgres-customers.repository';
export * from './sql-runner';
