import type { Principal } from '@switchboard/identity/domain';
import { channels, priorities, requestStatuses } from '@switchboard/service-desk/domain';
import type { Pool } from 'pg';
import type { ProjectionPositions } from '../framework/projection-positions';
import { awaitConsistency } from './consistency';
import { decodeCursor, encodeCursor, keysetOf } from './keyset-cursor';
import type { ListSort } from './keyset-cursor';
import type { Consistency, CursorPage, RequestDetail, RequestFilters, RequestListItem } from './read-model.dtos';
import { selectIncidents, selectRequests } from './row-queries';
import { authorIdsAsNames } from './author-names';
import type { AuthorNames } from './author-names';
import { CONVERSATION_SQL, HISTORY_SQL, historyPeople, toConversationEntry, toHistoryEntry, toIncidentItem, toRequestItem, toStatusHistory } from './rows';
import type { HistoryRow, MessageRow } from './rows';
import { InvalidQueryError, isUuid, oneOf, pageSize, requireUuid, searchWords } from './sql';
import type { SqlParams } from './sql';
import { prepared } from './prepared';
import { requestTextMatch } from './text-search';
import { inList } from './visibility';

/**
 * Requests as the principal may see them: keyset-paginated lists, and one request with its
 * conversation, status history and incidents. Visibility is part of every WHERE clause.
 */
export class RequestQueries {
  constructor(
    private readonly pool: Pool,
    private readonly positions?: ProjectionPositions,
    private readonly authors: AuthorNames = authorIdsAsNames,
  ) {}

  async list(principal: Principal, filters: RequestFilters = {}, cursor?: string): Promise<CursorPage<RequestListItem>> {
    await awaitConsistency(this.positions, filters);
    const sort: ListSort = filters.sort ?? '-updatedAt';
    const keyset = keysetOf(sort);
    const limit = pageSize('limit', filters.limit);
    const after = cursor ? decodeCursor(cursor, sort) : undefined;
    const rows = await selectRequests(this.pool, principal, {
      where: (sql) => {
        const where = requestFilterConditions(filters, sql);
        const op = keyset.direction === 'DESC' ? '<' : '>';
        if (after) where.push(`(r.${keyset.column}, r.id) ${op} (${sql.add(after.value)}::timestamptz, ${sql.add(after.id)}::uuid)`);
        return where;
      },
      orderBy: `r.${keyset.column} ${keyset.direction}, r.id ${keyset.direction}`,
      limit: limit + 1,
    });
    const last = rows.length > limit ? rows[limit - 1] : undefined;
    return { items: rows.slice(0, limit).map(toRequestItem), nextCursor: last ? encodeCursor(sort, last[keyset.column], last.id) : null };
  }

  /** Undefined when there is no such request or the principal may not see it (the API's 404). */
  async byId(principal: Principal, id: string, consistency: Consistency = {}): Promise<RequestDetail | undefined> {
    if (!isUuid(id)) return undefined;
    await awaitConsistency(this.positions, consistency);
    const requestId = id.toLowerCase();
    const [row] = await selectRequests(this.pool, principal, { where: (sql) => [`r.id = ${sql.add(requestId)}::uuid`], prepare: true });
    if (!row) return undefined;
    const [messages, history, incidents] = await Promise.all([
      this.pool.query<MessageRow>(prepared(CONVERSATION_SQL, [requestId])),
      this.pool.query<HistoryRow>(prepared(HISTORY_SQL, ['request', requestId])),
      selectIncidents(this.pool, principal, { where: (sql) => [`i.request_id = ${sql.add(requestId)}::uuid`], orderBy: 'i.created_at, i.id', prepare: true }),
    ]);
    const names = await this.authors.namesOf([...messages.rows.map((m) => m.author), ...historyPeople(history.rows)]);
    const nameOf = (id: string) => names.get(id) ?? id;
    return {
      ...toRequestItem(row),
      conversation: messages.rows.map((m) => toConversationEntry(m, nameOf)),
      statusHistory: toStatusHistory(history.rows, nameOf),
      history: history.rows.map((h) => toHistoryEntry(h, nameOf)),
      incidents: incidents.map(toIncidentItem),
    };
  }
}

export function requestFilterConditions(filters: RequestFilters, sql: SqlParams): string[] {
  const where: string[] = [];
  const states = oneOf('state', filters.state, requestStatuses);
  if (states) where.push(inList('r.state', states, sql, 'text'));
  const priorityList = oneOf('priority', filters.priority, priorities);
  if (priorityList) where.push(inList('r.priority', priorityList, sql, 'text'));
  const channelList = oneOf('channel', filters.channel, channels);
  if (channelList) where.push(inList('r.channel', channelList, sql, 'text'));
  if (filters.assignee === null) where.push('r.assignee_id IS NULL');
  else if (filters.assignee !== undefined) where.push(`r.assignee_id = ${sql.add(filters.assignee)}`);
  if (filters.clientId !== undefined) where.push(`r.client_id = ${sql.add(requireUuid('clientId', filters.clientId))}::uuid`);
  if (filters.from !== undefined) where.push(`r.created_at >= ${sql.add(validDate('from', filters.from))}::timestamptz`);
  if (filters.to !== undefined) where.push(`r.created_at < ${sql.add(validDate('to', filters.to))}::timestamptz`);
  if (filters.breached !== undefined) where.push(slaBreachedCondition('r', filters.breached));
  const words = searchWords(filters.q);
  if (words.length > 0) where.push(requestTextMatch(words, sql, 'r', filters.q));
  return where;
}

function validDate(field: string, value: Date): string {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new InvalidQueryError(field, 'must be a date-time');
  return value.toISOString();
}

/** Breached: a breach recorded, or a running target past its due time (the timer may not have fired yet). */
export const slaBreachedCondition = (alias: string, breached: boolean): string =>
  `${breached ? '' : 'NOT '}(${alias}.sla_breached OR ${alias}.sla_due_at <= now())`;
