import { assertValidExpectedRevision } from './expected-revision';
import { assertValidEvents } from './append-validation';

describe('append arguments', () => {
  it('accepts the four kinds of expected revision', () => {
    for (const expected of ['any', 'no_stream', 'stream_exists', 0n, 12n]) {
      expect(() => assertValidExpectedRevision(expected)).not.toThrow();
    }
  });

  it.each([-1n, 3, 'latest', undefined])('rejects %p as an expected revision', (expected) => {
    expect(() => assertValidExpectedRevision(expected)).toThrow(TypeError);
  });

  it('rejects an empty append and events without a uuid or a type', () => {
    expect(() => assertValidEvents([])).toThrow(RangeError);
    expect(() => assertValidEvents([{ id: 'nope', type: 'X', data: {} }])).toThrow(TypeError);
    expect(() => assertValidEvents([{ id: '5F0C7C9E-4A7B-4A53-9A36-6C1DE6C1F0AA', type: '', data: {} }])).toThrow(TypeError);
    expect(() => assertValidEvents([{ id: '5F0C7C9E-4A7B-4A53-9A36-6C1DE6C1F0AA', type: 'X', data: {} }])).not.toThrow();
  });
});
