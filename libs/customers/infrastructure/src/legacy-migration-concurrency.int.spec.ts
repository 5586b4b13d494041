import { normalisePhone } from '@switchboard/customers/domain';
import { newId, startCustomersTestKit } from './testing/customers-test-kit';
import type { CustomersTestKit } from './testing/customers-test-kit';
import { legacyClientWithOrder, legacyDuplicatePair } from './testing/legacy-examples';

const now = new Date('2026-11-24T10:00:00Z');
const concurrency = 20;
const times = <T>(n: number, f: (i: number) => Promise<T>): Promise<T[]> => Promise.all(Array.from({ length: n }, (_, i) => f(i)));

describe('migrating one legacy client from many requests at once', () => {
  let kit: CustomersTestKit;

  beforeAll(async () => {
    kit = await startCustomersTestKit('concurrency');
  });

  afterAll(async () => {
    await kit?.close();
  });

  it('yields one client, and every request gets its id, when twenty requests migrate the same legacy client', async () => {
    const legacy = await legacyClientWithOrder(kit);

    const results = await times(concurrency, () => kit.identification.identify({ legacyClientId: legacy.client_no, now, newId }));

    expect(new Set(results.map((r) => r.clientId)).size).toBe(1);
    expect(results.filter((r) => r.client === 'legacy')).toHaveLength(1);
    expect(results.filter((r) => r.client === 'ours')).toHaveLength(concurrency - 1);
    const rows = await kit.sql('SELECT id FROM customers_clients WHERE legacy_id = $1 OR phone = $2', [legacy.client_no, normalisePhone(legacy.tel)]);
    expect(rows).toEqual([{ id: results[0].clientId }]);
  });

  it('copies one legacy order once when twenty requests link it at the same time', async () => {
    const legacy = await legacyClientWithOrder(kit);

    const results = await times(concurrency, () => kit.identification.identify({ phone: legacy.tel, orderCode: legacy.order_no, now, newId }));

    expect(new Set(results.map((r) => `${r.clientId}/${r.orderId}`)).size).toBe(1);
    expect(await kit.sql('SELECT id FROM customers_orders WHERE code = $1', [legacy.order_no])).toHaveLength(1);
  });

  it('yields one client when both records of a legacy duplicate are migrated at the same time', async () => {
    const pair = await legacyDuplicatePair(kit, 2);

    const results = await times(concurrency, (i) => kit.identification.identify({ legacyClientId: i % 2 === 0 ? pair.first : pair.second, now, newId }));

    expect(new Set(results.map((r) => r.clientId)).size).toBe(1);
    expect(await kit.sql('SELECT id FROM customers_clients WHERE phone = $1', [normalisePhone(pair.tel1)])).toHaveLength(1);
  });

  it('creates one client when twenty requests from the same new phone arrive at once (case 4)', async () => {
    const results = await times(concurrency, () =>
      kit.identification.identify({ phone: '+44 20 7946 0123', newClient: { firstName: 'Anna', lastName: 'Volkova' }, now, newId }),
    );

    expect(new Set(results.map((r) => r.clientId)).size).toBe(1);
    expect(results.filter((r) => r.case === 4)).toHaveLength(1);
    expect(await kit.sql("SELECT id FROM customers_clients WHERE phone = '+442079460123'")).toHaveLength(1);
  });

  it('migrates a legacy client once when twenty edits of it arrive at once', async () => {
    const legacy = await legacyClientWithOrder(kit);

    const results = await times(concurrency, (i) => kit.editing.update({ legacyClientId: legacy.client_no, patch: { email: `edit${i}@example.com` }, newId }));

    expect(new Set(results.map((r) => r.client.id)).size).toBe(1);
    expect(results.filter((r) => r.migrated)).toHaveLength(1);
    expect(await kit.sql('SELECT id FROM customers_clients WHERE legacy_id = $1', [legacy.client_no])).toHaveLength(1);
  });
});
