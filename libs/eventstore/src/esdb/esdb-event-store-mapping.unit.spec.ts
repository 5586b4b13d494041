import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  StreamNotFoundError as EsdbStreamNotFoundError,
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
} from '@eventstore/db-client';
import type { AllStreamResolvedEvent } from '@eventstore/db-client';
import { StreamNotFoundError, WrongExpectedVersionError } from '../event-store.errors';
import {
  decodeEsdbPosition,
  encodeEsdbPosition,
  fromEsdbCurrentRevision,
  mapEsdbError,
  matchesFilter,
  toEsdbEvent,
  toEsdbExpectedRevision,
  toEsdbSubscriptionFilter,
  toRecordedEvent,
} from './esdb-mapping';

describe('EventStoreDB mapping', () => {
  describe('expected revision', () => {
    it.each([
      ['any', ANY],
      ['no_stream', NO_STREAM],
      ['stream_exists', STREAM_EXISTS],
      [0n, 0n],
      [18_446_744_073_709_551_614n, 18_446_744_073_709_551_614n],
    ] as const)('maps %p to the client value %p', (ours, theirs) => {
      expect(toEsdbExpectedRevision(ours)).toBe(theirs);
    });

    it('maps the current revision of a missing stream to no_stream', () => {
      expect(fromEsdbCurrentRevision(NO_STREAM)).toBe('no_stream');
      expect(fromEsdbCurrentRevision(7n)).toBe(7n);
    });
  });

  describe('position', () => {
    it('encodes commit and prepare as "commit/prepare" and decodes it back', () => {
      const position = { commit: 18_446_744_073_709_551_615n, prepare: 42n };
      expect(encodeEsdbPosition(position)).toBe('18446744073709551615/42');
      expect(decodeEsdbPosition('18446744073709551615/42')).toEqual(position);
    });

    it.each(['', '12', '1/2/3', 'a/b', '1:2', '-1/2'])('rejects %p as a position', (text) => {
      expect(() => decodeEsdbPosition(text)).toThrow(TypeError);
    });
  });

  describe('errors', () => {
    it("maps the client's WrongExpectedVersionError, keeping the caller's expectation", () => {
      const error = new EsdbWrongExpectedVersionError(undefined, { streamName: 'request-1', expected: 3n, current: 5n });
      const mapped = mapEsdbError(error, 'request-1', 3n);
      expect(mapped).toBeInstanceOf(WrongExpectedVersionError);
      expect(mapped).toMatchObject({ streamId: 'request-1', expected: 3n, actual: 5n });
    });

    it('maps a wrong expected version on a missing stream to actual no_stream', () => {
      const error = new EsdbWrongExpectedVersionError(undefined, { streamName: 'request-1', expected: STREAM_EXISTS, current: NO_STREAM });
      expect(mapEsdbError(error, 'request-1')).toMatchObject({ expected: 'stream_exists', actual: 'no_stream' });
    });

    it("maps the client's StreamNotFoundError", () => {
      const mapped = mapEsdbError(new EsdbStreamNotFoundError(undefined, 'incident-9'), 'incident-9');
      expect(mapped).toBeInstanceOf(StreamNotFoundError);
      expect(mapped).toMatchObject({ streamId: 'incident-9' });
    });

    it('passes other errors through unchanged', () => {
      const other = new Error('unavailable');
      expect(mapEsdbError(other, 's')).toBe(other);
    });
  });

  describe('events', () => {
    it('writes a new event as JSON with its id, type, data and metadata', () => {
      expect(toEsdbEvent({ id: '5f0c7c9e-4a7b-4a53-9a36-6c1de6c1f0aa', type: 'RequestRegistered', data: { a: 1 } })).toEqual({
        id: '5f0c7c9e-4a7b-4a53-9a36-6c1de6c1f0aa',
        contentType: 'application/json',
        type: 'RequestRegistered',
        data: { a: 1 },
        metadata: {},
      });
    });

    it('reads a recorded event with its position', () => {
      const created = new Date('2025-01-01T00:00:00Z');
      const resolved: AllStreamResolvedEvent = {
        event: {
          streamId: 'request-1',
          id: '5f0c7c9e-4a7b-4a53-9a36-6c1de6c1f0aa',
          isJson: true,
          revision: 4n,
          type: 'RequestClosed',
          created,
          data: { reason: 'done' },
          metadata: { schemaVersion: 2 },
          position: { commit: 100n, prepare: 90n },
        },
      };
      expect(toRecordedEvent(resolved)).toEqual({
        id: '5f0c7c9e-4a7b-4a53-9a36-6c1de6c1f0aa',
        type: 'RequestClosed',
        streamId: 'request-1',
        revision: 4n,
        position: '100/90',
        data: { reason: 'done' },
        metadata: { schemaVersion: 2 },
        createdAt: created,
      });
      expect(toRecordedEvent({})).toBeUndefined();
    });
  });

  describe('filters', () => {
    it('uses a stream-name prefix filter on the server when prefixes are given', () => {
      expect(toEsdbSubscriptionFilter({ streamPrefixes: ['request-'], eventTypes: ['X'] })).toMatchObject({
        filterOn: 'streamName',
        prefixes: ['request-'],
      });
    });

    it('uses an exact event-type regex on the server when only types are given', () => {
      const filter = toEsdbSubscriptionFilter({ eventTypes: ['Request.Closed', 'IncidentOpened'] });
      expect(filter).toMatchObject({ filterOn: 'eventType', regex: '^(?:Request\\.Closed|IncidentOpened)$' });
    });

    it('excludes system events without a filter', () => {
      expect(toEsdbSubscriptionFilter(undefined)).toMatchObject({ filterOn: 'eventType', regex: '^[^$].*' });
    });

    it('matches prefixes and exact types on the client, and never system events', () => {
      const filter = { streamPrefixes: ['request-'], eventTypes: ['RequestClosed'] };
      expect(matchesFilter({ streamId: 'request-1', type: 'RequestClosed' }, filter)).toBe(true);
      expect(matchesFilter({ streamId: 'request-1', type: 'RequestClosedLater' }, filter)).toBe(false);
      expect(matchesFilter({ streamId: 'incident-1', type: 'RequestClosed' }, filter)).toBe(false);
      expect(matchesFilter({ streamId: '$stats-1', type: '$statsCollected' }, undefined)).toBe(false);
      expect(matchesFilter({ streamId: 'request-1', type: 'Anything' }, { streamPrefixes: [], eventTypes: [] })).toBe(true);
    });
  });
});
