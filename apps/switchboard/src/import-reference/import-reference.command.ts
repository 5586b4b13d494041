import { ReferenceDataImport } from '@switchboard/catalogue';
import { PostgresCatalogueRepository, ReferenceFileError, readReferenceFile } from '@switchboard/catalogue/infrastructure';
import { formatImportSummary } from './import-summary.format';
import { runFileImport } from './file-import';
import type { Env } from './file-import';

export { IMPORT_OK, IMPORT_REJECTED_ROWS, IMPORT_UNUSABLE } from './file-import';

/**
 * `switchboard import reference <file>`: services and work groups from a JSON or CSV file into the
 * catalogue, through the same ReferenceDataImport an ESB message will use. Progress on stderr,
 * the summary on stdout.
 */
export function importReferenceCommand(file: string | undefined, env: Env): Promise<number> {
  return runFileImport({
    what: 'reference',
    rows: 'rows',
    file,
    env,
    read: readReferenceFile,
    isFileError: (error) => error instanceof ReferenceFileError,
    poolSize: 1,
    run: async (reference, { orm, onProgress }) => {
      const summary = await new ReferenceDataImport(new PostgresCatalogueRepository(orm.em)).run(reference.rows, {
        rejectedBeforeImport: reference.rejected,
        onProgress,
      });
      return { summary: formatImportSummary(file ?? '', reference.format, summary), rejected: summary.rejected.length };
    },
  });
}
