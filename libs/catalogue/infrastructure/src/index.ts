export * from './migrations/20261123000000-catalogue.migration';
export * from './postgres-catalogue.repository';
