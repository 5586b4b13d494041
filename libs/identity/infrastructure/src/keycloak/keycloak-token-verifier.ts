import { ServiceUnavailableException } from '@nestjs/common';
import KeycloakConnect from 'keycloak-connect';
import { InvalidTokenError } from '@switchboard/identity';
import type { AccessTokenVerifier } from '@switchboard/identity';
import { principalFromClaims } from '@switchboard/identity/domain';
import type { KeycloakClaims, Principal } from '@switchboard/identity/domain';

export interface KeycloakVerifierOptions {
  /** Keycloak base URL (the dev IdP's `/dev-idp` base in development). */
  readonly url: string;
  readonly realm: string;
  readonly clientId: string;
  readonly clientSecret?: string;
}

interface VerifiedGrant {
  access_token?: { content: KeycloakClaims };
}

/**
 * Bearer-only verification through keycloak-connect: signature against the realm's JWKS (fetched
 * and rotated by kid), expiry, token type and issuer realm. Used for real Keycloak and for the
 * development IdP alike.
 */
const VERIFIED_CACHE_SIZE = 10_000;

export class KeycloakTokenVerifier implements AccessTokenVerifier {
  private readonly grantManager: { createGrant(raw: object): Promise<VerifiedGrant> };
  /**
   * Tokens already verified, until they expire: an operator's console sends the same token with
   * every call, and checking its RS256 signature each time is most of the cost of a cheap query.
   */
  private readonly verified = new Map<string, { principal: Principal; expiresAtMs: number }>();

  constructor(options: KeycloakVerifierOptions) {
    const keycloak = new KeycloakConnect({}, {
      realm: options.realm,
      'auth-server-url': options.url,
      resource: options.clientId,
      'bearer-only': true,
      'ssl-required': 'external',
      'confidential-port': 0,
      credentials: options.clientSecret ? { secret: options.clientSecret } : {},
    } as unknown as KeycloakConnect.KeycloakConfig);
    this.grantManager = (keycloak as unknown as { grantManager: KeycloakTokenVerifier['grantManager'] }).grantManager;
  }

  async verify(token: string): Promise<Principal> {
    const known = this.verified.get(token);
    if (known && known.expiresAtMs > Date.now()) return known.principal;
    if (known) this.verified.delete(token);
    return this.verifyAtIdentityProvider(token);
  }

  private async verifyAtIdentityProvider(token: string): Promise<Principal> {
    if (!isWellFormedJwt(token)) throw new InvalidTokenError('invalid token (malformed)');
    let grant: VerifiedGrant;
    try {
      grant = await this.grantManager.createGrant({ access_token: token });
    } catch (error) {
      const reason = error instanceof Error ? error.message.replace(/^Grant validation failed\. Reason: /, '') : String(error);
      // The realm's keys could not be fetched: our dependency is down, the token may be fine.
      if (reason.startsWith('failed to load public key')) throw new ServiceUnavailableException(`Identity provider unreachable: ${reason}`);
      throw new InvalidTokenError(reason);
    }
    const claims = grant.access_token?.content;
    if (!claims) throw new InvalidTokenError('invalid token (missing)');
    let principal: Principal;
    try {
      principal = principalFromClaims(claims);
    } catch (error) {
      throw new InvalidTokenError(error instanceof Error ? error.message : String(error));
    }
    const exp = (claims as { exp?: number }).exp;
    if (typeof exp === 'number') {
      if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.delete(this.verified.keys().next().value as string);
      this.verified.set(token, { principal, expiresAtMs: exp * 1000 });
    }
    return principal;
  }
}

/** keycloak-connect reads a garbage token as an empty, "expired" one; say what is really wrong. */
function isWellFormedJwt(token: string): boolean {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p))) return false;
  try {
    JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    const payload: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return typeof payload === 'object' && payload !== null;
  } catch {
    return false;
  }
}
