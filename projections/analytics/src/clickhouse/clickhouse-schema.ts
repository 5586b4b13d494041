import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ClickHouseDatabase } from './clickhouse-database';
import { list, raw, sql } from './sql';

export interface SchemaFile {
  /** The file name, e.g. `0001-request-facts.sql`; applied in this order. */
  readonly name: string;
  readonly statements: readonly string[];
}

const SCHEMA_FILE = /^\d{4}-[a-z0-9-]+\.sql$/;

/** Tables fed from the event store; a rebuild recomputes them. */
export const projectedTables = [
  'request_facts',
  'incident_facts',
  'status_changes',
  'contacts',
  'work_group_load',
  'survey_sent',
  'survey_answers',
  'pass_visits',
  'projection_checkpoints',
] as const;
/** Tables fed from elsewhere (catalogue, user directory, managers); a rebuild copies them over. */
export const referenceTables = ['services', 'operators', 'sla_targets'] as const;

/**
 * `deploy/clickhouse` of the working directory (how every role is started), else of the source
 * tree this file sits in (tests, tools run from elsewhere).
 */
export function defaultSchemaDir(): string {
  const candidates = [
    resolve(process.cwd(), 'deploy/clickhouse'),
    resolve(__dirname, '../../../../deploy/clickhouse'),
    resolve(__dirname, '../../../../../deploy/clickhouse'),
  ];
  const found = candidates.find((dir) => existsSync(dir));
  if (!found) throw new Error(`No ClickHouse schema directory (deploy/clickhouse) in ${candidates.join(', ')}`);
  return found;
}

export function readSchemaFiles(dir: string = defaultSchemaDir()): SchemaFile[] {
  return readdirSync(dir)
    .filter((name) => SCHEMA_FILE.test(name))
    .sort()
    .map((name) => ({ name, statements: splitStatements(readFileSync(join(dir, name), 'utf8')) }));
}

/** Statements of a file: `--` comments dropped, split on `;` outside string literals. */
export function splitStatements(text: string): string[] {
  const statements: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '`' || c === '"') {
      const end = closingQuote(text, i);
      current += text.slice(i, end + 1);
      i = end;
    } else if (c === '-' && text[i + 1] === '-') {
      const newline = text.indexOf('\n', i);
      i = newline < 0 ? text.length : newline - 1;
    } else if (c === ';') {
      statements.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  statements.push(current);
  return statements.map((s) => s.trim()).filter((s) => s.length > 0);
}

function closingQuote(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote) return i;
  }
  throw new SyntaxError(`Unterminated ${quote} literal in a schema file`);
}

/**
 * An `ALTER TABLE … ADD COLUMN` that finds its column already there was applied before (18.16 has no
 * `IF NOT EXISTS` for columns): done. Any other failure stands.
 */
function ignoreAddedColumn(statement: string, error: unknown): void {
  if (/^ALTER TABLE \S+ ADD COLUMN /i.test(statement) && /already exists/i.test(error instanceof Error ? error.message : String(error))) return;
  throw error;
}

/**
 * Creates the database and applies the schema files it has not seen, in order, recording each in
 * `schema_migrations`. Every file is written to be safe to run again (IF NOT EXISTS), so two
 * projectors starting together, or a crash between a file and its record, do no harm.
 */
export async function applySchema(database: ClickHouseDatabase, files: readonly SchemaFile[] = readSchemaFiles()): Promise<string[]> {
  await database.create();
  await database.exec(raw(`CREATE TABLE IF NOT EXISTS schema_migrations (name String, applied_at DateTime('UTC')) ENGINE = ReplacingMergeTree ORDER BY name`));
  const applied = new Set(
    (await database.rows<{ name: string }>(sql`SELECT name FROM schema_migrations WHERE name IN ${list(files.map((f) => f.name))}`)).map((r) => r.name),
  );
  const done: string[] = [];
  for (const file of files) {
    if (applied.has(file.name)) continue;
    for (const statement of file.statements) await database.exec(raw(statement)).catch((error: unknown) => ignoreAddedColumn(statement, error));
    await database.insert('schema_migrations', [{ name: file.name, applied_at: Math.floor(Date.now() / 1000) }]);
    done.push(file.name);
  }
  return done;
}
