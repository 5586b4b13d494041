export * from './postgres-telegram-chats';
export * from './telegram-chats';
export * from './telegram-outbound.sender';
export * from './telegram-texts';
export * from './telegram-update';
export * from './telegram-webhook.service';
export * from './telegram.migration';
