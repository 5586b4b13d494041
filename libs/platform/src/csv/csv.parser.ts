export interface CsvRecord {
  /** Line of the file the record starts on (1-based); a quoted field may carry it over several lines. */
  readonly line: number;
  readonly fields: readonly string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = 'CsvSyntaxError';
  }
}

/**
 * RFC 4180 CSV: comma-separated fields, records ended by CRLF, LF or CR, fields in double quotes
 * may hold commas, line breaks and `""` for a quote. A quote inside an unquoted field is taken
 * literally (spreadsheets write such files). Blank lines are skipped; a leading BOM is ignored.
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };

  while (i < text.length) {
    const c = text[i];
    if (c === '"' && field === '') {
      // A quoted field: runs to the closing quote, which must end the field.
      const openedOn = line;
      i += 1;
      for (;;) {
        if (i >= text.length) throw new CsvSyntaxError(openedOn, 'a quoted field is never closed');
        const q = text[i];
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        if (q === '\r' || q === '\n') {
          if (q === '\r' && text[i + 1] === '\n') {
            field += '\r';
            i += 1;
          }
          line += 1;
        }
        field += text[i];
        i += 1;
      }
      const next = text[i];
      if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') {
        throw new CsvSyntaxError(line, `unexpected ${JSON.stringify(next)} after a closing quote (a quote inside a quoted field is written "")`);
      }
      continue;
    }
    if (c === ',') {
      fields.push(field);
      field = '';
      i += 1;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line += 1;
      recordLine = line;
      continue;
    }
    field += c;
    i += 1;
  }
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}
