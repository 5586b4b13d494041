import type { CurrentRevision, ExpectedRevision } from './event-store.port';
import { describeRevision } from './expected-revision';

export class WrongExpectedVersionError extends Error {
  override readonly name = 'WrongExpectedVersionError';

  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: CurrentRevision,
  ) {
    super(`Append to stream '${streamId}' expected ${describeRevision(expected)} but the stream is at ${describeRevision(actual)}`);
  }
}

export class StreamNotFoundError extends Error {
  override readonly name = 'StreamNotFoundError';

  constructor(readonly streamId: string) {
    super(`Stream '${streamId}' not found`);
  }
}
