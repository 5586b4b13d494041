import { createHash } from 'node:crypto';
import type { QueryConfig } from 'pg';

/**
 * A statement PostgreSQL prepares once per connection and then plans from its cache: a card's
 * queries are long joins whose planning costs more than their execution. Named by the text's hash,
 * so every distinct shape is its own statement. Only for statements whose plan does not depend on
 * the values (lookups by id): a generic plan cannot see how selective a filter or pattern is.
 */
export function prepared(text: string, values: unknown[]): QueryConfig {
  return { name: `rm_${createHash('sha1').update(text).digest('base64url')}`, text, values };
}
