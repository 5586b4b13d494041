export { deterministicUuid } from '@switchboard/eventstore';
