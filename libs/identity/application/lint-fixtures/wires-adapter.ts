import { KeycloakTokenVerifier } from '@switchboard/identity/infrastructure';

export const adapter = KeycloakTokenVerifier;
