import { Pool } from 'pg';
import { EventStoreDbEventStore, PostgresEventStore } from '@switchboard/eventstore';
import type { EventStore } from '@switchboard/eventstore';
import { EmbeddedPostgres, loadConfig } from '@switchboard/platform';
import type { SwitchboardConfig } from '@switchboard/platform';
import {
  ProjectionRebuilder,
  ProjectionStatusReader,
  RebuildAbortedError,
  RebuildInProgressError,
  errorMessage,
  projectionNamed,
  readModelProjectionNames,
  readModelProjections,
} from '@switchboard/read-models';
import type { ProjectionStatus } from '@switchboard/read-models';
import { ProgressBar, formatDuration } from './progress-bar';
import type { ProgressStream } from './progress-bar';
import { eventBacklogFor } from './projector.module';
import { rebuildClickHouse } from '@switchboard/analytics';

export const projectionsUsage = `Usage: switchboard projections <command>

Commands:
  status [--json]            each projection's version, checkpoint, events applied and lag
  rebuild <name> [--resume]  rebuild a projection into shadow tables and swap them in; queries
                             keep answering from the old tables meanwhile. --resume continues a
                             stopped rebuild of the same version instead of starting over.

Projections: ${readModelProjectionNames.join(', ')}, and clickhouse (the analytics tables; needs CLICKHOUSE_URL)
Uses DATABASE_URL, or the embedded PostgreSQL of \`switchboard start\` (EMBEDDED_PG_DIR/PORT).
`;

export interface CliIo {
  readonly stdout: ProgressStream;
  readonly stderr: ProgressStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Aborted on Ctrl-C. */
  readonly signal?: AbortSignal;
}

interface Connection {
  readonly pool: Pool;
  readonly store: EventStore;
  readonly config: SwitchboardConfig;
  close(): Promise<void>;
}

/** `switchboard projections ...`; resolves to the exit code. */
export async function runProjectionsCli(args: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args;
  if (command === 'status') return withConnection(io, (c) => status(c, io, rest.includes('--json')));
  if (command === 'rebuild') {
    const name = rest.find((a) => !a.startsWith('--'));
    if (name === 'clickhouse') return withConnection(io, (c) => rebuildAnalytics(c, io));
    const projection = name ? projectionNamed(name) : undefined;
    if (!projection) {
      io.stderr.write(`switchboard projections rebuild: ${name ? `unknown projection "${name}"` : 'which projection?'} (one of ${readModelProjectionNames.join(', ')})\n`);
      return 2;
    }
    return withConnection(io, (c) => rebuild(c, io, projection.name, rest.includes('--resume')));
  }
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    io.stdout.write(projectionsUsage);
    return command === undefined ? 2 : 0;
  }
  io.stderr.write(`switchboard projections: unknown command "${command}"\n${projectionsUsage}`);
  return 2;
}

