import type { Principal } from '@switchboard/identity/domain';
import { incidentStatuses, priorities } from '@switchboard/service-desk/domain';
import type { Pool } from 'pg';
import type { ProjectionPositions } from '../framework/projection-positions';
import { awaitConsistency } from './consistency';
import { slaBreachedCondition } from './request.queries';
import { decodeCursor, encodeCursor, keysetOf } from './keyset-cursor';
import type { ListSort } from './keyset-cursor';
import type { Consistency, CursorPage, IncidentDetail, IncidentFilters, IncidentListItem } from './read-model.dtos';
import { selectIncidents, selectRequests } from './row-queries';
import { authorIdsAsNames } from './author-names';
import type { AuthorNames } from './author-names';
import { HISTORY_SQL, NARRATIVE_SQL, historyPeople, toHistoryEntry, toIncidentItem, toNarrativeEntry, toRequestItem, toStatusHistory } from './rows';
import type { HistoryRow, NarrativeRow } from './rows';
import { InvalidQueryError, isUuid, oneOf, pageSize, requireUuid, searchWords } from './sql';
import type { SqlParams } from './sql';
import { incidentTextMatch } from './text-search';
import { inList } from './visibility';

/**
 * Incidents as the principal may see them: keyset-paginated lists, and one incident with its
 * narrative, status history and request. Visibility is part of every WHERE clause.
 */
export class IncidentQueries {
  constructor(
    private readonly pool: Pool,
    private readonly positions?: ProjectionPositions,
    private readonly authors: AuthorNames = authorIdsAsNames,
  ) {}

  async list(principal: Principal, filters: IncidentFilters = {}, cursor?: string): Promise<CursorPage<IncidentListItem>> {
    await awaitConsistency(this.positions, filters);
    const sort: ListSort = filters.sort ?? '-updatedAt';
    const keyset = keysetOf(sort);
    const limit = pageSize('limit', filters.limit);
    const after = cursor ? decodeCursor(cursor, sort) : undefined;
    const rows = await selectIncidents(this.pool, principal, {
      where: (sql) => {
        const where = incidentFilterConditions(filters, sql);
        const op = keyset.direction === 'DESC' ? '<' : '>';
        if (after) where.push(`(i.${keyset.column}, i.id) ${op} (${sql.add(after.value)}::timestamptz, ${sql.add(after.id)}::uuid)`);
        return where;
      },
      orderBy: `i.${keyset.column} ${keyset.direction}, i.id ${keyset.direction}`,
      limit: limit + 1,
    });
    const last = rows.length > limit ? rows[limit - 1] : undefined;
    return { items: rows.slice(0, limit).map(toIncidentItem), nextCursor: last ? encodeCursor(sort, last[keyset.column], last.id) : null };
  }

  /** Undefined when there is no such incident or the principal may not see it (the API's 404). */
  async byId(principal: Principal, id: string, consistency: Consistency = {}): Promise<IncidentDetail | undefined> {
    if (!isUuid(id)) return undefined;
    await awaitConsistency(this.positions, consistency);
    const incidentId = id.toLowerCase();
    const [row] = await selectIncidents(this.pool, principal, { where: (sql) => [`i.id = ${sql.add(incidentId)}::uuid`], prepare: true });
    if (!row) return undefined;
    const [narrative, history, requests] = await Promise.all([
      this.pool.query<NarrativeRow>(NARRATIVE_SQL, [incidentId]),
      this.pool.query<HistoryRow>(HISTORY_SQL, ['incident', incidentId]),
      selectRequests(this.pool, principal, { where: (sql) => [`r.id = ${sql.add(row.request_id)}::uuid`], prepare: true }),
    ]);
    const names = await this.authors.namesOf([...narrative.rows.map((n) => n.author), ...historyPeople(history.rows)]);
    const nameOf = (id: string) => names.get(id) ?? id;
    return {
      ...toIncidentItem(row),
      narrative: narrative.rows.map((n) => toNarrativeEntry(n, nameOf)),
      statusHistory: toStatusHistory(history.rows, nameOf),
      history: history.rows.map((h) => toHistoryEntry(h, nameOf)),
      request: requests[0] ? toRequestItem(requests[0]) : null,
    };
  }
}

export function incidentFilterConditions(filters: IncidentFilters, sql: SqlParams): string[] {
  const where: string[] = [];
  const states = oneOf('state', filters.state, incidentStatuses);
  if (states) where.push(inList('i.state', states, sql, 'text'));
  const priorityList = oneOf('priority', filters.priority, priorities);
  if (priorityList) where.push(inList('i.priority', priorityList, sql, 'text'));
  if (filters.assignee === null) where.push('i.assignee_id IS NULL');
  else if (filters.assignee !== undefined) where.push(`i.assignee_id = ${sql.add(filters.assignee)}`);
  if (filters.workGroup !== undefined) where.push(`i.work_group_code = ${sql.add(code('workGroup', filters.workGroup))}::int`);
  if (filters.service !== undefined) where.push(`i.service_code = ${sql.add(code('service', filters.service))}::int`);
  if (filters.clientId !== undefined) {
    where.push(`i.request_id IN (SELECT cr.id FROM rm_requests cr WHERE cr.client_id = ${sql.add(requireUuid('clientId', filters.clientId))}::uuid)`);
  }
  if (filters.breached !== undefined) where.push(slaBreachedCondition('i', filters.breached));
  const words = searchWords(filters.q);
  if (words.length > 0) where.push(incidentTextMatch(words, sql, 'i', filters.q));
  return where;
}

function code(field: string, value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > 2_147_483_647) throw new InvalidQueryError(field, 'must be a catalogue code (a whole number)');
  return value;
}
