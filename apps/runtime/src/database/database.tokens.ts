export const PG_POOL = Symbol('PgPool');
// One token for the event store, owned by the context that needs it most.
export { EVENT_STORE } from '@switchboard/service-desk';
