export * from './access-token-verifier.port';
export * from './access-tickets.port';
export * from './authentication.guard';
export * from './current-principal.decorator';
export * from './roles.decorator';
export * from './user-directory.port';
export * from './directory-users.query';
