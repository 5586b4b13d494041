import { MikroORM } from '@mikro-orm/postgresql';
import { Pool } from 'pg';
import { readProcessorCheckpoints } from '@switchboard/eventstore/processing';
import { createTestDatabase } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import { mikroOrmOptions } from '../database/mikro-orm.options';

const BEFORE = 'IntakeFunctionsMigration20261125000800';

describe('the processors migration', () => {
  let db: TestDatabase;
  let orm: MikroORM;
  let pool: Pool;

  const tableExists = async (table: string): Promise<boolean> =>
    (await pool.query<{ ok: boolean }>('SELECT to_regclass($1) IS NOT NULL AS ok', [table])).rows[0].ok;

  beforeAll(async () => {
    db = await createTestDatabase('processors_migration');
    orm = await MikroORM.init(mikroOrmOptions(db.url));
    pool = new Pool({ connectionString: db.url, max: 2 });
  });

  afterAll(async () => {
    await orm?.close(true);
    await pool?.end();
    await db?.drop();
  });

  it('moves every old checkpoint into processor_checkpoints, keeping names and positions, and drops the old tables', async () => {
    await orm.getMigrator().up({ to: BEFORE });
    const at = new Date('2026-11-25T10:00:00Z');
    await pool.query(
      `INSERT INTO rm_checkpoints (projection, version, position, events_applied, last_event_at) VALUES ('request-list', 2, '900:1200', 1200, $1), ('status-history', 1, NULL, 0, NULL)`,
      [at],
    );
    await pool.query(`INSERT INTO service_desk_checkpoints (name, position) VALUES ('escalation', '880:1100'), ('integration-events:amqp', '899:1190')`);
    await pool.query(`INSERT INTO outbound_checkpoints (name, position) VALUES ('outbox-relay', '870:1050')`);

    await orm.getMigrator().up();

    const rows = await readProcessorCheckpoints(pool);
    expect(rows.map((r) => [r.processor, r.version, r.position ?? null, r.eventsProcessed])).toEqual([
      ['escalation', 1, '880:1100', 0],
      ['integration-events:amqp', 1, '899:1190', 0],
      ['outbox-relay', 1, '870:1050', 0],
      ['request-list', 2, '900:1200', 1200],
      ['status-history', 1, null, 0],
    ]);
    expect(rows.find((r) => r.processor === 'request-list')?.lastEventAt).toEqual(at);
    expect(await Promise.all(['rm_checkpoints', 'service_desk_checkpoints', 'outbound_checkpoints'].map(tableExists))).toEqual([false, false, false]);
    expect(await tableExists('parked_events')).toBe(true);
  });

  it('puts them back where they were when migrated down', async () => {
    await orm.getMigrator().down({ to: BEFORE });
    expect((await pool.query('SELECT projection, version, position FROM rm_checkpoints ORDER BY projection')).rows).toEqual([
      { projection: 'request-list', version: 2, position: '900:1200' },
      { projection: 'status-history', version: 1, position: null },
    ]);
    expect((await pool.query('SELECT name, position FROM service_desk_checkpoints ORDER BY name')).rows).toEqual([
      { name: 'escalation', position: '880:1100' },
      { name: 'integration-events:amqp', position: '899:1190' },
    ]);
    expect((await pool.query('SELECT name, position FROM outbound_checkpoints')).rows).toEqual([{ name: 'outbox-relay', position: '870:1050' }]);
    expect(await tableExists('processor_checkpoints')).toBe(false);
  });
});
