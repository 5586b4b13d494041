import type { Pool } from 'pg';
import { appendCombinedValues, appendValues } from './postgres-statements';
import type { AppendRequest, AppendedRow, PostgresStatements } from './postgres-statements';

interface Queued {
  readonly request: AppendRequest;
  resolve(rows: AppendedRow[]): void;
  reject(error: unknown): void;
}

/**
 * Sends appends to PostgreSQL, at most `maxInFlight` statements at a time. Appends that queue
 * up behind them meanwhile leave together, as one statement and one commit (group commit: a
 * commit costs a WAL flush, a combined one costs one flush for all). At most one append per
 * stream goes in a combined statement. If a combined statement fails (a race with another
 * process on the unique key, bad data in one request), each of its appends is retried alone,
 * so one append's failure is never another's.
 */
export class PostgresAppendWriter {
  private queue: Queued[] = [];
  private inFlight = 0;

  constructor(
    private readonly pool: Pool,
    private readonly statements: PostgresStatements,
    private readonly maxInFlight: number,
    private readonly maxCombined: number,
  ) {}

  /** The rows inserted for this append: none when its expected-revision check failed. */
  write(request: AppendRequest): Promise<AppendedRow[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const batch = this.takeBatch();
      this.inFlight += 1;
      void this.send(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private takeBatch(): Queued[] {
    const streams = new Set<string>();
    const batch: Queued[] = [];
    const rest: Queued[] = [];
    for (const queued of this.queue) {
      if (batch.length < this.maxCombined && !streams.has(queued.request.streamId)) {
        streams.add(queued.request.streamId);
        batch.push(queued);
      } else {
        rest.push(queued);
      }
    }
    this.queue = rest;
    return batch;
  }

  private async send(batch: Queued[]): Promise<void> {
    if (batch.length === 1) return this.sendAlone(batch[0]);
    let rows: (AppendedRow & { stream_id: string })[];
    try {
      ({ rows } = await this.pool.query<AppendedRow & { stream_id: string }>({
        ...this.statements.appendCombined(),
        values: appendCombinedValues(batch.map((q) => q.request)),
      }));
    } catch {
      await Promise.all(batch.map((queued) => this.sendAlone(queued)));
      return;
    }
    const byStream = new Map<string, AppendedRow[]>();
    for (const row of rows) {
      const list = byStream.get(row.stream_id);
      if (list) list.push(row);
      else byStream.set(row.stream_id, [row]);
    }
    for (const queued of batch) queued.resolve(byStream.get(queued.request.streamId) ?? []);
  }

  private async sendAlone({ request, resolve, reject }: Queued): Promise<void> {
    try {
      const { rows } = await this.pool.query<AppendedRow>({
        ...this.statements.append(request.kind, request.events.length > 1),
        values: appendValues(request.streamId, request.events, request.exact),
      });
      resolve(rows);
    } catch (error) {
      reject(error);
    }
  }
}
