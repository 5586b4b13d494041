import type { Pool } from 'pg';
import type { EventStore } from '@switchboard/eventstore';
import { advanceCheckpointTo } from '@switchboard/eventstore/processing';
import { AnalyticsTables } from '../clickhouse/analytics-tables';
import { ClickHouseDatabase, parseClickHouseUrl } from '../clickhouse/clickhouse-database';
import { applySchema, projectedTables, readSchemaFiles, referenceTables } from '../clickhouse/clickhouse-schema';
import { identifier, raw, sql } from '../clickhouse/sql';
import { AnalyticsProjection } from '../projection/analytics.projection';
import type { FactSource } from '../projection/analytics.projection';
import { OperatorSync } from '../reference/operator-sync';
import type { OperatorDirectory } from '../reference/operator-sync';
import { ReferenceDataSync } from '../reference/reference-data-sync';
import type { ServiceCatalogue } from '../reference/reference-data-sync';
import { ANALYTICS_PROJECTION } from './analytics.processor';
import { ProjectionPump } from './projection-pump';
import { readAhead } from './read-ahead';

const READ_AHEAD = 20_000;
// The rebuild reads the whole store unfiltered: the PostgreSQL adapter's stream-prefix filter
// halves its read rate, and events of other streams cost the fold nothing (they are skipped).

export interface RebuildProgress {
  readonly phase: 'projecting' | 'optimising' | 'swapping' | 'catching-up' | 'done';
  /** Events projected so far. */
  readonly events: number;
  /** When the caller knows how many events the store holds (for a bar); else undefined. */
  readonly total: number | undefined;
}

export interface RebuildClickHouseOptions {
  readonly store: EventStore;
  readonly clickhouseUrl: string;
  readonly database?: string;
  readonly onProgress?: (progress: RebuildProgress) => void;
  /** Events in the store, if the caller can count them cheaply; only passed on to onProgress. */
  readonly total?: number;
  readonly directory?: OperatorDirectory;
  readonly catalogue?: ServiceCatalogue;
  readonly schemaDir?: string;
  /** Rows per insert (default 50,000). */
  readonly flushRows?: number;
  /** The processors' checkpoint table: the live analytics processor's checkpoint is moved forward to the rebuilt position. */
  readonly checkpoints?: Pool;
}

export interface RebuildResult {
  readonly events: number;
  readonly position: string | undefined;
  readonly durationMs: number;
  /** Time spent reading, folding and inserting, before OPTIMIZE and the swap. */
  readonly projectMs: number;
}

/**
 * `switchboard projections rebuild clickhouse`: builds every analytics table anew from the event
 * store in a shadow database beside the live one, then swaps the tables in with one RENAME, so
 * dashboards never see a half-built table. Reference tables (services, operators, SLA targets set
 * by managers) are copied over, not recomputed. Events appended while it ran are projected after
 * the swap, so a projector that kept running meanwhile loses nothing either. Given `checkpoints`,
 * the analytics processor's checkpoint then moves forward to the rebuilt position (never back):
 * a processor that was behind carries on from there instead of replaying what is rebuilt.
 */
