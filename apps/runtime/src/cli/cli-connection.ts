import { Pool } from 'pg';
import { EventStoreDbEventStore, PostgresEventStore } from '@switchboard/eventstore';
import type { EventStore } from '@switchboard/eventstore';
import { errorMessage } from '@switchboard/kernel';
import { EmbeddedPostgres, loadConfig } from '@switchboard/platform';
import type { ProgressOutput, SwitchboardConfig } from '@switchboard/platform';

export interface CliIo {
  readonly stdout: ProgressOutput;
  readonly stderr: ProgressOutput;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Aborted on Ctrl-C. */
  readonly signal?: AbortSignal;
}

export interface CliConnection {
  readonly pool: Pool;
  readonly store: EventStore;
  readonly config: SwitchboardConfig;
}

/**
 * Runs an operator command against DATABASE_URL, or the embedded PostgreSQL of a running
 * `switchboard start` (or one started for the duration), once the migrations have created
 * `table`. Resolves to the command's exit code; 1 with one line on stderr when it fails.
 */
export async function withCliConnection(io: CliIo, command: string, table: string, work: (c: CliConnection) => Promise<number>): Promise<number> {
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
      embedded = new EmbeddedPostgres({
        dataDir: config.database.embedded.dir,
        port: config.database.embedded.port,
        database: 'switchboard',
        log: () => undefined,
      });
      await embedded.start();
    }
    url = candidate;
  }
  const pool = new Pool({ connectionString: url, max: 4 });
  pool.on('error', () => undefined);
  const store: EventStore = config.esdbUrl ? new EventStoreDbEventStore(config.esdbUrl) : new PostgresEventStore(pool, { notify: false });
  try {
    const { rows } = await pool.query<{ ok: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS ok`, [table]);
    if (!rows[0].ok) {
      io.stderr.write(`switchboard ${command}: the database is not migrated yet: start switchboard (or a role) once to migrate it\n`);
      return 1;
    }
    return await work({ pool, store, config });
  } catch (error) {
    io.stderr.write(`switchboard ${command}: ${errorMessage(error)}\n`);
    return 1;
  } finally {
    await store.close();
    await pool.end();
    await embedded?.stop();
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
