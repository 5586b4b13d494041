/** Searches count matches exactly up to this many; beyond, the count is `"1000+"`. */
export const exactCountUpTo = 1_000;

/** A match count: exact up to 1,000, else the string "1000+" (counting further costs more than it tells). */
export type CappedCount = number | '1000+';

/** `counted` is what a count limited to `exactCountUpTo + 1` rows found. */
export const cappedCount = (counted: number): CappedCount => (counted > exactCountUpTo ? '1000+' : counted);

/** Where a page of a client search ends: the last entry's sort key and a key unique across ours and the LegacyDB. */
export interface ClientSearchPosition {
  readonly sortKey: string;
  readonly uniqueKey: string;
}

/** Opaque to clients. */
export function encodeClientSearchCursor(position: ClientSearchPosition): string {
  return Buffer.from(JSON.stringify([position.sortKey, position.uniqueKey])).toString('base64url');
}

/** Undefined when the text is not a cursor a client search issued. */
export function decodeClientSearchCursor(cursor: string): ClientSearchPosition | undefined {
  try {
    const body: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(body) && body.length === 2 && typeof body[0] === 'string' && typeof body[1] === 'string' && /^[ol]:/.test(body[1]))
      return { sortKey: body[0], uniqueKey: body[1] };
  } catch {
    // not JSON: not ours
  }
  return undefined;
}
