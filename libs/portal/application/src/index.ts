export * from './portal.ports';
export * from './portal.tokens';
export * from './portal-errors';
export * from './portal-invitations.service';
export * from './residents-portal.service';
export * from './portal-ratings.service';
