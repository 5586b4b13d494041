import type { CustomersTestKit } from './customers-test-kit';

export interface LegacyExample {
  client_no: number;
  fio: string;
  tel: string;
  e_mail: string | null;
  order_no: string;
  summa: string;
}

const tail = (column: string) => `right(regexp_replace(${column}, '[^0-9]', '', 'g'), 10)`;

const taken = new WeakMap<CustomersTestKit, number[]>();

/**
 * A legacy client with a Russian mobile phone, an order, and no duplicate record, that no earlier
 * call for this kit returned: tests in one file never share a client.
 */
export async function legacyClientWithOrder(kit: CustomersTestKit, where = 'true'): Promise<LegacyExample> {
  const used = taken.get(kit) ?? [];
  const [row] = await kit.legacySql<LegacyExample>(
    `SELECT c.client_no, c.fio, c.tel, c.e_mail, o.order_no, o.summa::text AS summa
     FROM legacy_clients c
     JOIN LATERAL (SELECT order_no, summa FROM legacy_orders o WHERE o.client_no = c.client_no ORDER BY order_no LIMIT 1) o ON true
     WHERE ${tail('c.tel')} ~ '^9[0-9]{9}$' AND (${where})
       AND (SELECT count(*) FROM legacy_clients d WHERE ${tail('d.tel')} = ${tail('c.tel')}) = 1
       AND c.client_no <> ALL($1::int[])
     ORDER BY c.client_no
     LIMIT 1`,
    [used],
  );
  if (!row) throw new Error(`no more legacy examples where ${where}`);
  taken.set(kit, [...used, row.client_no]);
  return row;
}

/** Two legacy records of one person: the same phone written differently. */
export async function legacyDuplicatePair(kit: CustomersTestKit, n: number): Promise<{ first: number; second: number; tel1: string; tel2: string }> {
  const [row] = await kit.legacySql<{ first: number; second: number; tel1: string; tel2: string }>(
    `SELECT min(client_no) AS first, max(client_no) AS second,
            (array_agg(tel ORDER BY client_no))[1] AS tel1, (array_agg(tel ORDER BY client_no))[2] AS tel2
     FROM legacy_clients
     WHERE ${tail('tel')} ~ '^9[0-9]{9}$'
     GROUP BY ${tail('tel')}
     HAVING count(*) = 2
     ORDER BY min(client_no)
     OFFSET $1 LIMIT 1`,
    [n],
  );
  if (!row) throw new Error(`no legacy duplicate pair #${n}`);
  return row;
}
