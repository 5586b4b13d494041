export type {
  AppendOptions,
  AppendResult,
  CurrentRevision,
  EventFilter,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadDirection,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
  Subscription,
} from './event-store.port';
export { StreamNotFoundError, WrongExpectedVersionError } from './event-store.errors';
export { PostgresEventStore } from './postgres/postgres-event-store';
export type { PostgresEventStoreOptions } from './postgres/postgres-event-store';
export { PostgresInTransaction } from './postgres/postgres-in-transaction';
export type { StreamAppend, StreamAppendOutcome } from './postgres/postgres-in-transaction';
export { EventStoreDbEventStore } from './esdb/esdb-event-store';
export { SCHEMA_VERSION, UpcasterRegistry } from './upcasting/upcaster-registry';
export type { Upcast } from './upcasting/upcaster-registry';
export { UpcastingEventStore } from './upcasting/upcasting-event-store';
export { comparePositions, decodePosition, isPosition } from './positions';
export type { DecodedPosition } from './positions';
