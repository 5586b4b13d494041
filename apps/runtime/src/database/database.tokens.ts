export const PG_POOL = Symbol('PgPool');
// One token for the event store, owned by the context that needs it most.
export { EVENT_STORE } from '@switchboard/service-desk';
/** The event store adapter itself, without the metering wrapper: PostgreSQL-only features (group commit) need it. */
export const EVENT_STORE_ADAPTER = Symbol('EventStoreAdapter');
