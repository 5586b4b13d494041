import { DomainRuleError } from '../shared/domain-errors';

/** Longest pattern accepted, and how much of a message patterns and keywords look at. */
export const maxRoutingPatternLength = 200;
export const routedTextLength = 2_000;
const maxRepeat = 100;

/**
 * Routing patterns run on every new contact, so a pattern that can backtrack exponentially
 * (`(a+)+$`, `(a|a)*`) would let one message stall intake. Instead of a timeout (JavaScript regexes
 * cannot be interrupted) the accepted subset cannot backtrack exponentially: no quantified group
 * holding a quantifier or an alternation, no backreferences or lookarounds, bounded repeats up to
 * 100, and matching sees at most the first 2,000 characters. Returns why a pattern is refused, or
 * undefined when it is accepted.
 */
export function routingPatternProblem(pattern: string): string | undefined {
  if (pattern.length === 0) return 'The pattern is empty.';
  if (pattern.length > maxRoutingPatternLength) return `The pattern is longer than ${maxRoutingPatternLength} characters.`;
  try {
    new RegExp(pattern, 'iu');
  } catch (error) {
    return `The pattern is not a valid regular expression: ${(error as Error).message}`;
  }
  interface Group {
    risky: boolean;
  }
  const groups: Group[] = [{ risky: false }];
  const top = (): Group => groups[groups.length - 1];
  let i = 0;
  // A quantifier right after position `at`: its length, or 0.
  const quantifierAt = (at: number): number => {
    const c = pattern[at];
    if (c === '*' || c === '+' || c === '?') return pattern[at + 1] === '?' ? 2 : 1;
    if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}\??/.exec(pattern.slice(at));
      if (m) return m[0].length;
    }
    return 0;
  };
  const repeatProblem = (at: number, length: number): string | undefined => {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(at, at + length));
    if (!m) return undefined;
    const upper = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]);
    return Number(m[1]) > maxRepeat || (upper !== Infinity && upper > maxRepeat) ? `Repeats are limited to ${maxRepeat}.` : undefined;
  };
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      if (/[1-9]/.test(next) || next === 'k') return 'Backreferences are not allowed in routing patterns.';
      i += 2;
    } else if (c === '[') {
      i++;
      while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === '(') {
      if (/^\(\?(<?[=!])/.test(pattern.slice(i))) return 'Lookahead and lookbehind are not allowed in routing patterns.';
      groups.push({ risky: false });
      i += pattern.startsWith('(?:', i) ? 3 : pattern.startsWith('(?<', i) ? pattern.indexOf('>', i) + 1 - i : 1;
      continue;
    } else if (c === ')') {
      const group = groups.pop() as Group;
      i++;
      const q = quantifierAt(i);
      if (q > 0) {
        if (group.risky) return 'A repeated group may not contain another repetition or an alternation (it could backtrack without end).';
        const problem = repeatProblem(i, q);
        if (problem) return problem;
        i += q;
        top().risky = true;
      } else if (group.risky) top().risky = true;
      continue;
    } else if (c === '|') {
      top().risky = true;
      i++;
      continue;
    } else {
      i++;
    }
    const q = quantifierAt(i);
    if (q > 0) {
      const problem = repeatProblem(i, q);
      if (problem) return problem;
      top().risky = true;
      i += q;
    }
  }
  return undefined;
}

export function checkRoutingPattern(pattern: string): void {
  const problem = routingPatternProblem(pattern);
  if (problem) throw new DomainRuleError('routing-pattern-unsafe', problem);
}
