import type { Principal } from '@switchboard/identity/domain';
import { cappedCount, decodeClientSearchCursor, encodeClientSearchCursor, exactCountUpTo } from '@switchboard/customers/domain';
import type { Pool } from 'pg';
import type { ProjectionPositions } from '../framework/projection-positions';
import { awaitConsistency } from './consistency';
import type { ClientCard, ClientPage, ClientSearch, Consistency } from './read-model.dtos';
import { selectIncidents, selectRequests } from './row-queries';
import { authorIdsAsNames } from './author-names';
import type { AuthorNames } from './author-names';
import { CLIENT_COLUMNS, CLIENT_HISTORY_SQL, ORDER_COLUMNS, toClient, toClientChange, toIncidentItem, toOrder, toRequestItem } from './rows';
import type { ClientChangeRow, ClientRow, OrderRow } from './rows';
import { InvalidQueryError, SqlParams, isUuid, pageNumber, pageSize, searchWords } from './sql';
import { clientNameMatch } from './text-search';

const PHONE_LIKE = /^\+?[\d\s()-]+$/;

/** Digits (with + ( ) - and spaces), at least two: a phone prefix, E.164 as stored ("+7916..."). */
export const isPhoneQuery = (q: string | undefined): boolean => {
  const text = (q ?? '').trim();
  return PHONE_LIKE.test(text) && text.replace(/\D/g, '').length >= 2;
};
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

  /**
   * Every authenticated operator may search clients; the principal is for symmetry and audit.
   * A phone prefix pages in phone order (its own index), anything else in name order; the count
   * stops at 1,001 and a cursor continues where the previous page ended.
   */
  async search(_principal: Principal, search: ClientSearch = {}): Promise<ClientPage> {
    const page = pageNumber(search.page);
    const size = pageSize('pageSize', search.pageSize);
    const after = search.cursor === undefined ? undefined : decodeClientSearchCursor(search.cursor);
    if (search.cursor !== undefined && !after?.uniqueKey.startsWith('o:')) throw new InvalidQueryError('cursor', 'is not a cursor this search issued');
    const sql = new SqlParams();
    const where = clientSearchConditions(search.q, sql);
    const sortKey = isPhoneQuery(search.q) ? 'c.phone' : 'c.name_key';
    const cap = sql.add(exactCountUpTo + 1);
    const match = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const pageWhere = [...where];
    if (after) {
      const [key, unique] = [sql.add(after.sortKey), sql.add(after.uniqueKey)];
      pageWhere.push(`(${sortKey} COLLATE "C" > ${key} OR (${sortKey} = ${key} AND ('o:' || c.id::text) COLLATE "C" > ${unique}))`);
    }
    const { rows } = await this.pool.query<ClientRow & { counted: number; sort_key: string }>(
      `SELECT n.counted, p.* FROM
         (SELECT count(*)::int AS counted FROM (SELECT 1 FROM customers_clients c ${match} LIMIT ${cap}) x) n
         LEFT JOIN LATERAL (SELECT ${CLIENT_COLUMNS}, ${sortKey} AS sort_key FROM customers_clients c
                             ${pageWhere.length ? `WHERE ${pageWhere.join(' AND ')}` : ''}
                             ORDER BY ${sortKey} COLLATE "C", ('o:' || c.id::text) COLLATE "C"
                             LIMIT ${size + 1} OFFSET ${after ? 0 : (page - 1) * size}) p ON true`,
      sql.values,
    );
    const found = rows.filter((r) => r.id !== null);
    const last = found.length > size ? found[size - 1] : undefined;
    return {
      items: found.slice(0, size).map(toClient),
      page: after ? 1 : page,
      pageSize: size,
      total: cappedCount(rows[0]?.counted ?? 0),
      nextCursor: last ? encodeClientSearchCursor({ sortKey: last.sort_key, uniqueKey: `o:${last.id}` }) : null,
    };
  }

  /** Undefined when there is no such client. Requests and incidents are only those the principal may see. */
  /** Names and contacts of these clients (ours), for lists that show people next to their ids (a unit's residents). */
  async people(ids: readonly string[]): Promise<Map<string, { name: string; phone: string | null; email: string | null }>> {
    if (ids.length === 0) return new Map();
    const { rows } = await this.pool.query<{ id: string; name: string; phone: string | null; email: string | null }>(
      `SELECT c.id, concat_ws(' ', nullif(c.last_name, ''), nullif(c.first_name, ''), nullif(c.middle_name, '')) AS name, c.phone, c.email
         FROM customers_clients c WHERE c.id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map(({ id, ...person }) => [id, person]));
  }

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
}

/** A phone prefix when `q` is digits (E.164 is stored: "+7916..."), else name words anywhere in the name. */
export function clientSearchConditions(q: string | undefined, sql: SqlParams): string[] {
  const text = (q ?? '').trim();
  if (!text) return [];
  // Prefix LIKE in "C" collation: served by the phone's own pattern index.
  if (isPhoneQuery(text)) return [`c.phone COLLATE "C" LIKE ${sql.add(`+${text.replace(/\D/g, '')}%`)}`];
  return searchWords(text).map((word) => clientNameMatch(word, sql));
}
