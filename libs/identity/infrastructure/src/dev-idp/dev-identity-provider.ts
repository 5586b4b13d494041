import { createSign, generateKeyPairSync, randomUUID, timingSafeEqual } from 'node:crypto';
import type { JsonWebKey, KeyObject } from 'node:crypto';
import type { RealmUser } from './realm-users';

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

const ACCESS_TOKEN_SECONDS = 3600;

/**
 * A development stand-in for Keycloak: it signs RS256 access tokens shaped exactly like the
 * realm's (realm_access.roles, groups, sub, preferred_username, email) and publishes its key as a
 * JWKS, so the API verifies them through the same keycloak-connect path as real Keycloak tokens.
 * The key lives in memory: tokens die with the process.
 */
export class DevIdentityProvider {
  private readonly privateKey: KeyObject;
  private readonly publicJwk: JsonWebKey;
  readonly keyId = randomUUID();

  constructor(
    /** Realm URL the tokens name as issuer (`<base>/realms/<realm>`). */
    readonly issuer: string,
    private readonly users: readonly RealmUser[],
  ) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = privateKey;
    this.publicJwk = publicKey.export({ format: 'jwk' });
  }

  jwks(): { keys: object[] } {
    return { keys: [{ ...this.publicJwk, kid: this.keyId, use: 'sig', alg: 'RS256' }] };
  }

  usernames(): string[] {
    return this.users.map((u) => u.username);
  }

  /** Resource-owner password grant, as Keycloak's direct grant; undefined when the credentials are wrong. */
  passwordGrant(username: string, password: string, clientId: string, nowSeconds: number): TokenResponse | undefined {
    const user = this.users.find((u) => u.username === username || u.email === username);
    if (!user || !sameSecret(user.password, password)) return undefined;
    return {
      access_token: this.sign({
        exp: nowSeconds + ACCESS_TOKEN_SECONDS,
        iat: nowSeconds,
        jti: randomUUID(),
        iss: this.issuer,
        aud: 'account',
        sub: user.id,
        typ: 'Bearer',
        azp: clientId,
        realm_access: { roles: [...user.realmRoles] },
        groups: [...user.groups],
        preferred_username: user.username,
        email: user.email,
        email_verified: true,
        name: `${user.firstName} ${user.lastName}`.trim(),
        given_name: user.firstName,
        family_name: user.lastName,
        scope: 'openid profile email',
      }),
      token_type: 'Bearer',
      expires_in: ACCESS_TOKEN_SECONDS,
      scope: 'openid profile email',
    };
  }

  private sign(claims: object): string {
    const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: this.keyId }));
    const payload = base64url(JSON.stringify(claims));
    const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(this.privateKey);
    return `${header}.${payload}.${base64url(signature)}`;
  }
}

const base64url = (input: string | Buffer): string => Buffer.from(input).toString('base64url');

function sameSecret(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
