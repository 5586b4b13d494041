import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, freePort, startAppProcess } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';

const entry = 'dist/apps/switchboard/src/main.js';

describe('switchboard import reference', () => {
  let db: TestDatabase;
  let scratch: string;

  const importReference = async (...args: string[]) => {
    const cli = startAppProcess({ entry, args: ['import', 'reference', ...args], port: await freePort(), env: { DATABASE_URL: db.url } });
    const code = await cli.exited;
    return { code, output: cli.output() };
  };

  const query = async <T>(sql: string): Promise<T[]> => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  };

  const scratchFile = (name: string, content: string): string => {
    const path = join(scratch, name);
    writeFileSync(path, content);
    return path;
  };

  beforeAll(async () => {
    db = await createTestDatabase('import_reference_e2e');
    scratch = mkdtempSync(join(tmpdir(), 'switchboard-import-'));
  });

  afterAll(async () => {
    rmSync(scratch, { recursive: true, force: true });
    await db?.drop();
  });

  it('migrates an empty database, imports the example file with progress and exits 0', async () => {
    const { code, output } = await importReference('deploy/reference/catalogue.example.json');
    expect(code).toBe(0);
    expect(output).toContain('applied migrations: CatalogueMigration20261123000000');
    expect(output).toContain('importing: 50% (5/9)\n');
    expect(output).toContain('importing: 100% (9/9)\n');
    expect(output).toContain(
      [
        'Imported deploy/reference/catalogue.example.json (JSON, 9 rows):',
        '  work groups: 2 created, 0 updated, 0 unchanged, 0 rejected',
        '  services:    7 created, 0 updated, 0 unchanged, 0 rejected',
        '  total:       9 created, 0 updated, 0 unchanged, 0 rejected',
      ].join('\n'),
    );
    const services = await query<{ code: number; name: string }>('SELECT code, name FROM catalogue_services ORDER BY code');
    expect(services.map((s) => s.code)).toEqual([1001, 1002, 1003, 1004, 2001, 2002, 2003]);
  });

  it('finds nothing to change when the CSV example brings the same data', async () => {
    const { code, output } = await importReference('deploy/reference/catalogue.example.csv');
    expect(code).toBe(0);
    expect(output).toContain('  total:       0 created, 0 updated, 9 unchanged, 0 rejected\n');
    expect(output).not.toContain('applied migrations');
  });

  it('imports the good rows, lists the rejected ones with reasons and exits 1', async () => {
    const file = scratchFile(
      'partly-bad.csv',
      'kind,code,name,email,managerId,workGroupCode\r\n' +
        'service,1001,Home internet (fibre),,,301\r\n' +
        'service,3001,Cable repair,,,999\r\n' +
        'work_group,303,Field engineers,not-an-email,,\r\n',
    );
    const { code, output } = await importReference(file);
    expect(code).toBe(1);
    expect(output).toContain('  total:       0 created, 1 updated, 0 unchanged, 2 rejected\n');
    expect(output).toContain(
      'Rejected rows (not imported; fix them and import the file again):\n' +
        '  line 4 (work group): email must be an email address, got "not-an-email"; managerId is required\n' +
        '  line 3 (service): workGroupCode 999: no such work group in this import or in the catalogue\n',
    );
    const [service] = await query<{ name: string }>('SELECT name FROM catalogue_services WHERE code = 1001');
    expect(service.name).toBe('Home internet (fibre)');
  });

  it.each([
    ['a file that does not exist', () => join(scratch, 'missing.json'), /^switchboard: cannot import .*missing\.json: cannot read the file: no such file\n$/],
    ['a file that is not JSON', () => scratchFile('broken.json', '{"services": ['), /^switchboard: cannot import .*broken\.json: not valid JSON \(.*\)\n$/],
    [
      'a CSV without a kind column',
      () => scratchFile('no-kind.csv', 'code,name\n1,x\n'),
      /^switchboard: cannot import .*no-kind\.csv: the header has no kind column .*\n$/,
    ],
    [
      'a file of another type',
      () => scratchFile('catalogue.xlsx', 'PK'),
      /^switchboard: cannot import .*catalogue\.xlsx: expected a \.json or \.csv file, got ".*"\n$/,
    ],
  ])('refuses %s with one line and exit code 2, importing nothing', async (_, file, message) => {
    const { code, output } = await importReference(file());
    expect(code).toBe(2);
    expect(output).toMatch(message);
    expect(await query('SELECT code FROM catalogue_services')).toHaveLength(7);
  });

  it('asks for the file when none is given', async () => {
    const { code, output } = await importReference();
    expect(code).toBe(2);
    expect(output).toBe('switchboard: import reference needs a file: switchboard import reference <file.json|file.csv>\n');
  });
});
