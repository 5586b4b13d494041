export { eventIdFor } from '@switchboard/eventstore';
