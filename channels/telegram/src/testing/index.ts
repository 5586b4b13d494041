export * from './local-bot-api';
