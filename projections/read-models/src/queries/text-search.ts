import { normaliseForSearch } from '@switchboard/customers/domain';
import { containsPattern } from './sql';
import type { SqlParams } from './sql';

/** How many client ids a name match may contribute (a broader name is not a useful search). */
const CLIENT_MATCH_LIMIT = 1_000;

/**
 * One word in a client `c`'s name: the customers context's normalised `name_key` (lower case,
 * ё as е; trigram-indexed by its migration) or the organisation (trigram-indexed by ours).
 */
export function clientNameMatch(word: string, sql: SqlParams, c = 'c'): string {
  return `(${c}.name_key LIKE ${sql.add(containsPattern(normaliseForSearch(word)))} OR ${c}.organisation ILIKE ${sql.add(containsPattern(word))})`;
}

/**
 * `q` over a request `r`: every word in its subject or last message (trigram index on
 * search_text), or every word in its client's name.
 */
export function requestTextMatch(words: readonly string[], sql: SqlParams, r = 'r'): string {
  const inText = words.map((w) => `${r}.search_text ILIKE ${sql.add(containsPattern(w))}`).join(' AND ');
  const inName = words.map((w) => clientNameMatch(w, sql, 'qc')).join(' AND ');
  return `((${inText}) OR ${r}.client_id = ANY (ARRAY(SELECT qc.id FROM customers_clients qc WHERE ${inName} LIMIT ${CLIENT_MATCH_LIMIT})))`;
}

/** `q` over an incident `i`: every word in its resolution or last narrative, or its request matches. */
export function incidentTextMatch(words: readonly string[], sql: SqlParams, i = 'i'): string {
  const inText = words.map((w) => `${i}.search_text ILIKE ${sql.add(containsPattern(w))}`).join(' AND ');
  return `((${inText}) OR ${i}.request_id IN (SELECT qr.id FROM rm_requests qr WHERE ${requestTextMatch(words, sql, 'qr')}))`;
}
