export * from './migrations/20261123000100-customers.migration';
export * from './postgres-customers.repository';
