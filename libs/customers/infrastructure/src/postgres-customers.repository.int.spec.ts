import { MikroORM, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Pool } from 'pg';
import { createTestDatabase } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import { PostgresCustomersRepository } from './postgres-customers.repository';
import { migrateCustomers } from './testing/customers-test-kit';

const ivan = {
  id: '7c1e0000-0000-4000-8000-000000000001',
  firstName: 'Ivan',
  lastName: 'Petrov',
  middleName: 'Sergeevich',
  phone: '+79161234567',
  email: 'ivan.petrov@example.com',
};

describe('the customers repository', () => {
  let db: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    db = await createTestDatabase('customers_repo');
    await migrateCustomers(db.url);
    pool = new Pool({ connectionString: db.url });
    // The forced drop at the end ends connections still closing; nothing to handle then.
    pool.on('error', () => undefined);
  });

  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it('writes demo clients idempotently and keeps their name key', async () => {
    const repository = new PostgresCustomersRepository(pool);
    await repository.upsertClient(ivan);
    await repository.upsertClient({ ...ivan, lastName: 'PETROV' });

    expect(await repository.countClients()).toBe(1);
    const { rows } = await pool.query('SELECT name_key FROM customers_clients WHERE id = $1', [ivan.id]);
    expect(rows).toEqual([{ name_key: 'petrov ivan sergeevich' }]);
  });

  it('works through a MikroORM EntityManager too', async () => {
    const orm = await MikroORM.init({
      driver: PostgreSqlDriver,
      clientUrl: db.url,
      entities: [],
      discovery: { warnWhenNoEntities: false },
      allowGlobalContext: true,
    });
    try {
      const repository = new PostgresCustomersRepository(orm.em);
      await repository.upsertOrder({
        id: '0d0e0000-0000-4000-8000-000000000001',
        code: 'ORD-100001',
        name: 'Fibre 500 Mbit/s',
        cost: '890.00',
        createdAt: new Date('2026-01-15T09:00:00Z'),
        clientId: ivan.id,
      });
      expect(await repository.findOrderByCode('ORD-100001')).toMatchObject({ cost: '890.00', clientId: ivan.id });
      expect(await repository.findMigrated([1, 2], ['+79161234567'])).toEqual({ legacyIds: new Set(), phones: new Set(['+79161234567']) });
    } finally {
      await orm.close(true);
    }
  });

  it('backfills the name key of clients written before the legacy migration', async () => {
    const old = await createTestDatabase('customers_backfill');
    const c = new Pool({ connectionString: old.url });
    c.on('error', () => undefined);
    try {
      await c.query(`CREATE TABLE customers_clients (id uuid PRIMARY KEY, first_name text NOT NULL, last_name text NOT NULL, middle_name text, phone text NOT NULL UNIQUE,
        email text, inn text, organisation text, legacy_id bigint UNIQUE, created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now())`);
      await c.query("INSERT INTO customers_clients (id, first_name, last_name, phone) VALUES ($1, 'Maria', 'Sokolova', '+79035550101')", [ivan.id]);
      await migrateCustomers(old.url);
      const { rows } = await c.query('SELECT name_key FROM customers_clients');
      expect(rows).toEqual([{ name_key: 'sokolova maria' }]);
    } finally {
      await c.end();
      await old.drop();
    }
  });
});
