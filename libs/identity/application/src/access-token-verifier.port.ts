import type { Principal } from '@switchboard/identity/domain';

/** Verifies a bearer token (signature, expiry, issuer realm) and returns who it belongs to. */
export interface AccessTokenVerifier {
  verify(token: string): Promise<Principal>;
}

export const ACCESS_TOKEN_VERIFIER = Symbol('AccessTokenVerifier');

export class InvalidTokenError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidTokenError';
  }
}
