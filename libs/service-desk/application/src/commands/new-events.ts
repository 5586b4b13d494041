export { newEventsFor } from '@switchboard/eventstore';
