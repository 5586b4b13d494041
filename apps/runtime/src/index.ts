export * from './core.module';
export * from './database/database.tokens';
export * from './dependency';
export * from './run-app';
export * from './service-desk/process-managers.module';
export * from './service-desk/service-desk.module';
