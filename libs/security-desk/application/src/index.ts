export * from './passes.service';
export * from './security-desk-access';
export * from './security-desk.tokens';
export * from './pass-units.port';
