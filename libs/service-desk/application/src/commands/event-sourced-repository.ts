export { EVENT_SCHEMA_VERSION, EventSourcedRepository, previousResult, toDomainEvent } from '@switchboard/eventstore';
export type { Loaded } from '@switchboard/eventstore';
