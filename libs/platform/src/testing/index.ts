export * from './test-database';
export * from './skip';
