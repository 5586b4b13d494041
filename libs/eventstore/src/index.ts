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
export { ConcurrentAppendError, PostgresInTransaction } from './postgres/postgres-in-transaction';
export type { InTransactionAppendOptions, StreamAppend, StreamAppendOutcome } from './postgres/postgres-in-transaction';
export { EventStoreDbEventStore } from './esdb/esdb-event-store';
export { SCHEMA_VERSION, UpcasterRegistry } from './upcasting/upcaster-registry';
export type { Upcast } from './upcasting/upcaster-registry';
export { UpcastingEventStore } from './upcasting/upcasting-event-store';
export { comparePositions, decodePosition, isPosition } from './positions';
export type { DecodedPosition } from './positions';
export type { CommandEnvelope, CommandResult } from './commands/command-envelope';
export { ConcurrencyConflictError } from './commands/concurrency-conflict.error';
export { deterministicUuid } from './commands/deterministic-uuid';
export { eventIdFor } from './commands/event-ids';
export { IdempotencyKeyReusedError } from './commands/idempotency-key-reused.error';
export { newEventsFor } from './commands/new-events';
export { EVENT_SCHEMA_VERSION, EventSourcedRepository, previousResult, toDomainEvent } from './commands/event-sourced-repository';
export type { Loaded } from './commands/event-sourced-repository';
