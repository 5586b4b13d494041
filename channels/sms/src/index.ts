export {};
export * from './sms-http-inbound';
