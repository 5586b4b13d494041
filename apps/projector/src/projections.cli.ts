import { rebuildClickHouse } from '@switchboard/analytics';
import { eventBacklogFor, withCliConnection } from '@switchboard/app-runtime';
import type { CliConnection, CliIo } from '@switchboard/app-runtime';
import { errorMessage } from '@switchboard/kernel';
import { ProgressBar, formatDuration } from '@switchboard/platform';
import {
  ProjectionRebuilder,
  ProjectionStatusReader,
  RebuildAbortedError,
  RebuildInProgressError,
  projectionNamed,
  readModelProjectionNames,
  readModelProjections,
} from '@switchboard/read-models';
import type { ProjectionStatus } from '@switchboard/read-models';

export const projectionsUsage = `Usage: switchboard projections <command>

Commands:
  status [--json]            each read-model projection's version, checkpoint, events applied, lag
                             and rebuild under way (\`switchboard processors status\` shows every
                             processor: who runs it, its state, parked events)
  rebuild <name> [--resume]  rebuild a projection into shadow tables and swap them in; queries
                             keep answering from the old tables meanwhile. --resume continues a
                             stopped rebuild of the same version instead of starting over.

Projections: ${readModelProjectionNames.join(', ')}, and clickhouse (the analytics tables; needs CLICKHOUSE_URL)
Uses DATABASE_URL, or the embedded PostgreSQL of \`switchboard start\` (EMBEDDED_PG_DIR/PORT).
`;

type Connection = CliConnection;

const withConnection = (io: CliIo, work: (c: Connection) => Promise<number>): Promise<number> =>
  withCliConnection(io, 'projections', 'processor_checkpoints', work);

/** `switchboard projections ...`; resolves to the exit code. */
export async function runProjectionsCli(args: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args;
  if (command === 'status') return withConnection(io, (c) => status(c, io, rest.includes('--json')));
  if (command === 'rebuild') {
    const name = rest.find((a) => !a.startsWith('--'));
    if (name === 'clickhouse') return withConnection(io, (c) => rebuildAnalytics(c, io));
    const projection = name ? projectionNamed(name) : undefined;
    if (!projection) {
      io.stderr.write(
        `switchboard projections rebuild: ${name ? `unknown projection "${name}"` : 'which projection?'} (one of ${readModelProjectionNames.join(', ')})\n`,
      );
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
    s.version === undefined
      ? `- (code ${s.codeVersion})`
      : s.version === s.codeVersion
        ? String(s.version)
        : `${s.version} (code ${s.codeVersion}: rebuild pending)`,
    s.position ?? 'start',
    n.format(s.eventsApplied),
    `${n.format(s.lagEvents)}${s.lagCapped ? '+' : ''}`,
    formatDuration(s.lagSeconds),
    s.updatedAt ? s.updatedAt.toISOString().replace(/\.\d+Z$/, 'Z') : 'never',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const render = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  const out = [render(header), ...lines.map(render)];
  for (const s of rows) {
    if (s.rebuild) {
      out.push(
        `${s.projection}: rebuild of v${s.rebuild.version} under way or stopped: ${n.format(s.rebuild.eventsApplied)} events since ${s.rebuild.startedAt.toISOString()}`,
      );
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
  const bar = new ProgressBar(io.stderr, 'clickhouse', { unit: 'events', rate: true });
  const total = c.config.esdbUrl ? undefined : Number((await c.pool.query<{ n: string }>('SELECT count(*) AS n FROM eventstore.events')).rows[0]?.n ?? 0);
  try {
    const result = await rebuildClickHouse({
      store: c.store,
      clickhouseUrl: c.config.clickhouseUrl,
      total,
      checkpoints: c.pool,
      onProgress: (p) => bar.update(p.events, Math.max(p.events, p.total ?? 0)),
    });
    bar.finish();
    const seconds = result.durationMs / 1000;
    io.stdout.write(
      `rebuilt clickhouse: ${result.events} events in ${seconds.toFixed(1)} s (${Math.round(result.events / Math.max(seconds, 0.001))} events/s), swapped in at ${result.position ?? 'the start'}\n`,
    );
    return 0;
  } catch (error) {
    bar.finish();
    io.stderr.write(`switchboard projections rebuild clickhouse: ${errorMessage(error)}\n`);
    return 1;
  }
}

async function rebuild(c: Connection, io: CliIo, name: string, resume: boolean): Promise<number> {
  const projection = projectionNamed(name);
  if (!projection) return 2;
  const bar = new ProgressBar(io.stderr, name, { unit: 'events', rate: true });
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
