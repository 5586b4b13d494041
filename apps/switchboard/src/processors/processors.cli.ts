import { hostname, userInfo } from 'node:os';
import { eventBacklogFor, withCliConnection } from '@switchboard/app-runtime';
import type { CliConnection, CliIo } from '@switchboard/app-runtime';
import { ProcessorStatusReader, parkedEvent, parkedEvents, requestRetry, skipParked } from '@switchboard/eventstore/processing';
import type { ParkedEvent, ParkedEventStatus, ProcessorStatus } from '@switchboard/eventstore/processing';
import { formatDuration } from '@switchboard/platform';

export const processorsUsage = `Usage: switchboard processors <command>

Commands:
  status [--json]                 every processor: state, the process running it, checkpoint,
                                  lag (events and time) and parked events
  parked [<processor>] [--all] [--json]
                                  parked events (--all: retried and skipped ones too)
  retry <processor> <event-id>|--all [--reason "..."] [--by <name>] [--wait <seconds>]
                                  apply parked events again: the processor's running instance
                                  applies each once and records the outcome; waits for it
                                  (default 30 s); with no instance running, the retry waits for one
  skip <processor> <event-id>|--all --reason "..." [--by <name>]
                                  close parked events without processing them, with a reason

--by defaults to <os user>@<host>. Uses DATABASE_URL, or the embedded PostgreSQL of
\`switchboard start\` (EMBEDDED_PG_DIR/PORT).
`;

const POLL_MS = 200;

