export * from './api.module';
