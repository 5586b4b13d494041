import type { EventFilter, EventStore, Subscription } from '@switchboard/eventstore';
import { AnalyticsTables } from '../clickhouse/analytics-tables';
import { ClickHouseDatabase, parseClickHouseUrl } from '../clickhouse/clickhouse-database';
import { applySchema, readSchemaFiles } from '../clickhouse/clickhouse-schema';
import { AnalyticsProjection, INCIDENT_STREAM_PREFIX, REQUEST_STREAM_PREFIX } from '../projection/analytics.projection';
import { OperatorSync } from '../reference/operator-sync';
import type { OperatorDirectory } from '../reference/operator-sync';
import { ReferenceDataSync } from '../reference/reference-data-sync';
import type { ServiceCatalogue, SlaTarget } from '../reference/reference-data-sync';
import { ProjectionPump } from './projection-pump';
import type { ProjectionLagObserver, ProjectorLogger } from './projector-ports';

export const ANALYTICS_PROJECTION = 'analytics';

/** Only request and incident streams feed the analytics tables. */
export const analyticsEventFilter: EventFilter = { streamPrefixes: [REQUEST_STREAM_PREFIX, INCIDENT_STREAM_PREFIX] };

export interface ClickHouseProjectorOptions {
  readonly store: EventStore;
  /** `CLICKHOUSE_URL`; a path names the database (default `switchboard`). */
  readonly clickhouseUrl: string;
  /** Overrides the database of the URL. */
  readonly database?: string;
  /** Flush at this many rows (default 5,000)... */
  readonly flushRows?: number;
  /** ...or when the oldest pending event waited this long (default 1,000 ms), whichever first. */
  readonly flushIntervalMs?: number;
  /** Resolves operator ids to Keycloak usernames for the personal board. */
  readonly directory?: OperatorDirectory;
  /** Service and work-group names for the dashboards. */
  readonly catalogue?: ServiceCatalogue;
  /** Written at every start when given; otherwise `sla_targets` is left as managers set it. */
  readonly slaTargets?: readonly SlaTarget[];
  /** How often service names are copied again (default 5 minutes). */
  readonly referenceRefreshMs?: number;
  readonly lag?: ProjectionLagObserver;
  readonly logger?: ProjectorLogger;
  /** Directory of the numbered DDL files (default deploy/clickhouse). */
  readonly schemaDir?: string;
}

export interface ClickHouseProjectorStatus {
  readonly running: boolean;
  /** Events in ClickHouse (checkpointed) since the projection was built. */
  readonly events: number;
  readonly position: string | undefined;
  /** Idle with everything it has read in ClickHouse. */
  readonly settled: boolean;
  readonly lastError: string | undefined;
}

const MAX_BACKOFF_MS = 30_000;

/**
 * The ClickHouse analytics projection as a long-running process, free of Nest: `start()` applies
 * the schema and follows the event store from the checkpoint; `stop()` writes what it holds and
 * returns. A failure (ClickHouse down, a bad write) drops what memory holds and starts again from
 * the checkpoint, with backoff; re-inserted rows are absorbed by the tables' keys.
 */
export class ClickHouseProjector {
  private readonly database: ClickHouseDatabase;
  private readonly tables: AnalyticsTables;
  private readonly projection: AnalyticsProjection;
  private readonly reference: ReferenceDataSync;
  private readonly operators: OperatorSync | undefined;
  private subscription: Subscription | undefined;
  private pump: ProjectionPump | undefined;
  private loop: Promise<void> | undefined;
  private stopping = false;
  private wakeUp: (() => void) | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;
  private schemaApplied = false;
  private lastError: string | undefined;

  constructor(private readonly options: ClickHouseProjectorOptions) {
    this.database = ClickHouseDatabase.open(parseClickHouseUrl(options.clickhouseUrl, options.database));
    this.tables = new AnalyticsTables(this.database);
    this.projection = new AnalyticsProjection(this.tables);
    this.reference = new ReferenceDataSync(this.database, options.catalogue);
    this.operators = options.directory ? new OperatorSync(this.database, options.directory, options.logger) : undefined;
  }

  /** Resolves once the first attempt to set up ClickHouse is over; projecting goes on in the background. */
  async start(): Promise<void> {
    if (this.loop) return;
    this.stopping = false;
    let firstAttempt!: () => void;
    const attempted = new Promise<void>((resolve) => (firstAttempt = resolve));
    this.loop = this.supervise(firstAttempt);
    await attempted;
    this.refreshTimer = setInterval(() => void this.refreshReferenceData(), this.options.referenceRefreshMs ?? 300_000);
    this.refreshTimer.unref();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.refreshTimer);
    this.wakeUp?.();
    await this.subscription?.stop();
    await this.loop;
    this.loop = undefined;
    await this.database.close();
  }

  status(): ClickHouseProjectorStatus {
    return {
      running: this.loop !== undefined && !this.stopping,
      events: this.pump?.events ?? 0,
      position: this.pump?.position,
      settled: this.pump?.settled ?? false,
      lastError: this.lastError,
    };
  }

  private async supervise(firstAttempt: () => void): Promise<void> {
    let backoff = 1_000;
    while (!this.stopping) {
      try {
        await this.runOnce(firstAttempt);
        backoff = 1_000;
      } catch (error) {
        firstAttempt();
        this.lastError = error instanceof Error ? error.message : String(error);
        this.options.logger?.error(`ClickHouse projection failed, restarting from its checkpoint in ${backoff / 1000} s: ${this.lastError}`);
        await this.subscription?.stop().catch(() => undefined);
        this.projection.reset();
        await this.pause(backoff);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    }
  }

  private async runOnce(firstAttempt: () => void): Promise<void> {
    if (!this.schemaApplied) {
      const applied = await applySchema(this.database, readSchemaFiles(this.options.schemaDir));
      if (applied.length > 0) this.options.logger?.log(`ClickHouse schema applied: ${applied.join(', ')}`);
      this.schemaApplied = true;
      if (this.options.slaTargets?.length) await this.reference.writeSlaTargets(this.options.slaTargets);
    }
    await this.refreshReferenceData();
    const checkpoint = await this.tables.readCheckpoint(ANALYTICS_PROJECTION);
    const { operators } = this;
    const { lag } = this.options;
    const pump = new ProjectionPump(this.projection, this.tables, {
      name: ANALYTICS_PROJECTION,
      flushRows: this.options.flushRows ?? 5_000,
      flushIntervalMs: this.options.flushIntervalMs ?? 1_000,
      chunkSize: 1_000,
      idleWaitMs: 1_000,
      eventsBefore: checkpoint?.events ?? 0,
      afterWrite: operators ? (batch) => operators.sync(batch.userIds) : undefined,
      onLag: lag ? (current) => lag.observe(ANALYTICS_PROJECTION, current) : undefined,
    });
    this.pump = pump;
    if (this.stopping) return;
    this.subscription = this.options.store.subscribeToAll({ from: checkpoint?.position, filter: analyticsEventFilter });
    this.lastError = undefined;
    firstAttempt();
    this.options.logger?.log(`ClickHouse projection following the event store from ${checkpoint ? `event ${checkpoint.events}` : 'the start'} into ${this.database.name}`);
    await pump.run(this.subscription);
  }

  private async refreshReferenceData(): Promise<void> {
    try {
      await this.reference.syncServices();
    } catch (error) {
      this.options.logger?.warn(`service names not copied to ClickHouse: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
    });
  }
}
