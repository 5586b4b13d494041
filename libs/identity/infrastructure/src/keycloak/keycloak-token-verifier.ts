import { Logger, ServiceUnavailableException } from '@nestjs/common';
import KeycloakConnect from 'keycloak-connect';
import { InvalidTokenError } from '@switchboard/identity';
import type { AccessTokenVerifier } from '@switchboard/identity';
import { principalFromClaims } from '@switchboard/identity/domain';
import type { KeycloakClaims, Principal } from '@switchboard/identity/domain';
import { IdentityProviderUnavailableError, RealmSigningKeys } from './realm-signing-keys';

export interface KeycloakVerifierOptions {
  /** Keycloak base URL (the dev IdP's `/dev-idp` base in development). */
  readonly url: string;
  readonly realm: string;
  readonly clientId: string;
  readonly clientSecret?: string;
  /** The realm's keys; default: fetched from its JWKS. */
  readonly keys?: RealmSigningKeys;
}

interface VerifiedGrant {
  access_token?: { content: KeycloakClaims };
}

type GrantManager = { createGrant(raw: object): Promise<VerifiedGrant> };

const VERIFIED_CACHE_SIZE = 10_000;

// What keycloak-connect says about a token that we pass on; anything else is "invalid token".
const TELLING_REASONS = ['expired', 'signature', 'wrong ISS', 'wrong type', 'not signed', 'stale token', 'wrong audience'];

/** Header parameters that name or carry a key of the token's own choosing: never trusted, never fetched. */
const KEY_BEARING_HEADERS = ['jku', 'jwk', 'x5u', 'x5c'];

/**
 * Bearer-only verification through keycloak-connect (expiry, token type, issuer realm, RS256
 * signature) against the realm key the token's header names: the header is checked first (RS256,
 * a key id, no key of its own), the key comes from the realm's JWKS (RealmSigningKeys, which keeps
 * known keys through an outage). A token we cannot verify answers 401 with a generic reason; 503
 * only when the realm's keys cannot be fetched for a key we have never seen. Used for real
 * Keycloak and the development IdP alike.
 */

export class KeycloakTokenVerifier implements AccessTokenVerifier {
  private readonly logger = new Logger('identity');
  private readonly keys: RealmSigningKeys;
  /** One keycloak-connect grant manager per realm key, configured with that key. */
  private readonly grantManagers = new Map<string, GrantManager>();
  /**
   * Tokens already verified, until they expire: an operator's console sends the same token with
   * every call, and checking its RS256 signature each time is most of the cost of a cheap query.
   */
  private readonly verified = new Map<string, { principal: Principal; expiresAtMs: number }>();

  private readonly realmUrl: string;

  constructor(private readonly options: KeycloakVerifierOptions) {
    this.realmUrl = `${options.url.replace(/\/+$/, '')}/realms/${encodeURIComponent(options.realm)}`;
    this.keys = options.keys ?? new RealmSigningKeys({ realmUrl: this.realmUrl });
  }

  private grantManagerFor(kid: string, pem: string): GrantManager {
    let manager = this.grantManagers.get(kid);
    if (!manager) {
      const keycloak = new KeycloakConnect({}, {
        realm: this.options.realm,
        'auth-server-url': this.options.url,
        resource: this.options.clientId,
        'bearer-only': true,
        'ssl-required': 'external',
        'confidential-port': 0,
        // The realm key as keycloak-connect takes it: base64 DER, without the PEM armour.
        'realm-public-key': pem.replace(/-----[A-Z ]+-----|\s/g, ''),
        credentials: this.options.clientSecret ? { secret: this.options.clientSecret } : {},
      } as unknown as KeycloakConnect.KeycloakConfig);
      manager = (keycloak as unknown as { grantManager: GrantManager }).grantManager;
      this.grantManagers.set(kid, manager);
    }
    return manager;
  }

  async verify(token: string): Promise<Principal> {
    const known = this.verified.get(token);
    if (known && known.expiresAtMs > Date.now()) return known.principal;
    if (known) this.verified.delete(token);
    return this.verifyAtIdentityProvider(token);
  }

  private async verifyAtIdentityProvider(token: string): Promise<Principal> {
    const parts = partsOf(token);
    if (!parts) throw new InvalidTokenError('invalid token (malformed)');
    const { header, payload } = parts;
    // Cheap claims first: a token of another realm or past its time never costs a key lookup.
    if (payload.iss !== this.realmUrl) throw new InvalidTokenError('invalid token (wrong ISS)');
    if (typeof payload.exp === 'number' && payload.exp * 1000 < Date.now()) throw new InvalidTokenError('invalid token (expired)');
    if (header.alg !== 'RS256') throw new InvalidTokenError('invalid token (algorithm)');
    if (KEY_BEARING_HEADERS.some((name) => name in header)) throw new InvalidTokenError('invalid token (header)');
    if (typeof header.kid !== 'string' || header.kid === '') throw new InvalidTokenError('invalid token (no key id)');
    let pem: string | undefined;
    try {
      pem = await this.keys.publicKey(header.kid);
    } catch (error) {
      if (!(error instanceof IdentityProviderUnavailableError)) throw error;
      this.logger.warn(`cannot verify a token signed with key ${header.kid}: ${error.message}`);
      throw new ServiceUnavailableException('Identity provider unreachable: the realm’s signing keys cannot be fetched; try again shortly.');
    }
    if (!pem) throw new InvalidTokenError('invalid token (unknown signing key)');
    let grant: VerifiedGrant;
    try {
      grant = await this.grantManagerFor(header.kid, pem).createGrant({ access_token: token });
    } catch (error) {
      const reason = error instanceof Error ? error.message.replace(/^Grant validation failed\. Reason: /, '') : String(error);
      const telling = TELLING_REASONS.find((r) => reason.includes(`(${r})`));
      if (!telling) this.logger.debug(`token refused: ${reason}`);
      throw new InvalidTokenError(telling ? `invalid token (${telling})` : 'invalid token');
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

/**
 * The header and claims of a well-formed JWT (three base64url parts, JSON object header and
 * payload), else undefined: keycloak-connect reads a garbage token as an empty, "expired" one.
 */
function partsOf(token: string): { header: Record<string, unknown>; payload: Record<string, unknown> } | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p))) return undefined;
  try {
    const header: unknown = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    const payload: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
    return isObject(header) && isObject(payload) ? { header, payload } : undefined;
  } catch {
    return undefined;
  }
}
