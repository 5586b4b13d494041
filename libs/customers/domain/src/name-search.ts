import type { FieldError, Validated } from './field-error';
import { invalid, valid } from './field-error';
import { normaliseForSearch } from './full-name';

const maxTokens = 5;
const maxQueryLength = 100;

/** A name search: every word must occur in the client's "last first middle" name. */
export interface NameQuery {
  /** Distinct normalised words, sorted: the same query whatever the word order. */
  readonly words: readonly string[];
}

export function parseNameQuery(q: string | null | undefined): Validated<NameQuery> {
  const normalised = normaliseForSearch(q ?? '');
  const errors: FieldError[] = [];
  if (normalised.replace(/ /g, '').length < 2) errors.push({ field: 'q', message: 'must have at least 2 letters of a name' });
  else if (normalised.length > maxQueryLength) errors.push({ field: 'q', message: `must be at most ${maxQueryLength} characters` });
  const words = [...new Set(normalised.split(' ').filter(Boolean))].sort();
  if (words.length > maxTokens) errors.push({ field: 'q', message: `must have at most ${maxTokens} words` });
  return errors.length > 0 ? invalid(errors) : valid({ words });
}

/** The canonical text of a query, e.g. for a cache key. */
export const nameQueryKey = (query: NameQuery): string => query.words.join(' ');

/** Whether a normalised name key matches the query. */
export const matchesNameQuery = (nameKey: string, query: NameQuery): boolean => query.words.every((w) => nameKey.includes(w));
