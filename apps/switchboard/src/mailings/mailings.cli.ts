import { withCliConnection } from '@switchboard/app-runtime';
import type { CliConnection, CliIo } from '@switchboard/app-runtime';
import { PostgresMailingStore } from '@switchboard/communications/infrastructure';
import { ProgressBar } from '@switchboard/platform';

export const mailingsUsage = `Usage: switchboard mailings <command>

Commands:
  progress <mailing-id> [--every <seconds>]
                                  a progress bar of the mailing's recipients handed to the sending
                                  point, until it completes or is cancelled (then the counts by
                                  status); exit code 0 completed, 1 cancelled, 3 not found

Uses DATABASE_URL, or the embedded PostgreSQL of \`switchboard start\` (EMBEDDED_PG_DIR/PORT).
`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `switchboard mailings ...`; resolves to the exit code. */
export async function runMailingsCli(args: readonly string[], io: CliIo): Promise<number> {
  const [command, id, ...rest] = args;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    io.stdout.write(mailingsUsage);
    return command === undefined ? 2 : 0;
  }
  if (command !== 'progress') return usageError(io, `unknown command "${command}"`);
  if (!id || !UUID.test(id)) return usageError(io, 'progress needs a mailing id (a uuid)');
  let everyMs = 1_000;
  if (rest[0] === '--every') {
    everyMs = Number(rest[1]) * 1_000;
    if (!Number.isFinite(everyMs) || everyMs <= 0) return usageError(io, '--every takes a number of seconds');
  } else if (rest.length > 0) return usageError(io, `unknown option "${rest[0]}"`);
  return withCliConnection(io, 'mailings', 'mailings', (c) => progress(c, io, id, everyMs));
}

async function progress(c: CliConnection, io: CliIo, id: string, everyMs: number): Promise<number> {
  const store = new PostgresMailingStore(c.pool);
  const status = async () => (await c.pool.query<{ name: string; status: string }>('SELECT name, status FROM mailings WHERE id = $1', [id])).rows[0];
  const first = await status();
  if (!first) {
    io.stderr.write(`switchboard mailings: no mailing ${id}\n`);
    return 3;
  }
  const bar = new ProgressBar(io.stderr, first.name, { unit: 'recipients', rate: true });
  for (;;) {
    const [mailing, counts] = await Promise.all([status(), store.progress(id)]);
    bar.update(counts.total - counts.pending, counts.total, true);
    const ended = mailing.status === 'COMPLETED' || mailing.status === 'CANCELLED';
    if (ended || io.signal?.aborted) {
      bar.finish();
      io.stdout.write(
        `${mailing.status}: ${counts.total} recipients — ${counts.queued} queued, ${counts.sent} sent, ${counts.delivered} delivered, ` +
          `${counts.failed} failed, ${counts.blocked} blocked, ${counts.cancelled} cancelled, ${counts.skipped} skipped\n`,
      );
      return mailing.status === 'COMPLETED' ? 0 : mailing.status === 'CANCELLED' ? 1 : 130;
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

function usageError(io: CliIo, message: string): number {
  io.stderr.write(`switchboard mailings: ${message}\n${mailingsUsage}`);
  return 2;
}
