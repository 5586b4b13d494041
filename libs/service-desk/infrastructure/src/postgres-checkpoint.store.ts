import type { Pool } from 'pg';
import type { CheckpointStore } from '@switchboard/service-desk';

export class PostgresCheckpointStore implements CheckpointStore {
  constructor(private readonly pool: Pool) {}

  async load(name: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ position: string }>('SELECT position FROM service_desk_checkpoints WHERE name = $1', [name]);
    return rows[0]?.position;
  }

  async save(name: string, position: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO service_desk_checkpoints (name, position) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = now()`,
      [name, position],
    );
  }
}
