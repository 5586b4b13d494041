import type { CurrentRevision, ExpectedRevision } from './event-store.port';

/**
 * EventStoreDB's expected-revision rule, decided against the stream as it is: `any` always
 * passes, `no_stream` needs no stream, `stream_exists` needs one, a revision must equal the
 * revision of the stream's last event.
 */
export function satisfiesExpectedRevision(expected: ExpectedRevision, actual: CurrentRevision): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === 'no_stream';
    case 'stream_exists':
      return actual !== 'no_stream';
    default:
      return actual === expected;
  }
}

/** The revision an append checks idempotence from, when a stream is already past it. */
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
