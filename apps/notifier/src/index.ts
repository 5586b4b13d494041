export * from './notifier.module';
export * from './outbox/outbox.module';
export * from './smpp-transmitter.module';
