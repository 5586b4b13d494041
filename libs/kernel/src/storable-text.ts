/**
 * Characters PostgreSQL cannot store: NUL (not in `text`, not as `\u0000` in `jsonb`) and half a
 * UTF-16 surrogate pair (`jsonb` refuses it; `text` would silently turn it into U+FFFD). Matched per
 * code unit on purpose: a well-formed pair is one character and stays.
 */
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text without NUL and unpaired surrogates: what a channel keeps of a sender's broken text. */
export function storableText(text: string): string {
  return text.replace(UNSTORABLE, '');
}

/** Deeper than any field a channel reads; what lies below is left for the schema to drop. */
const MAX_DEPTH = 32;

/**
 * A parsed JSON value (webhook body, ESB message) with every string, keys included, made storable;
 * other values are returned as they are. Senders that redeliver until they get a 2xx (Telegram,
 * SMS gateways, the ESB) must not be refused for a stray character: the rest of the contact is kept.
 */
export function storableJson(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return storableText(value);
  if (depth >= MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((item) => storableJson(item, depth + 1));
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [storableText(key), storableJson(inner, depth + 1)]));
  }
  return value;
}
