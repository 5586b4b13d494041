import type { EventFilter, NewEvent, RecordedEvent } from '../event-store.port';
import type { Checkpoint } from './postgres-checkpoint';

/** A named statement: node-postgres prepares it once per connection. */
export interface Statement {
  readonly name: string;
  readonly text: string;
}

export type AppendKind = 'exact' | 'any' | 'stream_exists';

export interface EventRow {
  transaction_id: string;
  global_position: string;
  stream_id: string;
  revision: string;
  event_id: string;
  event_type: string;
  data: unknown;
  metadata: Record<string, unknown> | null;
  created_at: Date;
}

export interface AppendedRow {
  revision: string;
  transaction_id: string;
  global_position: string;
}

export interface ConflictRow {
  current: string;
  base: string | null;
  revision: string | null;
  event_id: string | null;
  transaction_id: string | null;
  global_position: string | null;
}

export interface PageRow extends Partial<EventRow> {
  horizon: string;
  head: string | null;
  tail_transaction_id: string | null;
  tail_global_position: string | null;
}

const COLUMNS = `e.transaction_id::text AS transaction_id, e.global_position::text AS global_position, e.stream_id,
  e.revision::text AS revision, e.event_id::text AS event_id, e.event_type, e.data, e.metadata, e.created_at`;

// Bigints leave as text so a global int8 type parser elsewhere in the process cannot change them.
export class PostgresStatements {
  private readonly table: string;

  constructor(private readonly schema: string) {
    this.table = `"${schema}".events`;
  }

  /**
   * One statement per append: the stream's head, the expected-revision check and the insert
   * share one snapshot; the unique (stream, revision) key settles a race with a concurrent
   * append (the loser waits for the winner's commit, then fails with 23505). No rows back
   * means the check failed and the caller classifies the conflict. A single event (the common
   * case) binds scalars; a batch binds one JSON array.
   */
  append(kind: AppendKind, batch: boolean): Statement {
    const head = `(SELECT coalesce(max(h.revision), -1) FROM ${this.table} h WHERE h.stream_id = $1)`;
    const firstId = batch ? `($2::jsonb -> 0 ->> 'id')::uuid` : '$2::uuid';
    const expected = batch ? '$3::bigint' : '$6::bigint';
    const firstIdAbsent = `NOT EXISTS (SELECT 1 FROM ${this.table} d WHERE d.stream_id = $1 AND d.event_id = ${firstId})`;
    const condition = kind === 'exact' ? `${head} = ${expected}` : kind === 'any' ? firstIdAbsent : `${head} >= 0 AND ${firstIdAbsent}`;
    const base = kind === 'exact' ? expected : head;
    const source = batch
      ? `SELECT $1, ${base} + u.ord, u.id, u.type, coalesce(u.data, 'null'), coalesce(u.metadata, '{}')
           FROM ROWS FROM (jsonb_to_recordset($2::jsonb) AS (id uuid, type text, data jsonb, metadata jsonb))
                WITH ORDINALITY AS u(id, type, data, metadata, ord)
          WHERE ${condition}
          ORDER BY u.ord`
      : `SELECT $1, ${base} + 1, $2::uuid, $3, $4::jsonb, $5::jsonb WHERE ${condition}`;
    return {
      name: `${this.schema}.append.${kind}.${batch ? 'batch' : 'single'}`,
      text: `INSERT INTO ${this.table} (stream_id, revision, event_id, event_type, data, metadata)
        ${source}
        RETURNING revision::text AS revision, transaction_id::text AS transaction_id, global_position::text AS global_position`,
    };
  }

