import type { Pool } from 'pg';
import type { EventFilter, RecordedEvent } from '../event-store.port';
import type { Checkpoint } from './postgres-checkpoint';
import { checkpointOf, pageParams, toRecordedEvent } from './postgres-statements';
import type { EventRow, PageRow, PostgresStatements } from './postgres-statements';

export interface Page {
  readonly events: RecordedEvent[];
  /** Checkpoint of the last event in the page. */
  readonly last: Checkpoint | undefined;
  /** The last stable row, matching the filter or not. */
  readonly tail: Checkpoint | undefined;
  /** Oldest transaction running in this database when the page was read: every row below it is final. */
  readonly horizon: bigint;
  /** Newest transaction id with a visible row, if any. */
  readonly head: bigint | undefined;
  /** Visible rows exist that are not stable yet (their transaction is newer than one still running). */
  readonly heldBack: boolean;
}

export class PostgresPageReader {
  constructor(
    private readonly pool: Pool,
    private readonly statements: PostgresStatements,
  ) {}

  async readPage(cursor: Checkpoint, limit: number, filter: EventFilter | undefined): Promise<Page> {
    const { rows } = await this.pool.query<PageRow>({
      ...this.statements.page(filter),
      values: pageParams(cursor, limit, filter),
    });
    const meta = rows[0];
    const eventRows = rows.filter(isEventRow);
    const lastRow = eventRows.at(-1);
    const horizon = BigInt(meta.horizon);
    const head = meta.head === null ? undefined : BigInt(meta.head);
    return {
      events: eventRows.map(toRecordedEvent),
      last: lastRow && checkpointOf(lastRow),
      tail:
        meta.tail_transaction_id === null || meta.tail_global_position === null
          ? undefined
          : checkpointOf({ transaction_id: meta.tail_transaction_id, global_position: meta.tail_global_position }),
      horizon,
      head,
      heldBack: head !== undefined && head >= horizon,
    };
  }
}

function isEventRow(row: PageRow | undefined): row is PageRow & EventRow {
  return row !== undefined && typeof row.event_id === 'string';
}
