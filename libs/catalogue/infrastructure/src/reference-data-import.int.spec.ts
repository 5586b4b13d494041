import { resolve } from 'node:path';
import { Migrator } from '@mikro-orm/migrations';
import { MikroORM, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { ReferenceDataImport } from '@switchboard/catalogue';
import type { ReferenceImportSummary } from '@switchboard/catalogue';
import { createTestDatabase } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import { CatalogueMigration20261123000000 } from './migrations/20261123000000-catalogue.migration';
import { PostgresCatalogueRepository } from './postgres-catalogue.repository';
import { parseReferenceCsv } from './reference-file/reference-csv.format';
import { readReferenceFile } from './reference-file/reference-file.reader';

const examples = resolve(__dirname, '../../../../deploy/reference');
const counts = (s: ReferenceImportSummary) => ({ created: s.created, updated: s.updated, unchanged: s.unchanged, rejected: s.rejected.length });

describe('importing reference data into PostgreSQL', () => {
  let db: TestDatabase;
  let orm: MikroORM;
  let catalogue: PostgresCatalogueRepository;
  let importer: ReferenceDataImport;

  const importFile = async (path: string) => {
    const file = await readReferenceFile(path);
    return importer.run(file.rows, { rejectedBeforeImport: file.rejected });
  };
  const importCsv = (text: string) => {
    const file = parseReferenceCsv(text);
    return importer.run(file.rows, { rejectedBeforeImport: file.rejected });
  };
  const updatedAt = async (table: string, code: number): Promise<string> => {
    const [row] = await orm.em.getConnection().execute<{ updated_at: string }[]>(`SELECT updated_at::text FROM ${table} WHERE code = ?`, [code]);
    return row.updated_at;
  };

  beforeAll(async () => {
    db = await createTestDatabase('catalogue_import');
    orm = await MikroORM.init({
      driver: PostgreSqlDriver,
      clientUrl: db.url,
      entities: [],
      discovery: { warnWhenNoEntities: false },
      extensions: [Migrator],
      migrations: { migrationsList: [{ name: 'CatalogueMigration20261123000000', class: CatalogueMigration20261123000000 }], silent: true },
      allowGlobalContext: true,
    });
    await orm.getMigrator().up();
    catalogue = new PostgresCatalogueRepository(orm.em);
    importer = new ReferenceDataImport(catalogue);
  });

  afterAll(async () => {
    await orm?.close(true);
    await db?.drop();
  });

  it('creates every row of the example file on the first import', async () => {
    const summary = await importFile(resolve(examples, 'catalogue.example.json'));
    expect(counts(summary)).toEqual({ created: 9, updated: 0, unchanged: 0, rejected: 0 });
    expect(summary.byKind.work_group.created).toBe(2);
    const services = await catalogue.listServices();
    expect(services.map((s) => s.code)).toEqual([1001, 1002, 1003, 1004, 2001, 2002, 2003]);
    expect(services.find((s) => s.code === 2003)).toEqual({
      code: 2003,
      name: 'Refunds, credits and write-offs',
      workGroupCode: 302,
      workGroupName: 'Billing L3',
    });
  });

  it('changes nothing when the same file is imported again, not even the update time', async () => {
    const before = await updatedAt('catalogue_services', 1001);
    const summary = await importFile(resolve(examples, 'catalogue.example.json'));
    expect(counts(summary)).toEqual({ created: 0, updated: 0, unchanged: 9, rejected: 0 });
    expect(await updatedAt('catalogue_services', 1001)).toBe(before);
  });

  it('reads the CSV example as the same data as the JSON one', async () => {
    expect(counts(await importFile(resolve(examples, 'catalogue.example.csv')))).toEqual({ created: 0, updated: 0, unchanged: 9, rejected: 0 });
  });

  it('updates a row whose values changed and leaves the others alone', async () => {
    const summary = await importCsv(
      'kind,code,name,email,managerId,workGroupCode\n' +
        'work_group,302,Billing L3,billing-team@switchboard.example,5b0a0000-0000-4000-8000-000000000202,\n' +
        'service,1002,IP telephony,,,301\n' +
        'service,2002,Tariffs and plans,,,302\n',
    );
    expect(counts(summary)).toEqual({ created: 0, updated: 2, unchanged: 1, rejected: 0 });
    expect(await catalogue.findWorkGroup(302)).toEqual({
      code: 302,
      name: 'Billing L3',
      email: 'billing-team@switchboard.example',
      managerId: '5b0a0000-0000-4000-8000-000000000202',
    });
    expect((await catalogue.listServices()).find((s) => s.code === 2002)?.name).toBe('Tariffs and plans');
  });

  it('moves a service to another work group that is already in the catalogue', async () => {
    const summary = await importCsv('kind,code,name,workGroupCode\nservice,1003,Static IP addresses,302\n');
    expect(counts(summary)).toEqual({ created: 0, updated: 1, unchanged: 0, rejected: 0 });
    expect(await catalogue.findService(1003)).toEqual({ code: 1003, name: 'Static IP addresses', workGroupCode: 302, workGroupName: 'Billing L3' });
    expect(await catalogue.findService(4040)).toBeUndefined();
  });

  it('rejects bad rows with their reasons and still imports the good ones', async () => {
    const summary = await importCsv(
      'kind,code,name,email,managerId,workGroupCode\n' +
        'work_group,303,Field engineers,field@switchboard.example,5b0a0000-0000-4000-8000-000000000201,\n' +
        'work_group,304,,not-an-email,,\n' +
        'service,3001,Site visits,,,303\n' +
        'service,3002,Cable repair,,,999\n' +
        'service,abc,Mystery,,,301\n' +
        'team,1,Nobody,,,\n',
    );
    expect(counts(summary)).toEqual({ created: 2, updated: 0, unchanged: 0, rejected: 4 });
    expect(summary.rejected).toEqual([
      { row: 7, kind: 'unknown', reason: 'kind must be work_group or service, got "team"' },
      { row: 3, kind: 'work_group', reason: 'name is required; email must be an email address, got "not-an-email"; managerId is required' },
      { row: 5, kind: 'service', reason: 'workGroupCode 999: no such work group in this import or in the catalogue' },
      { row: 6, kind: 'service', reason: 'code must be a positive integer up to 2147483647, got "abc"' },
    ]);
    expect(await catalogue.findWorkGroup(304)).toBeUndefined();
    expect((await catalogue.listServices()).find((s) => s.code === 3001)?.workGroupName).toBe('Field engineers');
  });
});