  /**
   * Several appends to distinct streams in one statement and one commit, each checked on its own:
   * a request whose check fails inserts nothing (the caller classifies it alone). Rows are
   * inserted in stream order, so two combined appends never wait on each other in a cycle.
   */
  appendCombined(): Statement {
    return {
      name: `${this.schema}.append.combined`,
      text: `WITH request AS (
        SELECT r.stream_id, r.kind, r.expected, r.first_id, r.events
          FROM jsonb_to_recordset($1::jsonb) AS r(stream_id text, kind text, expected bigint, first_id uuid, events jsonb)
      ), accepted AS (
        SELECT q.stream_id, h.revision AS head, q.events
          FROM request q
          CROSS JOIN LATERAL (SELECT coalesce(max(e.revision), -1) AS revision FROM ${this.table} e WHERE e.stream_id = q.stream_id) h
          -- A probe per request, never a hash of the table.
          LEFT JOIN LATERAL (SELECT true AS present FROM ${this.table} d
                              WHERE q.kind <> 'exact' AND d.stream_id = q.stream_id AND d.event_id = q.first_id LIMIT 1) f ON true
         WHERE CASE q.kind
                 WHEN 'exact' THEN h.revision = q.expected
                 WHEN 'any' THEN f.present IS NULL
                 ELSE h.revision >= 0 AND f.present IS NULL
               END
      )
      INSERT INTO ${this.table} (stream_id, revision, event_id, event_type, data, metadata)
      SELECT a.stream_id, a.head + u.ord, u.id, u.type, coalesce(u.data, 'null'), coalesce(u.metadata, '{}')
        FROM accepted a
        CROSS JOIN LATERAL ROWS FROM (jsonb_to_recordset(a.events) AS (id uuid, type text, data jsonb, metadata jsonb))
             WITH ORDINALITY AS u(id, type, data, metadata, ord)
       ORDER BY a.stream_id COLLATE "C", u.ord
      RETURNING stream_id, revision::text AS revision, transaction_id::text AS transaction_id, global_position::text AS global_position`,
    };
  }

  /**
   * The stream's head and the events an idempotent retry would have written: from `$2` when the
   * expected revision is exact, else from where the first event id already sits.
   */
  conflict(): Statement {
    return {
      name: `${this.schema}.conflict`,
      text: `WITH head AS (
        SELECT coalesce(max(h.revision), -1) AS revision FROM ${this.table} h WHERE h.stream_id = $1
      ), base AS (
        SELECT coalesce($2::bigint, (SELECT f.revision - 1 FROM ${this.table} f
                                      WHERE f.stream_id = $1 AND f.event_id = $3::uuid ORDER BY f.revision LIMIT 1)) AS revision
      )
      SELECT head.revision::text AS current, base.revision::text AS base, e.revision::text AS revision,
             e.event_id::text AS event_id, e.transaction_id::text AS transaction_id, e.global_position::text AS global_position
        FROM head CROSS JOIN base
        LEFT JOIN ${this.table} e ON e.stream_id = $1 AND e.revision > base.revision AND e.revision <= base.revision + $4::bigint
       ORDER BY e.revision`,
    };
  }

  /** True when stored transaction ids are not below the server's next one. */
  transactionIdsAhead(): string {
    return `SELECT (SELECT max(e.transaction_id) FROM ${this.table} e) >= pg_snapshot_xmax(pg_current_snapshot()) AS ahead`;
  }

  readStream(direction: 'forwards' | 'backwards'): Statement {
    const [op, order] = direction === 'forwards' ? ['>=', 'ASC'] : ['<=', 'DESC'];
    return {
      name: `${this.schema}.read_stream.${direction}`,
      text: `SELECT ${COLUMNS} FROM ${this.table} e
        WHERE e.stream_id = $1 AND e.revision ${op} $2::bigint ORDER BY e.revision ${order} LIMIT $3`,
    };
  }

  /** Every event of the streams `$1`, stream by stream in revision order. */
  readStreams(): Statement {
    return {
      name: `${this.schema}.read_streams`,
      text: `SELECT ${COLUMNS} FROM ${this.table} e WHERE e.stream_id = ANY ($1::text[]) ORDER BY e.stream_id, e.revision`,
    };
  }

  /** The last revision of each of the streams `$1` that exists. */
  heads(): Statement {
    return {
      name: `${this.schema}.heads`,
      text: `SELECT h.stream_id, max(h.revision)::text AS head FROM ${this.table} h WHERE h.stream_id = ANY ($1::text[]) GROUP BY h.stream_id`,
    };
  }

  streamExists(): Statement {
    return {
      name: `${this.schema}.stream_exists`,
      text: `SELECT EXISTS (SELECT 1 FROM ${this.table} e WHERE e.stream_id = $1) AS exists`,
    };
  }

