import { basename } from 'node:path';
import { PostgresCustomersRepository } from '@switchboard/customers/infrastructure';
import { UnitImport } from '@switchboard/estate';
import type { ResidentLookup } from '@switchboard/estate';
import { PostgresEstateImportStore, PostgresEstateStore, UnitFileError, readUnitFile } from '@switchboard/estate/infrastructure';
import { runFileImport } from '../import-reference/file-import';
import type { Env } from '../import-reference/file-import';
import { formatUnitImportSummary } from './unit-import-summary.format';

/**
 * `switchboard import units <file>`: units from an accounting system's export (CSV or JSON) into the
 * estate (ADR 0028), residents linked by the client's phone or email. Progress on stderr, the
 * summary on stdout; importing the same file again changes nothing.
 */
export function importUnitsCommand(file: string | undefined, env: Env): Promise<number> {
  return runFileImport({
    what: 'units',
    rows: 'units',
    file,
    env,
    read: readUnitFile,
    isFileError: (error) => error instanceof UnitFileError,
    poolSize: 2,
    run: async (units, { pool, onProgress }) => {
      const customers = new PostgresCustomersRepository(pool);
      const residents: ResidentLookup = {
        clientIdByPhone: async (phone) => (await customers.findClientByPhone(phone))?.id,
        clientIdByEmail: async (email) => (await customers.findClientByEmail(email))?.id,
      };
      const estate = new PostgresEstateStore(pool);
      const importer = new UnitImport(new PostgresEstateImportStore(pool), residents, async (slug) => (await estate.findSiteBySlug(slug)) !== undefined);
      const summary = await importer.run(units.rows, { by: `import:${basename(file ?? '')}` }, { rejectedBeforeImport: units.rejected, onProgress });
      return { summary: formatUnitImportSummary(file ?? '', units.format, summary), rejected: summary.rejected.length };
    },
  });
}
