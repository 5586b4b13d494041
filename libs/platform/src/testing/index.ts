export * from './test-database';
export * from './skip';
export * from './app-process';
export * from './keycloak';
export * from './event-stream-client';
