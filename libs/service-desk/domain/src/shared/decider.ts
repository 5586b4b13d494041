export { fold } from '@switchboard/kernel';
export type { Decider } from '@switchboard/kernel';
