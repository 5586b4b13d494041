import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The public survey page's token: `<communication id, 32 hex>.<expiry, Unix seconds>.<HMAC-SHA256,
 * base64url>` signed with the configured secret. It names one survey communication; single use
 * is the survey's own: a completed survey takes no more answers. Nothing is stored for it.
 */
export function signSurveyToken(communicationId: string, expiresAt: Date, secret: string): string {
  const payload = `${communicationId.replace(/-/g, '').toLowerCase()}.${Math.floor(expiresAt.getTime() / 1000)}`;
  return `${payload}.${mac(payload, secret)}`;
}

export type SurveyTokenCheck =
  | { readonly valid: true; readonly communicationId: string; readonly expiresAt: Date }
  | { readonly valid: false; readonly reason: 'malformed' | 'bad-signature' | 'expired' };

export function verifySurveyToken(token: string, secret: string, now = new Date()): SurveyTokenCheck {
  const match = /^([0-9a-f]{32})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return { valid: false, reason: 'malformed' };
  const [, hex, expiry, signature] = match as unknown as [string, string, string, string];
  const expected = Buffer.from(mac(`${hex}.${expiry}`, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { valid: false, reason: 'bad-signature' };
  const expiresAt = new Date(Number(expiry) * 1000);
  if (expiresAt.getTime() <= now.getTime()) return { valid: false, reason: 'expired' };
  const communicationId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { valid: true, communicationId, expiresAt };
}

const mac = (payload: string, secret: string): string => createHmac('sha256', secret).update(payload).digest('base64url');
