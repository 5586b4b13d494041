export * from './migrations/20261208400000-portal.migration';
export * from './migrations/20261209300000-portal-units-from-estate.migration';
export * from './postgres-portal.stores';
