export * from './dev-idp/dev-identity-provider';
export * from './dev-idp/dev-idp.controller';
export * from './dev-idp/realm-users';
export * from './keycloak/keycloak-token-verifier';
