export * from './customers.port';
