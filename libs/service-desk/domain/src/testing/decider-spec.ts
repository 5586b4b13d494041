export { deciderSpec } from '@switchboard/kernel/testing';
