import { Inject, Injectable } from '@nestjs/common';
import { API_KEY_STORE } from './api-keys.port';
import type { ApiKey, ApiKeyStore, StoredApiKey } from './api-keys.port';
import { hashApiKeySecret, newApiKeyId, newApiKeySecret, secretFingerprint, verifyApiKeySecret } from './api-key-secrets';
import type { ApiKeyCredentials, ApiKeyScope } from './api-key-secrets';

export class ApiKeyNotFoundError extends Error {
  constructor(readonly keyId: string) {
    super(`No API key ${keyId}.`);
    this.name = 'ApiKeyNotFoundError';
  }
}

export interface ApiKeyDraft {
  readonly name: string;
  readonly scopes: readonly ApiKeyScope[];
  readonly departments: readonly string[];
  readonly rateLimitPerMinute: number;
}

export type RateVerdict = { readonly allowed: true; readonly remaining: number } | { readonly allowed: false; readonly retryAfterSeconds: number };

const strip = ({ secretHash: _secret, previousSecretHash: _previous, ...key }: StoredApiKey): ApiKey => key;
// A verified (key, stored hash, presented secret) is remembered briefly: scrypt costs ~50 ms of CPU
// per check, too much for every request. The row is still read each time, so a revocation or a
// rotation (a new stored hash) takes effect at once.
const VERIFIED_TTL_MS = 60_000;
const VERIFIED_MAX = 10_000;

/** API keys of the public API (ADR 0025): issued and rotated with a secret shown once, revoked, checked, rate-limited. */
@Injectable()
export class ApiKeys {
  private readonly verified = new Map<string, number>();

  constructor(@Inject(API_KEY_STORE) private readonly store: ApiKeyStore) {}

  list(): Promise<ApiKey[]> {
    return this.store.list();
  }

  async find(id: string): Promise<ApiKey> {
    const key = await this.store.find(id);
    if (!key) throw new ApiKeyNotFoundError(id);
    return strip(key);
  }

  /** The secret is in the answer and nowhere else: only its scrypt hash is stored. */
  async issue(draft: ApiKeyDraft, by: string, now = new Date()): Promise<{ key: ApiKey; secret: string }> {
    const secret = newApiKeySecret();
    const key: StoredApiKey = {
      id: newApiKeyId(),
      ...draft,
      scopes: [...new Set(draft.scopes)],
      departments: [...new Set(draft.departments)],
      status: 'active',
      createdBy: by,
      createdAt: now.toISOString(),
      secretHash: await hashApiKeySecret(secret),
    };
    await this.store.insert(key);
    return { key: strip(key), secret };
  }

  /** A new secret; the old one keeps working for `graceSeconds` (0: refused at once). */
  async rotate(id: string, graceSeconds: number, now = new Date()): Promise<{ key: ApiKey; secret: string }> {
    const secret = newApiKeySecret();
    const until = graceSeconds > 0 ? new Date(now.getTime() + graceSeconds * 1000) : undefined;
    if (!(await this.store.rotate(id, await hashApiKeySecret(secret), now, until))) throw new ApiKeyNotFoundError(id);
    return { key: await this.find(id), secret };
  }

  async revoke(id: string, by: string, now = new Date()): Promise<ApiKey> {
    if (!(await this.store.revoke(id, by, now))) throw new ApiKeyNotFoundError(id);
    return this.find(id);
  }

  /** The active key these credentials prove, or nothing (unknown, revoked, wrong or expired secret). */
  async authenticate(credentials: ApiKeyCredentials, now = new Date()): Promise<ApiKey | undefined> {
    const key = await this.store.find(credentials.keyId);
    if (!key || key.status !== 'active') return undefined;
    if (await this.matches(key.id, key.secretHash, credentials.secret, now)) return strip(key);
    const graceOpen = key.previousSecretHash && key.previousSecretValidUntil && Date.parse(key.previousSecretValidUntil) > now.getTime();
    if (graceOpen && (await this.matches(key.id, key.previousSecretHash as string, credentials.secret, now))) return strip(key);
    return undefined;
  }

  /** Counts the request against the key's per-minute limit (exact: one atomic counter per window). */
  async admit(key: ApiKey, now = new Date()): Promise<RateVerdict> {
    const window = await this.store.countRequest(key.id, now);
    if (window.count <= key.rateLimitPerMinute) return { allowed: true, remaining: key.rateLimitPerMinute - window.count };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.windowEndsAt.getTime() - now.getTime()) / 1000)) };
  }

  private async matches(keyId: string, stored: string, secret: string, now: Date): Promise<boolean> {
    const cacheKey = `${keyId}\n${stored}\n${secretFingerprint(secret)}`;
    const until = this.verified.get(cacheKey);
    if (until !== undefined && until > now.getTime()) return true;
    if (!(await verifyApiKeySecret(secret, stored))) return false;
    if (this.verified.size >= VERIFIED_MAX) this.verified.clear();
    this.verified.set(cacheKey, now.getTime() + VERIFIED_TTL_MS);
    return true;
  }
}
