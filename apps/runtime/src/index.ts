export * from './core.module';
export * from './database/database.tokens';
export * from './dependency';
export * from './run-app';
