export * from './migrations/20261208300000-security-desk.migration';
export * from './passes.projection';
export * from './security-desk.queries';
