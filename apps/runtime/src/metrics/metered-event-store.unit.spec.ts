import { WrongExpectedVersionError } from '@switchboard/eventstore';
import type { AppendResult, EventStore, NewEvent, RecordedEvent } from '@switchboard/eventstore';
import { MeteredEventStore } from './metered-event-store';

const event: NewEvent = { id: '00000000-0000-4000-8000-000000000001', type: 'Thing', data: {} };

async function* nothing(): AsyncGenerator<RecordedEvent> {
  yield* [];
}

function storeThat(append: () => Promise<AppendResult>): EventStore {
  const empty = nothing();
  return {
    append,
    readStream: () => empty,
    readAll: () => empty,
    subscribeToAll: () => Object.assign(empty, { stop: async () => undefined }),
    close: async () => undefined,
  };
}

describe('metered event store', () => {
  it('times a successful append under outcome ok and returns its result', async () => {
    const observed: Array<[string, number]> = [];
    const store = new MeteredEventStore(
      storeThat(async () => ({ nextExpectedRevision: 0n, position: '1:1' })),
      { observe: (labels, s) => observed.push([labels.outcome, s]) },
    );
    await expect(store.append('request-1', [event])).resolves.toEqual({ nextExpectedRevision: 0n, position: '1:1' });
    expect(observed).toEqual([['ok', expect.any(Number)]]);
    expect(observed[0][1]).toBeGreaterThanOrEqual(0);
  });

  it('times a lost race under conflict and anything else under failed, and rethrows', async () => {
    const outcomes: string[] = [];
    const conflict = new MeteredEventStore(
      storeThat(() => Promise.reject(new WrongExpectedVersionError('request-1', 'no_stream', 0n))),
      { observe: (l) => outcomes.push(l.outcome) },
    );
    const broken = new MeteredEventStore(
      storeThat(() => Promise.reject(new Error('connection reset'))),
      { observe: (l) => outcomes.push(l.outcome) },
    );
    await expect(conflict.append('request-1', [event])).rejects.toBeInstanceOf(WrongExpectedVersionError);
    await expect(broken.append('request-1', [event])).rejects.toThrow('connection reset');
    expect(outcomes).toEqual(['conflict', 'failed']);
  });
});
