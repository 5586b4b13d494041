/** Positional parameters for a statement assembled from parts: every value goes through here. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** A query parameter the caller got wrong (the API answers 400 naming `field`). */
export class InvalidQueryError extends Error {
  constructor(
    readonly field: string,
    readonly detail: string,
  ) {
    super(`${field}: ${detail}`);
    this.name = 'InvalidQueryError';
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: string): boolean => UUID.test(value);

export function requireUuid(field: string, value: string): string {
  if (!isUuid(value)) throw new InvalidQueryError(field, 'must be a uuid');
  return value.toLowerCase();
}

export function pageSize(field: string, value: number | undefined, fallback = 20, max = 100): number {
  const size = value ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > max) throw new InvalidQueryError(field, `must be a whole number from 1 to ${max}`);
  return size;
}

export function pageNumber(value: number | undefined): number {
  const page = value ?? 1;
  if (!Number.isInteger(page) || page < 1 || page > 10_000) throw new InvalidQueryError('page', 'must be a whole number from 1 to 10000');
  return page;
}

export function oneOf<T extends string>(field: string, values: readonly string[] | undefined, allowed: readonly T[]): T[] | undefined {
  if (values === undefined || values.length === 0) return undefined;
  for (const value of values) {
    if (!(allowed as readonly string[]).includes(value)) throw new InvalidQueryError(field, `must be one of ${allowed.join(', ')}`);
  }
  return values as T[];
}

/** Words of a free-text query: each must appear somewhere (in any order). */
export function searchWords(q: string | undefined): string[] {
  const words = (q ?? '').trim().split(/\s+/).filter(Boolean);
  if (words.length > 8) throw new InvalidQueryError('q', 'at most 8 words');
  if (words.some((w) => w.length > 100)) throw new InvalidQueryError('q', 'words of at most 100 characters');
  return words;
}

/** An ILIKE pattern matching `word` anywhere; LIKE wildcards in it match themselves. */
export function containsPattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export const iso = (value: Date | null): string | null => (value ? value.toISOString() : null);
