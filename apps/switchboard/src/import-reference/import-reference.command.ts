import { MikroORM } from '@mikro-orm/postgresql';
import { Pool } from 'pg';
import { ReferenceDataImport } from '@switchboard/catalogue';
import { PostgresCatalogueRepository, ReferenceFileError, readReferenceFile } from '@switchboard/catalogue/infrastructure';
import type { ReferenceFile } from '@switchboard/catalogue/infrastructure';
import { applyMigrations, mikroOrmOptions } from '@switchboard/app-runtime';
import { errorMessage } from '@switchboard/kernel';
import { ConfigError, ProgressBar, configVariables } from '@switchboard/platform';
import { formatImportSummary } from './import-summary.format';
import { openImportDatabase } from './import-database';
import type { ImportDatabase, ImportDatabaseSettings } from './import-database';

/** Exit codes: every row imported; some rows rejected (the others imported) or the import failed; the command or file is unusable. */
export const IMPORT_OK = 0;
export const IMPORT_REJECTED_ROWS = 1;
export const IMPORT_UNUSABLE = 2;
const INTERRUPTED = 130;

type Env = Readonly<Record<string, string | undefined>>;

const say = (line: string): void => {
  process.stderr.write(`switchboard: ${line}\n`);
};

/**
 * `switchboard import reference <file>`: services and work groups from a JSON or CSV file into the
 * catalogue, through the same ReferenceDataImport an ESB message will use. Progress on stderr,
 * the summary on stdout.
 */
export async function importReferenceCommand(file: string | undefined, env: Env): Promise<number> {
  if (!file) {
    say('import reference needs a file: switchboard import reference <file.json|file.csv>');
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

  // The file first: a file that cannot be imported must not start a database.
  let reference: ReferenceFile;
  try {
    reference = await readReferenceFile(file);
  } catch (error) {
    if (!(error instanceof ReferenceFileError)) throw error;
    say(`cannot import ${file}: ${error.message}`);
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
    say('interrupted: rows imported so far stay; importing the file again is safe');
    void closeAll().finally(() => process.exit(INTERRUPTED));
  };
  process.once('SIGINT', onInterrupt);
  process.once('SIGTERM', onInterrupt);
  try {
    database = await openImportDatabase(settings, say);
    orm = await MikroORM.init(mikroOrmOptions(database.url));
    pool = new Pool({ connectionString: database.url, max: 1 });
    const applied = await applyMigrations(orm, pool);
    if (applied.length) say(`applied migrations: ${applied.join(', ')}`);

    const bar = new ProgressBar(process.stderr, 'importing');
    const summary = await new ReferenceDataImport(new PostgresCatalogueRepository(orm.em)).run(reference.rows, {
      rejectedBeforeImport: reference.rejected,
      onProgress: ({ done, total }) => bar.update(done, total),
    });
    bar.finish();
    process.stdout.write(formatImportSummary(file, reference.format, summary));
    return summary.rejected.length === 0 ? IMPORT_OK : IMPORT_REJECTED_ROWS;
  } catch (error) {
    say(`import failed: ${errorMessage(error)}`);
    return IMPORT_REJECTED_ROWS;
  } finally {
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onInterrupt);
    await closeAll();
  }
}
