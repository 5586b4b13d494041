import type { PoolClient } from 'pg';
import type { CurrentRevision, ExpectedRevision, NewEvent, RecordedEvent } from '../event-store.port';
import { assertValidEvents } from '../append-validation';
import { assertValidExpectedRevision, expectedAsNumber } from '../expected-revision';
import { isRevisionTaken } from './postgres-errors';
import { appendCombinedValues, toRecordedEvent } from './postgres-statements';
import type { AppendKind, AppendRequest, AppendedRow, EventRow, PostgresStatements } from './postgres-statements';

/** One stream's part of a multi-stream append. */
export interface StreamAppend {
  readonly streamId: string;
  readonly events: NewEvent[];
  readonly expectedRevision: ExpectedRevision;
}

export type StreamAppendOutcome =
  | { readonly appended: true; readonly nextExpectedRevision: bigint; /** One per event, in order. */ readonly positions: readonly string[] }
  /** The stream was not where the append expected it (or, for `any`, already holds its first event). */
  | { readonly appended: false; readonly actual: CurrentRevision };

const SAVEPOINT = 'switchboard_append';

/** Thrown by an append without savepoint when a concurrent writer took a revision: the caller's transaction is aborted and must roll back. */
export class ConcurrentAppendError extends Error {
  constructor(cause: unknown) {
    super('a concurrent writer took a revision this append needed; the transaction is aborted', { cause });
    this.name = 'ConcurrentAppendError';
  }
}

export interface InTransactionAppendOptions {
  /**
   * false: no savepoint around the statement (two round trips fewer), for callers that roll back
   * and retry the whole transaction on any refusal: a concurrent writer's revision then throws
   * ConcurrentAppendError and aborts the transaction instead of being retried stream by stream.
   */
  readonly savepoint?: boolean;
}

/**
 * The PostgreSQL event store inside a transaction the caller owns: reads and appends to several
 * streams, so the caller's own rows (a ledger, a checkpoint) commit atomically with the events,
 * one statement and one commit for many streams. PostgreSQL only, outside the EventStore port on purpose: EventStoreDB appends
 * one stream at a time, and callers keep a per-stream path for it.
 *
 * Each stream's expected revision is checked on its own; a stream that fails its check appends
 * nothing and is reported, the others are appended. A concurrent writer taking a revision inside
 * the statement costs a retry stream by stream (under a savepoint, so the caller's transaction
 * survives). Call `committed()` after COMMIT so subscribers wake.
 */
export class PostgresInTransaction {
  constructor(
    private readonly statements: PostgresStatements,
    private readonly ready: () => Promise<void>,
    private readonly notify: () => void,
  ) {}

  /** Every event of each stream, in revision order; a stream that does not exist is absent. */
  async readStreams(tx: PoolClient, streamIds: readonly string[]): Promise<Map<string, RecordedEvent[]>> {
    if (streamIds.length === 0) return new Map();
    await this.ready();
    const { rows } = await tx.query<EventRow>({ ...this.statements.readStreams(), values: [[...new Set(streamIds)]] });
    return this.streamsOf(rows);
  }

  /**
   * `readStreams` as statement text with its stream ids written in (escaped by the driver), for a
   * caller that sends it together with its own statements in one simple query; `streamsOf` reads
   * its rows.
   */
  async readStreamsText(tx: PoolClient, streamIds: readonly string[]): Promise<string> {
    await this.ready();
    const ids = `ARRAY[${[...new Set(streamIds)].map((id) => tx.escapeLiteral(id)).join(',')}]::text[]`;
    return this.statements.readStreams().text.replace('$1::text[]', ids);
  }

  streamsOf(rows: readonly unknown[]): Map<string, RecordedEvent[]> {
    const streams = new Map<string, RecordedEvent[]>();
    for (const row of rows as readonly EventRow[]) {
      const event = toRecordedEvent(row);
      const list = streams.get(event.streamId);
      if (list) list.push(event);
      else streams.set(event.streamId, [event]);
    }
    return streams;
  }

