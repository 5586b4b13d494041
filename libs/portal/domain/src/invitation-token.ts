import { createHmac, timingSafeEqual } from 'node:crypto';

/** What an invitation token says: which invitation (single use is kept by its id), for which client, until when. */
export interface InvitationClaims {
  readonly invitationId: string;
  readonly clientId: string;
  /** Seconds since the epoch. */
  readonly expiresAt: number;
}

export type InvitationTokenFailure = 'malformed' | 'bad-signature' | 'expired';

export type VerifiedInvitation = { readonly ok: true; readonly claims: InvitationClaims } | { readonly ok: false; readonly failure: InvitationTokenFailure };

/** Invitations are valid for a week unless the operator says otherwise. */
export const INVITATION_LIFETIME_SECONDS = 7 * 86_400;

const VERSION = 'v1';

const mac = (payload: string, secret: string): Buffer => createHmac('sha256', secret).update(`${VERSION}.${payload}`).digest();

/**
 * `v1.<payload>.<mac>`: the payload is base64url JSON, the MAC an HMAC-SHA256 under the portal's
 * secret. The token carries no secret of its own; that it is used once is the ledger's business
 * (the invitation id is consumed when an account is linked).
 */
export function signInvitation(claims: InvitationClaims, secret: string): string {
  const payload = Buffer.from(JSON.stringify({ i: claims.invitationId, c: claims.clientId, e: claims.expiresAt }), 'utf8').toString('base64url');
  return `${VERSION}.${payload}.${mac(payload, secret).toString('base64url')}`;
}

export function verifyInvitation(token: string, secret: string, nowSeconds: number): VerifiedInvitation {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== VERSION || !/^[A-Za-z0-9_-]+$/.test(parts[1]) || !/^[A-Za-z0-9_-]+$/.test(parts[2])) {
    return { ok: false, failure: 'malformed' };
  }
  const [, payload, signature] = parts;
  const expected = mac(payload, secret);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, failure: 'bad-signature' };
  let decoded: { i?: unknown; c?: unknown; e?: unknown };
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof decoded;
  } catch {
    return { ok: false, failure: 'malformed' };
  }
  if (typeof decoded.i !== 'string' || typeof decoded.c !== 'string' || typeof decoded.e !== 'number') return { ok: false, failure: 'malformed' };
  if (nowSeconds >= decoded.e) return { ok: false, failure: 'expired' };
  return { ok: true, claims: { invitationId: decoded.i, clientId: decoded.c, expiresAt: decoded.e } };
}