  /**
   * A page of stable events after `($1, $2)` in (transaction id, global position) order. Stable
   * means written by a transaction older than every transaction still running in this database:
   * nothing can ever commit before such a row again. The horizon is the snapshot's oldest running
   * transaction id, skipping those positively seen running in another database (they cannot write
   * here); one that finished since the snapshot is not seen at all and still holds the horizon.
   * Alongside, from the same snapshot: the newest transaction id written (`head`: visible rows at
   * or above the horizon are held back) and the last stable row (`tail`), which a filtered reader
   * may skip to once it has read everything below the horizon.
   */
  page(filter: EventFilter | undefined): Statement {
    const prefixes = (filter?.streamPrefixes?.length ?? 0) > 0;
    const types = (filter?.eventTypes?.length ?? 0) > 0;
    const conditions = [prefixes ? `AND e.stream_id LIKE ANY ($4::text[])` : '', types ? `AND e.event_type = ANY ($${prefixes ? 5 : 4}::text[])` : ''].join(
      ' ',
    );
    return {
      name: `${this.schema}.page.${prefixes ? 'p' : ''}${types ? 't' : ''}`,
      text: `WITH snap AS MATERIALIZED (
        SELECT pg_current_snapshot() AS s
      ), elsewhere AS MATERIALIZED (
        SELECT a.backend_xid FROM pg_stat_get_activity(NULL) a
         WHERE a.backend_xid IS NOT NULL
           AND a.datid IS DISTINCT FROM (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())
      ), h AS MATERIALIZED (
        SELECT coalesce((SELECT min(x) FROM snap, pg_snapshot_xip(snap.s) x
                          WHERE xid(x) NOT IN (SELECT w.backend_xid FROM elsewhere w)),
                        (SELECT pg_snapshot_xmax(snap.s) FROM snap)) AS horizon,
               (SELECT max(m.transaction_id) FROM ${this.table} m) AS head
      )
      SELECT h.horizon::text AS horizon, h.head::text AS head,
             t.transaction_id::text AS tail_transaction_id, t.global_position::text AS tail_global_position, p.*
        FROM h
        LEFT JOIN LATERAL (
          SELECT s.transaction_id, s.global_position FROM ${this.table} s
           WHERE s.transaction_id < h.horizon
           ORDER BY s.transaction_id DESC, s.global_position DESC LIMIT 1
        ) t ON true
        LEFT JOIN LATERAL (
          SELECT ${COLUMNS} FROM ${this.table} e
           WHERE (e.transaction_id, e.global_position) > ($1::xid8, $2::bigint)
             AND e.transaction_id < h.horizon ${conditions}
           ORDER BY e.transaction_id, e.global_position LIMIT $3
        ) p ON true
       ORDER BY p.transaction_id::xid8, p.global_position::bigint`,
    };
  }
}

export interface AppendRequest {
  readonly streamId: string;
  readonly events: NewEvent[];
  readonly kind: AppendKind;
  /** Only for the exact kind (`no_stream` is -1). */
  readonly exact: bigint | undefined;
}

/** The JSON document `appendCombined` reads. */
export function appendCombinedValues(requests: readonly AppendRequest[]): unknown[] {
  return [
    JSON.stringify(
      requests.map(({ streamId, events, kind, exact }) => ({
        stream_id: streamId,
        kind,
        expected: exact?.toString() ?? null,
        first_id: events[0].id,
        events: events.map(({ id, type, data, metadata }) => ({ id, type, data: data ?? null, metadata: metadata ?? {} })),
      })),
    ),
  ];
}

/** Values for `append(kind, events.length > 1)`; `expected` only for the exact kind. */
export function appendValues(streamId: string, events: NewEvent[], expected: bigint | undefined): unknown[] {
  const values: unknown[] =
    events.length === 1
      ? [streamId, events[0].id, events[0].type, JSON.stringify(events[0].data ?? null), JSON.stringify(events[0].metadata ?? {})]
      : [streamId, JSON.stringify(events.map(({ id, type, data, metadata }) => ({ id, type, data: data ?? null, metadata: metadata ?? {} })))];
  if (expected !== undefined) values.push(expected.toString());
  return values;
}

export function pageParams(cursor: Checkpoint, limit: number, filter: EventFilter | undefined): unknown[] {
  const params: unknown[] = [cursor.transactionId.toString(), cursor.globalPosition.toString(), limit];
  if (filter?.streamPrefixes?.length) params.push(filter.streamPrefixes.map(likePrefix));
  if (filter?.eventTypes?.length) params.push(filter.eventTypes);
  return params;
}

function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    type: row.event_type,
    streamId: row.stream_id,
    revision: BigInt(row.revision),
    // PostgreSQL prints both as canonical decimals: the same text encodeCheckpoint would build.
    position: `${row.transaction_id}:${row.global_position}`,
    data: row.data,
    metadata: row.metadata ?? {},
    createdAt: row.created_at,
  };
}

export function checkpointOf(row: { transaction_id: string; global_position: string }): Checkpoint {
  return { transactionId: BigInt(row.transaction_id), globalPosition: BigInt(row.global_position) };
}
