import { createHash, randomBytes } from 'node:crypto';

/** What a login approved, waiting for the client to redeem it at the token endpoint. */
export interface PendingAuthorization {
  readonly userId: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly codeChallenge: string;
  readonly scope: string;
  readonly nonce?: string;
  /** Epoch seconds. */
  readonly authTime: number;
}

export type RedeemFailure = 'invalid_code' | 'client_mismatch' | 'redirect_uri_mismatch' | 'pkce_mismatch';

/** Keycloak's `accessCodeLifespan` in the shipped realm. */
const CODE_SECONDS = 60;

/**
 * Authorization codes of the code flow with PKCE (RFC 7636, S256 only): single use, short-lived,
 * bound to the client, the redirect URI and the code challenge. In memory, like the signing key.
 */
export class AuthorizationCodes {
  private readonly codes = new Map<string, PendingAuthorization & { readonly expiresAt: number }>();

  issue(authorization: PendingAuthorization, nowSeconds: number): string {
    this.forgetExpired(nowSeconds);
    const code = randomBytes(32).toString('base64url');
    this.codes.set(code, { ...authorization, expiresAt: nowSeconds + CODE_SECONDS });
    return code;
  }

  /** Takes the code out whatever the outcome: a code is tried once. */
  redeem(code: string, given: { clientId: string; redirectUri: string; codeVerifier: string }, nowSeconds: number): PendingAuthorization | RedeemFailure {
    const pending = this.codes.get(code);
    this.codes.delete(code);
    if (!pending || pending.expiresAt < nowSeconds) return 'invalid_code';
    if (pending.clientId !== given.clientId) return 'client_mismatch';
    if (pending.redirectUri !== given.redirectUri) return 'redirect_uri_mismatch';
    if (s256(given.codeVerifier) !== pending.codeChallenge) return 'pkce_mismatch';
    return pending;
  }

  private forgetExpired(nowSeconds: number): void {
    for (const [code, pending] of this.codes) if (pending.expiresAt < nowSeconds) this.codes.delete(code);
  }
}

/** `BASE64URL(SHA256(code_verifier))`, the S256 code challenge. */
export function s256(codeVerifier: string): string {
  return createHash('sha256').update(codeVerifier, 'ascii').digest('base64url');
}

/** RFC 7636: 43–128 characters of the unreserved set. */
export const CODE_VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;
export const CODE_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;
