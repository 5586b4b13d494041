import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { Options } from '@mikro-orm/postgresql';
import { migrationsList } from './migrations';

export function mikroOrmOptions(clientUrl: string): Options {
  return {
    driver: PostgreSqlDriver,
    clientUrl,
    entities: [],
    discovery: { warnWhenNoEntities: false },
    extensions: [Migrator],
    migrations: { migrationsList, transactional: true, allOrNothing: true, tableName: 'switchboard_migrations', silent: true },
    pool: { min: 0, max: 10 },
    debug: false,
    allowGlobalContext: true,
  };
}
