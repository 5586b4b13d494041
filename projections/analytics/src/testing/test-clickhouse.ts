import { randomBytes } from 'node:crypto';
import { recordSkip } from '@switchboard/platform/testing';
import { ClickHouseDatabase, parseClickHouseUrl } from '../clickhouse/clickhouse-database';

export interface TestClickHouse {
  /** CLICKHOUSE_URL with this test file's database as its path. */
  readonly url: string;
  readonly database: ClickHouseDatabase;
  drop(): Promise<void>;
}

/**
 * A database of its own on the test ClickHouse (`sb_test_<pid>_<random>`), or undefined with the
 * reason recorded as a loud skip when CLICKHOUSE_URL is not set.
 */
export function testClickHouse(suite: string): TestClickHouse | undefined {
  const server = process.env.CLICKHOUSE_URL;
  if (!server) {
    recordSkip(suite, 'CLICKHOUSE_URL not set: run scripts/test-services/provision.sh');
    return undefined;
  }
  const name = `sb_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const endpoint = parseClickHouseUrl(server, name);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const database = ClickHouseDatabase.open(endpoint);
  return {
    url: url.toString(),
    database,
    async drop() {
      for (const sibling of [database.sibling(`${name}_rebuild`), database.sibling(`${name}_retired`)]) {
        await sibling.drop();
        await sibling.close();
      }
      await database.drop();
      await database.close();
    },
  };
}
