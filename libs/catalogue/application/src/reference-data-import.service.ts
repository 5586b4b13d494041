import { validateService, validateWorkGroup } from '@switchboard/catalogue/domain';
import type { CatalogueRepository, UpsertOutcome } from './catalogue.port';
import type { ImportProgress, ReferenceCounts, ReferenceImportSummary, ReferenceKind, ReferenceRow, RejectedRow } from './reference-row';

type MutableCounts = Record<keyof ReferenceCounts, number>;

export interface ReferenceImportOptions {
  /** Called once before the first row and after every row. */
  readonly onProgress?: (progress: ImportProgress) => void;
  /** Rows the reader could not even make out (e.g. a CSV `kind` that is neither); reported with the rest. */
  readonly rejectedBeforeImport?: readonly RejectedRow[];
}

const noun: Record<ReferenceKind, string> = { work_group: 'work group', service: 'service' };

/**
 * Imports services and work groups, the catalogue's reference data: validates each row, upserts the
 * good ones and reports the bad ones with a reason. Rows stand alone — a rejected row never stops the
 * others — so the same service takes a whole file (`switchboard import reference`) or the one row
 * of an ESB message. Work groups go first so services in the same batch can refer to them.
 */
export class ReferenceDataImport {
  constructor(private readonly catalogue: CatalogueRepository) {}

  async run(rows: readonly ReferenceRow[], options: ReferenceImportOptions = {}): Promise<ReferenceImportSummary> {
    const { onProgress, rejectedBeforeImport = [] } = options;
    const ordered = [...rows.filter((r) => r.kind === 'work_group'), ...rows.filter((r) => r.kind === 'service')];
    const counts: Record<ReferenceKind, MutableCounts> = { work_group: zero(), service: zero() };
    const rejected: RejectedRow[] = [...rejectedBeforeImport];
    const firstRowOf = new Map<string, number>();
    const knownWorkGroups = new Map<number, boolean>();
    const total = ordered.length;
    let done = 0;
    onProgress?.({ done, total });

    for (const row of ordered) {
      const result = await this.importRow(row, firstRowOf, knownWorkGroups);
      if (typeof result === 'string') {
        rejected.push({ row: row.row, kind: row.kind, reason: result });
        counts[row.kind].rejected += 1;
      } else {
        counts[row.kind][result.outcome] += 1;
      }
      done += 1;
      onProgress?.({ done, total });
    }

    for (const r of rejectedBeforeImport) if (r.kind !== 'unknown') counts[r.kind].rejected += 1;
    const sum = (outcome: UpsertOutcome) => counts.work_group[outcome] + counts.service[outcome];
    return {
      created: sum('created'),
      updated: sum('updated'),
      unchanged: sum('unchanged'),
      rejected,
      byKind: counts,
    };
  }

  /** The outcome, or why the row was rejected. */
  private async importRow(
    row: ReferenceRow,
    firstRowOf: Map<string, number>,
    knownWorkGroups: Map<number, boolean>,
  ): Promise<{ outcome: UpsertOutcome } | string> {
    if (row.kind === 'work_group') {
      const validation = validateWorkGroup(row.fields);
      if (!validation.valid) return validation.errors.join('; ');
      const duplicate = this.duplicateOf(row, validation.value.code, firstRowOf);
      if (duplicate) return duplicate;
      const outcome = await this.catalogue.upsertWorkGroup(validation.value);
      knownWorkGroups.set(validation.value.code, true);
      return { outcome };
    }
    const validation = validateService(row.fields);
    if (!validation.valid) return validation.errors.join('; ');
    const duplicate = this.duplicateOf(row, validation.value.code, firstRowOf);
    if (duplicate) return duplicate;
    const { workGroupCode } = validation.value;
    if (!(await this.workGroupExists(workGroupCode, knownWorkGroups))) {
      return `workGroupCode ${workGroupCode}: no such work group in this import or in the catalogue`;
    }
    return { outcome: await this.catalogue.upsertService(validation.value) };
  }

  /** A code twice in one batch is a mistake in the source; importing both would hide one of them. */
  private duplicateOf(row: ReferenceRow, code: number, firstRowOf: Map<string, number>): string | undefined {
    const key = `${row.kind}:${code}`;
    const first = firstRowOf.get(key);
    if (first !== undefined) return `${noun[row.kind]} code ${code} appears more than once (first at row ${first}); this row is ignored`;
    firstRowOf.set(key, row.row);
    return undefined;
  }

  private async workGroupExists(code: number, known: Map<number, boolean>): Promise<boolean> {
    let exists = known.get(code);
    if (exists === undefined) {
      exists = (await this.catalogue.findWorkGroup(code)) !== undefined;
      known.set(code, exists);
    }
    return exists;
  }
}

const zero = (): MutableCounts => ({ created: 0, updated: 0, unchanged: 0, rejected: 0 });