export async function rebuildClickHouse(options: RebuildClickHouseOptions): Promise<RebuildResult> {
  const started = performance.now();
  const live = ClickHouseDatabase.open(parseClickHouseUrl(options.clickhouseUrl, options.database));
  const shadow = live.sibling(`${live.name}_rebuild`);
  const retired = live.sibling(`${live.name}_retired`);
  const report = (phase: RebuildProgress['phase'], events: number) => options.onProgress?.({ phase, events, total: options.total });
  try {
    await shadow.drop();
    await retired.drop();
    const files = readSchemaFiles(options.schemaDir);
    await applySchema(live, files);
    await applySchema(shadow, files);
    await copyReferenceTables(live, shadow);
    await new ReferenceDataSync(shadow, options.catalogue).syncServices();

    // Facts the cache let go of are read back from wherever the tables are: shadow, then live.
    let factTables = new AnalyticsTables(shadow);
    const facts: FactSource = { requestFacts: (ids) => factTables.requestFacts(ids), incidentFacts: (ids) => factTables.incidentFacts(ids) };
    const projection = new AnalyticsProjection(facts, 1_000_000);
    const operators = options.directory ? new OperatorSync(shadow, options.directory) : undefined;
    const flushRows = options.flushRows ?? 50_000;
    const pumpOptions = {
      flushRows,
      flushIntervalMs: 5_000,
      chunkSize: Math.min(5_000, flushRows),
      idleWaitMs: 1_000,
      afterWrite: operators ? (batch: { userIds: Set<string> }) => operators.sync(batch.userIds) : undefined,
      onFlushed: (events: number) => report('projecting', events),
    };
    report('projecting', 0);
    const build = new ProjectionPump(projection, new AnalyticsTables(shadow), { ...pumpOptions, eventsBefore: 0 });
    await build.run(readAhead(options.store.readAll(), READ_AHEAD, pumpOptions.chunkSize));
    const projectMs = performance.now() - started;

    report('optimising', build.events);
    // Merged parts make FINAL cheap for the dashboards from the first query on.
    await Promise.all(projectedTables.map((table) => shadow.exec(sql`OPTIMIZE TABLE ${identifier(table)} FINAL`)));

    report('swapping', build.events);
    await swapIn(live, shadow, retired);
    factTables = new AnalyticsTables(live);

    report('catching-up', build.events);
    const catchUp = new ProjectionPump(projection, new AnalyticsTables(live), { ...pumpOptions, eventsBefore: build.events });
    const from = build.position;
    await catchUp.run(readAhead(options.store.readAll(from ? { from } : {}), READ_AHEAD, pumpOptions.chunkSize));

    await retired.drop();
    await shadow.drop();
    const position = catchUp.position ?? from;
    if (options.checkpoints && position) await advanceCheckpointTo(options.checkpoints, ANALYTICS_PROJECTION, position, catchUp.events);
    report('done', catchUp.events);
    return { events: catchUp.events, position, durationMs: performance.now() - started, projectMs };
  } finally {
    await Promise.all([live.close(), shadow.close(), retired.close()]);
  }
}

async function tablesOf(database: ClickHouseDatabase): Promise<string[]> {
  const rows = await database.rows<{ name: string }>(sql`SELECT name FROM system.tables WHERE database = ${database.name}`);
  return rows.map((r) => r.name);
}

async function copyReferenceTables(from: ClickHouseDatabase, to: ClickHouseDatabase): Promise<void> {
  for (const table of referenceTables) {
    const columns = await from.rows<{ name: string }>(
      sql`SELECT name FROM system.columns WHERE database = ${from.name} AND table = ${table} AND name IN (SELECT name FROM system.columns WHERE database = ${to.name} AND table = ${table})`,
    );
    if (columns.length === 0) continue;
    const names = raw(columns.map((c) => identifier(c.name).text).join(', '));
    await to.exec(sql`INSERT INTO ${identifier(to.name)}.${identifier(table)} (${names}) SELECT ${names} FROM ${identifier(from.name)}.${identifier(table)}`);
  }
}

/** One RENAME moves every live table out and every rebuilt one in. */
async function swapIn(live: ClickHouseDatabase, shadow: ClickHouseDatabase, retired: ClickHouseDatabase): Promise<void> {
  await retired.create();
  const existing = new Set(await tablesOf(live));
  const pairs: string[] = [];
  for (const table of await tablesOf(shadow)) {
    const name = identifier(table).text;
    if (existing.has(table)) pairs.push(`${identifier(live.name).text}.${name} TO ${identifier(retired.name).text}.${name}`);
    pairs.push(`${identifier(shadow.name).text}.${name} TO ${identifier(live.name).text}.${name}`);
  }
  await live.exec(raw(`RENAME TABLE ${pairs.join(', ')}`));
}
