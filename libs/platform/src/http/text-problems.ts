import type { FieldProblem } from './validation-problem';

/** How deep a payload may nest before it is refused rather than walked (no list query nests past 3). */
export const MAX_NESTING = 32;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * What PostgreSQL cannot store of a string: NUL (text refuses 0x00, jsonb refuses \u0000) and a
 * lone UTF-16 surrogate (jsonb refuses the escape; UTF-8 has no encoding for it).
 */
export function unstorableText(value: string): string | undefined {
  if (value.includes('\u0000')) return 'must not contain NUL (\\u0000)';
  if (LONE_SURROGATE.test(value)) return 'must not contain a lone UTF-16 surrogate (e.g. \\ud800)';
  return undefined;
}

/**
 * Every string (values and keys) in a parsed payload that PostgreSQL could not store, by its path,
 * and a payload nested deeper than MAX_NESTING. Walks with its own stack: any depth is safe.
 */
export function textProblems(payload: unknown, root = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const pending: { value: unknown; path: string; depth: number }[] = [{ value: payload, path: root, depth: 0 }];
  const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));
  while (pending.length > 0) {
    const { value, path, depth } = pending.pop() as { value: unknown; path: string; depth: number };
    if (typeof value === 'string') {
      const problem = unstorableText(value);
      if (problem) problems.push({ field: path || '(body)', message: problem });
    } else if (typeof value === 'object' && value !== null) {
      if (depth >= MAX_NESTING) {
        problems.push({ field: path || '(body)', message: `must not nest deeper than ${MAX_NESTING} levels` });
        continue;
      }
      for (const [key, item] of Object.entries(value)) {
        const keyProblem = unstorableText(key);
        if (keyProblem) problems.push({ field: join(path, JSON.stringify(key).slice(1, -1)), message: `name ${keyProblem}` });
        pending.push({ value: item, path: join(path, key), depth: depth + 1 });
      }
    }
  }
  return problems.reverse();
}
