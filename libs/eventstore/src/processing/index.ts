// The processing backbone: checkpointed processors that follow the event store (see README.md).
export * from './advance-checkpoint';
export * from './checkpoints';
export * from './event-backlog';
export * from './parked-events';
export * from './processing-policy';
export * from './processing-schema';
export * from './processor';
export * from './processor-host';
export * from './processor-status';
export { ProcessorRunner } from './processor-runner';
export type { ProcessorRunnerOptions, TenureEnd } from './processor-runner';
export * from './in-groups';
