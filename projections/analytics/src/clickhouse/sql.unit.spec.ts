import { identifier, list, literal, quoteString, raw, sql } from './sql';

describe('sql', () => {
  it('turns every interpolated value into a literal, never into SQL text', () => {
    const name = "x'; DROP TABLE request_facts; --";
    expect(sql`SELECT * FROM t WHERE name = ${name} AND n = ${42}`.text).toBe("SELECT * FROM t WHERE name = 'x\\'; DROP TABLE request_facts; --' AND n = 42");
  });

  it('escapes backslashes before quotes, so a trailing backslash cannot swallow the closing quote', () => {
    expect(quoteString('a\\')).toBe("'a\\\\'");
    expect(quoteString("\\'")).toBe("'\\\\\\''");
  });

  it('escapes control characters', () => {
    expect(quoteString('a\nb\r\tc\0')).toBe("'a\\nb\\r\\tc\\0'");
  });

  it('writes numbers, big integers, booleans, null and arrays', () => {
    expect(literal(1.5)).toBe('1.5');
    expect(literal(-3)).toBe('-3');
    expect(literal(18446744073709551615n)).toBe('18446744073709551615');
    expect(literal(true)).toBe('1');
    expect(literal(null)).toBe('NULL');
    expect(literal(['a', 1, ["b'"]])).toBe("['a', 1, ['b\\'']]");
  });

  it('refuses numbers that are not finite', () => {
    expect(() => literal(Number.NaN)).toThrow(RangeError);
    expect(() => literal(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('writes a date as UTC whole seconds', () => {
    expect(literal(new Date('2026-03-02T09:00:00.900Z'))).toBe("toDateTime(1772442000, 'UTC')");
    expect(() => literal(new Date('nonsense'))).toThrow(RangeError);
  });

  it('writes a list for IN, and an empty list that matches nothing', () => {
    expect(sql`x IN ${list(['a', 'b'])}`.text).toBe("x IN ('a', 'b')");
    expect(sql`x IN ${list([])}`.text).toBe('x IN (NULL)');
  });

  it('accepts identifiers made of letters, digits and underscores only', () => {
    expect(sql`SELECT * FROM ${identifier('request_facts')}`.text).toBe('SELECT * FROM `request_facts`');
    for (const bad of ['', '1abc', 'a-b', 'a`b', 'a b', 'a;b', 'db.table']) expect(() => identifier(bad)).toThrow(TypeError);
  });

  it('nests SQL fragments as they are', () => {
    const where = sql`status = ${'NEW'}`;
    expect(sql`SELECT 1 WHERE ${where} AND ${raw('1 = 1')}`.text).toBe("SELECT 1 WHERE status = 'NEW' AND 1 = 1");
  });
});
