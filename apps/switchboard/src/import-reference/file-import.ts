import { MikroORM } from '@mikro-orm/postgresql';
import { Pool } from 'pg';
import { applyMigrations, mikroOrmOptions } from '@switchboard/app-runtime';
import { errorMessage } from '@switchboard/kernel';
import { ConfigError, ProgressBar, configVariables } from '@switchboard/platform';
import { openImportDatabase } from './import-database';
import type { ImportDatabase, ImportDatabaseSettings } from './import-database';

/** Exit codes: every row imported; some rows rejected (the others imported) or the import failed; the command or file is unusable. */
export const IMPORT_OK = 0;
export const IMPORT_REJECTED_ROWS = 1;
export const IMPORT_UNUSABLE = 2;
const INTERRUPTED = 130;

export type Env = Readonly<Record<string, string | undefined>>;

const say = (line: string): void => {
  process.stderr.write(`switchboard: ${line}\n`);
};

/** What an import does with the database open: the summary to print and how many rows it rejected. */
export type ImportRun<F> = (
  parsed: F,
  database: { readonly orm: MikroORM; readonly pool: Pool; readonly onProgress: (progress: { done: number; total: number }) => void },
) => Promise<{ readonly summary: string; readonly rejected: number }>;

/**
 * The shape every `switchboard import <what> <file>` shares: the database settings checked, the
 * file read before any database starts (a file that cannot be imported must not start one), the
 * database opened (or the embedded one started) and migrated, a progress bar on stderr, the
 * summary on stdout, and an interrupt that keeps what was imported (importing again is safe).
 */
export async function runFileImport<F>(options: {
  readonly what: string;
  /** What the file holds, for the interrupt's message: "rows", "units". */
  readonly rows: string;
  readonly file: string | undefined;
  readonly env: Env;
  readonly read: (file: string) => Promise<F>;
  /** The reader's own error for a file it cannot use (its message is shown); any other error is a bug and thrown. */
  readonly isFileError: (error: unknown) => boolean;
  readonly poolSize: number;
  readonly run: ImportRun<F>;
}): Promise<number> {
  const { what, file, env } = options;
  if (!file) {
    say(`import ${what} needs a file: switchboard import ${what} <file.json|file.csv>`);
    return IMPORT_UNUSABLE;
  }
  let settings: ImportDatabaseSettings;
  try {
    settings = {
      url: configVariables.databaseUrl.parse(env.DATABASE_URL),
      embedded: { dir: configVariables.embeddedPgDir.parse(env.EMBEDDED_PG_DIR), port: configVariables.embeddedPgPort.parse(env.EMBEDDED_PG_PORT) },
    };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    say(`configuration error: ${error.message}`);
    return IMPORT_UNUSABLE;
  }

  let parsed: F;
  try {
    parsed = await options.read(file);
  } catch (error) {
    if (!options.isFileError(error)) throw error;
    say(`cannot import ${file}: ${errorMessage(error)}`);
    return IMPORT_UNUSABLE;
  }

  let database: ImportDatabase | undefined;
  let orm: MikroORM | undefined;
  let pool: Pool | undefined;
  const closeAll = async () => {
    await orm?.close(true).catch(() => undefined);
    await pool?.end().catch(() => undefined);
    await database?.close().catch(() => undefined);
  };
  const onInterrupt = () => {
    say(`interrupted: ${options.rows} imported so far stay; importing the file again is safe`);
    void closeAll().finally(() => process.exit(INTERRUPTED));
  };
  process.once('SIGINT', onInterrupt);
  process.once('SIGTERM', onInterrupt);
  try {
    database = await openImportDatabase(settings, say);
    orm = await MikroORM.init(mikroOrmOptions(database.url));
    pool = new Pool({ connectionString: database.url, max: options.poolSize });
    const applied = await applyMigrations(orm, pool);
    if (applied.length) say(`applied migrations: ${applied.join(', ')}`);

    const bar = new ProgressBar(process.stderr, 'importing');
    const outcome = await options.run(parsed, { orm, pool, onProgress: ({ done, total }) => bar.update(done, total) });
    bar.finish();
    process.stdout.write(outcome.summary);
    return outcome.rejected === 0 ? IMPORT_OK : IMPORT_REJECTED_ROWS;
  } catch (error) {
    say(`import failed: ${errorMessage(error)}`);
    return IMPORT_REJECTED_ROWS;
  } finally {
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onInterrupt);
    await closeAll();
  }
}
