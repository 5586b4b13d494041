import type { Principal } from '@switchboard/identity/domain';
import type { Pool } from 'pg';
import type { ProjectionPositions } from '../framework/projection-positions';
import { awaitConsistency } from './consistency';
import type { ClientCard, ClientDto, ClientSearch, Consistency, NumberedPage } from './read-model.dtos';
import { selectIncidents, selectRequests } from './row-queries';
import { authorIdsAsNames } from './author-names';
import type { AuthorNames } from './author-names';
import { CLIENT_COLUMNS, CLIENT_HISTORY_SQL, ORDER_COLUMNS, toClient, toClientChange, toIncidentItem, toOrder, toRequestItem } from './rows';
import type { ClientChangeRow, ClientRow, OrderRow } from './rows';
import { SqlParams, isUuid, pageNumber, pageSize, searchWords } from './sql';
import { clientNameMatch } from './text-search';

const PHONE_LIKE = /^\+?[\d\s()-]+$/;
const CARD_ORDERS = 100;

/**
 * Our clients (customers_clients, state-stored by the customers context, read in place): search by
 * name words or phone prefix, and the client card with their orders and the requests and
 * incidents the principal may see. LegacyDB-only clients are the customers context's search.
 */
export class ClientQueries {
  constructor(
    private readonly pool: Pool,
    private readonly positions?: ProjectionPositions,
    private readonly authors: AuthorNames = authorIdsAsNames,
  ) {}

  /** Every authenticated operator may search clients; the principal is for symmetry and audit. */
  async search(_principal: Principal, search: ClientSearch = {}): Promise<NumberedPage<ClientDto>> {
    const page = pageNumber(search.page);
    const size = pageSize('pageSize', search.pageSize);
    const sql = new SqlParams();
    const where = clientSearchConditions(search.q, sql);
    const { rows } = await this.pool.query<ClientRow & { total: string }>(
      `SELECT ${CLIENT_COLUMNS}, count(*) OVER ()::text AS total FROM customers_clients c
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY c.name_key COLLATE "C", c.id LIMIT ${size} OFFSET ${(page - 1) * size}`,
      sql.values,
    );
    const total = rows[0] ? Number(rows[0].total) : page === 1 ? 0 : await this.count(where, sql);
    return { items: rows.map(toClient), page, pageSize: size, total };
  }

  /** Undefined when there is no such client. Requests and incidents are only those the principal may see. */
  async card(principal: Principal, clientId: string, options: Consistency & { limit?: number } = {}): Promise<ClientCard | undefined> {
    if (!isUuid(clientId)) return undefined;
    await awaitConsistency(this.positions, options);
    const id = clientId.toLowerCase();
    const limit = pageSize('limit', options.limit);
    const { rows } = await this.pool.query<ClientRow>(`SELECT ${CLIENT_COLUMNS} FROM customers_clients c WHERE c.id = $1`, [id]);
    if (rows.length === 0) return undefined;
    const [orders, requests, incidents, history] = await Promise.all([
      this.pool.query<OrderRow & Record<string, unknown>>(
        `SELECT ${ORDER_COLUMNS} FROM customers_orders o JOIN customers_clients c ON c.id = o.client_id
          WHERE o.client_id = $1 ORDER BY o.created_at DESC, o.id DESC LIMIT ${CARD_ORDERS}`,
        [id],
      ),
      selectRequests(this.pool, principal, { where: (sql) => [`r.client_id = ${sql.add(id)}::uuid`], orderBy: 'r.updated_at DESC, r.id DESC', limit }),
      selectIncidents(this.pool, principal, {
        where: (sql) => [`i.request_id IN (SELECT cr.id FROM rm_requests cr WHERE cr.client_id = ${sql.add(id)}::uuid)`],
        orderBy: 'i.updated_at DESC, i.id DESC',
        limit,
      }),
      this.pool.query<ClientChangeRow>(CLIENT_HISTORY_SQL, [id]),
    ]);
    const names = await this.authors.namesOf(history.rows.map((h) => h.changed_by));
    return {
      client: toClient(rows[0]),
      orders: orders.rows.map(toOrder),
      requests: requests.map(toRequestItem),
      incidents: incidents.map(toIncidentItem),
      history: history.rows.map((h) => toClientChange(h, (by) => names.get(by) ?? by)),
    };
  }

  private async count(where: string[], sql: SqlParams): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM customers_clients c ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
      sql.values,
    );
    return Number(rows[0].n);
  }
}

/** A phone prefix when `q` is digits (E.164 is stored: "+7916..."), else name words anywhere in the name. */
export function clientSearchConditions(q: string | undefined, sql: SqlParams): string[] {
  const text = (q ?? '').trim();
  if (!text) return [];
  const digits = text.replace(/\D/g, '');
  if (PHONE_LIKE.test(text) && digits.length >= 2) return [`c.phone LIKE ${sql.add(`+${digits}%`)}`];
  return searchWords(text).map((word) => clientNameMatch(word, sql));
}
