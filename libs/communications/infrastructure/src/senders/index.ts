export * from './smtp-email.sender';
export * from './web-push.sender';
