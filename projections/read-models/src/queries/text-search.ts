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

/** How many client ids a phone prefix may contribute. */
const CLIENT_PHONE_MATCH_LIMIT = 1_000;

/** A request's short number, as customers are told it: the first 8 characters of its id. */
const SHORT_NUMBER = /^#?([0-9a-f]{8})$/i;
const PHONE_PREFIX = /^\+?[\d\s()-]+$/;

/**
 * `q` over a request `r`: every word in its subject or any message of its conversation (trigram
 * index on search_text), or every word in its client's name; a phone prefix (5 digits or more) in
 * its contact address or its client's phone; a short number (8 hex digits, "#" allowed) its id.
 * Each alternative is served by an index of its own.
 */
export function requestTextMatch(words: readonly string[], sql: SqlParams, r = 'r', q = words.join(' ')): string {
  const inText = words.map((w) => `${r}.search_text ILIKE ${sql.add(containsPattern(w))}`).join(' AND ');
  const inName = words.map((w) => clientNameMatch(w, sql, 'qc')).join(' AND ');
  const alternatives = [`(${inText})`, `${r}.client_id = ANY (ARRAY(SELECT qc.id FROM customers_clients qc WHERE ${inName} LIMIT ${CLIENT_MATCH_LIMIT}))`];
  const text = q.trim();
  const digits = text.replace(/\D/g, '');
  if (PHONE_PREFIX.test(text) && digits.length >= 5) {
    const prefix = sql.add(`+${digits}%`);
    alternatives.push(`${r}.contact_address COLLATE "C" LIKE ${prefix}`);
    alternatives.push(
      `${r}.client_id = ANY (ARRAY(SELECT pc.id FROM customers_clients pc WHERE pc.phone COLLATE "C" LIKE ${prefix} LIMIT ${CLIENT_PHONE_MATCH_LIMIT}))`,
    );
  }
  const short = SHORT_NUMBER.exec(text);
  if (short) {
    const head = short[1].toLowerCase();
    alternatives.push(`${r}.id BETWEEN ${sql.add(`${head}-0000-0000-0000-000000000000`)}::uuid AND ${sql.add(`${head}-ffff-ffff-ffff-ffffffffffff`)}::uuid`);
  }
  return `(${alternatives.join(' OR ')})`;
}

/** `q` over an incident `i`: every word in its resolution or last narrative, or its request matches. */
export function incidentTextMatch(words: readonly string[], sql: SqlParams, i = 'i', q = words.join(' ')): string {
  const inText = words.map((w) => `${i}.search_text ILIKE ${sql.add(containsPattern(w))}`).join(' AND ');
  return `((${inText}) OR ${i}.request_id IN (SELECT qr.id FROM rm_requests qr WHERE ${requestTextMatch(words, sql, 'qr', q)}))`;
}
