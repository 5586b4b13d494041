import { signInvitation, verifyInvitation } from './invitation-token';

describe('invitation tokens', () => {
  const secret = 'a-secret-of-the-portal-at-least-32-chars';
  const claims = { invitationId: 'inv-1', clientId: '7c1e0000-0000-4000-8000-000000000004', expiresAt: 2_000 };

  it('verifies what it signed, before it expires', () => {
    expect(verifyInvitation(signInvitation(claims, secret), secret, 1_999)).toEqual({ ok: true, claims });
  });

  it('refuses an expired token (the expiry second itself included)', () => {
    expect(verifyInvitation(signInvitation(claims, secret), secret, 2_000)).toEqual({ ok: false, failure: 'expired' });
  });

  it('refuses a token signed under another secret', () => {
    expect(verifyInvitation(signInvitation(claims, 'another-secret-of-32-characters-or-so'), secret, 1_000)).toEqual({ ok: false, failure: 'bad-signature' });
  });

  it('refuses a token whose payload was changed (another client)', () => {
    const [version, , mac] = signInvitation(claims, secret).split('.');
    const forged = Buffer.from(JSON.stringify({ i: 'inv-1', c: '7c1e0000-0000-4000-8000-000000000001', e: 2_000 })).toString('base64url');
    expect(verifyInvitation(`${version}.${forged}.${mac}`, secret, 1_000)).toEqual({ ok: false, failure: 'bad-signature' });
  });

  it.each(['', 'v1.abc', 'v2.abc.def', 'v1.a+b.c', 'not a token'])('refuses the malformed %p', (token) => {
    expect(verifyInvitation(token, secret, 1_000)).toEqual({ ok: false, failure: 'malformed' });
  });
});
