export * from './logging.mailer';
export * from './migrations/20261123000200-service-desk.migration';
export * from './postgres-checkpoint.store';
export * from './postgres-sent-notifications';
export * from './smtp.mailer';
export * from './migrations/20261123000300-intake.migration';
export * from './postgres-intake.ledger';
export * from './migrations/20261125000800-intake-functions.migration';