/** `switchboard processors ...`; resolves to the exit code. */
export async function runProcessorsCli(args: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args;
  const options = parseOptions(rest);
  if (typeof options === 'string') return usageError(io, options);
  const run = (work: (c: CliConnection) => Promise<number>) => withCliConnection(io, 'processors', 'processor_checkpoints', work);
  switch (command) {
    case 'status':
      return run((c) => status(c, io, options.flags.has('json')));
    case 'parked':
      return run((c) => listParked(c, io, options.positional[0], options.flags.has('all'), options.flags.has('json')));
    case 'retry':
    case 'skip': {
      const [processor, eventId] = options.positional;
      const all = options.flags.has('all');
      if (!processor || (!eventId && !all) || (eventId && all)) return usageError(io, `${command} needs a processor and an event id, or --all`);
      const reason = options.values.get('reason');
      if (command === 'skip' && !reason?.trim()) return usageError(io, 'skip needs --reason "<why this event needs no processing>"');
      const by = options.values.get('by') ?? defaultOperator();
      const target = { processor, eventId: all ? ('all' as const) : eventId, by, reason };
      if (command === 'skip') return run((c) => skip(c, io, { ...target, reason: reason ?? '' }));
      const wait = Number(options.values.get('wait') ?? 30);
      if (!Number.isFinite(wait) || wait < 0) return usageError(io, '--wait takes a number of seconds');
      return run((c) => retry(c, io, target, wait * 1000));
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.stdout.write(processorsUsage);
      return command === undefined ? 2 : 0;
    default:
      return usageError(io, `unknown command "${command}"`);
  }
}

async function status(c: CliConnection, io: CliIo, json: boolean): Promise<number> {
  const rows = await new ProcessorStatusReader(c.pool, eventBacklogFor(c.config, c.pool, c.store)).status();
  io.stdout.write(json ? `${JSON.stringify(rows, null, 2)}\n` : statusTable(rows));
  return 0;
}

export function statusTable(rows: readonly ProcessorStatus[]): string {
  const n = new Intl.NumberFormat('en-US');
  const lines = rows.map((s) => [
    s.processor,
    s.state,
    s.holder ?? '-',
    s.position ?? 'start',
    `${n.format(s.lagEvents)}${s.lagCapped ? '+' : ''}`,
    formatDuration(s.lagSeconds),
    n.format(s.parked),
  ]);
  const out = table(['PROCESSOR', 'STATE', 'HOLDER', 'CHECKPOINT', 'LAG EVENTS', 'LAG', 'PARKED'], lines);
  for (const s of rows) if (s.lastError && s.state !== 'running') out.push(`${s.processor}: ${s.lastError}`);
  if (rows.some((s) => s.parked > 0)) out.push('Parked events: `switchboard processors parked`; then `retry` or `skip` them.');
  return `${out.join('\n')}\n`;
}

async function listParked(c: CliConnection, io: CliIo, processor: string | undefined, all: boolean, json: boolean): Promise<number> {
  const statuses: ParkedEventStatus[] | undefined = all ? undefined : ['parked', 'retry-requested'];
  const rows = await parkedEvents(c.pool, { processor, statuses });
  if (json) {
    io.stdout.write(`${JSON.stringify(rows, (_, value: unknown) => (typeof value === 'bigint' ? value.toString() : value), 2)}\n`);
    return 0;
  }
  if (rows.length === 0) {
    io.stdout.write(`no ${all ? '' : 'open '}parked events${processor ? ` of ${processor}` : ''}\n`);
    return 0;
  }
  const lines = rows.map((p) => [
    p.processor,
    p.eventId,
    p.eventType,
    `${p.streamId}@${p.revision}`,
    String(p.attempts),
    p.parkedAt.toISOString().replace(/\.\d+Z$/, 'Z'),
    p.status,
    oneLine(p.outcome ?? p.reason ?? p.lastError),
  ]);
  io.stdout.write(`${table(['PROCESSOR', 'EVENT', 'TYPE', 'STREAM', 'ATTEMPTS', 'PARKED AT', 'STATUS', 'LAST ERROR / OUTCOME'], lines).join('\n')}\n`);
  return 0;
}

interface Target {
  readonly processor: string;
  readonly eventId: string | 'all';
  readonly by: string;
  readonly reason?: string;
}

async function retry(c: CliConnection, io: CliIo, target: Target, waitMs: number): Promise<number> {
  const requested = await requestRetry(c.pool, target);
  if (requested.length === 0) return nothingOpen(c, io, target);
  io.stdout.write(`retry requested by ${target.by} for ${requested.length} event(s) of ${target.processor}\n`);
  if (!(await new ProcessorStatusReader(c.pool, eventBacklogFor(c.config, c.pool, c.store)).isRunning(target.processor))) {
    io.stdout.write(`no process runs ${target.processor} now: the retry is queued and applied when it starts\n`);
    return 0;
  }
  // The running instance applies each one once and records the outcome on the row.
  const deadline = Date.now() + waitMs;
  let outcomes: ParkedEvent[] = [];
  for (;;) {
    outcomes = (await Promise.all(requested.map((p) => parkedEvent(c.pool, p.processor, p.eventId)))).filter((p): p is ParkedEvent => p !== undefined);
    if (outcomes.every((p) => p.status !== 'retry-requested') || Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  let failed = 0;
  for (const p of outcomes) {
    if (p.status === 'retried') io.stdout.write(`retried ${p.eventId} (${p.eventType} ${p.streamId}@${p.revision}): applied\n`);
    else if (p.status === 'retry-requested') {
      failed++;
      io.stdout.write(
        `retry of ${p.eventId} still waiting for ${target.processor} after ${Math.round(waitMs / 1000)} s; see \`switchboard processors parked ${target.processor}\`\n`,
      );
    } else {
      failed++;
      io.stdout.write(`retry of ${p.eventId} (${p.eventType} ${p.streamId}@${p.revision}) failed again, still parked: ${p.lastError}\n`);
    }
  }
  return failed === 0 ? 0 : 1;
}

async function skip(c: CliConnection, io: CliIo, target: Target & { reason: string }): Promise<number> {
  const skipped = await skipParked(c.pool, target);
  if (skipped.length === 0) return nothingOpen(c, io, target);
  for (const p of skipped)
    io.stdout.write(`skipped ${p.eventId} (${p.eventType} ${p.streamId}@${p.revision}) of ${p.processor}, by ${p.requestedBy}: ${p.reason}\n`);
  return 0;
}

async function nothingOpen(c: CliConnection, io: CliIo, target: Target): Promise<number> {
  if (target.eventId === 'all') {
    io.stdout.write(`nothing parked for ${target.processor}\n`);
    return 0;
  }
  const found = await parkedEvent(c.pool, target.processor, target.eventId);
  if (!found) {
    io.stderr.write(`switchboard processors: ${target.processor} has no parked event ${target.eventId}\n`);
    return 2;
  }
  io.stderr.write(
    `switchboard processors: event ${target.eventId} of ${target.processor} is ${found.status}, not parked${found.reason ? ` (${found.reason})` : ''}\n`,
  );
  return 1;
}

interface Options {
  readonly positional: string[];
  readonly flags: Set<string>;
  readonly values: Map<string, string>;
}

const VALUED = new Set(['reason', 'by', 'wait']);
const FLAGS = new Set(['json', 'all']);

function parseOptions(args: readonly string[]): Options | string {
  const options: Options = { positional: [], flags: new Set(), values: new Map() };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) {
      options.positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (FLAGS.has(name)) options.flags.add(name);
    else if (VALUED.has(name)) {
      const value = inline ?? args[++i];
      if (value === undefined) return `--${name} needs a value`;
      options.values.set(name, value);
    } else return `unknown option --${name}`;
  }
  return options;
}

function usageError(io: CliIo, message: string): number {
  io.stderr.write(`switchboard processors: ${message}\n${processorsUsage}`);
  return 2;
}

function defaultOperator(): string {
  try {
    return `${userInfo().username}@${hostname()}`;
  } catch {
    return `unknown@${hostname()}`;
  }
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 100 ? `${flat.slice(0, 99)}…` : flat;
}

function table(header: readonly string[], lines: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const render = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [render(header), ...lines.map(render)];
}
