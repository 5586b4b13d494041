import { Client } from 'pg';
import { createTestDatabase } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import { generateLegacyDatabase } from './generate-legacy-db';

async function fingerprint(url: string): Promise<{ clients: string; orders: string }> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const { rows } = await db.query<{ clients: string; orders: string }>(
      `SELECT (SELECT md5(string_agg(concat_ws('|', client_no, fio, tel, e_mail, inn, org_name, created), ',' ORDER BY client_no)) FROM legacy_clients) AS clients,
              (SELECT md5(string_agg(concat_ws('|', order_no, client_no, descr, summa, dt), ',' ORDER BY order_no)) FROM legacy_orders) AS orders`,
    );
    return rows[0];
  } finally {
    await db.end();
  }
}

describe('the LegacyDB generator', () => {
  let a: TestDatabase;
  let b: TestDatabase;

  beforeAll(async () => {
    [a, b] = await Promise.all([createTestDatabase('legacy_gen_a'), createTestDatabase('legacy_gen_b')]);
  });

  afterAll(async () => {
    await Promise.all([a?.drop(), b?.drop()]);
  });

  it('generates the same database for the same seed, with the counts asked for', async () => {
    const first = await generateLegacyDatabase(a.url, { clients: 3_000, orders: 9_000, seed: 11 });
    await generateLegacyDatabase(b.url, { clients: 3_000, orders: 9_000, seed: 11 });

    expect(first).toMatchObject({ clients: 3_000, orders: 9_000, seed: 11 });
    expect(await fingerprint(a.url)).toEqual(await fingerprint(b.url));
    const db = new Client({ connectionString: a.url });
    await db.connect();
    try {
      const { rows } = await db.query('SELECT (SELECT count(*)::int FROM legacy_clients) AS clients, (SELECT count(*)::int FROM legacy_orders) AS orders');
      expect(rows[0]).toEqual({ clients: 3_000, orders: 9_000 });
    } finally {
      await db.end();
    }
  });

  it('replaces what was there and differs for another seed', async () => {
    const before = await fingerprint(b.url);
    await generateLegacyDatabase(b.url, { clients: 3_000, orders: 9_000, seed: 12 });
    expect(await fingerprint(b.url)).not.toEqual(before);
  });

  it('leaves the old schema with the indexes Switchboard looks things up by', async () => {
    const db = new Client({ connectionString: a.url });
    await db.connect();
    try {
      const { rows } = await db.query<{ indexname: string }>("SELECT indexname FROM pg_indexes WHERE tablename LIKE 'legacy_%' ORDER BY indexname");
      expect(rows.map((r) => r.indexname)).toEqual(
        expect.arrayContaining(['legacy_clients_pkey', 'legacy_clients_tel_tail_idx', 'legacy_orders_order_no_idx', 'legacy_orders_client_no_idx']),
      );
      const { rows: columns } = await db.query<{ column_name: string }>(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'legacy_clients' ORDER BY ordinal_position",
      );
      expect(columns.map((c) => c.column_name)).toEqual(['client_no', 'fio', 'tel', 'e_mail', 'inn', 'org_name', 'created']);
    } finally {
      await db.end();
    }
  });
});
