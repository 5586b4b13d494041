import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, freePort, startAppProcess } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';

const entry = 'dist/apps/switchboard/src/main.js';

describe('switchboard import units', () => {
  let db: TestDatabase;
  let scratch: string;

  const importUnits = async (...args: string[]) => {
    const cli = startAppProcess({ entry, args: ['import', 'units', ...args], port: await freePort(), env: { DATABASE_URL: db.url } });
    const code = await cli.exited;
    return { code, output: cli.output() };
  };
  const query = async <T>(sql: string, values: unknown[] = []): Promise<T[]> => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      return (await client.query(sql, values)).rows as T[];
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase('import_units_e2e');
    scratch = mkdtempSync(join(tmpdir(), 'switchboard-units-'));
  });

  afterAll(async () => {
    rmSync(scratch, { recursive: true, force: true });
    await db?.drop();
  });

  it('migrates an empty database and rejects every row of a site that does not exist yet, with the reason', async () => {
    const { code, output } = await importUnits('deploy/estate/units.example.csv');
    expect(code).toBe(1);
    expect(output).toContain('applied migrations:');
    expect(output).toContain('  units: 0 created, 0 updated, 0 unchanged, 10 rejected\n');
    expect(output).toContain('  line 2: resident 1: no client has phone +79161112233\n');
    expect(output).toContain('  line 4: site "river-park": no such site (create it first: POST /sites)\n');
  });

  it('imports the example with progress, links residents by phone and email, and exits 0', async () => {
    await query(`INSERT INTO estate_sites (id, slug, name, updated_by) VALUES ($1, 'river-park', 'River Park', 'test')`, [randomUUID()]);
    const owner = randomUUID();
    await query(`INSERT INTO customers_clients (id, first_name, last_name, phone, name_key) VALUES ($1, 'Ivan', 'Sidorov', '+79161112233', 'sidorov ivan')`, [
      owner,
    ]);
    await query(
      `INSERT INTO customers_clients (id, first_name, last_name, phone, email, name_key) VALUES ($1, 'Anna', 'Petrova', '+79160000000', 'anna.petrova@example.com', 'petrova anna')`,
      [randomUUID()],
    );
    const { code, output } = await importUnits('deploy/estate/units.example.csv');
    expect(output).toContain('importing: 100% (10/10)\n');
    expect(output).toContain('Imported deploy/estate/units.example.csv (CSV, 10 rows):\n  units: 10 created, 0 updated, 0 unchanged, 0 rejected\n');
    expect(code).toBe(0);
    const residencies = await query<{ n: number }>('SELECT count(*)::int AS n FROM estate_residencies WHERE client_id = $1', [owner]);
    expect(residencies[0].n).toBe(3);
    expect(await query('SELECT 1 FROM estate_residencies')).toHaveLength(4);
  });

  it('finds nothing to change when the JSON example brings the same units', async () => {
    const { code, output } = await importUnits('deploy/estate/units.example.json');
    expect(output).toContain('  units: 0 created, 0 updated, 10 unchanged, 0 rejected\n');
    expect(code).toBe(0);
  });

  it('refuses a file of another type with exit code 2', async () => {
    const file = join(scratch, 'units.xlsx');
    writeFileSync(file, 'PK');
    const { code, output } = await importUnits(file);
    expect(code).toBe(2);
    expect(output).toMatch(/cannot import .*units\.xlsx: expected a \.json or \.csv file/);
  });
});
