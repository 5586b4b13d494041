import type { CurrentRevision, ExpectedRevision } from './event-store.port';

/** An exact expected revision as a number (`no_stream` is -1); undefined for `any` and `stream_exists`. */
export function expectedAsNumber(expected: ExpectedRevision): bigint | undefined {
  if (expected === 'no_stream') return -1n;
  return typeof expected === 'bigint' ? expected : undefined;
}

export function assertValidExpectedRevision(expected: unknown): asserts expected is ExpectedRevision {
  if (expected === 'any' || expected === 'no_stream' || expected === 'stream_exists') return;
  if (typeof expected === 'bigint' && expected >= 0n) return;
  throw new TypeError(`Invalid expected revision: ${String(expected)}`);
}

export function describeRevision(revision: ExpectedRevision | CurrentRevision): string {
  return typeof revision === 'bigint' ? `revision ${revision}` : revision;
}
