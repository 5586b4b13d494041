import type { EntityManager } from '@mikro-orm/postgresql';
import type { CatalogueRepository, ServiceView, UpsertOutcome } from '@switchboard/catalogue';
import type { Service, WorkGroup } from '@switchboard/catalogue/domain';

interface ServiceRow {
  code: number;
  name: string;
  work_group_code: number;
  work_group_name: string;
}

interface WorkGroupRow {
  code: number;
  name: string;
  email: string;
  manager_id: string;
}

interface UpsertRow {
  inserted: boolean;
}

const SERVICES = `SELECT s.code, s.name, s.work_group_code, g.name AS work_group_name
  FROM catalogue_services s JOIN catalogue_work_groups g ON g.code = s.work_group_code`;

const serviceView = (r: ServiceRow): ServiceView => ({ code: r.code, name: r.name, workGroupCode: r.work_group_code, workGroupName: r.work_group_name });

/**
 * `xmax = 0` holds only for a row version this statement inserted; the `WHERE` on the update leaves
 * identical rows untouched (no new row version, no `updated_at` bump) and then nothing is returned.
 */
const outcome = (rows: UpsertRow[]): UpsertOutcome => (rows.length === 0 ? 'unchanged' : rows[0].inserted ? 'created' : 'updated');

export class PostgresCatalogueRepository implements CatalogueRepository {
  constructor(private readonly em: EntityManager) {}

  async listServices(): Promise<ServiceView[]> {
    const rows = await this.em.getConnection().execute<ServiceRow[]>(`${SERVICES} ORDER BY s.code`);
    return rows.map(serviceView);
  }

  async findService(code: number): Promise<ServiceView | undefined> {
    const [row] = await this.em.getConnection().execute<ServiceRow[]>(`${SERVICES} WHERE s.code = ?`, [code]);
    return row ? serviceView(row) : undefined;
  }

  async findWorkGroup(code: number): Promise<WorkGroup | undefined> {
    const [row] = await this.em
      .getConnection()
      .execute<WorkGroupRow[]>('SELECT code, name, email, manager_id FROM catalogue_work_groups WHERE code = ?', [code]);
    return row ? { code: row.code, name: row.name, email: row.email, managerId: row.manager_id } : undefined;
  }

  async upsertWorkGroup(g: WorkGroup): Promise<UpsertOutcome> {
    const rows = await this.em.getConnection().execute<UpsertRow[]>(
      `INSERT INTO catalogue_work_groups AS t (code, name, email, manager_id) VALUES (?, ?, ?, ?)
       ON CONFLICT (code) DO UPDATE SET name = excluded.name, email = excluded.email, manager_id = excluded.manager_id, updated_at = now()
        WHERE (t.name, t.email, t.manager_id) IS DISTINCT FROM (excluded.name, excluded.email, excluded.manager_id)
       RETURNING (xmax = 0) AS inserted`,
      [g.code, g.name, g.email, g.managerId],
    );
    return outcome(rows);
  }

  async upsertService(s: Service): Promise<UpsertOutcome> {
    const rows = await this.em.getConnection().execute<UpsertRow[]>(
      `INSERT INTO catalogue_services AS t (code, name, work_group_code) VALUES (?, ?, ?)
       ON CONFLICT (code) DO UPDATE SET name = excluded.name, work_group_code = excluded.work_group_code, updated_at = now()
        WHERE (t.name, t.work_group_code) IS DISTINCT FROM (excluded.name, excluded.work_group_code)
       RETURNING (xmax = 0) AS inserted`,
      [s.code, s.name, s.workGroupCode],
    );
    return outcome(rows);
  }

  async upsertWorkGroups(groups: readonly WorkGroup[]): Promise<void> {
    for (const g of groups) await this.upsertWorkGroup(g);
  }

  async upsertServices(services: readonly Service[]): Promise<void> {
    for (const s of services) await this.upsertService(s);
  }
}
