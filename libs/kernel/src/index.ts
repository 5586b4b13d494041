export * from './assert-never';
export * from './backoff';
export * from './error-message';
export * from './storable-text';
export * from './decider';