  async append(tx: PoolClient, appends: readonly StreamAppend[], options: InTransactionAppendOptions = {}): Promise<StreamAppendOutcome[]> {
    if (appends.length === 0) return [];
    const requests = appends.map(toRequest);
    const streams = new Set(requests.map((r) => r.streamId));
    if (streams.size !== requests.length) throw new RangeError('A multi-stream append takes each stream once');
    await this.ready();
    if (options.savepoint === false) {
      let appended;
      try {
        appended = await tx.query<AppendedRow & { stream_id: string }>({ ...this.statements.appendCombined(), values: appendCombinedValues(requests) });
      } catch (error) {
        throw isRevisionTaken(error) ? new ConcurrentAppendError(error) : error;
      }
      return this.outcomes(tx, requests, appended.rows);
    }
    await tx.query(`SAVEPOINT ${SAVEPOINT}`);
    let rows: (AppendedRow & { stream_id: string })[];
    try {
      ({ rows } = await tx.query<AppendedRow & { stream_id: string }>({ ...this.statements.appendCombined(), values: appendCombinedValues(requests) }));
      await tx.query(`RELEASE SAVEPOINT ${SAVEPOINT}`);
    } catch (error) {
      await tx.query(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`);
      if (!isRevisionTaken(error)) throw error;
      return this.oneByOne(tx, requests);
    }
    return this.outcomes(tx, requests, rows);
  }

  /** After the caller's COMMIT: wakes subscribers here and in other processes. */
  committed(): void {
    this.notify();
  }

  private async oneByOne(tx: PoolClient, requests: readonly AppendRequest[]): Promise<StreamAppendOutcome[]> {
    const rows: (AppendedRow & { stream_id: string })[] = [];
    for (const request of requests) {
      await tx.query(`SAVEPOINT ${SAVEPOINT}`);
      try {
        const result = await tx.query<AppendedRow & { stream_id: string }>({ ...this.statements.appendCombined(), values: appendCombinedValues([request]) });
        rows.push(...result.rows);
        await tx.query(`RELEASE SAVEPOINT ${SAVEPOINT}`);
      } catch (error) {
        await tx.query(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`);
        if (!isRevisionTaken(error)) throw error;
      }
    }
    return this.outcomes(tx, requests, rows);
  }

  private async outcomes(
    tx: PoolClient,
    requests: readonly AppendRequest[],
    rows: readonly (AppendedRow & { stream_id: string })[],
  ): Promise<StreamAppendOutcome[]> {
    const byStream = new Map<string, AppendedRow[]>();
    for (const row of rows) {
      const list = byStream.get(row.stream_id);
      if (list) list.push(row);
      else byStream.set(row.stream_id, [row]);
    }
    const refused = requests.filter((r) => !byStream.has(r.streamId)).map((r) => r.streamId);
    const heads = new Map<string, bigint>();
    if (refused.length > 0) {
      const { rows: found } = await tx.query<{ stream_id: string; head: string }>({ ...this.statements.heads(), values: [refused] });
      for (const row of found) heads.set(row.stream_id, BigInt(row.head));
    }
    return requests.map((request): StreamAppendOutcome => {
      const appended = byStream.get(request.streamId);
      if (!appended) {
        const head = heads.get(request.streamId);
        return { appended: false, actual: head === undefined ? 'no_stream' : head };
      }
      const sorted = [...appended].sort((a, b) => (BigInt(a.revision) < BigInt(b.revision) ? -1 : 1));
      return {
        appended: true,
        nextExpectedRevision: BigInt(sorted[sorted.length - 1].revision),
        positions: sorted.map((row) => `${row.transaction_id}:${row.global_position}`),
      };
    });
  }
}

function toRequest(append: StreamAppend): AppendRequest {
  assertValidExpectedRevision(append.expectedRevision);
  assertValidEvents(append.events);
  const exact = expectedAsNumber(append.expectedRevision);
  const kind: AppendKind = exact === undefined ? (append.expectedRevision as 'any' | 'stream_exists') : 'exact';
  return { streamId: append.streamId, events: append.events, kind, exact };
}
