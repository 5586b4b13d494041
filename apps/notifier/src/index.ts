export * from './notifier.module';
export * from './outbox/outbox.module';
