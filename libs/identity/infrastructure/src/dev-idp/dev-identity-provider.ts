import { createSign, generateKeyPairSync, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { JsonWebKey, KeyObject } from 'node:crypto';
import { AuthorizationCodes } from './authorization-codes';
import type { PendingAuthorization, RedeemFailure } from './authorization-codes';
import type { RealmUser } from './realm-users';

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
  id_token?: string;
  refresh_token?: string;
  refresh_expires_in?: number;
}

/** The realm's lifespans (deploy/keycloak): access tokens an hour, refresh tokens the 1.5-day SSO session. */
const ACCESS_TOKEN_SECONDS = 3600;
const REFRESH_TOKEN_SECONDS = 129_600;
const DEFAULT_SCOPE = 'openid profile email';

interface RefreshGrant {
  readonly userId: string;
  readonly clientId: string;
  readonly scope: string;
  readonly authTime: number;
  readonly expiresAt: number;
}

/**
 * A development stand-in for Keycloak: it signs RS256 access tokens shaped exactly like the
 * realm's (realm_access.roles, groups, sub, preferred_username, email) and publishes its key as a
 * JWKS, so the API verifies them through the same keycloak-connect path as real Keycloak tokens.
 * It speaks the console's flow too: authorization code with PKCE (S256), ID tokens, refresh tokens.
 * Keys, codes and refresh tokens live in memory: they die with the process.
 */
export class DevIdentityProvider {
  private readonly privateKey: KeyObject;
  private readonly publicJwk: JsonWebKey;
  private readonly codes = new AuthorizationCodes();
  private readonly refreshGrants = new Map<string, RefreshGrant>();
  readonly keyId = randomUUID();

  private readonly users: RealmUser[];

  constructor(
    /** Realm URL the tokens name as issuer (`<base>/realms/<realm>`). */
    readonly issuer: string,
    users: readonly RealmUser[],
  ) {
    this.users = [...users];
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

  /** The user with these credentials (username or email), or undefined. */
  authenticate(username: string, password: string): RealmUser | undefined {
    const user = this.users.find((u) => u.username === username || u.email === username);
    return user && sameSecret(user.password, password) ? user : undefined;
  }

  /**
   * Self-registration, as the realm allows it (ADR 0030): a new account without roles — a resident
   * who links themself in the portal. Kept in memory (it dies with the process, like every session
   * here); its email counts as verified, since this IdP sends no mail. A string says what is wrong.
   */
  register(form: { username: string; email: string; password: string; firstName: string; lastName: string }): RealmUser | string {
    const username = form.username.trim().toLowerCase();
    const email = form.email.trim().toLowerCase();
    if (!/^[a-z0-9][a-z0-9._-]{2,49}$/.test(username)) return 'Choose a username of 3 to 50 letters, digits, dots, dashes or underscores.';
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return 'Enter a valid email address.';
    if (form.password.length < 8) return 'Choose a password of at least 8 characters.';
    if (this.users.some((u) => u.username === username)) return 'This username is taken.';
    if (this.users.some((u) => u.email.toLowerCase() === email)) return 'An account with this email exists: sign in instead.';
    const user: RealmUser = {
      id: randomUUID(),
      username,
      email,
      password: form.password,
      firstName: form.firstName.trim(),
      lastName: form.lastName.trim(),
      realmRoles: [],
      groups: [],
    };
    this.users.push(user);
    return user;
  }

  /** Resource-owner password grant, as Keycloak's direct grant; undefined when the credentials are wrong. */
  passwordGrant(username: string, password: string, clientId: string, nowSeconds: number): TokenResponse | undefined {
    const user = this.authenticate(username, password);
    if (!user) return undefined;
    return {
      access_token: this.accessToken(user, clientId, DEFAULT_SCOPE, nowSeconds),
      token_type: 'Bearer',
      expires_in: ACCESS_TOKEN_SECONDS,
      scope: DEFAULT_SCOPE,
    };
  }

  /** After a successful login: the authorization code the browser carries back to the client. */
  issueCode(authorization: PendingAuthorization, nowSeconds: number): string {
    return this.codes.issue(authorization, nowSeconds);
  }

  /** The code grant: the code, its client and redirect URI, and the PKCE verifier must all match. */
  authorizationCodeGrant(
    given: { code: string; clientId: string; redirectUri: string; codeVerifier: string },
    nowSeconds: number,
  ): TokenResponse | RedeemFailure {
    const pending = this.codes.redeem(given.code, given, nowSeconds);
    if (typeof pending === 'string') return pending;
    const user = this.users.find((u) => u.id === pending.userId);
    if (!user) return 'invalid_code';
    return this.session(user, pending.clientId, pending.scope, pending.authTime, nowSeconds, pending.nonce);
  }

  /** The refresh grant: new tokens for the same user and client while the session lasts. */
  refreshTokenGrant(refreshToken: string, clientId: string, nowSeconds: number): TokenResponse | 'invalid_refresh_token' {
    const grant = this.refreshGrants.get(refreshToken);
    if (!grant || grant.expiresAt < nowSeconds || grant.clientId !== clientId) return 'invalid_refresh_token';
    const user = this.users.find((u) => u.id === grant.userId);
    if (!user) return 'invalid_refresh_token';
    return this.session(user, clientId, grant.scope, grant.authTime, nowSeconds);
  }

  /** Ends the session of a refresh token (logout). */
  revoke(refreshToken: string): void {
    this.refreshGrants.delete(refreshToken);
  }

  private session(user: RealmUser, clientId: string, scope: string, authTime: number, nowSeconds: number, nonce?: string): TokenResponse {
    for (const [token, grant] of this.refreshGrants) if (grant.expiresAt < nowSeconds) this.refreshGrants.delete(token);
    const refreshToken = randomBytes(32).toString('base64url');
    // The refresh token lives as long as the SSO session that the login started, like Keycloak's.
    const sessionEnds = authTime + REFRESH_TOKEN_SECONDS;
    this.refreshGrants.set(refreshToken, { userId: user.id, clientId, scope, authTime, expiresAt: sessionEnds });
    return {
      access_token: this.accessToken(user, clientId, scope, nowSeconds),
      token_type: 'Bearer',
      expires_in: ACCESS_TOKEN_SECONDS,
      scope,
      id_token: this.sign({
        exp: nowSeconds + ACCESS_TOKEN_SECONDS,
        iat: nowSeconds,
        auth_time: authTime,
        jti: randomUUID(),
        iss: this.issuer,
        aud: clientId,
        sub: user.id,
        typ: 'ID',
        azp: clientId,
        ...(nonce ? { nonce } : {}),
        ...this.profileClaims(user),
      }),
      refresh_token: refreshToken,
      refresh_expires_in: Math.max(0, sessionEnds - nowSeconds),
    };
  }

  private accessToken(user: RealmUser, clientId: string, scope: string, nowSeconds: number): string {
    return this.sign({
      exp: nowSeconds + ACCESS_TOKEN_SECONDS,
      iat: nowSeconds,
      jti: randomUUID(),
      iss: this.issuer,
      aud: 'account',
      sub: user.id,
      typ: 'Bearer',
      azp: clientId,
      realm_access: { roles: [...user.realmRoles] },
      scope,
      ...this.profileClaims(user),
    });
  }

  private profileClaims(user: RealmUser): object {
    return {
      groups: [...user.groups],
      preferred_username: user.username,
      email: user.email,
      email_verified: true,
      name: `${user.firstName} ${user.lastName}`.trim(),
      given_name: user.firstName,
      family_name: user.lastName,
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
