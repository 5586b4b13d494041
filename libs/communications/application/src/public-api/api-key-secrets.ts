import { createHash, createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** What a key may do on the public API (ADR 0025). */
export const apiKeyScopes = ['communications:write', 'communications:read', 'webhooks:manage'] as const;
export type ApiKeyScope = (typeof apiKeyScopes)[number];

/** scrypt's cost: N = 2^14, r = 8, p = 1 (OWASP's minimum), 32-byte hash, 16-byte salt per key. */
export const defaultScryptParameters = { N: 16_384, r: 8, p: 1, keyLength: 32 } as const;
export type ScryptParameters = { readonly N: number; readonly r: number; readonly p: number; readonly keyLength: number };

const ID = /^sbk_[0-9a-f]{16}$/;
const SECRET = /^[A-Za-z0-9_-]{20,200}$/;

export const newApiKeyId = (): string => `sbk_${randomBytes(8).toString('hex')}`;
/** 32 random bytes: guessing is hopeless, so a fast-enough hash suffices — scrypt is there for a leaked table. */
export const newApiKeySecret = (): string => randomBytes(32).toString('base64url');
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

function derive(secret: string, salt: Buffer, p: ScryptParameters): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(secret, salt, p.keyLength, { N: p.N, r: p.r, p: p.p, maxmem: 128 * p.N * p.r * 2 }, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** `scrypt$N$r$p$<salt b64url>$<hash b64url>`: the parameters travel with the hash, so they can grow without breaking old keys. */
export async function hashApiKeySecret(secret: string, parameters: ScryptParameters = defaultScryptParameters): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(secret, salt, parameters);
  return ['scrypt', parameters.N, parameters.r, parameters.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/** Constant-time comparison of the derived hash; a malformed stored hash never matches. */
export async function verifyApiKeySecret(secret: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4], 'base64url');
  const expected = Buffer.from(parts[5], 'base64url');
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0) || expected.length === 0) return false;
  // Parameters scrypt refuses (N not a power of two, too much memory) make a hash that never matches.
  const actual = await derive(secret, salt, { N, r, p, keyLength: expected.length }).catch(() => undefined);
  return actual !== undefined && timingSafeEqual(actual, expected);
}

export interface ApiKeyCredentials {
  readonly keyId: string;
  readonly secret: string;
}

/** `Authorization: ApiKey <id>:<secret>`; anything else is no credentials (401). */
export function apiKeyCredentialsFrom(authorization: string | undefined): ApiKeyCredentials | undefined {
  const match = typeof authorization === 'string' ? /^ApiKey\s+([^:\s]+):(\S+)$/i.exec(authorization.trim()) : null;
  if (!match || !ID.test(match[1]) || !SECRET.test(match[2])) return undefined;
  return { keyId: match[1], secret: match[2] };
}

/** A fingerprint of a presented secret, for the verified-secret cache (never the secret itself in memory longer than a request). */
export const secretFingerprint = (secret: string): string => createHash('sha256').update(secret).digest('base64url');

/**
 * The webhook signature: HMAC-SHA256 over `<timestamp>.<raw body>` with the webhook's secret, sent
 * as `X-Switchboard-Signature: t=<unix seconds>,v1=<hex>`; the timestamp in the signed text lets a
 * receiver refuse replays older than its tolerance.
 */
export function signWebhookPayload(secret: string, rawBody: string, timestamp: number): string {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
  return `t=${timestamp},v1=${v1}`;
}

/** What a receiver does: recompute and compare in constant time, within `toleranceSeconds` of now. */
export function verifyWebhookSignature(secret: string, rawBody: string, header: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const parts = Object.fromEntries(header.split(',').map((kv) => kv.trim().split('=', 2) as [string, string]));
  const timestamp = Number(parts.t);
  if (!Number.isInteger(timestamp) || typeof parts.v1 !== 'string' || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhookPayload(secret, rawBody, timestamp).split('v1=')[1], 'hex');
  const actual = Buffer.from(parts.v1, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
