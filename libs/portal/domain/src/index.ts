export * from './invitation-token';
export * from './portal-files';
