import type { EntityManager } from '@mikro-orm/postgresql';
import type { CatalogueRepository, ServiceView } from '@switchboard/catalogue';
import type { Service, WorkGroup } from '@switchboard/catalogue/domain';

interface ServiceRow {
  code: number;
  name: string;
  work_group_code: number;
  work_group_name: string;
}

export class PostgresCatalogueRepository implements CatalogueRepository {
  constructor(private readonly em: EntityManager) {}

  async listServices(): Promise<ServiceView[]> {
    const rows = await this.em.getConnection().execute<ServiceRow[]>(
      `SELECT s.code, s.name, s.work_group_code, g.name AS work_group_name
         FROM catalogue_services s JOIN catalogue_work_groups g ON g.code = s.work_group_code
        ORDER BY s.code`,
    );
    return rows.map((r) => ({ code: r.code, name: r.name, workGroupCode: r.work_group_code, workGroupName: r.work_group_name }));
  }

  async upsertWorkGroups(groups: readonly WorkGroup[]): Promise<void> {
    for (const g of groups) {
      await this.em.getConnection().execute(
        `INSERT INTO catalogue_work_groups (code, name, email, manager_id) VALUES (?, ?, ?, ?)
         ON CONFLICT (code) DO UPDATE SET name = excluded.name, email = excluded.email, manager_id = excluded.manager_id, updated_at = now()`,
        [g.code, g.name, g.email, g.managerId],
      );
    }
  }

  async upsertServices(services: readonly Service[]): Promise<void> {
    for (const s of services) {
      await this.em.getConnection().execute(
        `INSERT INTO catalogue_services (code, name, work_group_code) VALUES (?, ?, ?)
         ON CONFLICT (code) DO UPDATE SET name = excluded.name, work_group_code = excluded.work_group_code, updated_at = now()`,
        [s.code, s.name, s.workGroupCode],
      );
    }
  }
}
