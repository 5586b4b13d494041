import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { RawUnitRow, RejectedUnitRow } from '@switchboard/estate';
import { CsvSyntaxError, parseCsv } from '@switchboard/platform';

export type UnitFileFormat = 'json' | 'csv';

export interface UnitFile {
  readonly format: UnitFileFormat;
  readonly rows: readonly RawUnitRow[];
  /** Rows the reader could not make out at all (reported with the import's rejections). */
  readonly rejected: readonly RejectedUnitRow[];
}

/** A file that cannot be imported at all (unreadable, not JSON or CSV, no header). */
export class UnitFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnitFileError';
  }
}

export const UNIT_CSV_COLUMNS = ['site', 'building', 'entrance', 'floor', 'number', 'type', 'area', 'rooms', 'residents'] as const;
const REQUIRED_COLUMNS = ['site', 'building', 'entrance', 'floor', 'number', 'type'];

/**
 * CSV residents, one cell: `relation:phone-or-email:from[:to]`, several separated by `;`
 * (e.g. `owner:+79161234567:2020-01-01;tenant:ivan@example.com:2024-03-01:2025-02-28`).
 */
export function parseResidentsCell(cell: string): Record<string, string>[] {
  return cell
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [relation = '', contact = '', from = '', to = ''] = part.split(':').map((p) => p.trim());
      return { relation, ...(contact.includes('@') ? { email: contact } : { phone: contact }), from, ...(to ? { to } : {}) };
    });
}

export function parseUnitCsv(text: string): UnitFile {
  let records;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new UnitFileError(`not valid CSV (${error.message})`);
    throw error;
  }
  const [header, ...body] = records;
  if (!header) throw new UnitFileError('the file is empty');
  const columns = header.fields.map((f) => f.trim().toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length > 0) throw new UnitFileError(`the header has no ${missing.join(', ')} column (expected ${UNIT_CSV_COLUMNS.join(',')})`);
  const rows: RawUnitRow[] = [];
  const rejected: RejectedUnitRow[] = [];
  for (const record of body) {
    if (record.fields.length !== columns.length) {
      rejected.push({ row: record.line, reason: `expected ${columns.length} fields, got ${record.fields.length}` });
      continue;
    }
    const fields = Object.fromEntries(columns.map((c, i) => [c, record.fields[i]]));
    rows.push({ row: record.line, fields, residents: parseResidentsCell(fields.residents ?? '') });
  }
  return { format: 'csv', rows, rejected };
}

export function parseUnitJson(text: string): UnitFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UnitFileError(`not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const list = Array.isArray(value) ? value : (value as { units?: unknown } | null)?.units;
  if (!Array.isArray(list)) throw new UnitFileError('expected an array of units or an object with a "units" array');
  const rows: RawUnitRow[] = [];
  const rejected: RejectedUnitRow[] = [];
  list.forEach((item: unknown, index) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      rejected.push({ row: index + 1, reason: 'a unit must be an object' });
      return;
    }
    const { residents, ...fields } = item as Record<string, unknown>;
    if (residents !== undefined && !Array.isArray(residents)) {
      rejected.push({ row: index + 1, reason: 'residents must be an array' });
      return;
    }
    rows.push({
      row: index + 1,
      fields,
      residents: ((residents ?? []) as unknown[]).map((r) => (typeof r === 'object' && r !== null ? (r as Record<string, unknown>) : {})),
    });
  });
  return { format: 'json', rows, rejected };
}

const parsers: Record<string, (text: string) => UnitFile> = { '.json': parseUnitJson, '.csv': parseUnitCsv };

/** Reads a units export, JSON or CSV by its extension; a file that cannot be imported at all throws UnitFileError. */
export async function readUnitFile(path: string): Promise<UnitFile> {
  const parse = parsers[extname(path).toLowerCase()];
  if (!parse) throw new UnitFileError(`expected a .json or .csv file, got ${JSON.stringify(path)}`);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UnitFileError(`cannot read the file: ${code === 'ENOENT' ? 'no such file' : String(error)}`);
  }
  try {
    return parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    if (error instanceof TypeError) throw new UnitFileError('the file is not UTF-8 text');
    throw error;
  }
}
