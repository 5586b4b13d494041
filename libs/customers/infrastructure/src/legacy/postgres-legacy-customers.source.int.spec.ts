import { Client } from 'pg';
import { LegacyUnavailableError } from '@switchboard/customers';
import { parseNameQuery } from '@switchboard/customers/domain';
import type { NameQuery } from '@switchboard/customers/domain';
import { startCustomersTestKit } from '../testing/customers-test-kit';
import type { CustomersTestKit } from '../testing/customers-test-kit';

const query = (q: string): NameQuery => {
  const parsed = parseNameQuery(q);
  if (!parsed.ok) throw new Error(q);
  return parsed.value;
};

describe('the LegacyDB source', () => {
  let kit: CustomersTestKit;

  beforeAll(async () => {
    kit = await startCustomersTestKit('legacy_source', { legacyClients: 300, legacyOrders: 600 });
    await kit.legacySql(
      `INSERT INTO legacy_clients (client_no, fio, tel, e_mail) VALUES
         (100001, 'Shtern Lev Abramovich', '8 (977) 000-00-01', NULL),
         (100002, 'SHTERN LEV', '+7 977 0000001', 'LEV@EXAMPLE.COM'),
         (100003, 'Shtern Lev', '8-977-000-00-02', NULL),
         (100004, 'Семёнов Пётр', '8 977 000 00 03', NULL)`,
    );
    await kit.legacySql(
      "INSERT INTO legacy_orders (order_no, client_no, descr, summa, dt) VALUES ('ZK-X-1', 100001, 'Router rental', 1234567890.99, '2019-03-01 12:00:00')",
    );
  });

  afterAll(async () => {
    await kit?.close();
  });

  it('finds every record of a phone, whatever format the LegacyDB wrote it in, oldest first', async () => {
    const found = await kit.legacy.findClientsByPhone('+79770000001');
    expect(found.map((r) => r.legacyId)).toEqual([100001, 100002]);
    expect(found[1]).toEqual({ legacyId: 100002, fullName: 'SHTERN LEV', phone: '+7 977 0000001', email: 'LEV@EXAMPLE.COM' });
  });

  it('searches names by every word, ignoring case and ё', async () => {
    expect((await kit.legacy.searchClientsByName(query('lev shtern'))).clients.map((r) => r.legacyId)).toEqual([100001, 100002, 100003]);
    expect((await kit.legacy.searchClientsByName(query('семенов петр'))).clients.map((r) => r.legacyId)).toEqual([100004]);
  });

  it("reads an order's amount as exact decimal text and its time in the LegacyDB's zone", async () => {
    expect(await kit.legacy.findOrder('ZK-X-1')).toEqual({
      code: 'ZK-X-1',
      legacyClientId: 100001,
      description: 'Router rental',
      cost: '1234567890.99',
      createdAt: new Date('2019-03-01T09:00:00Z'),
    });
    expect(await kit.legacy.findOrder('ZK-X-404')).toBeUndefined();
  });

  it('fails with LegacyUnavailableError when a lookup takes longer than its timeout', async () => {
    const fast = kit.withLegacy({ timeoutMs: 150 });
    const locker = new Client({ connectionString: kit.legacyDb.url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE legacy_clients IN ACCESS EXCLUSIVE MODE');
      await expect(fast.legacy.findClient(100001)).rejects.toMatchObject({ name: 'LegacyUnavailableError', reason: 'timeout' });
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    // The pool is healthy afterwards.
    expect(await fast.legacy.findClient(100001)).toMatchObject({ legacyId: 100001 });
  });

  it('fails with LegacyUnavailableError when the LegacyDB cannot be reached', async () => {
    const down = kit.withLegacy({ url: 'postgres://postgres@127.0.0.1:1/nowhere' });
    await expect(down.legacy.findOrder('ZK-X-1')).rejects.toBeInstanceOf(LegacyUnavailableError);
  });

  it('never writes to the LegacyDB: its sessions are read-only', async () => {
    await expect(kit.legacy['pool'].query('DELETE FROM legacy_orders')).rejects.toThrow(/read-only/);
  });

  it('refuses to identify a client while the LegacyDB is down rather than create a duplicate', async () => {
    const down = kit.withLegacy({ url: 'postgres://postgres@127.0.0.1:1/nowhere' });
    await expect(
      down.identification.identify({
        phone: '8 977 000 00 02',
        newClient: { firstName: 'Lev', lastName: 'Shtern' },
        now: new Date(),
        newId: () => '00000000-0000-4000-8000-000000000001',
      }),
    ).rejects.toBeInstanceOf(LegacyUnavailableError);
    expect(await kit.repository.findClientByPhone('+79770000002')).toBeUndefined();
  });
});
