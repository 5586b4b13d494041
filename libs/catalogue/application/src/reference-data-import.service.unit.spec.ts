import type { Service, WorkGroup } from '@switchboard/catalogue/domain';
import type { CatalogueRepository, ServiceView, UpsertOutcome } from './catalogue.port';
import { ReferenceDataImport } from './reference-data-import.service';
import type { ImportProgress, ReferenceRow } from './reference-row';

/** Just enough of a catalogue to watch the import's decisions. */
class FakeCatalogue implements CatalogueRepository {
  readonly workGroups = new Map<number, WorkGroup>();
  readonly services = new Map<number, Service>();

  async listServices(): Promise<ServiceView[]> {
    return [...this.services.values()].map((s) => ({ ...s, workGroupName: this.workGroups.get(s.workGroupCode)?.name ?? '' }));
  }
  async findService(code: number): Promise<ServiceView | undefined> {
    return (await this.listServices()).find((s) => s.code === code);
  }
  async findWorkGroup(code: number): Promise<WorkGroup | undefined> {
    return this.workGroups.get(code);
  }
  async upsertWorkGroup(group: WorkGroup): Promise<UpsertOutcome> {
    return upsert(this.workGroups, group);
  }
  async upsertService(service: Service): Promise<UpsertOutcome> {
    if (!this.workGroups.has(service.workGroupCode)) throw new Error('foreign key violation');
    return upsert(this.services, service);
  }
  async upsertWorkGroups(groups: readonly WorkGroup[]): Promise<void> {
    for (const g of groups) await this.upsertWorkGroup(g);
  }
  async upsertServices(services: readonly Service[]): Promise<void> {
    for (const s of services) await this.upsertService(s);
  }
}

function upsert<T extends { code: number }>(rows: Map<number, T>, row: T): UpsertOutcome {
  const existing = rows.get(row.code);
  rows.set(row.code, row);
  if (!existing) return 'created';
  return JSON.stringify(existing) === JSON.stringify(row) ? 'unchanged' : 'updated';
}

const network = { code: 301, name: 'Network L3', email: 'network-l3@switchboard.example', managerId: 'm-301' };
const wg = (row: number, fields: Record<string, unknown>): ReferenceRow => ({ row, kind: 'work_group', fields });
const svc = (row: number, fields: Record<string, unknown>): ReferenceRow => ({ row, kind: 'service', fields });

describe('ReferenceDataImport', () => {
  it('imports work groups before services, so a service may come first in the file', async () => {
    const catalogue = new FakeCatalogue();
    const summary = await new ReferenceDataImport(catalogue).run([svc(2, { code: 1001, name: 'Home internet', workGroupCode: 301 }), wg(3, network)]);
    expect(summary).toEqual({
      created: 2,
      updated: 0,
      unchanged: 0,
      rejected: [],
      byKind: { work_group: { created: 1, updated: 0, unchanged: 0, rejected: 0 }, service: { created: 1, updated: 0, unchanged: 0, rejected: 0 } },
    });
    expect(await catalogue.listServices()).toEqual([{ code: 1001, name: 'Home internet', workGroupCode: 301, workGroupName: 'Network L3' }]);
  });

  it('counts unchanged and updated rows on a second import', async () => {
    const catalogue = new FakeCatalogue();
    const importer = new ReferenceDataImport(catalogue);
    await importer.run([wg(1, network), svc(2, { code: 1001, name: 'Home internet', workGroupCode: 301 })]);
    const summary = await importer.run([wg(1, network), svc(2, { code: 1001, name: 'Home internet (fibre)', workGroupCode: 301 })]);
    expect([summary.created, summary.updated, summary.unchanged]).toEqual([0, 1, 1]);
    expect(summary.byKind.service.updated).toBe(1);
  });

  it('accepts a service whose work group is already in the catalogue', async () => {
    const catalogue = new FakeCatalogue();
    catalogue.workGroups.set(301, network);
    const summary = await new ReferenceDataImport(catalogue).run([svc(1, { code: 1001, name: 'Home internet', workGroupCode: 301 })]);
    expect(summary.created).toBe(1);
  });

  it('rejects a service whose work group is neither in the import nor in the catalogue, and imports the rest', async () => {
    const catalogue = new FakeCatalogue();
    const summary = await new ReferenceDataImport(catalogue).run([
      wg(1, network),
      svc(2, { code: 1001, name: 'Home internet', workGroupCode: 999 }),
      svc(3, { code: 1002, name: 'IP telephony', workGroupCode: 301 }),
    ]);
    expect(summary.rejected).toEqual([{ row: 2, kind: 'service', reason: 'workGroupCode 999: no such work group in this import or in the catalogue' }]);
    expect(summary.byKind.service).toEqual({ created: 1, updated: 0, unchanged: 0, rejected: 1 });
    expect([...catalogue.services.keys()]).toEqual([1002]);
  });

  it('rejects the services of a work group that was itself rejected', async () => {
    const summary = await new ReferenceDataImport(new FakeCatalogue()).run([
      wg(1, { ...network, email: 'nope' }),
      svc(2, { code: 1001, name: 'Home internet', workGroupCode: 301 }),
    ]);
    expect(summary.rejected).toEqual([
      { row: 1, kind: 'work_group', reason: 'email must be an email address, got "nope"' },
      { row: 2, kind: 'service', reason: 'workGroupCode 301: no such work group in this import or in the catalogue' },
    ]);
  });

  it('gives every validation error of a row in one reason', async () => {
    const summary = await new ReferenceDataImport(new FakeCatalogue()).run([wg(4, { code: 'x', name: '' })]);
    expect(summary.rejected).toEqual([
      {
        row: 4,
        kind: 'work_group',
        reason: 'code must be a positive integer up to 2147483647, got "x"; name is required; email is required; managerId is required',
      },
    ]);
  });

  it('rejects a second row with the same code instead of silently overwriting the first', async () => {
    const catalogue = new FakeCatalogue();
    const summary = await new ReferenceDataImport(catalogue).run([wg(1, network), wg(2, { ...network, name: 'Other' })]);
    expect(summary.rejected).toEqual([
      { row: 2, kind: 'work_group', reason: 'work group code 301 appears more than once (first at row 1); this row is ignored' },
    ]);
    expect(catalogue.workGroups.get(301)?.name).toBe('Network L3');
  });

  it('reports progress before the first row and after each one', async () => {
    const progress: ImportProgress[] = [];
    await new ReferenceDataImport(new FakeCatalogue()).run([wg(1, network), svc(2, { code: 1, name: 'x', workGroupCode: 301 })], {
      onProgress: (p) => progress.push(p),
    });
    expect(progress).toEqual([
      { done: 0, total: 2 },
      { done: 1, total: 2 },
      { done: 2, total: 2 },
    ]);
  });

  it('reports rows the reader could not make out alongside its own rejections', async () => {
    const summary = await new ReferenceDataImport(new FakeCatalogue()).run([wg(3, network)], {
      rejectedBeforeImport: [
        { row: 2, kind: 'unknown', reason: 'kind must be work_group or service, got "team"' },
        { row: 4, kind: 'service', reason: 'has 2 fields, the header has 6' },
      ],
    });
    expect(summary.rejected.map((r) => r.row)).toEqual([2, 4]);
    expect(summary.byKind.service.rejected).toBe(1);
    expect(summary.created).toBe(1);
  });

  it('takes a single row, as an ESB message brings one', async () => {
    const catalogue = new FakeCatalogue();
    const summary = await new ReferenceDataImport(catalogue).run([{ row: 1, kind: 'work_group', fields: network }]);
    expect(summary.created).toBe(1);
  });
});
