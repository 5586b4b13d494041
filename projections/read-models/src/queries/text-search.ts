import { clientNameSql } from './rows';
import { containsPattern } from './sql';
import type { SqlParams } from './sql';

/** How many client ids a name match may contribute (a broader name is not a useful search). */
const CLIENT_MATCH_LIMIT = 1_000;

/**
 * `q` over a request `r`: every word in its subject or last message (trigram index on
 * search_text), or every word in its client's name (trigram index on customers_clients).
 */
export function requestTextMatch(words: readonly string[], sql: SqlParams, r = 'r'): string {
  const patterns = words.map((w) => sql.add(containsPattern(w)));
  const inText = patterns.map((p) => `${r}.search_text ILIKE ${p}`).join(' AND ');
  const inName = patterns.map((p) => `${clientNameSql('qc')} ILIKE ${p}`).join(' AND ');
  return `((${inText}) OR ${r}.client_id = ANY (ARRAY(SELECT qc.id FROM customers_clients qc WHERE ${inName} LIMIT ${CLIENT_MATCH_LIMIT})))`;
}

/** `q` over an incident `i`: every word in its resolution or last narrative, or its request matches. */
export function incidentTextMatch(words: readonly string[], sql: SqlParams, i = 'i'): string {
  const patterns = words.map((w) => sql.add(containsPattern(w)));
  const inText = patterns.map((p) => `${i}.search_text ILIKE ${p}`).join(' AND ');
  return `((${inText}) OR ${i}.request_id IN (SELECT qr.id FROM rm_requests qr WHERE ${requestTextMatch(words, sql, 'qr')}))`;
}
