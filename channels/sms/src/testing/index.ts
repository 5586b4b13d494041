export * from './local-smsc';
