import type { AnalyticsTables } from '../clickhouse/analytics-tables';
import type { AnalyticsBatch } from '../projection/analytics-batch';
import type { AnalyticsProjection } from '../projection/analytics.projection';
import { EventChunks } from './event-chunks';
import type { EventSource } from './event-chunks';

export interface PumpOptions {
  /** Flush once the batch holds this many rows... */
  readonly flushRows: number;
  /** ...or once its first event is this old, whichever comes first. */
  readonly flushIntervalMs: number;
  /** Events folded per step (and per fact lookup). */
  readonly chunkSize: number;
  /** How long to wait for an event when nothing is pending. */
  readonly idleWaitMs: number;
  /** Events already projected when the pump starts. */
  readonly eventsBefore: number;
  /** After a batch's rows are in: the operators table. Must not throw. */
  afterWrite?(batch: AnalyticsBatch): Promise<void>;
  onFlushed?(events: number, position: string | undefined): void;
}

/**
 * Moves a finite source of events (readAll, for a rebuild) into the analytics tables at full
 * speed: one batch is written while the next is being folded. The live projection runs on the
 * processing backbone instead (AnalyticsProcessor).
 */
export class ProjectionPump {
  private inFlight: Promise<void> = Promise.resolve();
  private durable: { events: number; position: string | undefined };

  constructor(
    private readonly projection: AnalyticsProjection,
    private readonly tables: AnalyticsTables,
    private readonly options: PumpOptions,
  ) {
    this.durable = { events: options.eventsBefore, position: undefined };
  }

  get events(): number {
    return this.durable.events;
  }

  get position(): string | undefined {
    return this.durable.position;
  }

  /** Runs until the source ends; everything read is in ClickHouse when it resolves. */
  async run(source: EventSource): Promise<void> {
    const chunks = new EventChunks(source);
    for (;;) {
      const pending = this.projection.batch;
      const waitMs = pending.isEmpty ? this.options.idleWaitMs : Math.max(0, (pending.openedAt ?? 0) + this.options.flushIntervalMs - performance.now());
      const chunk = await chunks.take(Math.min(this.options.chunkSize, this.options.flushRows), waitMs);
      if (chunk.events.length > 0) {
        await this.projection.apply(chunk.events);
      } else if (!chunk.ended) {
        // A write that failed while nothing else was happening must not go unnoticed.
        await this.inFlight;
      }
      const batch = this.projection.batch;
      const due = batch.rows >= this.options.flushRows || performance.now() - (batch.openedAt ?? Infinity) >= this.options.flushIntervalMs;
      if (!batch.isEmpty && (due || chunk.ended)) await this.flush();
      if (chunk.ended) {
        await this.inFlight;
        return;
      }
    }
  }

  private async flush(): Promise<void> {
    await this.inFlight;
    this.projection.trimCache();
    const batch = this.projection.takeBatch();
    this.inFlight = this.write(batch);
    // Surfaced by the next `await this.inFlight`; not an unhandled rejection meanwhile.
    this.inFlight.catch(() => undefined);
  }

  private async write(batch: AnalyticsBatch): Promise<void> {
    await this.tables.writeBatch(batch);
    await this.options.afterWrite?.(batch);
    const events = this.durable.events + batch.events;
    this.durable = { events, position: batch.lastPosition ?? this.durable.position };
    this.options.onFlushed?.(events, batch.lastPosition);
  }
}
