import { readSchemaFiles, splitStatements } from './clickhouse-schema';

describe('schema files', () => {
  it('splits a file into statements, dropping comments and keeping semicolons inside literals', () => {
    const text = "-- a comment; with a semicolon\nCREATE TABLE a (x String DEFAULT ';') ENGINE = Log;\n\nINSERT INTO a VALUES ('it\\'s; fine'); -- trailing\n";
    expect(splitStatements(text)).toEqual(["CREATE TABLE a (x String DEFAULT ';') ENGINE = Log", "INSERT INTO a VALUES ('it\\'s; fine')"]);
  });

  it('refuses an unterminated literal', () => {
    expect(() => splitStatements("SELECT 'oops")).toThrow(SyntaxError);
  });

  it('reads the numbered files of deploy/clickhouse in order and nothing else', () => {
    const names = readSchemaFiles().map((f) => f.name);
    expect(names.length).toBeGreaterThan(0);
    expect(names).toEqual([...names].sort());
    for (const name of names) expect(name).toMatch(/^\d{4}-[a-z0-9-]+\.sql$/);
  });

  it('creates every table only if it does not exist, so applying a file again is harmless', () => {
    for (const file of readSchemaFiles()) {
      for (const statement of file.statements.filter((s) => /^CREATE TABLE/i.test(s))) {
        expect({ file: file.name, statement: statement.slice(0, 60) }).toEqual({
          file: file.name,
          statement: expect.stringMatching(/^CREATE TABLE IF NOT EXISTS /),
        });
      }
    }
  });

  it('keys every replacing table so a re-inserted row replaces itself, with UTC times and no types 18.16 lacks', () => {
    const statements = readSchemaFiles().flatMap((f) => f.statements);
    for (const statement of statements.filter((s) => /^CREATE TABLE/i.test(s))) {
      expect(statement).toMatch(/ENGINE = ReplacingMergeTree/);
      expect(statement).toMatch(/ORDER BY /);
      expect(statement).not.toMatch(/DateTime64|LowCardinality|Map\(|JSON|Object\(/);
      for (const match of statement.matchAll(/\bDateTime(\('?[^)]*'?\))?/g)) expect(match[1]).toBe("('UTC')");
    }
  });
});
