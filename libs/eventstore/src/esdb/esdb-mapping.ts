import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  StreamNotFoundError as EsdbStreamNotFoundError,
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
  eventTypeFilter,
  excludeSystemEvents,
  streamNameFilter,
} from '@eventstore/db-client';
import type {
  AllStreamResolvedEvent,
  AppendExpectedRevision,
  CurrentRevision as EsdbCurrentRevision,
  EventData,
  Filter,
  JSONType,
  Position,
  ResolvedEvent,
} from '@eventstore/db-client';
import { StreamNotFoundError, WrongExpectedVersionError } from '../event-store.errors';
import type { CurrentRevision, EventFilter, ExpectedRevision, NewEvent, RecordedEvent } from '../event-store.port';

export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return expected;
  }
}

export function fromEsdbExpectedRevision(expected: AppendExpectedRevision): ExpectedRevision {
  return expected;
}

export function fromEsdbCurrentRevision(current: EsdbCurrentRevision): CurrentRevision {
  return current === NO_STREAM ? 'no_stream' : current;
}

/** `"<commit>/<prepare>"`, both decimal. */
export function encodeEsdbPosition(position: Position): string {
  return `${position.commit}/${position.prepare}`;
}

const POSITION = /^(\d{1,20})\/(\d{1,20})$/;

export function decodeEsdbPosition(position: string): Position {
  const match = POSITION.exec(position);
  if (!match) throw new TypeError(`Not an EventStoreDB position: '${position}'`);
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
}

export function samePosition(a: Position | undefined, b: Position | undefined): boolean {
  return a !== undefined && b !== undefined && a.commit === b.commit && a.prepare === b.prepare;
}

/** The client's errors become the port's; anything else passes through unchanged. */
export function mapEsdbError(error: unknown, streamId: string, expected?: ExpectedRevision): unknown {
  if (error instanceof EsdbWrongExpectedVersionError) {
    return new WrongExpectedVersionError(streamId, expected ?? fromEsdbExpectedRevision(error.expectedVersion), fromEsdbCurrentRevision(error.actualVersion));
  }
  if (error instanceof EsdbStreamNotFoundError) return new StreamNotFoundError(error.streamName || streamId);
  return error;
}

export function toEsdbEvent(event: NewEvent): EventData {
  return {
    id: event.id,
    contentType: 'application/json',
    type: event.type,
    // The client JSON.stringifies data of any shape; its JSONType is narrower than the port's `unknown`.
    data: (event.data ?? null) as JSONType,
    metadata: event.metadata ?? {},
  };
}

export function toRecordedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event) return undefined;
  const metadata = event.metadata;
  return {
    id: event.id,
    type: event.type,
    streamId: event.streamId,
    revision: event.revision,
    position: event.position ? encodeEsdbPosition(event.position) : '',
    data: event.data,
    metadata: isRecord(metadata) ? metadata : {},
    createdAt: event.created,
  };
}

export function isSystemEvent(event: Pick<RecordedEvent, 'type' | 'streamId'>): boolean {
  return event.type.startsWith('$') || event.streamId.startsWith('$');
}

/** Exact-match semantics of the port's filter, checked on the client. */
export function matchesFilter(event: Pick<RecordedEvent, 'type' | 'streamId'>, filter: EventFilter | undefined): boolean {
  if (isSystemEvent(event)) return false;
  const prefixes = filter?.streamPrefixes ?? [];
  const types = filter?.eventTypes ?? [];
  return (prefixes.length === 0 || prefixes.some((p) => event.streamId.startsWith(p))) && (types.length === 0 || types.includes(event.type));
}

/**
 * The server filter a subscription can use: the client takes one filter, on stream names or
 * event types; `matchesFilter` applies the rest.
 */
export function toEsdbSubscriptionFilter(filter: EventFilter | undefined): Filter {
  if (filter?.streamPrefixes?.length) return streamNameFilter({ prefixes: filter.streamPrefixes });
  if (filter?.eventTypes?.length) return eventTypeFilter({ regex: `^(?:${filter.eventTypes.map(escapeRegex).join('|')})$` });
  return excludeSystemEvents();
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}
