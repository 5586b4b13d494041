import { createHash, randomBytes } from 'node:crypto';
import { DevIdentityProvider } from './dev-identity-provider';
import type { RealmUser } from './realm-users';

const anna: RealmUser = {
  id: 'user-111',
  username: 'hd.user.north',
  firstName: 'Anna',
  lastName: 'Volkova',
  email: 'anna@switchboard.example',
  password: 'demo',
  realmRoles: ['HelpDeskUser'],
  groups: ['/departments/first-line-north'],
};
const issuer = 'http://127.0.0.1:3000/dev-idp/realms/switchboard';
const redirectUri = 'http://127.0.0.1:3000/console/auth/callback';
const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString()) as Record<string, unknown>;

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

describe('development IdP: authorization code with PKCE and refresh tokens', () => {
  const idp = new DevIdentityProvider(issuer, [anna]);
  const now = 1_800_000_000;
  const login = (challenge: string, nonce = 'n-1') =>
    idp.issueCode(
      { userId: anna.id, clientId: 'switchboard-console', redirectUri, codeChallenge: challenge, scope: 'openid profile', nonce, authTime: now },
      now,
    );

  it('exchanges a code for access, ID and refresh tokens when the verifier matches the challenge', () => {
    const { verifier, challenge } = pkce();
    const tokens = idp.authorizationCodeGrant({ code: login(challenge), clientId: 'switchboard-console', redirectUri, codeVerifier: verifier }, now + 5);
    if (typeof tokens === 'string') throw new Error(tokens);
    expect(claims(tokens.access_token)).toMatchObject({
      iss: issuer,
      sub: anna.id,
      azp: 'switchboard-console',
      realm_access: { roles: ['HelpDeskUser'] },
      groups: ['/departments/first-line-north'],
      preferred_username: 'hd.user.north',
    });
    expect(claims(tokens.id_token ?? '')).toMatchObject({ iss: issuer, aud: 'switchboard-console', sub: anna.id, nonce: 'n-1', auth_time: now });
    expect(tokens.refresh_token).toEqual(expect.any(String));
    expect(tokens.refresh_expires_in).toBe(129_600 - 5);
  });

  it('refuses a verifier that does not match the challenge', () => {
    const { challenge } = pkce();
    expect(idp.authorizationCodeGrant({ code: login(challenge), clientId: 'switchboard-console', redirectUri, codeVerifier: pkce().verifier }, now)).toBe(
      'pkce_mismatch',
    );
  });

  it('refuses a code redeemed twice, by another client, for another redirect URI, or after a minute', () => {
    const { verifier, challenge } = pkce();
    const code = login(challenge);
    expect(typeof idp.authorizationCodeGrant({ code, clientId: 'switchboard-console', redirectUri, codeVerifier: verifier }, now)).toBe('object');
    expect(idp.authorizationCodeGrant({ code, clientId: 'switchboard-console', redirectUri, codeVerifier: verifier }, now)).toBe('invalid_code');
    expect(idp.authorizationCodeGrant({ code: login(challenge), clientId: 'another-client', redirectUri, codeVerifier: verifier }, now)).toBe(
      'client_mismatch',
    );
    expect(
      idp.authorizationCodeGrant(
        { code: login(challenge), clientId: 'switchboard-console', redirectUri: 'http://127.0.0.1:3000/elsewhere', codeVerifier: verifier },
        now,
      ),
    ).toBe('redirect_uri_mismatch');
    expect(idp.authorizationCodeGrant({ code: login(challenge), clientId: 'switchboard-console', redirectUri, codeVerifier: verifier }, now + 61)).toBe(
      'invalid_code',
    );
  });

  it('refreshes tokens for the same client until the session ends, and not after logout', () => {
    const { verifier, challenge } = pkce();
    const first = idp.authorizationCodeGrant({ code: login(challenge), clientId: 'switchboard-console', redirectUri, codeVerifier: verifier }, now);
    if (typeof first === 'string') throw new Error(first);
    const refreshed = idp.refreshTokenGrant(first.refresh_token ?? '', 'switchboard-console', now + 3_000);
    if (typeof refreshed === 'string') throw new Error(refreshed);
    expect(claims(refreshed.access_token)).toMatchObject({ sub: anna.id, iat: now + 3_000, exp: now + 3_000 + 3_600 });
    expect(refreshed.refresh_expires_in).toBe(129_600 - 3_000);
    expect(idp.refreshTokenGrant(first.refresh_token ?? '', 'another-client', now + 10)).toBe('invalid_refresh_token');
    expect(idp.refreshTokenGrant(refreshed.refresh_token ?? '', 'switchboard-console', now + 129_601)).toBe('invalid_refresh_token');
    idp.revoke(refreshed.refresh_token ?? '');
    expect(idp.refreshTokenGrant(refreshed.refresh_token ?? '', 'switchboard-console', now + 10)).toBe('invalid_refresh_token');
  });

  it('keeps the password grant for tools and tests', () => {
    expect(idp.passwordGrant('hd.user.north', 'demo', 'switchboard-console', now)?.access_token).toEqual(expect.any(String));
    expect(idp.passwordGrant('hd.user.north', 'wrong', 'switchboard-console', now)).toBeUndefined();
  });
});

describe('development IdP: self-registration', () => {
  const form = { username: 'Olga.Resident', email: 'olga@residents.example', password: 'long enough', firstName: 'Olga', lastName: 'Orlova' };

  it('creates an account without roles that signs in at once, its email verified', () => {
    const idp = new DevIdentityProvider(issuer, [anna]);
    const user = idp.register(form);
    expect(user).toMatchObject({ username: 'olga.resident', realmRoles: [], groups: [] });
    const token = idp.passwordGrant('olga@residents.example', 'long enough', 'switchboard-console', 1_800_000_000);
    expect(claims(token?.access_token ?? '')).toMatchObject({
      sub: (user as RealmUser).id,
      preferred_username: 'olga.resident',
      email_verified: true,
      realm_access: { roles: [] },
    });
  });

  it('refuses a taken username or email, a short password, a bad email', () => {
    const idp = new DevIdentityProvider(issuer, [anna]);
    expect(idp.register({ ...form, username: 'hd.user.north' })).toBe('This username is taken.');
    expect(idp.register({ ...form, email: 'ANNA@switchboard.example' })).toMatch(/exists/);
    expect(idp.register({ ...form, password: 'short' })).toMatch(/at least 8/);
    expect(idp.register({ ...form, email: 'not-an-email' })).toMatch(/valid email/);
    expect(idp.usernames()).toEqual(['hd.user.north']);
  });
});
