/**
 * The one way SQL text is built for ClickHouse. ClickHouse 18.16 (Debian's, the test server) has
 * no server-side query parameters, so every value reaches the server as an escaped literal made
 * here, and every identifier as a checked, back-quoted name. Nothing else concatenates SQL.
 */
export class Sql {
  /** Made by `sql`, `identifier`, `list` and `raw`; a plain string is never taken for SQL. */
  constructor(readonly text: string) {}

  toString(): string {
    return this.text;
  }
}

export type SqlValue = string | number | bigint | boolean | Date | null | Sql | readonly SqlValue[];

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/** A table, column or database name: letters, digits and underscores only, back-quoted. */
export function identifier(name: string): Sql {
  if (!IDENTIFIER.test(name)) throw new TypeError(`Not a ClickHouse identifier: '${name}'`);
  return new Sql(`\`${name}\``);
}

/** Trusted SQL text written in this repository (DDL files, panel queries) — never user input. */
export function raw(text: string): Sql {
  return new Sql(text);
}

/** `sql\`SELECT * FROM t WHERE id = ${id}\``: every interpolation becomes a literal (or nested Sql). */
export function sql(strings: TemplateStringsArray, ...values: readonly SqlValue[]): Sql {
  let text = strings[0];
  values.forEach((value, i) => {
    text += literal(value) + strings[i + 1];
  });
  return new Sql(text);
}

/** `(a, b, c)` for `IN`; an empty list is `(NULL)`, which matches nothing, rather than a syntax error. */
export function list(values: readonly SqlValue[]): Sql {
  return new Sql(values.length === 0 ? '(NULL)' : `(${values.map(literal).join(', ')})`);
}

export function literal(value: SqlValue): string {
  if (value instanceof Sql) return value.text;
  if (value === null) return 'NULL';
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  switch (typeof value) {
    case 'string':
      return quoteString(value);
    case 'number':
      if (!Number.isFinite(value)) throw new RangeError(`Not a finite number: ${value}`);
      return String(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? '1' : '0';
    default:
      break;
  }
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw new RangeError('Invalid date');
    return `toDateTime(${Math.floor(ms / 1000)}, 'UTC')`;
  }
  throw new TypeError(`Cannot write ${typeof value} as a ClickHouse literal`);
}

const ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '\0': '\\0',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/** A single-quoted string literal with backslash escapes, read the same by 18.16 and current ClickHouse. */
export function quoteString(value: string): string {
  return `'${value.replace(/[\\'\0\b\f\n\r\t]/g, (c) => ESCAPES[c])}'`;
}
