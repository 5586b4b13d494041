import { Client } from 'pg';
import { CustomersValidationError } from '@switchboard/customers';
import type { ListedClient } from '@switchboard/customers';
import { clientNameKey, normalisePhone } from '@switchboard/customers/domain';
import { newId, startCustomersTestKit } from './testing/customers-test-kit';
import type { CustomersTestKit } from './testing/customers-test-kit';
import { legacyDuplicatePair } from './testing/legacy-examples';

const now = new Date('2026-11-24T10:00:00Z');
const keyOf = (item: ListedClient): string => (item.source === 'ours' ? `o:${item.id}` : `l:${item.legacyId}`);

describe('client search over ours and the LegacyDB', () => {
  let kit: CustomersTestKit;

  beforeAll(async () => {
    kit = await startCustomersTestKit('search');
  });

  afterAll(async () => {
    await kit?.close();
  });

  it('merges our clients and legacy-only clients into one list ordered by name', async () => {
    await kit.repository.upsertClient({ id: newId(), firstName: 'Aaron', lastName: 'Morozov', phone: '+79990000001' });
    await kit.repository.upsertClient({ id: newId(), firstName: 'Zakhar', lastName: 'Morozov', phone: '+79990000002' });

    const result = await kit.search.search({ q: 'morozov', pageSize: 100 });

    expect(result.partial).toBe(false);
    expect(result.items.filter((i) => i.source === 'ours').map((i) => i.firstName)).toEqual(['Aaron', 'Zakhar']);
    expect(result.items.filter((i) => i.source === 'legacy').length).toBeGreaterThan(5);
    expect(result.total).toBe(result.items.length);
    const keys = result.items.map((i) => clientNameKey(i));
    expect(keys).toEqual([...keys].sort());
    expect(keys.every((k) => k.includes('morozov'))).toBe(true);
  });

  it('shows a migrated legacy client once, as ours', async () => {
    const before = await kit.search.search({ q: 'sidorov', pageSize: 100 });
    const hit = before.items.find((i) => i.source === 'legacy' && i.phone);
    if (hit?.source !== 'legacy') throw new Error('no legacy Sidorov with a phone');

    const { clientId } = await kit.identification.identify({ legacyClientId: hit.legacyId, now, newId });
    const after = await kit.search.search({ q: 'sidorov', pageSize: 100 });

    expect(after.items.filter((i) => i.source === 'legacy' && i.legacyId === hit.legacyId)).toEqual([]);
    expect(after.items.filter((i) => i.source === 'ours' && i.id === clientId)).toEqual([
      expect.objectContaining({ legacyId: hit.legacyId, phone: hit.phone }),
    ]);
    expect(after.total).toBe(before.total);
  });

  it('shows the two legacy records of one person once', async () => {
    const pair = await legacyDuplicatePair(kit, 3);
    const [record] = await kit.legacySql<{ fio: string }>('SELECT fio FROM legacy_clients WHERE client_no = $1', [pair.first]);

    const result = await kit.search.search({ q: record.fio, pageSize: 100 });

    const samePhone = result.items.filter((i) => i.phone === normalisePhone(pair.tel1));
    expect(samePhone).toEqual([expect.objectContaining({ source: 'legacy', legacyId: pair.first })]);
  });

  it('pages through the merged list without gaps or repeats', async () => {
    await kit.repository.upsertClient({ id: newId(), firstName: 'Boris', lastName: 'Volkov', phone: '+79990000003' });
    await kit.repository.upsertClient({ id: newId(), firstName: 'Yana', lastName: 'Volkova', phone: '+79990000004' });
    const whole = await kit.search.search({ q: 'volkov', pageSize: 100 });
    expect(whole.total).toBeGreaterThan(20);
    expect(whole.total).toBeLessThanOrEqual(100);

    const paged: ListedClient[] = [];
    for (let page = 1; ; page++) {
      const result = await kit.search.search({ q: 'VOLKOV', page, pageSize: 7 });
      expect(result.total).toBe(whole.total);
      if (result.items.length === 0) break;
      paged.push(...result.items);
    }

    expect(paged.map(keyOf)).toEqual(whole.items.map(keyOf));
    expect(new Set(paged.map(keyOf)).size).toBe(whole.total);
  });

  it('serves the legacy side of a repeated search from Redis, for the TTL', async () => {
    const first = await kit.search.search({ q: 'kuznetsov', pageSize: 5 });
    const keys = await kit.redis.keys(`${kit.keyPrefix}search:*`);
    const ttls = await Promise.all(keys.map((k) => kit.redis.ttl(k)));
    expect(ttls.every((t) => t > 0 && t <= 60)).toBe(true);

    // With the LegacyDB locked, the next page still has its legacy hits: they come from the cache.
    const locker = new Client({ connectionString: kit.legacyDb.url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE legacy_clients IN ACCESS EXCLUSIVE MODE');
      const fast = kit.withLegacy({ timeoutMs: 200 });
      const second = await fast.search.search({ q: 'Kuznetsov', page: 2, pageSize: 5 });
      expect(second).toMatchObject({ partial: false, total: first.total });
      expect(second.items.some((i) => i.source === 'legacy')).toBe(true);
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
  });

  it('answers with our hits only, marked partial, when the LegacyDB times out', async () => {
    const ours = { id: newId(), firstName: 'Kirill', lastName: 'Lebedev', phone: '+79990000005' };
    await kit.repository.upsertClient(ours);
    const fast = kit.withLegacy({ timeoutMs: 300 });
    const locker = new Client({ connectionString: kit.legacyDb.url });
    await locker.connect();
    let result;
    const started = performance.now();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE legacy_clients IN ACCESS EXCLUSIVE MODE');
      result = await fast.search.search({ q: 'lebedev' });
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    const elapsed = performance.now() - started;

    expect(result).toEqual({
      items: [expect.objectContaining({ source: 'ours', id: ours.id })],
      page: 1,
      pageSize: 20,
      nextCursor: null,
      partial: true,
      partialReason: 'legacy-timeout',
    });
    expect(elapsed).toBeLessThan(2_000);
    // A partial answer is not cached: once the LegacyDB answers, the search is whole again.
    const later = await fast.search.search({ q: 'lebedev' });
    expect(later.partial).toBe(false);
    expect(later.items.some((i) => i.source === 'legacy')).toBe(true);
  });

  it('answers with our hits only, marked partial, when the LegacyDB cannot be reached', async () => {
    const ours = { id: newId(), firstName: 'Olga', lastName: 'Egorova', phone: '+79990000006' };
    await kit.repository.upsertClient(ours);
    const unreachable = kit.withLegacy({ url: 'postgres://postgres@127.0.0.1:1/nowhere', timeoutMs: 1_000 });

    const result = await unreachable.search.search({ q: 'egorova' });

    expect(result).toMatchObject({ partial: true, partialReason: 'legacy-unreachable', items: [expect.objectContaining({ id: ours.id })] });
  });

  it('marks the answer partial when more legacy records match than one search returns', async () => {
    const narrow = kit.withLegacy({ maxSearchHits: 3 });

    const result = await narrow.search.search({ q: 'ov' });

    expect(result).toMatchObject({ partial: true, partialReason: 'legacy-truncated' });
    expect(result.total).toBeUndefined();
  });

  it('pages by cursor through ours and legacy-only merged, as the numbered pages do', async () => {
    const whole = await kit.search.search({ q: 'volkov', pageSize: 100 });
    expect(whole.nextCursor).toBeNull();
    const paged: ListedClient[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 50; pages++) {
      const result = await kit.search.search({ q: 'volkov', pageSize: 4, cursor });
      expect(result.total).toBe(whole.total);
      paged.push(...result.items);
      if (!result.nextCursor) break;
      cursor = result.nextCursor;
    }
    expect(paged.map(keyOf)).toEqual(whole.items.map(keyOf));
    await expect(kit.search.search({ q: 'volkov', cursor: 'not-a-cursor' })).rejects.toMatchObject({
      errors: [{ field: 'cursor', message: 'is not a cursor this search issued' }],
    });
  });

  it('counts matches exactly up to 1,000, then answers "1000+"', async () => {
    const add = (from: number, to: number) =>
      kit.sql(
        `INSERT INTO customers_clients (id, first_name, last_name, phone, name_key, created_at, updated_at)
         SELECT gen_random_uuid(), 'Client' || n, 'Zzcapped', '+7988' || lpad(n::text, 7, '0'), 'zzcapped client' || n, now(), now()
           FROM generate_series($1::int, $2::int) n`,
        [from, to],
      );
    await add(1, 1_000);
    const exact = await kit.search.search({ q: 'zzcapped', pageSize: 5 });
    expect(exact).toMatchObject({ total: 1_000, partial: false });
    expect(exact.items).toHaveLength(5);
    await add(1_001, 1_001);
    expect(await kit.search.search({ q: 'zzcapped client', pageSize: 5 })).toMatchObject({ total: '1000+', partial: false });
    expect((await kit.search.search({ q: 'zzcapped client1001' })).total).toBe(1);
  });

  it('refuses a query of fewer than two letters and a page size over 100', async () => {
    await expect(kit.search.search({ q: 'a' })).rejects.toBeInstanceOf(CustomersValidationError);
    await expect(kit.search.search({ q: 'petrov', pageSize: 500 })).rejects.toMatchObject({
      errors: [{ field: 'pageSize', message: 'must be a whole number from 1 to 100' }],
    });
  });
});
