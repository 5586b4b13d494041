import type { AnalyticsTables } from '../clickhouse/analytics-tables';
import type { AnalyticsBatch } from '../projection/analytics-batch';
import type { AnalyticsProjection } from '../projection/analytics.projection';
import { EventChunks } from './event-chunks';
import type { EventSource } from './event-chunks';
import type { ProjectionLag } from './projector-ports';

export interface PumpOptions {
  /** Checkpoint name in `projection_checkpoints`. */
  readonly name: string;
  /** Flush once the batch holds this many rows... */
  readonly flushRows: number;
  /** ...or once its first event is this old, whichever comes first. */
  readonly flushIntervalMs: number;
  /** Events folded per step (and per fact lookup). */
  readonly chunkSize: number;
  /** How long to wait for an event when nothing is pending, before reporting the lag again. */
  readonly idleWaitMs: number;
  /** Events already projected when the pump starts (from the checkpoint). */
  readonly eventsBefore: number;
  /** After a batch's rows are in and before its checkpoint: the operators table. Must not throw. */
  afterWrite?(batch: AnalyticsBatch): Promise<void>;
  onFlushed?(events: number, position: string | undefined): void;
  onLag?(lag: ProjectionLag): void;
}

/**
 * Moves events from a source (a live subscription, or readAll for a rebuild) into the analytics
 * tables. One batch is written while the next is being folded; the checkpoint follows a batch's
 * rows, so a crash re-inserts at most the batch that was in flight.
 */
export class ProjectionPump {
  private inFlight: Promise<void> = Promise.resolve();
  private inFlightEvents = 0;
  private inFlightFirstCreatedAt: Date | undefined;
  private durable: { events: number; position: string | undefined; lastCreatedAt: Date | undefined };
  private idle = false;

  constructor(
    private readonly projection: AnalyticsProjection,
    private readonly tables: AnalyticsTables,
    private readonly options: PumpOptions,
  ) {
    this.durable = { events: options.eventsBefore, position: undefined, lastCreatedAt: undefined };
  }

  get events(): number {
    return this.durable.events;
  }

  get position(): string | undefined {
    return this.durable.position;
  }

  /** Idle (no event within idleWaitMs) with every event read so far in ClickHouse. */
  get settled(): boolean {
    return this.idle && this.projection.batch.isEmpty && this.inFlightEvents === 0;
  }

  /** Runs until the source ends; everything read is in ClickHouse when it resolves. */
  async run(source: EventSource): Promise<void> {
    const chunks = new EventChunks(source);
    for (;;) {
      const pending = this.projection.batch;
      const waitMs = pending.isEmpty ? this.options.idleWaitMs : Math.max(0, (pending.openedAt ?? 0) + this.options.flushIntervalMs - performance.now());
      const chunk = await chunks.take(Math.min(this.options.chunkSize, this.options.flushRows), waitMs);
      if (chunk.events.length > 0) {
        this.idle = false;
        await this.projection.apply(chunk.events);
      } else if (!chunk.ended) {
        this.idle = true;
        // A write that failed while nothing else was happening must not go unnoticed.
        await this.inFlight;
      }
      const batch = this.projection.batch;
      const due = batch.rows >= this.options.flushRows || performance.now() - (batch.openedAt ?? Infinity) >= this.options.flushIntervalMs;
      if (!batch.isEmpty && (due || chunk.ended)) await this.flush();
      this.reportLag();
      if (chunk.ended) {
        await this.inFlight;
        this.reportLag();
        return;
      }
    }
  }

  private async flush(): Promise<void> {
    await this.inFlight;
    this.projection.trimCache();
    const batch = this.projection.takeBatch();
    this.inFlightEvents = batch.events;
    this.inFlightFirstCreatedAt = batch.firstEventCreatedAt;
    this.inFlight = this.write(batch);
    // Surfaced by the next `await this.inFlight`; not an unhandled rejection meanwhile.
    this.inFlight.catch(() => undefined);
  }

  private async write(batch: AnalyticsBatch): Promise<void> {
    await this.tables.writeBatch(batch);
    await this.options.afterWrite?.(batch);
    const events = this.durable.events + batch.events;
    if (batch.lastPosition !== undefined) await this.tables.writeCheckpoint(this.options.name, { position: batch.lastPosition, events });
    this.durable = { events, position: batch.lastPosition, lastCreatedAt: batch.lastEventCreatedAt };
    this.inFlightEvents = 0;
    this.reportLag();
    this.options.onFlushed?.(events, batch.lastPosition);
  }

  private reportLag(): void {
    if (!this.options.onLag) return;
    const pending = this.projection.batch;
    const events = pending.events + this.inFlightEvents;
    const oldest = events > 0 ? (this.inFlightEvents > 0 ? this.inFlightFirstCreatedAt : pending.firstEventCreatedAt) : this.idle ? undefined : this.durable.lastCreatedAt;
    const seconds = oldest ? Math.max(0, (Date.now() - oldest.getTime()) / 1000) : 0;
    this.options.onLag({ events, seconds });
  }
}
