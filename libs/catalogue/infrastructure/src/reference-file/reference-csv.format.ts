import type { ReferenceKind, ReferenceRow, RejectedRow } from '@switchboard/catalogue';
import { CsvSyntaxError, parseCsv } from '@switchboard/platform';
import { ReferenceFileError } from './reference-file';
import type { ReferenceFile } from './reference-file';

const columns = ['kind', 'code', 'name', 'email', 'managerId', 'workGroupCode'] as const;
const required = ['kind', 'code', 'name'] as const;

/** `manager_id`, `Manager ID` and `managerId` all name the same column. */
const simplify = (name: string): string => name.toLowerCase().replace(/[\s_-]+/g, '');
const columnBySimpleName = new Map<string, string>(columns.map((c) => [simplify(c), c]));
const kindBySimpleName = new Map<string, ReferenceKind>([
  ['workgroup', 'work_group'],
  ['service', 'service'],
]);

/**
 * One CSV for both kinds: a header row, then one row per work group or service, told apart by the
 * `kind` column (`work_group` or `service`). Columns: kind, code, name, email, managerId (work
 * groups), workGroupCode (services); a cell a kind does not use is left empty. A row's number is
 * its line in the file.
 */
export function parseReferenceCsv(text: string): ReferenceFile {
  let records;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new ReferenceFileError(`not valid CSV: ${error.message}`);
    throw error;
  }
  const [header, ...body] = records;
  if (!header) throw new ReferenceFileError('the file is empty (expected a header row: kind,code,name,email,managerId,workGroupCode)');
  const names = header.fields.map((raw) => {
    const column = columnBySimpleName.get(simplify(raw));
    if (!column) throw new ReferenceFileError(`unknown column ${JSON.stringify(raw.trim())} in the header (expected ${columns.join(', ')})`);
    return column;
  });
  const repeated = names.find((n, i) => names.indexOf(n) !== i);
  if (repeated) throw new ReferenceFileError(`column ${repeated} appears twice in the header`);
  const missing = required.filter((c) => !names.includes(c));
  if (missing.length) throw new ReferenceFileError(`the header has no ${missing.join(', ')} column (expected ${columns.join(', ')})`);

  const rows: ReferenceRow[] = [];
  const rejected: RejectedRow[] = [];
  for (const record of body) {
    const cells = Object.fromEntries(names.map((n, i) => [n, record.fields[i]]));
    const rawKind = cells.kind ?? '';
    const kind = kindBySimpleName.get(simplify(rawKind));
    if (!kind) {
      rejected.push({ row: record.line, kind: 'unknown', reason: `kind must be work_group or service, got ${JSON.stringify(rawKind)}` });
    } else if (record.fields.length !== names.length) {
      rejected.push({ row: record.line, kind, reason: `has ${record.fields.length} fields, the header has ${names.length}` });
    } else {
      rows.push({ row: record.line, kind, fields: cells });
    }
  }
  return { format: 'csv', rows, rejected };
}
