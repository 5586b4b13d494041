export * from './migrations/20261208400000-portal.migration';
export * from './postgres-portal.stores';
