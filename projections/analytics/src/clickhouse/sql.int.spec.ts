import { randomBytes } from 'node:crypto';
import { recordSkip } from '@switchboard/platform/testing';
import { ClickHouseDatabase, parseClickHouseUrl } from './clickhouse-database';
import { list, sql } from './sql';

const url = process.env.CLICKHOUSE_URL;
if (!url) recordSkip('sql literals against ClickHouse', 'CLICKHOUSE_URL not set: run scripts/test-services/provision.sh');
const describeWithClickHouse = url ? describe : describe.skip;

const nasty = [
  "it's",
  "''",
  '\\',
  "\\'",
  "a\\'; SELECT 1; --",
  'line\nbreak\r\ttab',
  'nul\0byte',
  'Заявка №5 — «срочно» 🚨',
  '$__timeFilter(x) ${__user.login}',
  '`backtick` "double"',
];

describeWithClickHouse('sql literals on the test ClickHouse', () => {
  const database = ClickHouseDatabase.open(parseClickHouseUrl(url ?? 'http://127.0.0.1:8123', `sb_test_${process.pid}_${randomBytes(3).toString('hex')}`));

  beforeAll(() => database.create());
  afterAll(async () => {
    await database.drop();
    await database.close();
  });

  it('reads back every string exactly as it was written', async () => {
    for (const value of nasty) {
      const [row] = await database.rows<{ v: string }>(sql`SELECT ${value} AS v`);
      expect(row.v).toBe(value);
    }
  });

  it('matches strings in an IN list exactly', async () => {
    const [row] = await database.rows<{ n: string }>(sql`SELECT count() AS n FROM system.one WHERE ${nasty[4]} IN ${list(nasty)}`);
    expect(Number(row.n)).toBe(1);
  });

  it('reads a date literal back as the same UTC second', async () => {
    const [row] = await database.rows<{ t: string }>(sql`SELECT toString(${new Date('2026-03-02T09:00:00Z')}) AS t`);
    expect(row.t).toBe('2026-03-02 09:00:00');
  });
});
