import type { Pool } from 'pg';
import type { CommunicationTemplate } from '@switchboard/communications/domain';
import type { CommunicationTemplateStore, StoredCommunicationTemplate } from '@switchboard/communications';

interface Row {
  id: string;
  name: string;
  communication_type: string;
  bodies: CommunicationTemplate['bodies'];
  version: number;
  updated_by: string;
  updated_at: Date;
}

const toTemplate = (row: Row): StoredCommunicationTemplate => ({
  id: row.id,
  name: row.name,
  communicationType: row.communication_type,
  bodies: row.bodies,
  version: row.version,
  updatedBy: row.updated_by,
  updatedAt: row.updated_at,
});

/** communication_templates: one row per template; an edit is one conditional UPDATE on the version. */
export class PostgresCommunicationTemplateStore implements CommunicationTemplateStore {
  constructor(private readonly pool: Pool) {}

  async list(): Promise<StoredCommunicationTemplate[]> {
    const { rows } = await this.pool.query<Row>('SELECT * FROM communication_templates ORDER BY communication_type, name, id');
    return rows.map(toTemplate);
  }

  async find(id: string): Promise<StoredCommunicationTemplate | undefined> {
    const { rows } = await this.pool.query<Row>('SELECT * FROM communication_templates WHERE id = $1', [id]);
    return rows[0] && toTemplate(rows[0]);
  }

  async create(template: CommunicationTemplate, by: string, at: Date): Promise<StoredCommunicationTemplate | undefined> {
    const { rows } = await this.pool.query<Row>(
      `INSERT INTO communication_templates (id, name, communication_type, bodies, version, updated_by, updated_at)
       VALUES ($1, $2, $3, $4, 1, $5, $6) ON CONFLICT (id) DO NOTHING RETURNING *`,
      [template.id, template.name, template.communicationType, JSON.stringify(template.bodies), by, at],
    );
    return rows[0] && toTemplate(rows[0]);
  }

  async update(
    template: CommunicationTemplate,
    expectedVersion: number | undefined,
    by: string,
    at: Date,
  ): Promise<{ stored?: StoredCommunicationTemplate; current?: number }> {
    const { rows } = await this.pool.query<Row>(
      `UPDATE communication_templates SET name = $2, communication_type = $3, bodies = $4, version = version + 1, updated_by = $5, updated_at = $6
        WHERE id = $1 AND ($7::integer IS NULL OR version = $7) RETURNING *`,
      [template.id, template.name, template.communicationType, JSON.stringify(template.bodies), by, at, expectedVersion ?? null],
    );
    if (rows[0]) return { stored: toTemplate(rows[0]) };
    const current = await this.find(template.id);
    return current ? { current: current.version } : {};
  }
}
