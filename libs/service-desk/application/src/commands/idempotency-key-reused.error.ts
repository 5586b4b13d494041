export { IdempotencyKeyReusedError } from '@switchboard/eventstore';