async function status(c: Connection, io: CliIo, json: boolean): Promise<number> {
  const rows = await new ProjectionStatusReader(c.pool, readModelProjections, eventBacklogFor(c.config, c.pool, c.store)).status();
  if (json) {
    io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  io.stdout.write(statusTable(rows));
  return 0;
}

export function statusTable(rows: readonly ProjectionStatus[]): string {
  const n = new Intl.NumberFormat('en-US');
  const header = ['PROJECTION', 'VERSION', 'CHECKPOINT', 'APPLIED', 'LAG EVENTS', 'LAG', 'UPDATED'];
  const lines = rows.map((s) => [
    s.projection,
    s.version === undefined ? `- (code ${s.codeVersion})` : s.version === s.codeVersion ? String(s.version) : `${s.version} (code ${s.codeVersion}: rebuild pending)`,
    s.position ?? 'start',
    n.format(s.eventsApplied),
    `${n.format(s.lagEvents)}${s.lagCapped ? '+' : ''}`,
    formatDuration(s.lagSeconds),
    s.updatedAt ? s.updatedAt.toISOString().replace(/\.\d+Z$/, 'Z') : 'never',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const render = (cells: readonly string[]): string => cells.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
  const out = [render(header), ...lines.map(render)];
  for (const s of rows) {
    if (s.rebuild) {
      out.push(`${s.projection}: rebuild of v${s.rebuild.version} under way or stopped: ${n.format(s.rebuild.eventsApplied)} events since ${s.rebuild.startedAt.toISOString()}`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** ClickHouse has no shadow-table bookkeeping of ours: it rebuilds into a sibling database and swaps. */
async function rebuildAnalytics(c: Connection, io: CliIo): Promise<number> {
  if (!c.config.clickhouseUrl) {
    io.stderr.write('switchboard projections rebuild clickhouse: CLICKHOUSE_URL is not set\n');
    return 2;
  }
  const bar = new ProgressBar(io.stderr, 'clickhouse');
  const total = c.config.esdbUrl ? undefined : Number((await c.pool.query<{ n: string }>('SELECT count(*) AS n FROM eventstore.events')).rows[0]?.n ?? 0);
  try {
    const result = await rebuildClickHouse({ store: c.store, clickhouseUrl: c.config.clickhouseUrl, total, onProgress: (p) => bar.update(p.events, Math.max(p.events, p.total ?? 0)) });
    bar.finish();
    const seconds = result.durationMs / 1000;
    io.stdout.write(`rebuilt clickhouse: ${result.events} events in ${seconds.toFixed(1)} s (${Math.round(result.events / Math.max(seconds, 0.001))} events/s), swapped in at ${result.position ?? 'the start'}\n`);
    return 0;
  } catch (error) {
    bar.finish();
    io.stderr.write(`switchboard projections rebuild clickhouse: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

async function rebuild(c: Connection, io: CliIo, name: string, resume: boolean): Promise<number> {
  const projection = projectionNamed(name);
  if (!projection) return 2;
  const bar = new ProgressBar(io.stderr, name);
  const started = performance.now();
  const rebuilder = new ProjectionRebuilder(c.pool, c.store, { backlog: eventBacklogFor(c.config, c.pool, c.store) });
  try {
    const result = await rebuilder.rebuild(projection, {
      fresh: !resume,
      signal: io.signal,
      onProgress: (p) => {
        if (p.phase === 'building') bar.update(p.applied, p.total);
        else bar.update(p.applied, Math.max(p.applied, p.total ?? 0), true);
      },
    });
    bar.finish();
    const seconds = (performance.now() - started) / 1000;
    io.stdout.write(
      `rebuilt ${result.projection} v${result.version}: ${result.events} events in ${seconds.toFixed(1)} s` +
        `${seconds > 0 ? ` (${Math.round(result.events / seconds)} events/s)` : ''}, swapped in at ${result.position ?? 'the start'}\n`,
    );
    return 0;
  } catch (error) {
    bar.finish();
    if (error instanceof RebuildAbortedError) {
      io.stderr.write(`${error.message}: run \`switchboard projections rebuild ${name} --resume\`\n`);
      return 130;
    }
    if (error instanceof RebuildInProgressError) {
      io.stderr.write(`${error.message} (another \`projections rebuild\`, or a projector rebuilding a new version)\n`);
      return 1;
    }
    throw error;
  }
}

async function withConnection(io: CliIo, work: (c: Connection) => Promise<number>): Promise<number> {
  let config: SwitchboardConfig;
  try {
    config = loadConfig(io.env, { httpPort: 3000, allowsEmbeddedDatabase: true });
  } catch (error) {
    io.stderr.write(`switchboard: configuration error: ${errorMessage(error)}\n`);
    return 2;
  }
  let embedded: EmbeddedPostgres | undefined;
  let url = config.database.url;
  if (!url) {
    // The embedded server of a running `switchboard start` if there is one, else our own for the duration.
    const candidate = `postgres://postgres@127.0.0.1:${config.database.embedded.port}/switchboard`;
    if (!(await answers(candidate))) {
      embedded = new EmbeddedPostgres({ dataDir: config.database.embedded.dir, port: config.database.embedded.port, database: 'switchboard', log: () => undefined });
      await embedded.start();
    }
    url = candidate;
  }
  const pool = new Pool({ connectionString: url, max: 4 });
  pool.on('error', () => undefined);
  const store: EventStore = config.esdbUrl ? new EventStoreDbEventStore(config.esdbUrl) : new PostgresEventStore(pool, { notify: false });
  const connection: Connection = {
    pool,
    store,
    config,
    async close() {
      await store.close();
      await pool.end();
      await embedded?.stop();
    },
  };
  try {
    const { rows } = await pool.query<{ ok: boolean }>(`SELECT to_regclass('rm_checkpoints') IS NOT NULL AS ok`);
    if (!rows[0].ok) {
      io.stderr.write('switchboard projections: the read-model tables do not exist yet: start switchboard (or a role) once to migrate the database\n');
      return 1;
    }
    return await work(connection);
  } catch (error) {
    io.stderr.write(`switchboard projections: ${errorMessage(error)}\n`);
    return 1;
  } finally {
    await connection.close();
  }
}

async function answers(url: string): Promise<boolean> {
  const pool = new Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 1_000 });
  pool.on('error', () => undefined);
  try {
    await pool.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await pool.end().catch(() => undefined);
  }
}
