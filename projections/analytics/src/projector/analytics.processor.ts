import type { EventFilter, RecordedEvent } from '@switchboard/eventstore';
import type { FailurePolicy, ProcessorDefinition, ProcessorLogger, ProcessorTenure } from '@switchboard/eventstore/processing';
import { errorMessage } from '@switchboard/kernel';
import { AnalyticsTables } from '../clickhouse/analytics-tables';
import { ClickHouseDatabase, parseClickHouseUrl } from '../clickhouse/clickhouse-database';
import { applySchema, readSchemaFiles } from '../clickhouse/clickhouse-schema';
import { PASS_STREAM_PREFIX } from '@switchboard/security-desk/domain';
import { AnalyticsProjection, INCIDENT_STREAM_PREFIX, REQUEST_STREAM_PREFIX } from '../projection/analytics.projection';
import { SURVEY_STREAM_PREFIX } from '../projection/survey-fact.projection';
import { OperatorSync } from '../reference/operator-sync';
import type { OperatorDirectory } from '../reference/operator-sync';
import { ReferenceDataSync } from '../reference/reference-data-sync';
import type { ServiceCatalogue, SlaTarget } from '../reference/reference-data-sync';

export const ANALYTICS_PROJECTION = 'analytics';

/** Request, incident, survey and pass streams feed the analytics tables. */
export const analyticsEventFilter: EventFilter = { streamPrefixes: [REQUEST_STREAM_PREFIX, INCIDENT_STREAM_PREFIX, SURVEY_STREAM_PREFIX, PASS_STREAM_PREFIX] };

/** Like a read model: a failing write is retried for hours (the lag alert firing) before an event is parked. */
export const analyticsFailurePolicy: FailurePolicy = { baseMs: 1_000, maxMs: 30_000, maxAttempts: 1_000 };

export interface AnalyticsProcessorOptions {
  /** `CLICKHOUSE_URL`; a path names the database (default `switchboard`). */
  readonly clickhouseUrl: string;
  /** Overrides the database of the URL. */
  readonly database?: string;
  /** Insert at this many events (default 5,000)... */
  readonly flushEvents?: number;
  /** ...or this long after the first event of the batch (default 1,000 ms), whichever first. */
  readonly flushIntervalMs?: number;
  /** Resolves operator ids to Keycloak usernames for the personal board. */
  readonly directory?: OperatorDirectory;
  /** Service and work-group names for the dashboards. */
  readonly catalogue?: ServiceCatalogue;
  /** Written at every start when given; otherwise `sla_targets` is left as managers set it. */
  readonly slaTargets?: readonly SlaTarget[];
  /** How often service names are copied again while active (default 5 minutes). */
  readonly referenceRefreshMs?: number;
  readonly logger?: ProcessorLogger;
  /** Directory of the numbered DDL files (default deploy/clickhouse). */
  readonly schemaDir?: string;
  readonly failure?: Partial<FailurePolicy>;
}

/**
 * The ClickHouse analytics projection on the processing backbone (an external handler): each
 * batch is folded into facts and derived rows and inserted, derived tables first and facts last;
 * the checkpoint (in PostgreSQL) moves once the inserts are acknowledged. A batch replayed after
 * a crash collapses under the tables' keys, and each fact remembers the stream revision it has
 * applied. A failed write drops what memory holds, so the retry starts from what ClickHouse has.
 */
export class AnalyticsProcessor {
  private readonly database: ClickHouseDatabase;
  private readonly tables: AnalyticsTables;
  private readonly projection: AnalyticsProjection;
  private readonly reference: ReferenceDataSync;
  private readonly operators: OperatorSync | undefined;
  private schemaApplied = false;

  constructor(private readonly options: AnalyticsProcessorOptions) {
    this.database = ClickHouseDatabase.open(parseClickHouseUrl(options.clickhouseUrl, options.database));
    this.tables = new AnalyticsTables(this.database);
    this.projection = new AnalyticsProjection(this.tables);
    this.reference = new ReferenceDataSync(this.database, options.catalogue);
    this.operators = options.directory ? new OperatorSync(this.database, options.directory, options.logger) : undefined;
  }

  get databaseName(): string {
    return this.database.name;
  }

  processor(): ProcessorDefinition {
    const interval = this.options.flushIntervalMs ?? 1_000;
    return {
      name: ANALYTICS_PROJECTION,
      filter: analyticsEventFilter,
      batch: { maxEvents: this.options.flushEvents ?? 5_000, maxWaitMs: interval, lingerMs: interval },
      failure: { ...analyticsFailurePolicy, ...this.options.failure },
      handler: { kind: 'external', handle: (events) => this.write(events) },
      prepare: (tenure) => this.prepare(tenure),
      initialPosition: () => this.legacyCheckpoint(),
      close: () => this.database.close(),
    };
  }

  private async prepare(tenure: ProcessorTenure): Promise<void> {
    if (!this.schemaApplied) {
      const applied = await applySchema(this.database, readSchemaFiles(this.options.schemaDir));
      if (applied.length > 0) this.options.logger?.log(`ClickHouse schema applied: ${applied.join(', ')}`);
      if (this.options.slaTargets?.length) await this.reference.writeSlaTargets(this.options.slaTargets);
      this.schemaApplied = true;
    }
    // What memory holds may be older than ClickHouse if another instance ran meanwhile.
    this.projection.reset();
    await this.refreshReferenceData();
    const timer = setInterval(() => void this.refreshReferenceData(), this.options.referenceRefreshMs ?? 300_000);
    timer.unref();
    tenure.signal.addEventListener('abort', () => clearInterval(timer), { once: true });
  }

  private async write(events: readonly RecordedEvent[]): Promise<void> {
    try {
      await this.projection.apply(events);
      this.projection.trimCache();
      const batch = this.projection.takeBatch();
      await this.tables.writeBatch(batch);
      await this.operators?.sync(batch.userIds);
    } catch (error) {
      this.projection.reset();
      throw error;
    }
  }

  /** The checkpoint ClickHouse kept before it moved to PostgreSQL: where a processor without a row starts. */
  private async legacyCheckpoint(): Promise<{ position: string; events: number } | undefined> {
    const checkpoint = await this.tables.readCheckpoint(ANALYTICS_PROJECTION);
    if (checkpoint) this.options.logger?.log(`imported the ClickHouse checkpoint of ${ANALYTICS_PROJECTION} (${checkpoint.events} events)`);
    return checkpoint;
  }

  private async refreshReferenceData(): Promise<void> {
    try {
      await this.reference.syncServices();
    } catch (error) {
      this.options.logger?.warn(`service names not copied to ClickHouse: ${errorMessage(error)}`);
    }
  }
}
