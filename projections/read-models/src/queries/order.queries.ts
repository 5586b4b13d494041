import type { Principal } from '@switchboard/identity/domain';
import type { Pool } from 'pg';
import type { NumberedPage, OrderDto, OrderSearch } from './read-model.dtos';
import { ORDER_COLUMNS, toOrder } from './rows';
import type { OrderRow } from './rows';
import { SqlParams, containsPattern, pageNumber, pageSize, requireUuid } from './sql';

/** Our orders (customers_orders, state-stored by the customers context, read in place). */
export class OrderQueries {
  constructor(private readonly pool: Pool) {}

  /** Part of the code or the name; optionally one client's. Newest first. */
  async search(_principal: Principal, search: OrderSearch = {}): Promise<NumberedPage<OrderDto>> {
    const page = pageNumber(search.page);
    const size = pageSize('pageSize', search.pageSize);
    const sql = new SqlParams();
    const where: string[] = [];
    const q = (search.q ?? '').trim();
    if (q) {
      const pattern = sql.add(containsPattern(q));
      where.push(`(o.code ILIKE ${pattern} OR o.name ILIKE ${pattern})`);
    }
    if (search.clientId !== undefined) where.push(`o.client_id = ${sql.add(requireUuid('clientId', search.clientId))}::uuid`);
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const { rows } = await this.pool.query<OrderRow & Record<string, unknown> & { total: string }>(
      `SELECT ${ORDER_COLUMNS}, count(*) OVER ()::text AS total
         FROM customers_orders o JOIN customers_clients c ON c.id = o.client_id
         ${filter}
        ORDER BY o.created_at DESC, o.id DESC LIMIT ${size} OFFSET ${(page - 1) * size}`,
      sql.values,
    );
    let total = rows[0] ? Number(rows[0].total) : 0;
    if (rows.length === 0 && page > 1) {
      const counted = await this.pool.query<{ n: string }>(`SELECT count(*)::text AS n FROM customers_orders o ${filter}`, sql.values);
      total = Number(counted.rows[0].n);
    }
    return { items: rows.map(toOrder), page, pageSize: size, total };
  }

  /** Exact code; undefined when there is no such order. */
  async byCode(_principal: Principal, code: string): Promise<OrderDto | undefined> {
    const { rows } = await this.pool.query<OrderRow & Record<string, unknown>>(
      `SELECT ${ORDER_COLUMNS} FROM customers_orders o JOIN customers_clients c ON c.id = o.client_id WHERE o.code = $1`,
      [code.trim()],
    );
    return rows[0] ? toOrder(rows[0]) : undefined;
  }
}
