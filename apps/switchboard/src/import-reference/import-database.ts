import { Client } from 'pg';
import { EmbeddedPostgres } from '@switchboard/platform';

export interface ImportDatabaseSettings {
  /** DATABASE_URL; unset means the embedded PostgreSQL of `switchboard start`. */
  readonly url?: string;
  readonly embedded: { readonly dir: string; readonly port: number };
}

export interface ImportDatabase {
  readonly url: string;
  close(): Promise<void>;
}

const EMBEDDED_DATABASE = 'switchboard';

/**
 * The database to import into: DATABASE_URL, else the embedded PostgreSQL — the one a running
 * `switchboard start` already serves (starting another would stop it), or one started just for
 * the import and stopped after it.
 */
export async function openImportDatabase(settings: ImportDatabaseSettings, log: (line: string) => void): Promise<ImportDatabase> {
  if (settings.url) return { url: settings.url, close: async () => undefined };
  const embedded = new EmbeddedPostgres({ dataDir: settings.embedded.dir, port: settings.embedded.port, database: EMBEDDED_DATABASE, log });
  if (await answers(embedded.url)) {
    log(`importing into the embedded PostgreSQL already running on port ${settings.embedded.port}`);
    return { url: embedded.url, close: async () => undefined };
  }
  log(`starting embedded PostgreSQL (${settings.embedded.dir}, port ${settings.embedded.port})`);
  const url = await embedded.start();
  return {
    url,
    async close() {
      await embedded.stop();
      log('embedded PostgreSQL stopped');
    },
  };
}

async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
