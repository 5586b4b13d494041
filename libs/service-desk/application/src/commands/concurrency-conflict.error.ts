export { ConcurrencyConflictError } from '@switchboard/eventstore';
